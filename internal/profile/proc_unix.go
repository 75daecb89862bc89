//go:build unix

package profile

import (
	"os/exec"
	"syscall"
)

// ownGroup makes cmd the leader of a process group of its own, and its
// cancellation kill the whole group. go test runs the test binary as a
// child, and a benchmark that outlives -hot.benchlimit keeps running when
// only the go command is killed: testing's -timeout alarm is off while
// benchmarks run, so nothing else stops it, and it holds what it
// inherited (the caller's locks, the output pipe) for as long as it runs.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
