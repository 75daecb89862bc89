package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hotProgram profiles itself with runtime/pprof for about a second, all of
// it in hotJoin; coldJoin runs only after the profile stops. Both have a
// concatloop finding, coldJoin's first in the file.
const hotProgram = `package main

import (
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

var parts = strings.Split(strings.Repeat("abcdefgh ", 300), " ")

func coldJoin(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	n := 0
	for start := time.Now(); time.Since(start) < time.Second; {
		n += len(hotJoin(parts))
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		panic(err)
	}
	println(n + len(coldJoin(parts)))
}

func hotJoin(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

var hotLine = regexp.MustCompile(`(?m)^(\S+\.go:\d+:\d+): .*; hot: ([\d.]+)% of CPU in hotJoin, ([\d.]+)% in this loop \(concatloop\)$`)

// TestHotProfile generates a real CPU profile and checks that the hot
// finding is ranked first under -sort=heat, that -hot.min drops the cold
// one, that go vet passes the flags on, and that the heat still matches
// after lines are inserted above the hot function.
func TestHotProfile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/hot\n\ngo 1.26\n")
	write("main.go", hotProgram)
	prof := filepath.Join(dir, "cpu.pprof")
	if _, stderr, code := run(t, dir, "go", "run", ".", prof); code != 0 {
		t.Fatalf("profiling the test program: exit %d\n%s", code, stderr)
	}

	// The profile decides what is cold: coldJoin, which never ran, is
	// set aside by default and counted; -cold lists it, marked.
	_, stderr, code := run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "./...")
	if got := findings(stderr); code != 3 || len(got) != 1 || got[0] != "main.go:42:3" || !strings.Contains(stderr, "\n1 more in code that looks cold") {
		t.Errorf("default: exit %d, want 3 with hotJoin's finding and coldJoin's counted\n%s", code, stderr)
	}
	_, stderr, code = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-cold", "-sort=heat", "./...")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 findings, got\n%s", stderr)
	}
	m := hotLine.FindStringSubmatch(lines[0])
	if len(m) < 4 || !strings.HasPrefix(m[1], "main.go:42:") {
		t.Fatalf("first finding is not hotJoin's with its heat:\n%s", stderr)
	}
	if !strings.Contains(lines[1], "main.go:15:3:") || !strings.HasSuffix(lines[1], "; cold: coldJoin never ran in the CPU profile (concatloop)") {
		t.Errorf("second finding is not coldJoin's, marked cold:\n%s", stderr)
	}
	cum, loop := m[2], m[3]
	t.Logf("hotJoin: %s%% of CPU, %s%% in its loop", cum, loop)

	_, stderr, _ = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-hot.min=1", "./...")
	if got := findings(stderr); len(got) != 1 || got[0] != "main.go:42:3" {
		t.Errorf("-hot.min=1 kept %v, want only hotJoin's finding\n%s", got, stderr)
	}

	// go vet runs the tool in each package's directory: the path must be absolute.
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-hot.profile="+prof, "-cold", "-hot.min=1", "./...")
	if code != 1 || !strings.Contains(stderr, "; hot: "+cum+"% of CPU in hotJoin, "+loop+"% in this loop") || strings.Contains(stderr, "coldJoin") {
		t.Errorf("go vet: exit %d, want 1 with hotJoin's heat only\n%s", code, stderr)
	}

	// Code added above hotJoin moves it down; its heat is measured from
	// its start line, so it still matches.
	write("main.go", strings.Replace(hotProgram, "func hotJoin", "// Five lines added\n// after the profile\n// was taken.\nvar _ = 1\n\nfunc hotJoin", 1))
	_, stderr, _ = run(t, dir, perfvetBin, "-hot.profile=cpu.pprof", "-sort=heat", "./...")
	m = hotLine.FindStringSubmatch(strings.SplitN(stderr, "\n", 2)[0])
	if len(m) < 4 || !strings.HasPrefix(m[1], "main.go:47:") || m[2] != cum || m[3] != loop {
		t.Errorf("after moving hotJoin down 5 lines, want its finding at line 47 with %s%% and %s%%, got\n%s", cum, loop, stderr)
	}
}

func TestBadProfile(t *testing.T) {
	dir := writeModule(t)
	bad := filepath.Join(dir, "bad.pprof")
	if err := os.WriteFile(bad, []byte("not a profile"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-hot.profile=" + bad, "./..."},
		{"-hot.profile=missing.pprof", "./..."},
		{"-hot.min=5", "./..."},
		{"-sort=size", "./..."},
	} {
		_, stderr, code := run(t, dir, perfvetBin, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
	// Under go vet the error names the profile, once per analysed
	// package (not for the dependencies go vet visits for facts).
	_, stderr, code := run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-hot.profile="+bad, "./...")
	if code == 0 || strings.Count(stderr, "not a pprof profile") != 2 {
		t.Errorf("go vet with a bad profile: exit %d, want an error for each of a and b\n%s", code, stderr)
	}
}
