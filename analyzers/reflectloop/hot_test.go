package reflectloop_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/reflectloop"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestHot checks that a lookup by a constant name on each element's type
// is reported, with the per-type cache, where a profile shows the loop
// hot, and nowhere without one.
func TestHot(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	for _, r := range analysistest.Run(ignoreWants{}, testdata, reflectloop.Analyzer, "reflecthot") {
		for _, d := range r.Diagnostics {
			t.Errorf("without a profile: %v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
	opts := &hot.Options{Profile: hotProfile(t, "reflecthot", map[string][2]int64{"IDs": {8, 11}, "Closers": {19, 21}, "Named": {29, 31}})}
	analysistest.Run(t, testdata, reflectloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(opts))), "reflecthot")
}

// hotProfile writes a CPU profile with samples in each function of pkg
// named in lines (its start line and a line of its loop).
func hotProfile(t *testing.T, pkg string, lines map[string][2]int64) string {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	var id uint64
	for name, l := range lines {
		id++
		fn := &profile.Function{ID: id, Name: pkg + "." + name, StartLine: l[0]}
		p.Function = append(p.Function, fn)
		id++
		loc := &profile.Location{ID: id, Line: []profile.Line{{Function: fn, Line: l[1]}}}
		p.Location = append(p.Location, loc)
		p.Sample = append(p.Sample, &profile.Sample{Value: []int64{10, 100_000_000}, Location: []*profile.Location{loc}})
	}
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// ignoreWants is an analysistest.Testing that ignores unmatched wants.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}
