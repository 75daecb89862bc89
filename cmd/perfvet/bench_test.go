package main_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// benchModule has a package whose benchmark runs Join (hot) and never
// Unused, a package whose benchmark fails, one whose first benchmark fails
// and whose second runs its Join, and one no benchmark reaches.
var benchModule = map[string]string{
	"go.mod": "module example.com/b\n\ngo 1.26\n",
	"good/good.go": `package good

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func Unused(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`,
	"good/good_test.go": `package good

import "testing"

var sink string

func BenchmarkJoin(b *testing.B) {
	parts := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for b.Loop() {
		sink = Join(parts)
	}
}
`,
	"bad/bad.go": `package bad

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`,
	"mixed/mixed.go": `package mixed

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`,
	"mixed/mixed_test.go": `package mixed

import "testing"

var sink string

func BenchmarkStale(b *testing.B) {
	if Join([]string{"a"}) != "b" {
		b.Fatal("stale expected value")
	}
}

func BenchmarkJoin(b *testing.B) {
	parts := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for b.Loop() {
		sink = Join(parts)
	}
}
`,
	"unreached/unreached.go": `package unreached

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`,
	"bad/bad_test.go": `package bad

import "testing"

func BenchmarkBroken(b *testing.B) {
	b.Fatal("broken on purpose")
}
`,
}

// TestHotBench runs perfvet -hot.bench as a user would: the benchmarks'
// profiles rank the findings (Join's is hot; Unused's, and the package no
// benchmark reaches, set aside as never run), the package whose benchmark
// fails is reported once and keeps static heat, the failing benchmark of
// a package with another is reported once and left out, nothing is drawn
// as progress when stderr is not a terminal, and a second run takes the
// profiles from the cache. A run too short to sample the module's own
// code says so and ranks by static heat.
func TestHotBench(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, benchModule)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // os.UserCacheDir, where the profiles are cached
	for _, pass := range []string{"first", "cached"} {
		stdout, stderr, code := run(t, dir, perfvetBin, "-hot.bench", "-hot.benchtime=200ms", "./...")
		got := findings(stdout)
		if code != 3 || len(got) != 3 || !slices.Contains(got, "bad/bad.go:6:3") ||
			!regexp.MustCompile(`(?m)^good/good.go:6:3: s \+= p.* in Join`).MatchString(stdout) ||
			!regexp.MustCompile(`(?m)^mixed/mixed.go:6:3: s \+= p.* in Join`).MatchString(stdout) {
			t.Errorf("%s run: exit %d, findings %v; want good's and mixed's Join ranked by their benchmarks and bad's by static heat\n%s%s", pass, code, got, stdout, stderr)
		}
		const skipped = "perfvet: -hot.bench: example.com/b/mixed: BenchmarkStale failed (mixed_test.go:9: stale expected value); profiled by its other benchmarks\n"
		if n := strings.Count(stderr, skipped); n != 1 {
			t.Errorf("%s run: the benchmark left out said %d times, want once as\n%s\n%s", pass, n, skipped, stderr)
		}
		if n := strings.Count(stderr, "-hot.bench: example.com/b/bad:"); n != 1 || !strings.Contains(stderr, "broken on purpose") || !strings.Contains(stderr, "static heat there") {
			t.Errorf("%s run: the failing benchmark said %d times, want once with its error\n%s", pass, n, stderr)
		}
		if !strings.Contains(stderr, "2 of them set aside by the profile") {
			t.Errorf("%s run: want Unused's and unreached's findings set aside by the profile\n%s", pass, stderr)
		}
		if strings.Contains(stderr, "perfvet: benchmarks") {
			t.Errorf("%s run: progress drawn on a stderr that is not a terminal\n%s", pass, stderr)
		}
	}
}

// TestHotBenchTooShort: benchmarks so short that no sample lands in the
// module's code give no heat; perfvet says so and ranks by static heat
// rather than setting every cost finding aside.
func TestHotBenchTooShort(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, map[string]string{
		"go.mod":            benchModule["go.mod"],
		"good/good.go":      benchModule["good/good.go"],
		"good/good_test.go": benchModule["good/good_test.go"],
	})
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	stdout, stderr, code := run(t, dir, perfvetBin, "-hot.bench", "-hot.benchtime=1x", "./...")
	if code != 3 || len(findings(stdout)) != 2 || !strings.Contains(stderr, "no samples in the analysed packages' own code") ||
		!strings.Contains(stderr, "ranked by static heat") {
		t.Errorf("exit %d, want both findings by static heat and the warning\n%s%s", code, stdout, stderr)
	}
}

// TestHotBenchNoneFinished: when every package's benchmarks fail, perfvet
// says that they failed, not that none matched, and ranks by static heat.
func TestHotBenchNoneFinished(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, map[string]string{
		"go.mod":          benchModule["go.mod"],
		"bad/bad.go":      benchModule["bad/bad.go"],
		"bad/bad_test.go": benchModule["bad/bad_test.go"],
	})
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	stdout, stderr, code := run(t, dir, perfvetBin, "-hot.bench", "./...")
	if code != 3 || len(findings(stdout)) != 1 || !strings.Contains(stderr, "no package's benchmarks finished (1 failed") ||
		strings.Contains(stderr, "no benchmark matching") || !strings.Contains(stderr, "ranked by static heat") {
		t.Errorf("exit %d, want bad's finding by static heat and the failure said\n%s%s", code, stdout, stderr)
	}
}

// TestHotBenchCommands: a test binary names the command it tests by its
// import path, and "main.main" is its generated test main. A command's
// own benchmark measures its code (kept as hot), and a command no
// benchmark runs is code the profiles never saw, not the test main's
// share of them.
func TestHotBenchCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, map[string]string{
		"go.mod":            benchModule["go.mod"],
		"good/good.go":      benchModule["good/good.go"],
		"good/good_test.go": benchModule["good/good_test.go"],
		"cmd/joiner/main.go": `package main

import (
	"fmt"
	"os"
)

func build(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func main() { fmt.Println(build(os.Args)) }
`,
		"cmd/joiner/main_test.go": `package main

import "testing"

var sink string

func BenchmarkBuild(b *testing.B) {
	parts := []string{"a", "b", "c", "d", "e", "f", "g", "h"}
	for b.Loop() {
		sink = build(parts)
	}
}
`,
		"cmd/once/main.go": `package main

import (
	"fmt"
	"os"
)

func main() {
	s := ""
	for _, a := range os.Args {
		s += a
	}
	fmt.Println(s)
}
`,
	})
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	stdout, stderr, _ := run(t, dir, perfvetBin, "-hot.bench", "./...")
	if got := findings(stdout); !slices.Contains(got, "cmd/joiner/main.go:11:3") || slices.Contains(got, "cmd/once/main.go:11:3") {
		t.Errorf("findings %v, want the benchmarked command's and not the other's\n%s%s", got, stdout, stderr)
	}
	cold, _, _ := run(t, dir, perfvetBin, "-hot.bench", "-cold", "./...")
	for line := range strings.SplitSeq(cold, "\n") {
		if strings.HasPrefix(line, "cmd/once/main.go:11:3:") && !strings.Contains(line, "no allocation in main") && !strings.Contains(line, "main never ran") {
			t.Errorf("the command no benchmark runs: %s\nwant it never seen by the profiles", line)
		}
	}
	if !strings.Contains(cold, "cmd/once/main.go:11:3:") {
		t.Errorf("-cold does not list the command no benchmark runs:\n%s", cold)
	}
}
