package escape

import (
	"io"
	"os"
	"testing"
)

func buildReport(t *testing.T, name string, funcs *FuncIndex, trust bool) *Report {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	return reportFrom(f, &ReportBuilder{Funcs: funcs, TrustSource: trust})
}

// reportFrom scans r into b's report.
func reportFrom(r io.Reader, b *ReportBuilder) *Report {
	s := NewScanner(r, nil)
	for s.Scan() {
		b.Add(s.Diagnostic())
	}
	return b.Report(s.Stats())
}

// TestFuncNames: on the synthetic fixture, the names the fallback takes
// from the compiler's lines agree with the names from the source for
// every heap allocation, and an unrelated file of the same name is not
// taken for the source.
func TestFuncNames(t *testing.T) {
	const log = "testdata/samples/synthetic.m2.txt"
	sources := map[string]string{
		"main.go":    "testdata/samples/synthetic.main.go.txt",
		"gen/gen.go": "testdata/samples/synthetic.gen.go.txt",
	}
	fromSource := buildReport(t, log, &FuncIndex{Open: func(f string) string { return sources[f] }}, false)
	fromCompiler := buildReport(t, log, nil, false)
	if fromSource.FuncNames != "source" || fromCompiler.FuncNames != "compiler" {
		t.Fatalf("FuncNames %q and %q", fromSource.FuncNames, fromCompiler.FuncNames)
	}
	names := map[Pos]string{}
	for _, f := range fromSource.Findings {
		if f.Kind == Heap {
			names[f.Pos] = f.Func
		}
	}
	n := 0
	for _, f := range fromCompiler.Findings {
		if f.Kind != Heap {
			continue
		}
		n++
		if names[f.Pos] != f.Func {
			t.Errorf("%s: %s: compiler's name %q, source's %q", f.Pos, f.Message, f.Func, names[f.Pos])
		}
	}
	if n != 22 {
		t.Errorf("%d heap allocations, want 22", n)
	}
	// Another program's main.go is not this log's source.
	wrong := buildReport(t, log, &FuncIndex{Open: func(f string) string {
		if f == "main.go" {
			return "testdata/samples/rangefunc-goroutine.rf.go.txt"
		}
		return ""
	}}, false)
	if wrong.FuncNames != "compiler" {
		t.Errorf("an unrelated main.go was used as source (FuncNames %q)", wrong.FuncNames)
	}
}

func TestDiffKeys(t *testing.T) {
	old := &Report{Findings: []Finding{
		{Package: "p", Func: "F", Kind: Heap, Subject: "&T{...}", Pos: Pos{"a.go", 10, 7}},
		{Package: "p", Func: "F", Kind: Heap, Subject: ".autotmp_3", Pos: Pos{"a.go", 11, 2}},
		{Package: "p", Func: "G", Kind: Inlinable, Subject: "G"},
		{Package: "p", Func: "F", Kind: InlinedCall, Subject: "G", Pos: Pos{"a.go", 12, 3}},
	}}
	new := &Report{Findings: []Finding{
		{Package: "p", Func: "F", Kind: Heap, Subject: "&T{...}", Pos: Pos{"a.go", 30, 7}},
		{Package: "p", Func: "F", Kind: Heap, Subject: "&T{...}", Index: 1, Pos: Pos{"a.go", 31, 7}},
		{Package: "p", Func: "F", Kind: Heap, Subject: ".autotmp_9", Pos: Pos{"a.go", 32, 2}},
		{Package: "p", Func: "G", Kind: NotInlinable, Subject: "G", Reason: "function too complex: cost 81 exceeds budget 80"},
	}}
	changes := Diff(old, new)
	got := make([]string, 0, len(changes))
	for _, c := range changes {
		got = append(got, c.What+" "+c.Subject)
	}
	want := []string{"new heap allocation &T{...}", "call no longer inlined G", "function no longer inlinable G"}
	if len(got) != len(want) {
		t.Fatalf("changes %q, want %q", got, want)
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	for _, c := range changes {
		if !c.Regression {
			t.Errorf("%s is not a regression", c.What)
		}
	}
}
