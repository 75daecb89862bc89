package profile_test

import (
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	perfprofile "github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestLines checks the line-level query: each sample counts on the
// innermost line of the user's code in its stack (an inlined user
// function's own line, not its caller's), with the library function below
// it named as the call that did the work.
func TestLines(t *testing.T) {
	fn := func(id uint64, name, file string) *profile.Function {
		return &profile.Function{ID: id, Name: name, SystemName: name, Filename: file}
	}
	f := fn(1, "example.com/p.F", "/m/p/a.go")
	g := fn(2, "example.com/p.g", "/m/p/a.go")
	sprintf := fn(3, "fmt.Sprintf", "/goroot/src/fmt/print.go")
	bench := fn(4, "example.com/p.BenchmarkF", "/m/p/a_test.go")
	locs := []*profile.Location{
		{ID: 1, Line: []profile.Line{{Function: sprintf, Line: 200}}},
		{ID: 2, Line: []profile.Line{{Function: f, Line: 10}}},
		// g inlined into F at line 12: innermost first.
		{ID: 3, Line: []profile.Line{{Function: g, Line: 30}, {Function: f, Line: 12}}},
		{ID: 4, Line: []profile.Line{{Function: bench, Line: 5}}},
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{f, g, sprintf, bench},
		Location:   locs,
		Sample: []*profile.Sample{
			{Location: []*profile.Location{locs[0], locs[1], locs[3]}, Value: []int64{2, 100}},
			{Location: []*profile.Location{locs[1], locs[3]}, Value: []int64{1, 50}},
			{Location: []*profile.Location{locs[2], locs[3]}, Value: []int64{4, 400}},
			{Location: []*profile.Location{locs[3]}, Value: []int64{1, 1000}}, // the benchmark's own
		},
	}
	prof, err := perfprofile.Load(proftest.Write(t, p))
	if err != nil {
		t.Fatal(err)
	}
	own := func(symbol, file string) string {
		if strings.HasPrefix(symbol, "example.com/p.") && !strings.HasSuffix(file, "_test.go") {
			return file
		}
		return ""
	}
	table, err := prof.Lines(own)
	if err != nil {
		t.Fatal(err)
	}
	if table.Kind != perfprofile.Alloc || table.Total != 1550 || table.Own != 550 {
		t.Errorf("kind %v, total %d, own %d; want allocation, 1550, 550", table.Kind, table.Total, table.Own)
	}
	if len(table.Lines) != 2 {
		t.Fatalf("got %d lines, want 2 (g's line 30 and F's line 10)", len(table.Lines))
	}
	top := table.Lines[0]
	if top.Line != 30 || top.Func != "example.com/p.g" || top.Value != 400 || top.Objects != 4 || len(top.Callees) != 0 {
		t.Errorf("top line: %+v; want g's line 30, 400 bytes in 4 objects, no callee", top)
	}
	lc := table.At("/m/p/a.go", 10)
	if lc == nil || lc.Value != 150 || len(lc.Callees) != 1 || lc.Callees[0] != (perfprofile.Callee{Func: "fmt.Sprintf", Value: 100}) {
		t.Errorf("F's line 10: %+v; want 150 bytes, 100 of them in fmt.Sprintf (not inlined)", lc)
	}
	if table.At("/m/p/a.go", 12) != nil {
		t.Errorf("F's line 12 counted: the sample belongs to g, inlined there")
	}
}
