package loops_test

import (
	"fmt"
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// describe reports what loops knows of every loop (its count and the facts
// from which internal/passes/hot judges coldness), and of every call to
// mark(): the loop that repeats it, and whether a loop that is not cold
// (hot.HotChain) is among those around it. The fixture's // want comments
// are the expectations.
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "reports loops' facts for tests",
	Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		info := pass.ResultOf[loops.Analyzer].(*loops.Info)
		for _, l := range info.Loops {
			msg := fmt.Sprintf("%s count=%q", l.Kind, l.Count)
			if l.ConstKnown {
				msg += fmt.Sprintf(" const=%d", l.Const)
			}
			if l.FixedLen > 0 {
				msg += fmt.Sprintf(" fixed=%d (%s)", l.FixedLen, l.FixedName)
			}
			if l.Divides != "" {
				msg += " divides=" + l.Divides
			}
			if l.Timer != "" {
				msg += " timer=" + l.Timer
			}
			if l.Once != "" {
				msg += " once=" + l.Once
			}
			pass.Reportf(l.Stmt.Pos(), "%s", msg)
		}
		for c := range in.Root().Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "mark" {
				continue
			}
			l := info.Innermost(c)
			if l == nil {
				pass.Reportf(call.Pos(), "not repeated")
				continue
			}
			same := l.Func == query.EnclosingFunc(c)
			pass.Reportf(call.Pos(), "repeated by line %d (same function: %v, hot chain: %v)",
				pass.Fset.Position(l.Stmt.Pos()).Line, same, hot.HotChain(l))
		}
		return nil, nil
	},
}

func TestLoops(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), describe, "loopsinfo")
}
