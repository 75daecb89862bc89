package report_test

import (
	"go/ast"
	"go/token"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/report"
)

// newMarker returns an analyzer that reports every call to mark() through
// the reporter of policy p; the fixture's // want comments say which
// survive.
func newMarker(p *report.Policy) *analysis.Analyzer {
	rep := report.NewAnalyzer(p, nil)
	return &analysis.Analyzer{
		Name:     "marker",
		Doc:      "reports calls to mark",
		Requires: []*analysis.Analyzer{inspect.Analyzer, rep},
		Run: func(pass *analysis.Pass) (any, error) {
			r := report.For(pass)
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for c := range in.Root().Preorder((*ast.CallExpr)(nil)) {
				call := c.Node().(*ast.CallExpr)
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "mark" {
					r.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: "mark called"})
				}
			}
			return nil, nil
		},
	}
}

func TestDefaultPolicy(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), newMarker(&report.Policy{}), "reportpolicy")
}

// With -tests and -nolint=false, the fixture's expectations differ; count
// instead of annotating a second copy of it.
func TestPolicyFlags(t *testing.T) {
	count := func(p *report.Policy) int {
		// The package and its test variant share files: count positions.
		results := analysistest.Run(&quietT{t}, analysistest.TestData(), newMarker(p), "reportpolicy")
		seen := make(map[token.Position]bool)
		for _, r := range results {
			for _, d := range r.Diagnostics {
				seen[r.Pass.Fset.Position(d.Pos)] = true
			}
		}
		return len(seen)
	}
	base := count(&report.Policy{})
	withTests := count(&report.Policy{TestFiles: true})
	if withTests != base+4 {
		t.Errorf("TestFiles: %d findings, want %d (the default's plus TestSomething, helper and the benchmark's setup)", withTests, base+4)
	}
	noNolint := count(&report.Policy{IgnoreNolint: true})
	// The calls suppressed by //nolint come back: six trailing ones
	// (// nolint:marker counts, as in golangci-lint), one above a
	// statement and two in a function under a directive.
	if noNolint != base+9 {
		t.Errorf("IgnoreNolint: %d findings, want %d", noNolint, base+9)
	}
}

// quietT swallows analysistest's complaints about // want mismatches, which
// are expected when the policy differs from the fixture's.
type quietT struct{ *testing.T }

func (q *quietT) Errorf(string, ...any) {}
