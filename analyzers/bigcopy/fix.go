package bigcopy

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
)

// byIndex builds the fix that iterates by index and points at the element
// (for i := range xs { v := &xs[i] ... }), or says why it would change
// behaviour: the body writes the copy, takes its address or lets a
// closure keep it, or may change xs (then the copy and the element part).
func (ch *checker) byIndex(c inspector.Cursor, rs *ast.RangeStmt, v *types.Var) (analysis.SuggestedFix, string) {
	info := ch.pass.TypesInfo
	name := v.Name()
	if rs.Tok != token.DEFINE {
		return analysis.SuggestedFix{}, fmt.Sprintf("%s is declared outside the loop, which may read its last value", name)
	}
	if why := ch.rangedOver(rs); why != "" {
		return analysis.SuggestedFix{}, why
	}
	if why := writesCopy(info, rs.Body, v); why != "" {
		return analysis.SuggestedFix{}, why
	}
	if why := mayChange(info, rs.Body, rs.X); why != "" {
		return analysis.SuggestedFix{}, why
	}
	if len(rs.Body.List) == 0 {
		return analysis.SuggestedFix{}, "the body is empty"
	}
	f, err := ch.files.For(rs.Pos())
	if err != nil {
		return analysis.SuggestedFix{}, "the file cannot be read"
	}
	index := ""
	if id, ok := rs.Key.(*ast.Ident); ok && id.Name != "_" {
		index = id.Name
	} else {
		index = f.FreshName(rs.Pos(), "i", "idx", "n")
	}
	edits := []analysis.TextEdit{
		{Pos: rs.Key.Pos(), End: rs.Value.End(), NewText: []byte(index)},
		f.InsertLinesBefore(rs.Body.List[0], fmt.Sprintf("%s := &%s[%s]", name, f.Source(rs.X), index)),
	}
	edits = append(edits, derefs(info, rs.Body, v)...)
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("iterate by index: %s := &%s[%s]", name, types.ExprString(rs.X), index),
		TextEdits: edits,
	}, ""
}

// rangedOver says why the ranged expression cannot be indexed again in the
// body: it is not a variable or a field path (a call, a conversion), or an
// array that is not addressable there.
func (ch *checker) rangedOver(rs *ast.RangeStmt) string {
	e := ast.Unparen(rs.X)
	for {
		switch x := e.(type) {
		case *ast.Ident:
			if _, ok := ch.pass.TypesInfo.Uses[x].(*types.Var); ok {
				return ""
			}
			return types.ExprString(rs.X) + " is not a variable"
		case *ast.SelectorExpr:
			if _, ok := ch.pass.TypesInfo.Selections[x]; !ok {
				if _, ok := ch.pass.TypesInfo.Uses[x.Sel].(*types.Var); ok {
					return "" // pkg.Var
				}
				return types.ExprString(rs.X) + " is not a variable"
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return fmt.Sprintf("%s is evaluated once by range, and would be again on each iteration", types.ExprString(rs.X))
		}
	}
}

// writesCopy says how the body may change the copy v, so that pointing at
// the element would change the slice instead: an assignment to v or a
// part of it, its address taken (explicitly, or by a method with a pointer
// receiver), or a function literal that captures it (and may keep it past
// the iteration).
func writesCopy(info *types.Info, body *ast.BlockStmt, v *types.Var) string {
	why := ""
	ast.Inspect(body, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			if mentions(info, n, v) {
				why = fmt.Sprintf("a function literal captures %s and may keep it past the iteration", v.Name())
			}
			return false
		case *ast.SelectorExpr:
			if sel, ok := info.Selections[n]; ok && sel.Kind() == types.MethodVal && exprs.Root(info, n.X) == v {
				if _, ptr := sel.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptr && !isPointer(info.TypeOf(n.X)) {
					why = fmt.Sprintf("the method %s takes %s's address and may change it", n.Sel.Name, v.Name())
				}
			}
		}
		for _, t := range exprs.WriteTargets(n) {
			if t != nil && exprs.Root(info, t) == v {
				if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND {
					why = fmt.Sprintf("the body takes the address of %s, which would then point into the slice", types.ExprString(t))
				} else {
					why = fmt.Sprintf("the body changes %s, a copy: pointing at the element would change the slice", types.ExprString(t))
				}
			}
		}
		return why == ""
	})
	return why
}

// mayChange says how the body may change the ranged-over xs, whose
// elements range copied before the change: a write to a variable it is
// rooted in, or a call that is passed one or is a method of one.
func mayChange(info *types.Info, body *ast.BlockStmt, xs ast.Expr) string {
	root := exprs.Root(info, xs)
	if root == nil {
		return types.ExprString(xs) + " has no variable at its root"
	}
	if exprs.ChangedIn(info, body, xs) {
		return fmt.Sprintf("the body may change %s, whose elements range copied before", types.ExprString(xs))
	}
	why := ""
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || why != "" {
			return why == ""
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && exprs.Root(info, sel.X) == root {
			if _, isMethod := info.Selections[sel]; isMethod {
				why = fmt.Sprintf("%s may change %s, whose elements range copied before", types.ExprString(call.Fun), types.ExprString(xs))
			}
		}
		for _, arg := range call.Args {
			if exprs.Root(info, arg) == root && !isValue(info, arg) {
				why = fmt.Sprintf("the call of %s is passed %s and may change %s", types.ExprString(call.Fun), types.ExprString(arg), types.ExprString(xs))
			}
		}
		return why == ""
	})
	return why
}

// isValue reports whether e's type holds no pointer into other memory
// that a callee could write through (a number, a string, a struct of
// those...), so passing it cannot change the slice.
func isValue(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer
	}
	return false
}

// derefs rewrites the uses of v that need its value (*v) once it points
// at the element; a field selection, indexing or a method call through it
// stays as it is.
func derefs(info *types.Info, body *ast.BlockStmt, v *types.Var) []analysis.TextEdit {
	var edits []analysis.TextEdit
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || info.Uses[id] != v {
			return true
		}
		if len(stack) > 0 {
			switch p := stack[len(stack)-1].(type) {
			case *ast.SelectorExpr:
				if p.X == id {
					return true
				}
			case *ast.IndexExpr:
				if p.X == id {
					return true
				}
			}
		}
		edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte("*" + id.Name)})
		return true
	})
	return edits
}

func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).Underlying().(*types.Pointer)
	return ok
}
