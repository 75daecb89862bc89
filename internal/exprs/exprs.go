// Package exprs answers questions about expressions that perfvet's fixes
// depend on: can an expression be evaluated again without effects, which
// variables does it read, and does it have the same value at two points of
// a function.
package exprs

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/perfvet/perfvet/internal/query"
)

// Same reports whether a and b are written alike (parentheses aside):
// the same variable, field path or element expression, as perfvet's rules
// compare an accumulation's target or a map's key. It compares syntax,
// not values: a[i] and a[j] differ even when i == j.
func Same(a, b ast.Expr) bool {
	return types.ExprString(ast.Unparen(a)) == types.ExprString(ast.Unparen(b))
}

// Pure reports whether e can be evaluated again without effects: names,
// fields, constants, operators, indexing, slicing, conversions and len/cap.
func Pure(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	pure := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case nil, *ast.Ident, *ast.BasicLit, *ast.SelectorExpr, *ast.ParenExpr, *ast.BinaryExpr, *ast.UnaryExpr, *ast.StarExpr,
			*ast.IndexExpr, *ast.SliceExpr:
			if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.ARROW {
				pure = false
			}
		case *ast.CallExpr:
			if !query.IsBuiltin(info, n.Fun, "len") && !query.IsBuiltin(info, n.Fun, "cap") && !info.Types[n.Fun].IsType() {
				pure = false
			}
		default:
			pure = false
		}
		return pure
	})
	return pure
}

// ChangedIn reports whether a variable that e mentions is assigned,
// incremented or has its address taken inside n.
func ChangedIn(info *types.Info, n ast.Node, e ast.Expr) bool {
	vars := varsOf(info, e)
	changed := false
	ast.Inspect(n, func(n ast.Node) bool {
		for _, t := range WriteTargets(n) {
			if t != nil && rootIn(info, t, vars) {
				changed = true
			}
		}
		return !changed
	})
	return changed
}

// WriteTargets returns what n may write or let be written: the left sides
// of an assignment, an increment's operand, an address taken, a range's
// key and value.
func WriteTargets(n ast.Node) []ast.Expr {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs
	case *ast.IncDecStmt:
		return []ast.Expr{n.X}
	case *ast.UnaryExpr:
		if n.Op == token.AND {
			return []ast.Expr{n.X}
		}
	case *ast.RangeStmt:
		return []ast.Expr{n.Key, n.Value}
	}
	return nil
}

func varsOf(info *types.Info, e ast.Expr) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				vars[v] = true
			}
		}
		return true
	})
	return vars
}

// rootIn reports whether the variable at the root of t (x in x, x.f, x[i],
// *x) is one of vars.
func rootIn(info *types.Info, t ast.Expr, vars map[types.Object]bool) bool {
	root := Root(info, t)
	return root != nil && vars[root]
}

// Root returns the variable an assignment target or operand is rooted in:
// x for x, x.f, x[i] and *x (and combinations); nil for anything else.
func Root(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.ObjectOf(x)
		case *ast.SelectorExpr:
			if _, ok := info.Selections[x]; !ok {
				return info.ObjectOf(x.Sel) // pkg.Var
			}
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// IsNamedResult reports whether v is a named result of fn (an
// *ast.FuncDecl or *ast.FuncLit): assigning it is returning it.
func IsNamedResult(info *types.Info, fn ast.Node, v *types.Var) bool {
	ft, _ := query.FuncParts(fn)
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		for _, name := range field.Names {
			if info.Defs[name] == v {
				return true
			}
		}
	}
	return false
}

// SameValue reports whether exprs, evaluated just after the statement
// from, have the values they have when the node to starts: they read only
// local variables (no fields or pointers, which calls could change) that
// are declared and visible before from and not assigned, incremented or
// address-taken between from and to. scope is the function body holding
// both.
func SameValue(info *types.Info, scope ast.Node, exprs []ast.Expr, from ast.Stmt, to ast.Node) bool {
	vars := make(map[types.Object]bool)
	for _, e := range exprs {
		if !Pure(info, e) {
			return false
		}
		bad := false
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if _, isVar := info.ObjectOf(n.Sel).(*types.Var); isVar {
					bad = true // a field or package variable
				}
			case *ast.StarExpr:
				bad = true
			}
			return !bad
		})
		if bad {
			return false
		}
		for v := range varsOf(info, e) {
			vars[v] = true
		}
	}
	for v := range vars {
		scope := v.Parent()
		if v.Pos() >= from.Pos() || scope == nil || scope == v.Pkg().Scope() ||
			from.Pos() < scope.Pos() || scope.End() <= from.Pos() {
			return false
		}
	}
	changed := false
	ast.Inspect(scope, func(n ast.Node) bool {
		if changed || n == nil || n.End() < from.End() || n.Pos() > to.Pos() {
			return false
		}
		for _, t := range WriteTargets(n) {
			if t != nil && t.Pos() >= from.End() && t.Pos() < to.Pos() && rootIn(info, t, vars) {
				changed = true
			}
		}
		return !changed
	})
	return !changed
}
