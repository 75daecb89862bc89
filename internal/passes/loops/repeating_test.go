package loops_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/loops"
)

// name names a loop by its header, so that fixtures need no line numbers:
// "range rows", "for i < n", "for".
func name(l *loops.Loop) string {
	if l == nil {
		return "none"
	}
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		return "range " + types.ExprString(s.X)
	case *ast.ForStmt:
		if s.Cond == nil {
			return "for"
		}
		return "for " + types.ExprString(s.Cond)
	}
	return "?"
}

// marked calls visit with the cursor of every call to the fixture's
// function fn.
func marked(pass *analysis.Pass, fn string, visit func(c inspector.Cursor, call *ast.CallExpr)) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for c := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == fn {
			visit(c, call)
		}
	}
}

// repeating reports, for every call to work(), the loop Innermost and the
// loop Repeating give for the statement holding it: where the once rules
// apply, Repeating answers an outer loop (or none).
var repeating = &analysis.Analyzer{
	Name:     "repeating",
	Doc:      "reports loops.Info.Innermost and Repeating for tests",
	Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		info := pass.ResultOf[loops.Analyzer].(*loops.Info)
		marked(pass, "work", func(c inspector.Cursor, call *ast.CallExpr) {
			pass.Reportf(call.Pos(), "innermost %s, repeating %s", name(info.Innermost(c)), name(info.Repeating(c)))
		})
		return nil, nil
	},
}

// after reports, for every statement after(), what loops.StatementsAfter
// visits up to the innermost loop around it: each run of statements by the
// first statement and its length, "again" for the loop
// itself, and "stuck" when it meets what it cannot follow.
var after = &analysis.Analyzer{
	Name:     "after",
	Doc:      "reports loops.StatementsAfter for tests",
	Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		info := pass.ResultOf[loops.Analyzer].(*loops.Info)
		marked(pass, "after", func(c inspector.Cursor, call *ast.CallExpr) {
			stmt := c.Parent() // the ExprStmt
			l := info.Innermost(c)
			if l == nil {
				pass.Reportf(call.Pos(), "no loop")
				return
			}
			top := stmt
			for top.Node() != ast.Node(l.Stmt) {
				top = top.Parent()
			}
			var runs []string
			followed := loops.StatementsAfter(stmt, top, func(stmts []ast.Stmt, again bool) bool {
				if again {
					runs = append(runs, "again "+name(info.Of(stmts[0])))
					return true
				}
				runs = append(runs, fmt.Sprintf("%s (%d)", first(stmts), len(stmts)))
				return true
			})
			if !followed {
				runs = append(runs, "stuck")
			}
			pass.Reportf(call.Pos(), "after: %s", strings.Join(runs, ", "))
		})
		return nil, nil
	},
}

// first names a run of statements by its first: a call statement by its
// call, any other by its kind.
func first(stmts []ast.Stmt) string {
	if es, ok := stmts[0].(*ast.ExprStmt); ok {
		return types.ExprString(es.X)
	}
	return fmt.Sprintf("%T", stmts[0])
}

// tripcount reports each loop's kind, count and constant count, and
// nothing of heat.
var tripcount = &analysis.Analyzer{
	Name:     "tripcount",
	Doc:      "reports loops' trip counts for tests",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		info := pass.ResultOf[loops.Analyzer].(*loops.Info)
		for _, l := range info.Loops {
			msg := fmt.Sprintf("%s count=%q exact=%v", l.Kind, l.Count, l.ExactCount())
			if l.ConstKnown {
				msg += fmt.Sprintf(" const=%d", l.Const)
			}
			pass.Reportf(l.Stmt.Pos(), "%s", msg)
		}
		return nil, nil
	},
}

func TestRepeating(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), repeating, "repeating")
}

func TestStatementsAfter(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), after, "statementsafter")
}

func TestTripCount(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), tripcount, "tripcount")
}
