package hot_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/hot"
)

// TestStaticReasons reports the heat reason at each call of probe in the
// heatreasons fixture: a caller named by "called in a loop by" is real
// (not one only tests call), and refresh or poll code is cold with its
// reason, beside twins that are not.
func TestStaticReasons(t *testing.T) {
	heat := hot.New(&hot.Options{})
	probe := &analysis.Analyzer{
		Name:     "probe",
		Doc:      "reports the heat reason at each call of probe",
		Requires: []*analysis.Analyzer{inspect.Analyzer, heat},
		Run: func(pass *analysis.Pass) (any, error) {
			r := pass.ResultOf[heat].(*hot.Result)
			in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
			for c := range in.Root().Preorder((*ast.CallExpr)(nil)) {
				call := c.Node().(*ast.CallExpr)
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "probe" {
					pass.Reportf(call.Pos(), "%s", r.At(call.Pos()).Reason())
				}
			}
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), probe, "heatreasons")
}
