package profile_test

import (
	"errors"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"github.com/google/pprof/profile"

	perfprofile "github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// twoFiles writes a CPU profile of functions in two files: F (a.go, from
// line 10) with 30 samples on line 12 calling G (b.go, from line 3) with
// 50 samples on line 5, and 20 samples of F's closure F.func1 on line 14.
func twoFiles(t testing.TB) string {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	fn := func(name, file string, start int64) *profile.Function {
		f := &profile.Function{ID: uint64(len(p.Function) + 1), Name: name, SystemName: name, Filename: file, StartLine: start}
		p.Function = append(p.Function, f)
		return f
	}
	f := fn("example.com/p.F", "/src/example.com/p/a.go", 10)
	lit := fn("example.com/p.F.func1", "/src/example.com/p/a.go", 13)
	g := fn("example.com/p.G", "/src/example.com/p/b.go", 3)
	sample := func(count int64, frames ...any) {
		s := &profile.Sample{Value: []int64{count, count * 10_000_000}}
		for i := 0; i < len(frames); i += 2 {
			loc := &profile.Location{ID: uint64(len(p.Location) + 1), Line: []profile.Line{{Function: frames[i].(*profile.Function), Line: frames[i+1].(int64)}}}
			p.Location = append(p.Location, loc)
			s.Location = append(s.Location, loc)
		}
		p.Sample = append(p.Sample, s)
	}
	sample(30, f, int64(12))
	sample(50, g, int64(5), f, int64(12))
	sample(20, lit, int64(14), f, int64(13))
	return proftest.Write(t, p)
}

// TestLookups checks the lookups by symbol (FuncShare, Region) and by
// file and line (Line).
func TestLookups(t *testing.T) {
	p, err := perfprofile.Load(twoFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != perfprofile.CPU || p.Total != 100*10_000_000 {
		t.Fatalf("kind %v total %d, want CPU 1e9", p.Kind, p.Total)
	}
	if flat, cum := p.FuncShare("example.com/p.F"); flat != 30 || cum != 100 {
		t.Errorf("FuncShare(F) = %g, %g; want 30, 100", flat, cum)
	}
	if flat, cum := p.FuncShare("example.com/p.G"); flat != 50 || cum != 50 {
		t.Errorf("FuncShare(G) = %g, %g; want 50, 50", flat, cum)
	}
	if flat, cum := p.FuncShare("example.com/p.Missing"); flat != 0 || cum != 0 {
		t.Errorf("FuncShare(Missing) = %g, %g; want 0, 0", flat, cum)
	}
	// The closure starts 3 lines after F; F's line 12 is offset 2.
	r := p.Region("example.com/p.F")
	m := r.Measure(r.Closure(3, "", false), perfprofile.Span{From: 2, To: 2}, nil)
	if m.Cum.Value != 20*10_000_000 || m.Loop.Value != 80*10_000_000 {
		t.Errorf("closure cum %d, lines 12-12 %d; want 2e8, 8e8", m.Cum.Value, m.Loop.Value)
	}
	for _, c := range []struct {
		file      string
		line      int
		flat, cum int64
	}{
		{"/src/example.com/p/a.go", 12, 30, 80},
		{"p/a.go", 12, 30, 80},
		{"a.go", 14, 20, 20},
		{"b.go", 5, 50, 50},
		{"xa.go", 12, 0, 0}, // a suffix that is not a whole path element
		{"a.go", 99, 0, 0},
	} {
		flat, cum := p.Line(c.file, c.line)
		if flat.Value != c.flat*10_000_000 || cum.Value != c.cum*10_000_000 {
			t.Errorf("Line(%s, %d) = %d, %d; want %d, %d samples", c.file, c.line, flat.Value/10_000_000, cum.Value/10_000_000, c.flat, c.cum)
		}
	}
}

// TestOpen checks the -hot.profile values: none, files (read at once, so
// bad ones fail before analysis), auto alone.
func TestOpen(t *testing.T) {
	if src, err := perfprofile.Open(""); src != nil || err != nil {
		t.Errorf(`Open("") = %v, %v; want nil, nil`, src, err)
	}
	good := twoFiles(t)
	src, err := perfprofile.Open(good + ", " + good)
	if err != nil {
		t.Fatal(err)
	}
	set, err := src.For("example.com/p", t.TempDir())
	if err != nil || set.Of(perfprofile.CPU) == nil || set.Of(perfprofile.Alloc) != nil {
		t.Errorf("files: set %v, %v; want a CPU profile only", set, err)
	}
	again, _ := perfprofile.LoadFiles([]string{good, good})
	if again != set {
		t.Errorf("the same files loaded twice: want the cached set")
	}
	notProfile := filepath.Join(t.TempDir(), "x.pprof")
	if err := os.WriteFile(notProfile, []byte("not a profile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of all goroutines measures no cost and no leak.
	block := proftest.Write(t, &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "goroutine", Unit: "count"}},
		PeriodType: &profile.ValueType{Type: "goroutine", Unit: "count"},
	})
	for _, spec := range []string{notProfile, block} {
		if _, err := perfprofile.Open(spec); !errors.Is(err, perfprofile.ErrNotProfile) {
			t.Errorf("Open(%s) = %v, want ErrNotProfile", spec, err)
		}
	}
	if _, err := perfprofile.Open("missing.pprof"); err == nil {
		t.Errorf("a missing file: no error")
	}
	if _, err := perfprofile.Open(good + ",auto"); err == nil {
		t.Errorf("auto among files: no error")
	}
	if src, err := perfprofile.Open("auto"); err != nil || src.(*perfprofile.Matched).Source != (perfprofile.AutoSource{}) {
		t.Errorf("Open(auto) = %v, %v", src, err)
	}
	for _, none := range []string{"", "off"} {
		if src, err := perfprofile.Open(none); err != nil || src != nil {
			t.Errorf("Open(%q) = %v, %v; want no profile", none, src, err)
		}
	}
	if _, err := perfprofile.Open("off," + good); err == nil {
		t.Errorf("off among files: no error")
	}
}

// TestAuto checks that auto finds a main package's own default.pgo, and
// for a library every default.pgo beside a main package of its module
// (not one beside a library, in testdata, or in a nested module).
func TestAuto(t *testing.T) {
	pgo, err := os.ReadFile(twoFiles(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := tree.Write(t, map[string]string{
		"go.mod":                  "module example.com/m\n\ngo 1.26\n",
		"lib/lib.go":              "package lib\n",
		"lib/default.pgo":         string(pgo),
		"cmd/a/main.go":           "package main\n",
		"cmd/a/default.pgo":       string(pgo),
		"testdata/x/main.go":      "package main\n",
		"testdata/x/default.pgo":  string(pgo),
		"nested/go.mod":           "module example.com/n\n",
		"nested/c/main.go":        "package main\n",
		"nested/c/default.pgo":    string(pgo),
		"nopgo/main.go":           "package main\n",
		"nopgo/sub/main_test.go":  "package main\n",
		"nested/c/sub/sub.go":     "package sub\n",
		"nested/c/sub/nothing.go": "package sub\n",
	})
	var auto perfprofile.AutoSource
	for _, c := range []struct {
		dir, want string
	}{
		{"cmd/a", "cmd/a/default.pgo"},
		{"lib", "cmd/a/default.pgo"},
		{"nopgo", "cmd/a/default.pgo"},
		{"nested/c/sub", "nested/c/default.pgo"},
	} {
		set, err := auto.For("", filepath.Join(dir, c.dir))
		if err != nil {
			t.Fatal(err)
		}
		if p := set.Of(perfprofile.CPU); p == nil || p.Path != filepath.Join(dir, c.want) {
			t.Errorf("auto for %s: %v, want %s", c.dir, p, c.want)
		}
	}
	if set, err := auto.For("", t.TempDir()); err != nil || !set.Empty() {
		t.Errorf("outside a module: %v, %v; want none", set, err)
	}
}

func TestPathToPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"example.com/x/y":   "example.com/x/y",
		"gopkg.in/yaml.v3":  "gopkg.in/yaml%2ev3",
		"example.com/a.b/c": "example.com/a.b/c",
		"example.com/100%":  "example.com/100%25",
		"main":              "main",
	} {
		if got := perfprofile.PathToPrefix(in); got != want {
			t.Errorf("PathToPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkLoad measures reading and indexing profiles, which a process
// does once per list of files: a CPU profile ($HOT_BENCH_PROFILE, e.g. one
// written by perfvet -cpuprofile on std, else the synthetic one), this
// test process's own allocation profile, and both together.
//
//	HOT_BENCH_PROFILE=$PWD/std.pprof go test ./internal/profile -run XXX -bench Load -count 3
func BenchmarkLoad(b *testing.B) {
	cpu := os.Getenv("HOT_BENCH_PROFILE")
	if cpu == "" {
		cpu = proftest.Synthetic(b, "bench")
	}
	mem := filepath.Join(b.TempDir(), "mem.pprof")
	f, err := os.Create(mem)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		paths []string
	}{{"cpu", []string{cpu}}, {"alloc", []string{mem}}, {"cpu+alloc", []string{cpu, mem}}, {"alloc+alloc", []string{mem, mem}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := perfprofile.LoadUncached(bc.paths); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
