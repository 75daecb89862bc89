package pooluse

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"
)

// Rule 1 for a field copied out of a pooled object (copied.go): the
// evidence that the pool's next user writes into what the copy references
// comes from the uses of that field only.

// fieldOnlyWhole is overwrittenWhole for one field f: every user of the
// pool uses f only whole (u.f = x, x := u.f, u.f == nil, return u.f), and
// a use of another field says nothing about f. A function or method of
// the package a user is handed to, one or two calls away, is a user too;
// a user handed to a call outside view, or stored, may have f written
// through. A user that is returned is not followed: the caller is not a
// user of the pool (the function around the Get is).
func (st *state) fieldOnlyWhole(p *pool, f *types.Var) bool {
	if !p.owned(st.pass.Pkg) {
		return false // users elsewhere are not seen
	}
	info := st.pass.TypesInfo
	w := &fieldWalk{st: st, f: f, seen: make(map[*types.Var]bool)}
	for _, c := range p.gets {
		u, _ := getVar(info, c)
		_, body := funcBody(c)
		if u == nil || body == nil || !w.user(body, u, 0) {
			return false
		}
	}
	for _, c := range p.puts {
		if u := putVar(info, c.Node().(*ast.CallExpr)); u != nil {
			_, body := funcBody(c)
			if body == nil || !w.user(body, u, 0) {
				return false
			}
		}
	}
	return true
}

// fieldWalk judges the users of a pool for one field (fieldOnlyWhole).
type fieldWalk struct {
	st   *state
	f    *types.Var
	seen map[*types.Var]bool
}

// maxCallDepth is how many calls away from a Get or Put a user is
// followed: a helper that fills the object, and one it calls.
const maxCallDepth = 2

// user reports whether every use of u in body uses f only whole.
func (w *fieldWalk) user(body *ast.BlockStmt, u *types.Var, depth int) bool {
	if w.seen[u] {
		return true
	}
	w.seen[u] = true
	info := w.st.pass.TypesInfo
	ok := true
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		if id, isID := n.(*ast.Ident); isID && info.Uses[id] == u {
			ok = w.use(body, id, stack, depth)
		}
		return true
	})
	return ok
}

// parentOf returns the nearest ancestor in stack (above index *i) that is
// not a parenthesis, moving *i to it.
func parentOf(stack []ast.Node, i *int) ast.Node {
	for *i--; *i >= 0; *i-- {
		if _, ok := stack[*i].(*ast.ParenExpr); !ok {
			return stack[*i]
		}
	}
	return nil
}

// use judges one use of a user; stack holds its ancestors.
func (w *fieldWalk) use(body *ast.BlockStmt, id *ast.Ident, stack []ast.Node, depth int) bool {
	info := w.st.pass.TypesInfo
	i := len(stack)
	switch p := parentOf(stack, &i).(type) {
	case *ast.CallExpr:
		if m, isPool := poolMethod(w.st.pass, p); isPool && m == "Put" {
			return true // handed back
		}
		for k, arg := range p.Args {
			if ast.Unparen(arg) == ast.Expr(id) {
				return w.callee(p, k, depth)
			}
		}
		return false
	case *ast.AssignStmt:
		if slices.Contains(p.Lhs, ast.Expr(id)) {
			return true // u = another object
		}
		for k, r := range p.Rhs {
			if ast.Unparen(r) == ast.Expr(id) && len(p.Lhs) == len(p.Rhs) {
				if v := localVar(info, p.Lhs[k]); v != nil {
					return w.user(body, v, depth) // x := u: x is a user too
				}
			}
		}
		return false // stored somewhere not followed
	case *ast.ValueSpec:
		for k, val := range p.Values {
			if ast.Unparen(val) == ast.Expr(id) && len(p.Names) == len(p.Values) {
				if v, _ := info.Defs[p.Names[k]].(*types.Var); v != nil {
					return w.user(body, v, depth)
				}
			}
		}
		return false
	case *ast.ReturnStmt:
		return true // see fieldOnlyWhole
	case *ast.BinaryExpr:
		return p.Op == token.EQL || p.Op == token.NEQ
	case *ast.StarExpr:
		return wholeAt(stack, i) // *u = x, x := *u
	case *ast.SelectorExpr:
		return w.selection(p, stack, i, depth)
	}
	return false
}

