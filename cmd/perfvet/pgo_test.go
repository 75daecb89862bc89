package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDefaultPGO checks profile first: with a default.pgo beside the main
// package and no flag, the standalone driver and go vet both rank by it
// (hotJoin's finding carries its CPU share, coldJoin's is set aside as
// never run); -hot.profile=off ranks by static heat, and the summary says
// there is no profile and how to get one.
func TestDefaultPGO(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/hot\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(hotProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, dir, "go", "run", ".", filepath.Join(dir, "default.pgo")); code != 0 {
		t.Fatalf("profiling the test program: exit %d\n%s", code, stderr)
	}

	stdout, stderr, code := run(t, dir, perfvetBin, "./...")
	if got := findings(stdout); code != 3 || len(got) != 1 || got[0] != "main.go:42:3" || !strings.Contains(stdout, "% of CPU in hotJoin") ||
		!strings.Contains(stderr, "1 more in code that looks cold (config, startup, CLI, debug, tests, 1 of them set aside by the profile)") {
		t.Errorf("standalone, no flag: exit %d, want hotJoin's finding ranked by default.pgo\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stderr, "ranked by static heat") {
		t.Errorf("standalone, no flag: says there is no profile\n%s", stderr)
	}

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "./...")
	if code != 1 || !strings.Contains(stderr, "% of CPU in hotJoin") || strings.Contains(stderr, "coldJoin") {
		t.Errorf("go vet, no flag: exit %d, want hotJoin's heat from default.pgo only\n%s", code, stderr)
	}

	stdout, stderr, _ = run(t, dir, perfvetBin, "-hot.profile=off", "-cold", "./...")
	if strings.Contains(stdout, "% of CPU") || !strings.Contains(stderr, "ranked by static heat: no CPU or allocation profile. Profile first: commit a default.pgo") || !strings.Contains(stderr, "-hot.bench") {
		t.Errorf("-hot.profile=off: want static heat and the no-profile line\n%s", stderr)
	}
	if n := strings.Count(stderr, "ranked by static heat"); n != 1 {
		t.Errorf("-hot.profile=off: the no-profile line %d times, want once\n%s", n, stderr)
	}
}

// TestProfileOfAnotherProgram: a profile whose samples are all in another
// module's code is ignored, loudly, naming its packages and the module
// analysed.
func TestProfileOfAnotherProgram(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	mine := filepath.Join(dir, "mine")
	for _, d := range []string{other, mine} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(other, "main.go"), []byte(hotProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	prof := filepath.Join(dir, "other.pprof")
	if _, stderr, code := run(t, other, "go", "run", ".", prof); code != 0 {
		t.Fatalf("profiling the other program: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(mine, "go.mod"), []byte("module example.com/mine\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "lib.go"), []byte("package mine\n\nfunc Join(parts []string) string {\n\ts := \"\"\n\tfor _, p := range parts {\n\t\ts += p\n\t}\n\treturn s\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, mine, perfvetBin, "-hot.profile="+prof, "./...")
	if code != 3 || !strings.Contains(stdout, "lib.go:6:3") ||
		!strings.Contains(stderr, "has no samples in the analysed packages (module example.com/mine)") || !strings.Contains(stderr, "A profile of another program? It is ignored: heat is static") {
		t.Errorf("a profile of another program: exit %d, want the static finding and the warning\n%s%s", code, stdout, stderr)
	}
}
