package profile_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

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
	"bad/bad.go": "package bad\n\nfunc F() int { return 1 }\n",
	"bad/bad_test.go": `package bad

import "testing"

func BenchmarkBroken(b *testing.B) {
	b.Fatal("broken on purpose")
}
`,
	// go test's own vet fails this package's build (a format verb with no
	// argument); its benchmark runs all the same.
	"vetless/vetless.go": "package vetless\n\nfunc V() int { return 4 }\n",
	"vetless/vetless_test.go": `package vetless

import "testing"

func BenchmarkV(b *testing.B) {
	for b.Loop() {
		V()
	}
	b.Logf("%d")
}
`,
	// Of three benchmarks, the first panics (ending the test binary and
	// the benchmarks after it) and the second fails: the third makes the
	// profile.
	"mixed/mixed.go": "package mixed\n\nfunc M(n int) int { return n * 2 }\n",
	"mixed/mixed_test.go": `package mixed

import "testing"

func BenchmarkPanics(b *testing.B) {
	var data []int
	_ = data[len(data)-1+b.N*0]
}

func BenchmarkFails(b *testing.B) {
	b.Fatal("stale expected value")
}

func BenchmarkWorks(b *testing.B) {
	for b.Loop() {
		M(3)
	}
}
`,
	"none/none.go":      "package none\n\nfunc G() int { return 2 }\n",
	"none/none_test.go": "package none\n\nimport \"testing\"\n\nfunc TestG(t *testing.T) {}\n",
}

