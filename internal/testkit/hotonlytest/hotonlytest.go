// Package hotonlytest runs a hot-only analyzer (one whose findings are
// reported with report.ReportIfHot) over its fixture in the three modes
// that decide what it says: with a profile in which the fixture's
// functions run, without a profile, and without a profile under -cold.
package hotonlytest

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// Cold reports whether the fixture function named name is left out of the
// profile: its name starts with "cold" (coldCopy, coldLoop).
func Cold(name string) bool { return strings.HasPrefix(name, "cold") }

// Run checks newAnalyzer on the fixture package pkg under testdata:
//
//   - with a CPU profile in which every function but the Cold ones runs,
//     the fixture's // want comments must match exactly;
//   - without a profile, only bugs (report.ReportBug) may be reported;
//   - without a profile under -cold, every finding shown with the profile
//     is listed, each saying why it is hot-only.
func Run(t *testing.T, testdata string, newAnalyzer func(rep *analysis.Analyzer) *analysis.Analyzer, pkg string) {
	t.Helper()
	prof := proftest.Functions(t, filepath.Join(testdata, "src", pkg), pkg, func(name string) bool { return !Cold(name) })
	withProfile := report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{Profiles: proftest.Open(t, prof)}))
	hotFindings := count(analysistest.RunWithSuggestedFixes(t, testdata, newAnalyzer(withProfile), pkg), false)

	bare := analysistest.Run(quiet{}, testdata, newAnalyzer(report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{}))), pkg)
	for _, r := range bare {
		for _, d := range r.Diagnostics {
			if !report.IsBug(d) {
				t.Errorf("without a profile: %v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}

	cold := analysistest.Run(quiet{}, testdata, newAnalyzer(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(&hot.Options{}))), pkg)
	for _, r := range cold {
		for _, d := range r.Diagnostics {
			if !report.IsBug(d) && !strings.Contains(d.Message, "; hot-only: shown where a profile shows heat, and no profile was given") {
				t.Errorf("-cold without a profile: %v: the message does not say why it is listed: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	if listed := count(cold, false); listed < hotFindings {
		t.Errorf("-cold without a profile listed %d findings, fewer than the %d shown with a profile", listed, hotFindings)
	}
}

// count counts the findings of results that are not bugs (or, with
// bugs, all findings).
func count(results []*analysistest.Result, bugs bool) int {
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if bugs || !report.IsBug(d) {
				n++
			}
		}
	}
	return n
}

// quiet is an analysistest.Testing that ignores // want mismatches: the
// fixture's expectations are those of the profile mode.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}
