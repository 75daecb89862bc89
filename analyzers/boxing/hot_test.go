package boxing_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/boxing"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/escapetest"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
	"github.com/perfvet/perfvet/internal/verdict"
)

// TestHotNeedsEvidence checks that without a profile the hot rule
// reports nothing, even when the compiler confirms the heap allocations:
// the narrow rule stays as it is.
func TestHotNeedsEvidence(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	check := func(name string, a *analysis.Analyzer) {
		for _, r := range analysistest.Run(ignoreWants{}, testdata, a, "boxinghot") {
			for _, d := range r.Diagnostics {
				t.Errorf("%s: %v: %s", name, r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	}
	check("no evidence", boxing.Analyzer)
	if !testing.Short() {
		table := buildFixture(t, filepath.Join(testdata, "src", "boxinghot"), "boxinghot")
		check("-escape alone", boxing.New(report.NewAnalyzer(&report.Policy{Compiler: table}, hot.New(&hot.Options{}))))
	}
}

// TestHotEscape checks the hot rule with a profile in which every function
// of the fixture runs, under -escape on a real build of the fixture: a
// conversion the compiler moves to the heap is reported with the
// compiler's reason; one it keeps on the stack (Sizes) is dropped.
func TestHotEscape(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	testdata, _ := filepath.Abs("testdata")
	dir := filepath.Join(testdata, "src", "boxinghot")
	table := buildFixture(t, dir, "boxinghot")
	opts := &hot.Options{Profiles: proftest.Open(t, proftest.EveryLine(t, dir, "boxinghot"))}
	rep := report.NewAnalyzer(&report.Policy{Compiler: table}, hot.New(opts))
	analysistest.Run(t, testdata, boxing.New(rep), "boxinghot")
}

// buildFixture copies a fixture package into a module of its name and
// returns the compiler's verdicts on it.
func buildFixture(t *testing.T, dir, module string) *verdict.Table {
	t.Helper()
	table, err := verdict.Build(escapetest.CopyModule(t, dir, module), []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	return table
}

// ignoreWants is an analysistest.Testing that ignores unmatched wants.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}
