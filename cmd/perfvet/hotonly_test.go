package main_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/proftest"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// copiesModule has one hot-only finding (bigcopy's range copy in Total)
// and nothing else perfvet reports.
var copiesModule = map[string]string{
	"go.mod": "module example.com/copies\n\ngo 1.26\n",
	"c/c.go": `package c

type Record struct {
	Amount int
	Notes  [512]byte
}

func Total(records []Record) int {
	n := 0
	for _, r := range records {
		n += r.Amount
	}
	return n
}

func Count(records []Record) int {
	return len(records)
}
`,
}

// TestHotOnly: standalone and under go vet, a hot-only finding is shown
// only with a profile that shows its place hot; without one nothing is
// said (not even a count of what was set aside), and -cold lists it with
// the reason.
func TestHotOnly(t *testing.T) {
	dir := tree.Write(t, copiesModule)
	// The copy is made on the range statement's line; the loop's body is
	// the other work.
	prof := proftest.CPU(t, proftest.Sample{Func: "example.com/copies/c.Total", Start: 8, Line: 10, Count: 40},
		proftest.Sample{Func: "example.com/copies/c.Total", Start: 8, Line: 11, Count: 10})
	want := []string{"c/c.go:10:9"}

	// Standalone, findings are on stdout and the run's own lines on stderr.
	stdout, stderr, code := run(t, dir, perfvetBin, "./...")
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("standalone without a profile: exit %d, want 0 and no output\n%s%s", code, stdout, stderr)
	}
	stdout, stderr, code = run(t, dir, perfvetBin, "-hot.profile="+prof, "./...")
	if got := findings(stdout); code != 3 || !slices.Equal(got, want) || !strings.Contains(stdout, "; hot: 80.0% of CPU here, 100.0% in Total") {
		t.Errorf("standalone with a profile: exit %d, findings %v, want 3 and %v with the heat\n%s%s", code, got, want, stdout, stderr)
	}
	stdout, stderr, _ = run(t, dir, perfvetBin, "-cold", "./...")
	if got := findings(stdout); !slices.Equal(got, want) || !strings.Contains(stdout, "; hot-only: shown where a profile shows heat, and no profile was given") {
		t.Errorf("standalone -cold without a profile: findings %v, want %v with the reason\n%s%s", got, want, stdout, stderr)
	}
	// A profile of the package that never saw Total: set aside, counted,
	// listed with -cold. (One with no samples in the package at all is
	// taken for another program's and ignored: TestProfileOfAnotherProgram.)
	other := proftest.CPU(t, proftest.Sample{Func: "example.com/copies/c.Count", Start: 16, Line: 17, Count: 50})
	stdout, stderr, code = run(t, dir, perfvetBin, "-hot.profile="+other, "./...")
	if code != 0 || len(findings(stdout)) != 0 || !strings.Contains(stderr, "1 more in code that looks cold") {
		t.Errorf("standalone with a profile that never saw Total: exit %d, want 0 and the finding counted\n%s%s", code, stdout, stderr)
	}

	// A profile whose samples in Total are all the body's: the copy took
	// no time, and the finding is measured by its own code, not its loop.
	bodyOnly := proftest.CPU(t, proftest.Sample{Func: "example.com/copies/c.Total", Start: 8, Line: 11, Count: 50})
	stdout, stderr, _ = run(t, dir, perfvetBin, "-hot.profile="+bodyOnly, "-cold", "./...")
	if !strings.Contains(stdout, "c/c.go:10:9: ") || !strings.Contains(stdout, "set aside: the CPU profile saw no time in its own code") {
		t.Errorf("-cold with a profile of the loop's body alone: want the copy set aside by its own code's time\n%s%s", stdout, stderr)
	}

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "./...")
	if code != 0 || len(findings(stderr)) != 0 {
		t.Errorf("go vet without a profile: exit %d, want 0 and no findings\n%s", code, stderr)
	}
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-hot.profile="+prof, "./...")
	if got := findings(stderr); code != 1 || !slices.Equal(got, want) {
		t.Errorf("go vet with a profile: exit %d, findings %v, want 1 and %v\n%s", code, got, want, stderr)
	}
	_, stderr, _ = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-cold", "./...")
	if got := findings(stderr); !slices.Equal(got, want) || !strings.Contains(stderr, "hot-only:") {
		t.Errorf("go vet -cold without a profile: findings %v, want %v with the reason\n%s", got, want, stderr)
	}
}
