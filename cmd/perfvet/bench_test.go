package main_test

import (
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// benchModule has a package whose benchmark runs Join (hot) and never
// Unused, and a package whose benchmark fails.
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
	"bad/bad_test.go": `package bad

import "testing"

func BenchmarkBroken(b *testing.B) {
	b.Fatal("broken on purpose")
}
`,
}

// TestHotBench runs perfvet -hot.bench as a user would: the benchmarks'
// profiles rank the findings (Join's is hot, Unused's set aside as never
// run), the package whose benchmark fails is reported once and keeps
// static heat, nothing is drawn as progress when stderr is not a
// terminal, and a second run takes the profiles from the cache.
func TestHotBench(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, benchModule)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // os.UserCacheDir, where the profiles are cached
	for _, pass := range []string{"first", "cached"} {
		stdout, stderr, code := run(t, dir, perfvetBin, "-hot.bench", "-hot.benchtime=200ms", "./...")
		got := findings(stdout)
		if code != 3 || len(got) != 2 || got[0] != "bad/bad.go:6:3" && got[1] != "bad/bad.go:6:3" ||
			!strings.Contains(stdout, "good/good.go:6:3: s += p") || !strings.Contains(stdout, "in Join") {
			t.Errorf("%s run: exit %d, findings %v; want good's Join ranked by its benchmark and bad's by static heat\n%s%s", pass, code, got, stdout, stderr)
		}
		if n := strings.Count(stderr, "-hot.bench: example.com/b/bad:"); n != 1 || !strings.Contains(stderr, "broken on purpose") || !strings.Contains(stderr, "static heat there") {
			t.Errorf("%s run: the failing benchmark said %d times, want once with its error\n%s", pass, n, stderr)
		}
		if !strings.Contains(stderr, "1 of them set aside by the profile") {
			t.Errorf("%s run: want Unused's finding set aside by the profile\n%s", pass, stderr)
		}
		if strings.Contains(stderr, "perfvet: benchmarks") {
			t.Errorf("%s run: progress drawn on a stderr that is not a terminal\n%s", pass, stderr)
		}
	}
}
