package hot_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	perfprofile "github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// syntheticProfile writes a CPU profile of package pkg (testdata
// hotprofile's functions), with every line 100 lines further down than in
// the source, as if code had since been deleted above each function.
// Shares: Hot 50% (40% in its loop), an unrelated function 35%, a closure
// of (*T).M 10% (named as after inlining, so only its start line matches),
// Generic 5%; Cold never runs.
func syntheticProfile(t testing.TB, pkg string) string {
	t.Helper()
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	var nextID uint64 = 1
	fn := func(name string, start int64) *profile.Function {
		f := &profile.Function{ID: nextID, Name: name, SystemName: name, Filename: pkg + ".go", StartLine: start}
		nextID++
		p.Function = append(p.Function, f)
		return f
	}
	hotFn := fn(pkg+".Hot", 106)
	other := fn("example.com/other.Work", 1)
	m := fn(pkg+".(*T).M", 124)
	closure := fn(pkg+".(*T).M.(*T).M.func1.func7", 125)
	generic := fn(pkg+".Generic[go.shape.string]", 134)
	sample := func(value int64, frames ...any) {
		s := &profile.Sample{Value: []int64{value / 10, value * 1_000_000}}
		for i := 0; i < len(frames); i += 2 {
			loc := &profile.Location{ID: nextID, Line: []profile.Line{{Function: frames[i].(*profile.Function), Line: frames[i+1].(int64)}}}
			nextID++
			p.Location = append(p.Location, loc)
			s.Location = append(s.Location, loc)
		}
		p.Sample = append(p.Sample, s)
	}
	sample(40, hotFn, int64(109))
	sample(10, hotFn, int64(107))
	sample(35, other, int64(3))
	sample(10, closure, int64(128), m, int64(125))
	sample(5, generic, int64(137))
	return proftest.Write(t, p)
}

// TestSyntheticProfile checks the messages: shares of functions matched by
// symbol (method closures, generic instances) and of loops matched by
// their line distance from the function's start.
func TestSyntheticProfile(t *testing.T) {
	opts := &hot.Options{Profiles: proftest.Open(t, syntheticProfile(t, "hotprofile"))}
	// -cold: the finding in Cold, which the profile never saw, is listed.
	a := concatloop.New(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(opts)))
	analysistest.Run(t, analysistest.TestData(), a, "hotprofile")
}

// TestMin checks that -hot.min drops findings in code under the threshold
// (the closure's 10%, Generic's 5%, Cold's nothing) and keeps Hot's loop.
func TestMin(t *testing.T) {
	path := syntheticProfile(t, "hotprofilemin")
	opts := &hot.Options{Profile: path, Profiles: proftest.Open(t, path), Min: 20}
	a := concatloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(opts)))
	analysistest.Run(t, analysistest.TestData(), a, "hotprofilemin")
}

// TestPrepare checks that bad -hot options are usage errors, found
// before analysis: a file that is not a profile, a profile of a kind heat
// cannot use, auto among files, a missing file, -hot.min without a
// profile or out of range.
func TestPrepare(t *testing.T) {
	notProfile := filepath.Join(t.TempDir(), "x.pprof")
	if err := os.WriteFile(notProfile, []byte("not a profile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A profile of all goroutines measures no cost and no leak.
	block := proftest.Write(t, &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "goroutine", Unit: "count"}},
		PeriodType: &profile.ValueType{Type: "goroutine", Unit: "count"},
	})
	for _, o := range []hot.Options{
		{Profile: notProfile},
		{Profile: block},
		{Profile: syntheticProfile(t, "p") + "," + perfprofile.Auto},
		{Profile: filepath.Join(t.TempDir(), "missing.pprof")},
		{Min: -1},
		{Profile: perfprofile.Auto, Min: 101},
	} {
		if err := o.Prepare(); !errors.Is(err, hot.ErrUsage) {
			t.Errorf("Prepare(%+v) = %v, want a usage error", o, err)
		}
	}
	auto := &hot.Options{Profile: perfprofile.Auto, Min: 5}
	if err := auto.Prepare(); err != nil || auto.Profiles == nil {
		t.Errorf("auto: %v, profiles %v", err, auto.Profiles)
	}
	none := &hot.Options{}
	if err := none.Prepare(); err != nil || none.Profiles != nil {
		t.Errorf("no profile: %v, profiles %v", err, none.Profiles)
	}
}
