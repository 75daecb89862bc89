package concatloop_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestSeveralMeasured checks a finding with several accumulations under an
// allocation profile: it stays at the first, quotes the bytes of all of
// them (the first's 80 kB and the last's 8 MB), and names the lines of the
// others, where most of those bytes are.
func TestSeveralMeasured(t *testing.T) {
	parse := &profile.Function{ID: 1, Name: "concatheat.parse", SystemName: "concatheat.parse", Filename: "heat.go", StartLine: 8}
	concat := &profile.Function{ID: 2, Name: "runtime.concatstring2", SystemName: "runtime.concatstring2", Filename: "string.go", StartLine: 60}
	other := &profile.Function{ID: 3, Name: "example.com/other.Work", SystemName: "example.com/other.Work", Filename: "work.go", StartLine: 1}
	locs := []*profile.Location{
		{ID: 1, Line: []profile.Line{{Function: concat, Line: 61}}},
		{ID: 2, Line: []profile.Line{{Function: parse, Line: 13}}},
		{ID: 3, Line: []profile.Line{{Function: parse, Line: 17}}},
		{ID: 4, Line: []profile.Line{{Function: other, Line: 3}}},
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{parse, concat, other},
		Location:   locs,
		Sample: []*profile.Sample{
			{Location: []*profile.Location{locs[0], locs[1]}, Value: []int64{5_000, 80_000}},
			{Location: []*profile.Location{locs[0], locs[2]}, Value: []int64{500_000, 8_000_000}},
			{Location: []*profile.Location{locs[3]}, Value: []int64{1_000, 1_920_000}},
		},
	}
	opts := &hot.Options{Profiles: proftest.Open(t, proftest.Write(t, p))}
	var got []string
	for _, r := range analysistest.Run(noWants{t}, analysistest.TestData(), concatloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(opts))), "concatheat") {
		for _, d := range r.Diagnostics {
			got = append(got, fmt.Sprintf("%d: %s", r.Pass.Fset.Position(d.Pos).Line, d.Message))
		}
	}
	want := `13: tmp += "'" in a loop (also at lines 15 and 17) copies tmp on every iteration (O(n²) bytes); build it with a strings.Builder` +
		"; hot: allocated 8.1 MB in 505.0 k objects here (80.8% of all bytes), 80.8% in this loop, 80.8% in parse"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q,\nwant [%q]", got, want)
	}
}

// noWants is analysistest's Testing for a fixture whose messages depend on
// a profile, checked by the test itself rather than by // want comments
// (which TestMessageShape, in package analyzers, holds to the messages
// without a profile).
type noWants struct{ t *testing.T }

func (w noWants) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "unexpected diagnostic") {
		w.t.Errorf("%s", msg)
	}
}
