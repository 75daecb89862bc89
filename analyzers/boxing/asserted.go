package boxing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

// checkAssertedElements (rule 2) reports a range over a slice, array or map of empty
// interfaces whose body uses each element only as one concrete type: the
// elements were boxed to be stored (an allocation each) and are unboxed
// again on every read.
func (ch *checker) checkAssertedElements(c inspector.Cursor, rs *ast.RangeStmt) {
	info := ch.pass.TypesInfo
	var elem types.Type
	switch t := typeUnderlying(info.TypeOf(rs.X)).(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
	case *types.Map:
		elem = t.Elem()
	}
	iface, ok := typeUnderlying(elem).(*types.Interface)
	if !ok || !iface.Empty() || rs.Tok != token.DEFINE || rs.Value == nil {
		return
	}
	owned := ch.owned(c, rs.X)
	param, _ := exprs.Root(info, rs.X).(*types.Var)
	if !owned && (!ch.hot || param == nil || !ch.isParam(c, param)) {
		return
	}
	id, ok := rs.Value.(*ast.Ident)
	if !ok {
		return
	}
	v, ok := info.Defs[id].(*types.Var)
	if !ok {
		return
	}
	asserted, ok := onlyAsserted(info, rs.Body, v)
	if !ok {
		return
	}
	size, ok := ch.boxedSize(asserted)
	if !ok {
		return
	}
	name := types.TypeString(asserted, types.RelativeTo(ch.pass.Pkg))
	container := "[]" + name
	if _, isMap := typeUnderlying(info.TypeOf(rs.X)).(*types.Map); isMap {
		container = "a map of " + name
	}
	if !owned {
		// A parameter: the caller boxed each element; in hot code the
		// reads' type checks and the callers' allocations are worth a
		// signature change.
		ch.rep.ReportIfHot(analysis.Diagnostic{
			Pos: rs.X.Pos(), End: rs.X.End(),
			Message: fmt.Sprintf("every element of %s is used only as %s, in a hot loop: "+
				"each was boxed by the caller (an allocation each, %d bytes) and every read here is a type check; "+
				"take a %s parameter, or make the function generic over the element type; no automatic fix: retyping the parameter changes every caller",
				types.ExprString(rs.X), name, size, retypedRange(ch.pass, rs.X, asserted)),
		}, nil)
		return
	}
	ch.rep.ReportAlloc(analysis.Diagnostic{
		Pos: rs.X.Pos(), End: rs.X.End(),
		Message: fmt.Sprintf("every element of %s is used only as %s: "+
			"storing them as interfaces cost an allocation each (%d bytes) and every read a type check; "+
			"store them as %s, or make the code generic; no automatic fix: retyping %s changes every place that fills it and every assertion on it",
			types.ExprString(rs.X), name, size, container, types.ExprString(rs.X)),
	})
}

// onlyAsserted returns the one concrete type the loop body uses the
// element v as, when every use of v asserts it and at least one
// assertion would panic on another type.
func onlyAsserted(info *types.Info, body *ast.BlockStmt, v *types.Var) (types.Type, bool) {
	// A comma-ok assertion or a one-case type switch may be filtering
	// mixed elements; a single-value assertion panics on any other type, so
	// at least one of those proves every element has the asserted type.
	var asserted types.Type
	commaOK := make(map[ast.Expr]bool)
	proven := false
	agree := true
	ast.Inspect(body, func(n ast.Node) bool {
		if !agree {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				commaOK[ast.Unparen(n.Rhs[0])] = true
			}
		case *ast.ValueSpec:
			if len(n.Names) == 2 && len(n.Values) == 1 {
				commaOK[ast.Unparen(n.Values[0])] = true
			}
		case *ast.TypeAssertExpr:
			if query.IsUse(info, n.X, v) {
				proven = proven || !commaOK[n]
				agree = n.Type != nil && same(&asserted, info.TypeOf(n.Type))
				return false
			}
		case *ast.TypeSwitchStmt:
			if x := switchOperand(n); x != nil && query.IsUse(info, x, v) {
				agree = agree && singleCase(info, n, &asserted)
				if query.Mentions(info, n.Body, v) { // uses in the cases
					agree = false
				}
				return false
			}
		case *ast.Ident:
			if info.Uses[n] == v {
				agree = false // used as an interface value
			}
		}
		return true
	})
	if !agree || !proven || asserted == nil || types.IsInterface(asserted) {
		return nil, false
	}
	return asserted, true
}

// same records t as the one asserted type, or reports whether it is it.
func same(asserted *types.Type, t types.Type) bool {
	if t == nil {
		return false
	}
	if *asserted == nil {
		*asserted = t
		return true
	}
	return types.Identical(*asserted, t)
}

func switchOperand(s *ast.TypeSwitchStmt) ast.Expr {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			x = a.Rhs[0]
		}
	}
	if ta, ok := ast.Unparen(x).(*ast.TypeAssertExpr); ok {
		return ta.X
	}
	return nil
}

// singleCase reports whether a type switch has one case of one type (and
// maybe a default), recording that type.
func singleCase(info *types.Info, s *ast.TypeSwitchStmt, asserted *types.Type) bool {
	cases := 0
	ok := true
	for _, stmt := range s.Body.List {
		cc := stmt.(*ast.CaseClause)
		if cc.List == nil {
			continue // default
		}
		cases++
		ok = ok && len(cc.List) == 1 && same(asserted, info.TypeOf(cc.List[0]))
	}
	return ok && cases == 1
}

// retypedRange names the type of the ranged container x with its elements
// of type t: []T, [N]T or map[K]T.
func retypedRange(pass *analysis.Pass, x ast.Expr, t types.Type) string {
	var typ types.Type
	switch u := typeUnderlying(pass.TypesInfo.TypeOf(x)).(type) {
	case *types.Slice:
		typ = types.NewSlice(t)
	case *types.Array:
		typ = types.NewArray(t, u.Len())
	case *types.Map:
		typ = types.NewMap(u.Key(), t)
	}
	return types.TypeString(typ, types.RelativeTo(pass.Pkg))
}
