package prealloc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// Whether the fix may evaluate the loop's count a second time.

// whyNotTwice says why the fix cannot evaluate the count again: what
// must not run twice, or a composite literal it would build twice.
func whyNotTwice(es []ast.Expr, what, expr string) string {
	if _, lit := ast.Unparen(exprOf(es, expr)).(*ast.CompositeLit); lit {
		return fmt.Sprintf("the count %s, and the fix would build it a second time or have to move it", what)
	}
	return fmt.Sprintf("the count %s, which must not run twice, and the fix would have to move it", what)
}

// exprOf returns the expression under es whose source is src, or nil.
func exprOf(es []ast.Expr, src string) ast.Expr {
	var found ast.Expr
	for _, e := range es {
		ast.Inspect(e, func(n ast.Node) bool {
			if x, ok := n.(ast.Expr); ok && found == nil && types.ExprString(x) == src {
				found = x
			}
			return found == nil
		})
	}
	return found
}

// impurity says what in the count cannot be evaluated twice ("calls
// load()", "receives from ch", "has a type assertion x.(T)", "builds
// []int{…}") and gives that expression's source. It names only what is
// there (issue #27: len([]int{...}) has no call).
func impurity(pass *analysis.Pass, es []ast.Expr) (what, expr string) {
	what, expr = "is not a plain expression", "the count"
	for _, e := range es {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if tv, ok := pass.TypesInfo.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
					return true // conversions and len/cap are pure
				}
				what, expr, found = "calls "+types.ExprString(n.Fun), types.ExprString(n), true
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					what, expr, found = "receives from "+types.ExprString(n.X), types.ExprString(n), true
				}
			case *ast.TypeAssertExpr:
				what, expr, found = "has a type assertion "+types.ExprString(n), types.ExprString(n), true
			case *ast.CompositeLit, *ast.FuncLit:
				what, expr, found = "builds "+types.ExprString(n.(ast.Expr)), types.ExprString(n.(ast.Expr)), true
			}
			return !found
		})
		if found {
			break
		}
	}
	return what, expr
}

// A plan is what the finding tells the user to do, and the fix that does it.
type plan struct {
	advice string // e.g. "preallocate with make([]T, 0, n)"
	fix    *analysis.SuggestedFix
	whyNot string // why there is no fix
}
