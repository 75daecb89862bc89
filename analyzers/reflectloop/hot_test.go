package reflectloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/reflectloop"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestHot checks that a lookup by a constant name on each element's type
// (with the per-type cache), and one by a name that changes over a type
// that does not (with the fields indexed once), are reported where a
// profile shows the loop hot, and nowhere without one or where the
// profile never saw the loop run.
func TestHot(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	for _, r := range analysistest.Run(ignoreWants{}, testdata, reflectloop.Analyzer, "reflecthot") {
		for _, d := range r.Diagnostics {
			t.Errorf("without a profile: %v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
	opts := &hot.Options{Profiles: proftest.Open(t, proftest.EveryLine(t, filepath.Join(testdata, "src", "reflecthot"), "reflecthot", "SetAllCold", "TypeIDsCold"))}
	analysistest.Run(t, testdata, reflectloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(opts))), "reflecthot")
}

// ignoreWants is an analysistest.Testing that ignores unmatched wants.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}
