package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The runtime's word on leaks and contention (issue #27): real programs,
// a goroutine leak profile from a build with
// GOEXPERIMENT=goroutineleakprofile, a mutex profile from one that
// contends, and what perfvet says with each as -hot.profile.

// leakProgram leaks 20 goroutines in firstError (a leakysend finding) and
// 10 in watch, a receive no rule follows. docs/leaks.md shows it.
const leakProgram = `// Command leak leaks goroutines two ways and writes the runtime's
// goroutine leak profile (GOEXPERIMENT=goroutineleakprofile).
package main

import (
	"errors"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// firstError starts one goroutine per item and takes the first answer:
// the others block forever on the unbuffered send.
func firstError(items []string) error {
	errc := make(chan error)
	for _, it := range items {
		go func() {
			if it == "" {
				errc <- errors.New("empty item")
				return
			}
			errc <- nil
		}()
	}
	return <-errc
}

// watch waits for a stop signal that never comes when the caller forgets
// to close stop: a receive, which no perfvet rule follows.
func watch(stop chan struct{}) {
	go func() {
		<-stop
	}()
}

func main() {
	for range 10 {
		firstError([]string{"a", "", "c"})
		watch(make(chan struct{}))
	}
	runtime.GC()
	time.Sleep(10 * time.Millisecond)
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("goroutineleak").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}
`

// contendProgram counts under one mutex from 8 goroutines (a mutexcount
// finding) and writes the mutex profile.
const contendProgram = `// Command contend counts requests from many goroutines under one mutex
// and writes the runtime's mutex profile.
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
)

type stats struct {
	mu       sync.Mutex
	requests int64
}

func (s *stats) hit() {
	s.mu.Lock()
	s.requests++
	s.mu.Unlock()
}

func main() {
	runtime.SetMutexProfileFraction(1)
	var s stats
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200000 {
				s.hit()
			}
		})
	}
	wg.Wait()
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("mutex").WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
	println(s.requests)
}
`

// runProgram runs the program in dir (writeProgram) with args, the
// profiles it writes there.
func runProgram(t *testing.T, dir string, args ...string) {
	t.Helper()
	if _, stderr, code := run(t, dir, "go", append([]string{"run", "."}, args...)...); code != 0 {
		t.Fatalf("profiling the test program: exit %d\n%s", code, stderr)
	}
}

// writeProgram writes program as the main package of module in a new
// directory, and returns the directory.
func writeProgram(t *testing.T, module, program string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{"go.mod": "module " + module + "\n\ngo 1.26\n", "main.go": program} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLeakProfile(t *testing.T) {
	dir := writeProgram(t, "example.com/leak", leakProgram)
	t.Setenv("GOEXPERIMENT", "goroutineleakprofile")
	if _, stderr, code := run(t, dir, "go", "run", ".", "leak.pprof"); code != 0 {
		t.Fatalf("running the leaking program: exit %d\n%s", code, stderr)
	}
	t.Setenv("GOEXPERIMENT", "")
	stdout, stderr, code := run(t, dir, perfvetBin, "-hot.profile=leak.pprof", "./...")
	confirmed := regexp.MustCompile(`(?m)^main\.go:18:3: the len\(items\) goroutines started in this loop each send on unbuffered errc, .*; confirmed: 20 goroutines leaked here \(goroutine leak profile\) \(leakysend\)$`)
	if code != 3 || !confirmed.MatchString(stdout) {
		t.Errorf("exit %d, want leakysend's finding confirmed by the 20 leaked goroutines\n%s%s", code, stdout, stderr)
	}
	missed := regexp.MustCompile(`(?m)^main\.go:33: 10 goroutines leaked in main\.watch\.func1 \(goroutine leak profile\); no perfvet rule found this leak$`)
	if !missed.MatchString(stderr) || strings.Count(stderr, "no perfvet rule found") != 1 {
		t.Errorf("want watch's 10 leaked goroutines listed once as missed\n%s", stderr)
	}
	// Without the profile: the finding, unconfirmed, and no list.
	stdout, stderr, _ = run(t, dir, perfvetBin, "./...")
	if strings.Contains(stdout, "confirmed") || strings.Contains(stderr, "no perfvet rule") {
		t.Errorf("without a profile:\n%s%s", stdout, stderr)
	}
}

func TestContentionProfile(t *testing.T) {
	dir := writeProgram(t, "example.com/contend", contendProgram)
	if _, stderr, code := run(t, dir, "go", "run", ".", "mutex.pprof"); code != 0 {
		t.Fatalf("running the contending program: exit %d\n%s", code, stderr)
	}
	// Without the profile, mutexcount's finding is in package main: cold.
	_, stderr, code := run(t, dir, perfvetBin, "./...")
	if code != 0 || !strings.Contains(stderr, "1 more in code that looks cold") {
		t.Fatalf("without a profile: exit %d, want the finding set aside\n%s", code, stderr)
	}
	// The mutex profile measures the lock: the finding is shown, with it.
	stdout, stderr, code := run(t, dir, perfvetBin, "-hot.profile=mutex.pprof", "./...")
	measured := regexp.MustCompile(`(?m)^main\.go:18:2: .*; measured: \d+ contentions?, [\d.]+ ?[mµn]?s waited on this lock \(mutex or block profile\).* \(mutexcount\)$`)
	if code != 3 || !measured.MatchString(stdout) {
		t.Errorf("exit %d, want mutexcount's finding shown with the contention measured\n%s%s", code, stdout, stderr)
	}
}