// TestBench runs a module's benchmarks as -hot.bench does: the package
// with a benchmark gets CPU and allocation profiles, the one whose
// benchmark fails gets the error (and no profile), the one without
// benchmarks neither, and the one with a failing and a panicking benchmark
// next to one that works gets the profiles of the one that works, with
// the others named and why they failed. A second run takes everything from the cache and
// runs no benchmark nor any go command (the run manifest); a change to a
// package's source, or a file added, makes the run list again, and runs
// the changed package's benchmarks again.
func TestBench(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, benchModule)
	cache := t.TempDir()
	var progress bytes.Buffer
	opts := profile.BenchOptions{Dir: dir, CacheDir: cache, BenchTime: "20x", Progress: &progress}
	ctx := context.Background()

	run, err := profile.Bench(ctx, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	byPkg := results(run)
	if r := byPkg["example.com/b/good"]; len(r.Files) != 2 || r.Err != nil || r.Cached {
		t.Errorf("good: %+v, want two fresh profiles", r)
	} else if set, err := profile.LoadFiles(r.Files); err != nil || set.Of(profile.CPU) == nil || set.Of(profile.Alloc) == nil {
		t.Errorf("good's profiles: %v, %v", set, err)
	} else if cpu, mem := set.Of(profile.CPU).PerSample, set.Of(profile.Alloc).PerSample; cpu != 10e6 || mem != 16<<10 {
		// The allocation profile sampled 32 times as often as the
		// runtime's default, so that a short run measures a line's share.
		t.Errorf("good's profiles: one sample per %g ns of CPU and per %g bytes allocated, want 1e7 and 16384", cpu, mem)
	}
	if r := byPkg["example.com/b/bad"]; r.Err == nil || !strings.Contains(r.Err.Error(), "broken on purpose") || len(r.Files) != 0 {
		t.Errorf("bad: %+v, want the failure", r)
	}
	if r := byPkg["example.com/b/none"]; r.Err != nil || len(r.Files) != 0 {
		t.Errorf("none: %+v, want nothing", r)
	}
	if r := byPkg["example.com/b/vetless"]; r.Err != nil || len(r.Files) != 2 {
		t.Errorf("vetless: %+v, want two profiles (go test's vet is not the benchmarks' business)", r)
	}
	const mixedSkipped = "BenchmarkPanics, BenchmarkFails failed (panic: runtime error: index out of range [-1]; mixed_test.go:11: stale expected value)"
	if r := byPkg["example.com/b/mixed"]; r.Err != nil || len(r.Files) != 2 || r.Skipped != mixedSkipped {
		t.Errorf("mixed: %+v, want two profiles without the failing benchmarks, and\n%s", r, mixedSkipped)
	}
	if run.Ran != 4 {
		t.Errorf("first run: %d packages benchmarked, want 4", run.Ran)
	}
	if !strings.Contains(progress.String(), "perfvet: benchmarks") {
		t.Errorf("progress: %q", progress.String())
	}

	opts.Progress = nil
	again, err := profile.Bench(ctx, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	byPkg = results(again)
	if again.Ran != 0 || !byPkg["example.com/b/good"].Cached || byPkg["example.com/b/bad"].Err == nil || !again.FromManifest ||
		byPkg["example.com/b/mixed"].Skipped != mixedSkipped {
		t.Errorf("second run: ran %d, from the manifest %v, %+v; want everything from the cache, the failure too, and no go command", again.Ran, again.FromManifest, again.Results)
	}
	t.Logf("first run %v, cached run %v", run.Elapsed, again.Elapsed)

	src := filepath.Join(dir, "good", "good.go")
	data, _ := os.ReadFile(src)
	if err := os.WriteFile(src, append(data, []byte("\nfunc Other() {}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := profile.Bench(ctx, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Ran != 1 || changed.FromManifest || results(changed)["example.com/b/good"].Cached {
		t.Errorf("after a change: ran %d, from the manifest %v, %+v; want good benchmarked again", changed.Ran, changed.FromManifest, changed.Results)
	}
	// A file added to a package is a change too (its directory's stamp).
	if err := os.WriteFile(filepath.Join(dir, "none", "extra.go"), []byte("package none\n\nfunc H() int { return 3 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	added, err := profile.Bench(ctx, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if added.FromManifest {
		t.Errorf("after a file was added: the run was taken from the manifest")
	}
	if again, err := profile.Bench(ctx, []string{"./..."}, opts); err != nil || !again.FromManifest || again.Ran != 0 {
		t.Errorf("unchanged again: from the manifest %v, ran %d, %v; want the manifest", again.FromManifest, again.Ran, err)
	}
	// A manifest written under another key scheme (an older perfvet) is
	// not used: its keys name entries the current scheme would not.
	manifests, _ := filepath.Glob(filepath.Join(cache, "runs", "*.json"))
	if len(manifests) == 0 {
		t.Fatal("no run manifest written")
	}
	for _, m := range manifests {
		data, _ := os.ReadFile(m)
		old := bytes.Replace(data, []byte(fmt.Sprintf(`"Scheme":%d`, profile.BenchScheme)), []byte(`"Scheme":1`), 1)
		if bytes.Equal(old, data) {
			t.Fatalf("manifest %s holds no scheme: %s", m, data)
		}
		if err := os.WriteFile(m, old, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if again, err := profile.Bench(ctx, []string{"./..."}, opts); err != nil || again.FromManifest {
		t.Errorf("a manifest of another key scheme: from the manifest %v, %v; want a listing", again.FromManifest, err)
	}
	// So is a new package two directories down, below one that holds none.
	if err := os.MkdirAll(filepath.Join(dir, "sub", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	if again, err := profile.Bench(ctx, []string{"./..."}, opts); err != nil || again.FromManifest {
		t.Errorf("after a directory was made: from the manifest %v, %v", again.FromManifest, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "deeper", "d.go"), []byte("package deeper\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, err := profile.Bench(ctx, []string{"./..."}, opts); err != nil || again.FromManifest || results(again)["example.com/b/sub/deeper"].Pkg == "" {
		t.Errorf("after a package was added: from the manifest %v, %v, %+v; want it listed", again.FromManifest, err, again.Results)
	}

	// The go line of go.mod is a change too: it sets the language version
	// the benchmarks compile with (and go test's checks), so a profile or a
	// failure recorded under another says nothing.
	gomod := filepath.Join(dir, "go.mod")
	if err := os.WriteFile(gomod, []byte("module example.com/b\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	newGo, err := profile.Bench(ctx, []string{"./..."}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if byPkg := results(newGo); newGo.FromManifest || byPkg["example.com/b/good"].Cached || byPkg["example.com/b/bad"].Cached || newGo.Ran != 4 {
		t.Errorf("after go.mod's go line changed: ran %d, from the manifest %v, %+v; want every package benchmarked again", newGo.Ran, newGo.FromManifest, newGo.Results)
	}

	limited := opts
	limited.CacheDir, limited.PerPkg = t.TempDir(), time.Millisecond
	timedOut, err := profile.Bench(ctx, []string{"./good"}, limited)
	if err != nil {
		t.Fatal(err)
	}
	if r := results(timedOut)["example.com/b/good"]; r.Err == nil || !strings.Contains(r.Err.Error(), "timed out") {
		t.Errorf("a 1ms limit: %+v, want a time-out", r)
	}
}

func results(run *profile.BenchRun) map[string]profile.BenchResult {
	m := make(map[string]profile.BenchResult)
	for _, r := range run.Results {
		m[r.Pkg] = r
	}
	return m
}

// TestBenchAllFail: when every benchmark of a package fails, the message
// says so, with the first one's reason, not the last lines alone.
func TestBenchAllFail(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -bench")
	}
	dir := tree.Write(t, map[string]string{
		"go.mod": "module example.com/f\n\ngo 1.26\n",
		"f/f.go": "package f\n\nfunc F() int { return 1 }\n",
		"f/f_test.go": `package f

import "testing"

func BenchmarkRunsTool(b *testing.B) { b.Fatal("exec: ./tool: no such file") }

func BenchmarkRunsToolToo(b *testing.B) { b.Fatal("exec: ./tool: no such file") }
`,
	})
	run, err := profile.Bench(context.Background(), []string{"./..."}, profile.BenchOptions{Dir: dir, CacheDir: t.TempDir(), BenchTime: "1x"})
	if err != nil {
		t.Fatal(err)
	}
	const want = "all 2 benchmarks failed (f_test.go:5: exec: ./tool: no such file)"
	if r := results(run)["example.com/f/f"]; r.Err == nil || r.Err.Error() != want {
		t.Errorf("%+v, want the error %q", r, want)
	}
}
