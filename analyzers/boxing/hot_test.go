package boxing_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/boxing"
	"github.com/perfvet/perfvet/internal/hot"
	"github.com/perfvet/perfvet/internal/report"
	"github.com/perfvet/perfvet/internal/verdict"
)

// TestHotNeedsEvidence checks that without a profile or the compiler's
// verdicts the hot rule reports nothing: the narrow rule stays as it is.
func TestHotNeedsEvidence(t *testing.T) {
	testdata, _ := filepath.Abs("testdata")
	results := analysistest.Run(ignoreWants{}, testdata, boxing.Analyzer, "boxinghot")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			t.Errorf("without evidence: %v: %s", r.Pass.Fset.Position(d.Pos), d.Message)
		}
	}
}

// TestHotEscape checks the hot rule under -escape on a real build of the
// fixture: a conversion the compiler moves to the heap is reported with
// the compiler's reason; one it keeps on the stack (Sizes) is not.
func TestHotEscape(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	testdata, _ := filepath.Abs("testdata")
	table := buildFixture(t, filepath.Join(testdata, "src", "boxinghot"), "boxinghot")
	rep := report.NewAnalyzer(&report.Policy{Compiler: table}, hot.New(&hot.Options{}))
	analysistest.Run(t, testdata, boxing.New(rep), "boxinghot")
}

// buildFixture copies a fixture package into a module of its name and
// returns the compiler's verdicts on it.
func buildFixture(t *testing.T, dir, module string) *verdict.Table {
	t.Helper()
	tmp := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), fmt.Appendf(nil, "module %s\n\ngo 1.26\n", module), 0o644); err != nil {
		t.Fatal(err)
	}
	table, err := verdict.Build(tmp, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	return table
}

// ignoreWants is an analysistest.Testing that ignores unmatched wants.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}
