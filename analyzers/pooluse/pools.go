package pooluse

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/query"
)

// A pool is what the package shows of one sync.Pool: a variable or a field.
type pool struct {
	obj types.Object
	// newKnown says every assignment of New was seen and understood, so
	// newTypes is what New can return (nil and !hasNew: New is never set).
	newKnown bool
	hasNew   bool
	newTypes []types.Type
	newAt    ast.Node           // where New is set, for messages
	gets     []inspector.Cursor // of the Get and Put calls
	puts     []inspector.Cursor
}

// owned reports whether every use of the pool is in this package: an
// unexported variable or field of it, or a local. A *sync.Pool variable
// that is not package-level points to a pool made somewhere else.
func (p *pool) owned(pkg *types.Package) bool {
	if p.obj.Pkg() != pkg || p.obj.Exported() {
		return false
	}
	if _, isPtr := p.obj.Type().(*types.Pointer); isPtr {
		if v, ok := p.obj.(*types.Var); ok && (v.IsField() || v.Parent() != pkg.Scope()) {
			return false
		}
	}
	return true
}

// pools indexes the package's sync.Pools and their Get and Put calls.
type pools struct {
	pass   *analysis.Pass
	byObj  map[types.Object]*pool
	order  []*pool
	callOf map[*ast.CallExpr]*pool
}

// poolMethod reports whether call is (*sync.Pool).Get or Put, and which.
func poolMethod(pass *analysis.Pass, call *ast.CallExpr) (string, bool) {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return "", false
	}
	recv := fn.Signature().Recv()
	if recv == nil || !query.IsNamedType(query.Unpointer(recv.Type()), "sync", "Pool") {
		return "", false
	}
	switch fn.Name() {
	case "Get", "Put":
		return fn.Name(), true
	}
	return "", false
}

// poolObject returns the variable or field a pool expression names.
func poolObject(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := info.ObjectOf(e).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if sel := info.Selections[e]; sel != nil {
			if sel.Kind() == types.FieldVal {
				// A field of a generic type is one pool whatever the
				// instance its method or constructor sees.
				return sel.Obj().(*types.Var).Origin()
			}
			return nil
		}
		return info.Uses[e.Sel] // pkg.Pool
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return poolObject(info, e.X)
		}
	case *ast.StarExpr:
		return poolObject(info, e.X)
	}
	return nil
}

func indexPools(pass *analysis.Pass, in *inspector.Inspector) *pools {
	ps := &pools{pass: pass, byObj: make(map[types.Object]*pool), callOf: make(map[*ast.CallExpr]*pool)}
	info := pass.TypesInfo
	for c := range in.Root().Preorder((*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil)) {
		switch n := c.Node().(type) {
		case *ast.CallExpr:
			method, ok := poolMethod(pass, n)
			if !ok {
				continue
			}
			sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
			if !ok || info.Types[sel.X].IsType() {
				continue // (*sync.Pool).Get(p): a method expression
			}
			obj := poolObject(info, sel.X)
			if obj == nil {
				continue
			}
			p := ps.get(obj)
			if method == "Get" {
				p.gets = append(p.gets, c)
			} else {
				p.puts = append(p.puts, c)
			}
			ps.callOf[n] = p
		case *ast.CompositeLit:
			if !query.IsNamedType(query.Unpointer(info.TypeOf(n)), "sync", "Pool") {
				continue
			}
			if obj := literalOwner(info, c); obj != nil {
				ps.get(obj).setNew(pass, newOf(n), n)
			}
		case *ast.AssignStmt:
			// p.New = f, or a whole pool assigned from elsewhere.
			for i, lhs := range n.Lhs {
				var rhs ast.Expr
				if len(n.Lhs) == len(n.Rhs) {
					rhs = n.Rhs[i]
				}
				if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && sel.Sel.Name == "New" && query.IsNamedType(query.Unpointer(info.TypeOf(sel.X)), "sync", "Pool") {
					if obj := poolObject(info, sel.X); obj != nil {
						ps.get(obj).setNew(pass, rhs, n)
					}
					continue
				}
				if !query.IsNamedType(query.Unpointer(info.TypeOf(lhs)), "sync", "Pool") {
					continue
				}
				if _, isLit := ast.Unparen(rhs).(*ast.CompositeLit); isLit {
					continue // seen as a composite literal
				}
				if obj := poolObject(info, lhs); obj != nil {
					ps.get(obj).newKnown = false
					ps.get(obj).hasNew = true
				}
			}
		}
	}
	return ps
}

func (ps *pools) get(obj types.Object) *pool {
	p := ps.byObj[obj]
	if p == nil {
		p = &pool{obj: obj, newKnown: true}
		ps.byObj[obj] = p
		ps.order = append(ps.order, p)
	}
	return p
}

// literalOwner returns the variable or field a sync.Pool composite literal
// initialises: var p = sync.Pool{...}, p := &sync.Pool{...}, or a field
// key in a struct literal.
func literalOwner(info *types.Info, c inspector.Cursor) types.Object {
	lit := c.Node()
	parent := c.Parent()
	if u, ok := parent.Node().(*ast.UnaryExpr); ok && u.Op == token.AND {
		lit, parent = u, parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == lit && i < len(p.Names) {
				return info.Defs[p.Names[i]]
			}
		}
	case *ast.AssignStmt:
		for i, v := range p.Rhs {
			if v == lit && i < len(p.Lhs) {
				if id, ok := ast.Unparen(p.Lhs[i]).(*ast.Ident); ok {
					return info.ObjectOf(id)
				}
				return poolObject(info, p.Lhs[i])
			}
		}
	case *ast.KeyValueExpr:
		if key, ok := p.Key.(*ast.Ident); ok && p.Value == lit {
			return info.ObjectOf(key)
		}
	}
	return nil
}

// newOf returns the New field of a sync.Pool literal, or nil.
func newOf(lit *ast.CompositeLit) ast.Expr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "New" {
				return kv.Value
			}
		}
	}
	return nil
}

// setNew records one assignment of the pool's New function.
func (p *pool) setNew(pass *analysis.Pass, fn ast.Expr, at ast.Node) {
	if fn == nil {
		return
	}
	if tv := pass.TypesInfo.Types[fn]; tv.IsNil() {
		return
	}
	p.hasNew = true
	p.newAt = at
	types, ok := returnTypes(pass, fn)
	if !ok {
		p.newKnown = false
		return
	}
	p.newTypes = append(p.newTypes, types...)
}

// returnTypes returns the dynamic types a New function returns, when it is
// a function literal or a function of the package whose every return
// converts a value of known concrete type.
func returnTypes(pass *analysis.Pass, fn ast.Expr) ([]types.Type, bool) {
	var body *ast.BlockStmt
	switch f := ast.Unparen(fn).(type) {
	case *ast.FuncLit:
		body = f.Body
	case *ast.Ident:
		obj, ok := pass.TypesInfo.Uses[f].(*types.Func)
		if !ok {
			return nil, false
		}
		for _, file := range pass.Files {
			if file.Pos() <= obj.Pos() && obj.Pos() < file.End() {
				for _, d := range file.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == obj.Pos() {
						body = fd.Body
					}
				}
			}
		}
	}
	if body == nil {
		return nil, false
	}
	var out []types.Type
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			t := pass.TypesInfo.TypeOf(n.Results[0])
			if t == nil || types.IsInterface(t) {
				ok = false
				return false
			}
			out = append(out, t)
		}
		return true
	})
	return out, ok && len(out) > 0
}