// selection judges u.x, at stack[i]: a field or method of a user.
func (w *fieldWalk) selection(sel *ast.SelectorExpr, stack []ast.Node, i, depth int) bool {
	info := w.st.pass.TypesInfo
	for {
		s := info.Selections[sel]
		if s == nil {
			return false
		}
		path := pathFields(s)
		if s.Kind() == types.MethodVal {
			if slices.ContainsFunc(path, w.onPath) {
				return false // a method of f, or of what holds it, may write through f
			}
			if len(path) > 0 {
				return true // a method of another embedded field
			}
			return w.method(s.Obj().(*types.Func), depth)
		}
		if s.Kind() != types.FieldVal {
			return false
		}
		if slices.Contains(path, w.f) {
			return wholeAt(stack, i) // f itself, or part of its value
		}
		if !w.onPath(path[len(path)-1]) {
			return true // another field: its memory is not f's
		}
		// A field holding f (u.inner, then .f): go on up the selector.
		at := i
		next, isSel := parentOf(stack, &i).(*ast.SelectorExpr)
		if !isSel {
			return wholeAt(stack, at) // the holder used whole, or handed on
		}
		sel = next
	}
}

// onPath reports whether field g is f or holds f in its value, or in what
// it points to.
func (w *fieldWalk) onPath(g *types.Var) bool {
	return g == w.f || holds(g.Type(), w.f, 4)
}

// holds reports whether a value of type t, or what it points to, holds
// field f, within depth levels of fields.
func holds(t types.Type, f *types.Var, depth int) bool {
	if depth == 0 {
		return false
	}
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for g := range st.Fields() {
		if g.Origin() == f || holds(g.Type(), f, depth-1) {
			return true
		}
	}
	return false
}

// pathFields returns the fields a selection goes through: for a field, the
// embedded ones and the field itself; for a method, the embedded fields
// that provide it.
func pathFields(s *types.Selection) []*types.Var {
	var path []*types.Var
	t := s.Recv()
	index := s.Index()
	if s.Kind() == types.MethodVal {
		index = index[:len(index)-1]
	}
	for _, k := range index {
		if ptr, ok := t.Underlying().(*types.Pointer); ok {
			t = ptr.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			break
		}
		g := st.Field(k)
		path = append(path, g.Origin())
		t = g.Type()
	}
	return path
}

// wholeAt reports whether the expression at stack[i] is used whole: the
// target or source of a plain assignment, declared, returned or compared.
func wholeAt(stack []ast.Node, i int) bool {
	switch p := parentOf(stack, &i).(type) {
	case *ast.AssignStmt:
		return p.Tok == token.ASSIGN || p.Tok == token.DEFINE
	case *ast.ValueSpec, *ast.ReturnStmt:
		return true
	case *ast.BinaryExpr:
		return p.Op == token.EQL || p.Op == token.NEQ
	}
	return false
}

// callee follows a user handed as argument k to a function of the package.
func (w *fieldWalk) callee(call *ast.CallExpr, k, depth int) bool {
	fn := typeutil.StaticCallee(w.st.pass.TypesInfo, call)
	if fn == nil {
		return false
	}
	sig := fn.Signature()
	if sig.Variadic() && k >= sig.Params().Len()-1 || k >= sig.Params().Len() {
		return false
	}
	decl := w.st.loopInfo.Decl(fn)
	if decl == nil || depth >= maxCallDepth {
		return false
	}
	return w.user(decl.Body, sig.Params().At(k), depth+1)
}

// method follows a user whose method of the package is called.
func (w *fieldWalk) method(fn *types.Func, depth int) bool {
	decl := w.st.loopInfo.Decl(fn)
	if decl == nil || depth >= maxCallDepth || fn.Signature().Recv() == nil {
		return false
	}
	return w.user(decl.Body, fn.Signature().Recv(), depth+1)
}

// localVar returns the local variable e names, or nil.
func localVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}
