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

// TestHereOwn checks what a place's own lines allocated (Measures.HereOwn):
// a sample whose frames below the line are the runtime's counts (a
// conversion's box); one that went through another Go function called on
// the line, inlined or not, counts in Here only.
func TestHereOwn(t *testing.T) {
	fn := func(id uint64, name, file string, start int64) *profile.Function {
		return &profile.Function{ID: id, Name: name, SystemName: name, Filename: file, StartLine: start}
	}
	f := fn(1, "example.com/p.F", "/m/p/a.go", 5)
	mk := fn(2, "example.com/p.makeRange", "/m/p/b.go", 40)
	convT := fn(3, "runtime.convTslice", "/goroot/src/runtime/iface.go", 380)
	malloc := fn(4, "runtime.mallocgc", "/goroot/src/runtime/malloc.go", 900)
	locs := []*profile.Location{
		{ID: 1, Line: []profile.Line{{Function: malloc, Line: 950}}},
		{ID: 2, Line: []profile.Line{{Function: convT, Line: 390}}},
		{ID: 3, Line: []profile.Line{{Function: f, Line: 10}}},
		// makeRange inlined into F at line 10: innermost first.
		{ID: 4, Line: []profile.Line{{Function: mk, Line: 42}, {Function: f, Line: 10}}},
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{f, mk, convT, malloc},
		Location:   locs,
		Sample: []*profile.Sample{
			{Location: []*profile.Location{locs[0], locs[1], locs[2]}, Value: []int64{1, 24}}, // the box
			{Location: []*profile.Location{locs[0], locs[3]}, Value: []int64{1, 8000}},        // makeRange's slice
		},
	}
	prof, err := perfprofile.Load(proftest.Write(t, p))
	if err != nil {
		t.Fatal(err)
	}
	r := prof.Region("example.com/p.F")
	m := r.Measure(r.Top(), perfprofile.NoSpan, perfprofile.Spans{{From: 5, To: 5}})
	if m.Here.Value != 8024 || m.HereOwn.Value != 24 {
		t.Errorf("here %d bytes, own %d; want 8024 and the box's 24", m.Here.Value, m.HereOwn.Value)
	}
}

// TestHereVia checks a span's Via: a sample on the span's lines counts only
// when it went below them through the function named (a buffer's grow,
// inlined or not), or through the runtime alone for ViaRuntime; a span
// without Via counts every sample on its lines.
func TestHereVia(t *testing.T) {
	fn := func(id uint64, name, file string, start int64) *profile.Function {
		return &profile.Function{ID: id, Name: name, SystemName: name, Filename: file, StartLine: start}
	}
	f := fn(1, "example.com/p.F", "/m/p/a.go", 5)
	grow := fn(2, "bytes.(*Buffer).grow", "/goroot/src/bytes/buffer.go", 144)
	write := fn(3, "bytes.(*Buffer).WriteString", "/goroot/src/bytes/buffer.go", 180)
	str := fn(4, "bytes.(*Buffer).String", "/goroot/src/bytes/buffer.go", 70)
	malloc := fn(5, "runtime.mallocgc", "/goroot/src/runtime/malloc.go", 900)
	locs := []*profile.Location{
		{ID: 1, Line: []profile.Line{{Function: malloc, Line: 950}}},
		// grow inlined into WriteString, called from F's line 7.
		{ID: 2, Line: []profile.Line{{Function: grow, Line: 160}, {Function: write, Line: 185}}},
		{ID: 3, Line: []profile.Line{{Function: f, Line: 7}}},
		{ID: 4, Line: []profile.Line{{Function: str, Line: 75}}},
		{ID: 5, Line: []profile.Line{{Function: f, Line: 8}}},
		{ID: 6, Line: []profile.Line{{Function: f, Line: 9}}},
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{f, grow, write, str, malloc},
		Location:   locs,
		Sample: []*profile.Sample{
			{Location: []*profile.Location{locs[0], locs[1], locs[2]}, Value: []int64{1, 64}},  // the buffer grows at line 7
			{Location: []*profile.Location{locs[0], locs[3], locs[4]}, Value: []int64{1, 100}}, // String's copy at line 8
			{Location: []*profile.Location{locs[0], locs[5]}, Value: []int64{1, 1000}},         // a make of F's own at line 9
		},
	}
	prof, err := perfprofile.Load(proftest.Write(t, p))
	if err != nil {
		t.Fatal(err)
	}
	r := prof.Region("example.com/p.F")
	for _, tc := range []struct {
		name string
		here perfprofile.Spans
		want int64
	}{
		{"every sample", perfprofile.Spans{{From: 2, To: 4}}, 1164},
		{"through grow", perfprofile.Spans{{From: 2, To: 4, Via: "bytes.(*Buffer).grow"}}, 64},
		{"own code", perfprofile.Spans{{From: 2, To: 4, Via: perfprofile.ViaRuntime}}, 1000},
		{"a declaration and its uses", perfprofile.Spans{{From: 4, To: 4}, {From: 2, To: 3, Via: "bytes.(*Buffer).grow"}}, 1064},
	} {
		if got := r.Measure(r.Top(), perfprofile.NoSpan, tc.here).Here.Value; got != tc.want {
			t.Errorf("%s: %d bytes, want %d", tc.name, got, tc.want)
		}
	}
}

// TestHereSize checks a span's Size and NotSizes: a sample counts by the
// size of its objects, read from the runtime's "bytes" label or, without
// one, from its bytes per object; a sample whose size is not known counts.
func TestHereSize(t *testing.T) {
	f := &profile.Function{ID: 1, Name: "example.com/p.F", SystemName: "example.com/p.F", Filename: "/m/p/a.go", StartLine: 5}
	line7 := &profile.Location{ID: 1, Line: []profile.Line{{Function: f, Line: 7}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{f},
		Location:   []*profile.Location{line7},
		Sample: []*profile.Sample{
			{Location: []*profile.Location{line7}, Value: []int64{10, 240}, NumLabel: map[string][]int64{"bytes": {24}}}, // boxes
			{Location: []*profile.Location{line7}, Value: []int64{10, 2080}, NumLabel: map[string][]int64{"bytes": {208}}},
			{Location: []*profile.Location{line7}, Value: []int64{3, 48}},   // 16 bytes each, unlabelled
			{Location: []*profile.Location{line7}, Value: []int64{0, 1000}}, // no objects: size unknown
		},
	}
	prof, err := perfprofile.Load(proftest.Write(t, p))
	if err != nil {
		t.Fatal(err)
	}
	r := prof.Region("example.com/p.F")
	for _, tc := range []struct {
		name string
		here perfprofile.Span
		want int64
	}{
		{"every size", perfprofile.Span{From: 2, To: 2}, 3368},
		{"labelled size", perfprofile.Span{From: 2, To: 2, Size: 24}, 1240},
		{"size per object", perfprofile.Span{From: 2, To: 2, Size: 16}, 1048},
		{"a size skipped", perfprofile.Span{From: 2, To: 2, NotSizes: []int64{208}}, 1288},
		{"two sizes skipped", perfprofile.Span{From: 2, To: 2, NotSizes: []int64{208, 24}}, 1048},
		{"a size no sample has", perfprofile.Span{From: 2, To: 2, Size: 8}, 1000},
	} {
		if got := r.Measure(r.Top(), perfprofile.NoSpan, perfprofile.Spans{tc.here}).Here.Value; got != tc.want {
			t.Errorf("%s: %d bytes, want %d", tc.name, got, tc.want)
		}
	}
}
