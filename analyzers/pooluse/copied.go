package pooluse

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/perfvet/perfvet/internal/typeshape"
)

// A value copied out of a pooled pointer before Put (item := *ptr, or a
// field: item := ptr.f, ptr.inner.f) is a copy: after Put it shares only
// the memory the value references, and the pool's next user overwrites
// that memory only if some user writes through the references (appends to
// (*ptr)[:0], stores into an element). Rule 1 needs that proof to speak
// (issue #27):
//   - when the element type is a type parameter, what T references is not
//     known, so there is no proof;
//   - when every user of the pool only overwrites the value whole
//     (*ptr = item, ptr.f = x) or copies it out, nothing writes into what
//     a copy references;
//   - for a field, only uses of that field count: a user that writes
//     through another field (ptr.g.x = 1) writes into other memory.

// harmlessCopy reports whether the alias read at use (not v itself) holds
// only a copy of the pooled value, with no proof that the pool's next user
// writes into the memory it references.
func (st *state) harmlessCopy(fn ast.Node, body *ast.BlockStmt, p *pool, v *types.Var, use *ast.Ident) bool {
	info := st.pass.TypesInfo
	alias, _ := info.Uses[use].(*types.Var)
	if alias == nil || alias == v {
		return false
	}
	fields, whole, ok := st.copiedOutOf(body, alias, v)
	if !ok {
		return false
	}
	if ptr, ok := v.Type().Underlying().(*types.Pointer); ok && typeshape.HasTypeParam(ptr.Elem()) {
		return true
	}
	if whole {
		return st.overwrittenWhole(p)
	}
	for _, f := range fields {
		if !st.fieldOnlyWhole(p, f) {
			return false
		}
	}
	return true
}

// copiedOutOf reports whether every assignment to alias in body copies the
// value v points to, or a field of it, possibly sliced: alias := *v,
// alias = v.f, alias := v.inner.f, alias := (*v)[:n]. It returns the
// fields copied, and whether some assignment copies the whole value.
func (st *state) copiedOutOf(body *ast.BlockStmt, alias, v *types.Var) (fields []*types.Var, whole, ok bool) {
	info := st.pass.TypesInfo
	seen := 0
	ok = true
	copied := func(e ast.Expr) {
		f, isCopy := st.copyOf(e, v)
		switch {
		case !isCopy:
			ok = false
		case f == nil:
			whole = true
		case !slices.Contains(fields, f):
			fields = append(fields, f)
		}
		seen++
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, isID := ast.Unparen(l).(*ast.Ident)
				if !isID || info.ObjectOf(id) != alias {
					continue
				}
				if len(n.Lhs) != len(n.Rhs) || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
					ok = false
					continue
				}
				copied(n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if info.Defs[name] == alias {
					if len(n.Values) != len(n.Names) {
						ok = false
						continue
					}
					copied(n.Values[i])
				}
			}
		case *ast.RangeStmt:
			if isVar(info, n.Key, alias) || isVar(info, n.Value, alias) {
				ok = false // assigned by a range: not a plain copy
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && isVar(info, n.X, alias) {
				ok = false // &alias: written elsewhere
			}
		}
		return true
	})
	return fields, whole, ok && seen > 0
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && e != nil && info.ObjectOf(id) == v
}

// copyOf reports whether e is *v or a field read through the pointer (v.f,
// v.inner.f, a promoted field), under parentheses and slicing, and which
// field (nil for *v).
func (st *state) copyOf(e ast.Expr, v *types.Var) (*types.Var, bool) {
	info := st.pass.TypesInfo
	e = ast.Unparen(e)
	if s, ok := e.(*ast.SliceExpr); ok {
		e = ast.Unparen(s.X)
	}
	switch e := e.(type) {
	case *ast.StarExpr:
		id, ok := ast.Unparen(e.X).(*ast.Ident)
		return nil, ok && info.Uses[id] == v
	case *ast.SelectorExpr:
		var field *types.Var
		for x := ast.Expr(e); ; {
			sel, isSel := x.(*ast.SelectorExpr)
			if !isSel {
				id, isID := x.(*ast.Ident)
				return field, isID && field != nil && info.Uses[id] == v
			}
			s := info.Selections[sel]
			if s == nil || s.Kind() != types.FieldVal {
				return nil, false
			}
			if field == nil {
				field = s.Obj().(*types.Var).Origin()
			}
			x = ast.Unparen(sel.X)
		}
	}
	return nil, false
}

// overwrittenWhole reports whether every user of the pool, in every Get
// and Put of the package, only overwrites the pooled value whole (*u = x,
// u.f = x), copies it out (x := *u, x := u.f, return *u), compares it or
// hands it back: no user writes through what the value references. Users
// are the variables Get results are assigned to, and the variables Put.
func (st *state) overwrittenWhole(p *pool) bool {
	if !p.owned(st.pass.Pkg) {
		return false // users elsewhere are not seen
	}
	info := st.pass.TypesInfo
	users := make(map[*types.Var]*ast.BlockStmt)
	for _, c := range p.gets {
		u, _ := getVar(info, c)
		if u == nil {
			return false // a Get used some other way
		}
		_, users[u] = funcBody(c)
	}
	for _, c := range p.puts {
		if u := putVar(info, c.Node().(*ast.CallExpr)); u != nil {
			_, users[u] = funcBody(c)
		}
	}
	for u, body := range users {
		if body == nil || !st.onlyWhole(body, u) {
			return false
		}
	}
	return true
}

// onlyWhole reports whether every use of u in body overwrites or copies
// the value it points to whole, or the pointer itself: no use writes
// through the value's references or hands them to a call.
func (st *state) onlyWhole(body *ast.BlockStmt, u *types.Var) bool {
	info := st.pass.TypesInfo
	ok := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		if id, isID := n.(*ast.Ident); isID && info.Uses[id] == u {
			ok = st.wholeUse(id, stack)
		}
		return true
	})
	return ok
}

// wholeUse judges one use of a pool user (see onlyWhole); stack holds its
// ancestors.
func (st *state) wholeUse(id *ast.Ident, stack []ast.Node) bool {
	info := st.pass.TypesInfo
	i := len(stack) - 1
	parent := func() ast.Node {
		for i >= 0 {
			if _, ok := stack[i].(*ast.ParenExpr); !ok {
				return stack[i]
			}
			i--
		}
		return nil
	}
	switch p := parent().(type) {
	case *ast.CallExpr:
		m, isPool := poolMethod(st.pass, p)
		return isPool && m == "Put" // handed back
	case *ast.AssignStmt:
		return slices.Contains(p.Lhs, ast.Expr(id)) // u = another object
	case *ast.BinaryExpr:
		return p.Op == token.EQL || p.Op == token.NEQ
	case *ast.StarExpr, *ast.SelectorExpr:
		if sel, isSel := p.(*ast.SelectorExpr); isSel {
			if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
				return false // a method may write anywhere
			}
		}
		i--
		switch pp := parent().(type) {
		case *ast.AssignStmt:
			return pp.Tok == token.ASSIGN || pp.Tok == token.DEFINE // *u = x, or x := *u
		case *ast.ValueSpec, *ast.ReturnStmt:
			return true // a copy
		case *ast.BinaryExpr:
			return pp.Op == token.EQL || pp.Op == token.NEQ
		}
	}
	return false
}
