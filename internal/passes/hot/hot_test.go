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

// TestSyntheticProfile checks the messages: shares of functions matched by
// symbol (method closures, generic instances) and of loops matched by
// their line distance from the function's start.
func TestSyntheticProfile(t *testing.T) {
	opts := &hot.Options{Profiles: proftest.Open(t, proftest.Synthetic(t, "hotprofile"))}
	// -cold: the finding in Cold, which the profile never saw, is listed.
	a := concatloop.New(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(opts)))
	analysistest.Run(t, analysistest.TestData(), a, "hotprofile")
}

// TestMin checks that -hot.min drops findings in code under the threshold
// (the closure's 10%, Generic's 5%, Cold's nothing) and keeps Hot's loop.
func TestMin(t *testing.T) {
	path := proftest.Synthetic(t, "hotprofilemin")
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
		{Profile: proftest.Synthetic(t, "p") + "," + perfprofile.Auto},
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
