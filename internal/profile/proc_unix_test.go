//go:build unix

package profile_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// TestBenchKillsTestBinary checks that a benchmark stopped by the run's
// end (a time limit, or the caller's cancellation) stops: the test binary
// go test started goes with the go command. It once ran on for minutes,
// holding the caller's file lock, because testing's -timeout alarm is off
// while benchmarks run.
func TestBenchKillsTestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	pidFile := filepath.Join(t.TempDir(), "pid")
	dir := tree.Write(t, map[string]string{
		"go.mod": "module example.com/s\n\ngo 1.26\n",
		"s/s_test.go": `package s

import (
	"os"
	"strconv"
	"testing"
)

func BenchmarkSpins(b *testing.B) {
	os.WriteFile(` + strconv.Quote(pidFile) + `, []byte(strconv.Itoa(os.Getpid())), 0o644)
	for {
	}
}
`,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var pid int
	go func() {
		for range 600 { // a minute at most: the binary is built first
			if data, err := os.ReadFile(pidFile); err == nil && len(data) > 0 {
				pid, _ = strconv.Atoi(string(data))
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		cancel()
	}()
	run, err := profile.Bench(ctx, []string{"./..."}, profile.BenchOptions{Dir: dir, CacheDir: t.TempDir(), BenchTime: "1x"})
	if err != nil {
		t.Fatal(err)
	}
	if r := results(run)["example.com/s/s"]; r.Err == nil {
		t.Errorf("%+v, want the run cut short", r)
	}
	if pid == 0 {
		t.Fatal("the benchmark never started")
	}
	deadline := time.Now().Add(5 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the test binary (pid %d) still runs after Bench returned", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// alive reports whether process pid runs: it exists and is not a zombie
// (an orphan's parent in a container may never reap it).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: kill's answer stands
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}
