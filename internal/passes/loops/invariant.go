package loops

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

// Invariant reports whether e has the same value in every iteration of l:
// it is built from constants, local variables declared outside the loop's
// body that the loop never assigns or takes the address of (a range's key
// and value change), operators, conversions and len/cap of such variables.
// Fields, package variables and calls count as varying: code in the loop may
// change them through an alias.
func (l *Loop) Invariant(pass *analysis.Pass, e ast.Expr) bool {
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		return true
	}
	body := l.Body()
	var post ast.Node
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		if s.Post != nil {
			post = s.Post
		}
	case *ast.RangeStmt:
		post = s // the key and value are assigned by the range clause
	}
	return invariantIn(pass, e, func(v *types.Var) bool {
		return query.Within(body, v.Pos()) || changes(pass, body, v) || changes(pass, post, v)
	}, nil)
}

// invariant reports whether the bound expression keeps its value for the
// whole loop: it is built from constants, variables that the loop never
// assigns or takes the address of, len/cap of such variables, and fields
// of such variables (i < r.size) when the loop calls nothing that could
// change the field through an alias (only builtins and conversions) and
// never assigns or takes the address of that field of any value.
func invariant(pass *analysis.Pass, bound ast.Expr, loop *ast.ForStmt, index *types.Var) bool {
	var post ast.Node
	if loop.Post != nil {
		post = loop.Post
	}
	return invariantIn(pass, bound, func(v *types.Var) bool {
		return v == index || changes(pass, loop.Body, v) || changes(pass, post, v)
	}, func(f *types.Var) bool {
		return callsOrWritesField(pass, loop, f)
	})
}

// callsOrWritesField reports whether the loop (its condition, post
// statement and body) calls a function that is not a builtin or a
// conversion, or writes or takes the address of the field f of any value.
func callsOrWritesField(pass *analysis.Pass, loop *ast.ForStmt, f *types.Var) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			tv := pass.TypesInfo.Types[n.Fun]
			if !tv.IsType() && !tv.IsBuiltin() {
				found = true
			}
		case *ast.UnaryExpr:
			if sel, ok := ast.Unparen(n.X).(*ast.SelectorExpr); ok && n.Op == token.AND && pass.TypesInfo.ObjectOf(sel.Sel) == f {
				found = true
			}
		case *ast.GoStmt, *ast.DeferStmt, *ast.FuncLit:
			found = true
		}
		for _, t := range exprs.WriteTargets(n) {
			if sel, ok := ast.Unparen(t).(*ast.SelectorExpr); ok && pass.TypesInfo.ObjectOf(sel.Sel) == f {
				found = true
			}
		}
		return !found
	})
	return found
}

// invariantIn reports whether e is built only from constants, operators,
// conversions, len/cap and local variables for which varies is false, and,
// when fieldVaries is not nil, selections of fields of those for which
// fieldVaries is false.
func invariantIn(pass *analysis.Pass, e ast.Expr, varies func(*types.Var) bool, fieldVaries func(*types.Var) bool) bool {
	vars := make(map[types.Object]bool)
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			switch obj := pass.TypesInfo.ObjectOf(n).(type) {
			case *types.Var:
				if obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
					ok = false // package variables can change under any call
				}
				vars[obj] = true
			case *types.Const, *types.TypeName, *types.Builtin, *types.Nil:
			default:
				ok = false
			}
		case *ast.CallExpr:
			if tv := pass.TypesInfo.Types[n.Fun]; tv.IsType() {
				return true // conversion
			}
			id, isIdent := ast.Unparen(n.Fun).(*ast.Ident)
			if b, isB := pass.TypesInfo.ObjectOf(id).(*types.Builtin); !isIdent || !isB || (b.Name() != "len" && b.Name() != "cap") {
				ok = false
			}
		case *ast.SelectorExpr:
			if id, isIdent := ast.Unparen(n.X).(*ast.Ident); isIdent {
				if _, isPkg := pass.TypesInfo.ObjectOf(id).(*types.PkgName); isPkg {
					switch pass.TypesInfo.ObjectOf(n.Sel).(type) {
					case *types.Const, *types.TypeName:
						return false // a qualified constant or type
					}
				}
			}
			if f, isField := pass.TypesInfo.ObjectOf(n.Sel).(*types.Var); isField && f.IsField() && fieldVaries != nil && !fieldVaries(f) {
				if sel := pass.TypesInfo.Selections[n]; sel != nil && sel.Kind() == types.FieldVal {
					return true // r.size: r is checked as a variable below
				}
			}
			ok = false // a field may change through any alias
		case *ast.BasicLit, *ast.BinaryExpr, *ast.UnaryExpr, *ast.ParenExpr:
		default:
			ok = false
		}
		return ok
	})
	if !ok {
		return false
	}
	for v := range vars {
		if varies(v.(*types.Var)) {
			return false
		}
	}
	return true
}

// changes reports whether n assigns v, increments it, or takes its address.
func changes(pass *analysis.Pass, n ast.Node, v *types.Var) bool {
	if n == nil {
		return false
	}
	// Only v itself counts: s[i] = x leaves len(s), a loop bound, alone.
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		for _, t := range exprs.WriteTargets(n) {
			found = found || t != nil && query.Is(pass.TypesInfo, t, v)
		}
		return !found
	})
	return found
}
