package boxing

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

// A contentsKey names one container: a local variable or a field, and
// whether its keys or its values are meant.
type contentsKey struct {
	obj types.Object
	key bool
}

// contents returns the concrete types of the values (or keys) the program
// puts in the container d, each once, in the order first seen: when there
// is one, the interface only costs an allocation per value, and the
// container can hold the type itself; when there are several, the
// container is a sum type by design. It reports false when the container
// holds interface values, or when it cannot see every store and every
// use: a parameter or result, a package variable, an exported field, a
// container returned, passed to a function that may fill it or read it as
// []any, or aliased elsewhere.
func (ch *checker) contents(d dest) ([]types.Type, bool) {
	info := ch.pass.TypesInfo
	var obj types.Object
	switch x := ast.Unparen(d.container).(type) {
	case *ast.Ident:
		v, ok := info.ObjectOf(x).(*types.Var)
		if !ok || v.Pkg() != ch.pass.Pkg || v.Parent() == v.Pkg().Scope() || v.IsField() {
			return nil, false
		}
		obj = v
	case *ast.SelectorExpr:
		f, ok := info.ObjectOf(x.Sel).(*types.Var)
		if !ok || !f.IsField() || f.Pkg() != ch.pass.Pkg || f.Exported() {
			return nil, false
		}
		obj = f
	default:
		return nil, false
	}
	k := contentsKey{obj, d.key}
	if r, ok := ch.contentsOf[k]; ok {
		return r.typs, r.ok
	}
	var r contentsResult
	if obj.(*types.Var).IsField() {
		r = ch.fieldContents(obj.(*types.Var), d.key)
	} else if decl, ok := topDecl(d.at); ok {
		r = ch.localContents(decl, obj.(*types.Var), d.key)
	}
	ch.contentsOf[k] = r
	return r.typs, r.ok
}

type contentsResult struct {
	typs []types.Type
	ok   bool
}

// A collector gathers the types put in one container.
type collector struct {
	typs   []types.Type
	failed bool
}

// addExpr records the type of a stored expression, looking through an
// explicit conversion to the interface (any(p) stores a p).
func (col *collector) addExpr(info *types.Info, e ast.Expr) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv := info.Types[call.Fun]; tv.IsType() && types.IsInterface(tv.Type) {
			e = call.Args[0]
		}
	}
	col.addType(info.TypeOf(e))
}

func (col *collector) addType(t types.Type) {
	switch {
	case col.failed:
	case t == nil || types.IsInterface(t) || typeshape.HasTypeParam(t):
		col.failed = true
	case !slices.ContainsFunc(col.typs, func(u types.Type) bool { return types.Identical(u, t) }):
		col.typs = append(col.typs, t)
	}
}

func (col *collector) result() contentsResult {
	return contentsResult{col.typs, !col.failed && len(col.typs) > 0}
}

func (ch *checker) localContents(decl inspector.Cursor, v *types.Var, key bool) contentsResult {
	info := ch.pass.TypesInfo
	col := &collector{}
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.Uses[id] == v || info.Defs[id] == v {
			ch.mention(c, v, key, col)
		}
		if col.failed {
			break
		}
	}
	return col.result()
}

// fieldContents scans the package for every mention of the field f: its
// selections and its keys in composite literals.
func (ch *checker) fieldContents(f *types.Var, key bool) contentsResult {
	info := ch.pass.TypesInfo
	col := &collector{}
	for fileCursor := range ch.root.Children() {
		for c := range fileCursor.Preorder((*ast.SelectorExpr)(nil), (*ast.CompositeLit)(nil)) {
			switch n := c.Node().(type) {
			case *ast.SelectorExpr:
				if info.Uses[n.Sel] == f {
					ch.mention(c, f, key, col)
				}
			case *ast.CompositeLit:
				st, ok := typeUnderlying(derefType(info.TypeOf(n))).(*types.Struct)
				if !ok {
					continue
				}
				for i, elt := range n.Elts {
					if kv, ok := elt.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && info.Uses[id] == f {
							ch.literalSource(kv.Value, f, key, col)
						}
					} else if i < st.NumFields() && st.Field(i) == f {
						ch.literalSource(elt, f, key, col)
					}
				}
			}
			if col.failed {
				return col.result()
			}
		}
	}
	return col.result()
}

func derefType(t types.Type) types.Type {
	if p, ok := typeUnderlying(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// literalSource records what a composite literal puts in a field.
func (ch *checker) literalSource(value ast.Expr, f *types.Var, key bool, col *collector) {
	if isEmptyInterface(f.Type()) {
		col.addExpr(ch.pass.TypesInfo, value)
		return
	}
	ch.source(value, f, key, col)
}

// mention classifies one mention of a container v (an identifier or a
// field selection at c): a store records the stored
// value's type, a read is harmless, anything else makes the contents
// unknown.
func (ch *checker) mention(c inspector.Cursor, v *types.Var, key bool, col *collector) {
	info := ch.pass.TypesInfo
	parent := c.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		c, parent = parent, parent.Parent()
	}
	e := c.Node()
	switch p := parent.Node().(type) {
	case *ast.Field: // a parameter or a named result: filled or read elsewhere
		col.failed = true
	case *ast.IndexExpr:
		if p.X != e {
			col.failed = true
			return
		}
		ch.indexUse(parent, p, key, col)
	case *ast.SliceExpr, *ast.RangeStmt, *ast.TypeAssertExpr:
		// reads
	case *ast.UnaryExpr:
		if p.Op != token.ARROW {
			col.failed = true
		}
	case *ast.SendStmt:
		if p.Chan != e {
			col.failed = true
			return
		}
		if !key {
			col.addExpr(info, p.Value)
		}
	case *ast.ReturnStmt:
		col.failed = true // callers may add other types, or need the interface
	case *ast.CallExpr:
		if isEmptyInterface(v.Type()) {
			return // a field of type any, read
		}
		ch.callUse(p, e, col)
	case *ast.AssignStmt:
		for i, lhs := range p.Lhs {
			if lhs != e {
				continue
			}
			switch {
			case len(p.Rhs) == len(p.Lhs):
				if isEmptyInterface(v.Type()) {
					col.addExpr(info, p.Rhs[i]) // a field of type any
				} else {
					ch.source(p.Rhs[i], v, key, col)
				}
			default:
				col.failed = true
			}
			return
		}
		col.failed = true // copied elsewhere
	case *ast.ValueSpec:
		for i, name := range p.Names {
			if name != e {
				continue
			}
			switch {
			case len(p.Values) == 0:
			case len(p.Values) == len(p.Names):
				ch.source(p.Values[i], v, key, col)
			default:
				col.failed = true
			}
			return
		}
		col.failed = true
	default:
		col.failed = true
	}
}

// indexUse classifies v[k] at c: a store records k or the stored value.
func (ch *checker) indexUse(c inspector.Cursor, ix *ast.IndexExpr, key bool, col *collector) {
	info := ch.pass.TypesInfo
	parent := c.Parent()
	switch p := parent.Node().(type) {
	case *ast.AssignStmt:
		for i, lhs := range p.Lhs {
			if lhs != ix {
				continue
			}
			switch {
			case key:
				col.addExpr(info, ix.Index)
			case len(p.Rhs) == len(p.Lhs):
				col.addExpr(info, p.Rhs[i])
			default:
				col.failed = true
			}
			return
		}
	case *ast.IncDecStmt:
		if key {
			col.addExpr(info, ix.Index)
		}
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			col.failed = true
		}
	}
}

// callUse classifies a call with v among its operands.
func (ch *checker) callUse(call *ast.CallExpr, e ast.Node, col *collector) {
	info := ch.pass.TypesInfo
	switch {
	case query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "append"):
		if call.Args[0] != e || call.Ellipsis.IsValid() {
			col.failed = true
			return
		}
		for _, arg := range call.Args[1:] {
			col.addExpr(info, arg)
		}
	case query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "copy"):
		if call.Args[0] == e {
			col.failed = true
		}
	case query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "len"), query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "cap"),
		query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "delete"), query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "clear"),
		query.IsBuiltin(ch.pass.TypesInfo, call.Fun, "close"):
	default:
		col.failed = true // a function may fill it
	}
}

// source classifies the value assigned to a container variable: a fresh
// container (make, nil, a literal, whose elements count as stores), an
// append to itself (its arguments are recorded at the inner mention) or a
// slice of itself. Anything else brings contents from elsewhere.
func (ch *checker) source(e ast.Expr, v *types.Var, key bool, col *collector) {
	info := ch.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if !info.Types[x].IsNil() {
			col.failed = true
		}
	case *ast.CompositeLit:
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key {
					col.addExpr(info, kv.Key)
				} else {
					col.addExpr(info, kv.Value)
				}
			} else if !key {
				col.addExpr(info, elt)
			}
		}
	case *ast.SliceExpr:
		if !mentionsVar(info, x.X, v) {
			col.failed = true
		}
	case *ast.CallExpr:
		switch {
		case query.IsBuiltin(ch.pass.TypesInfo, x.Fun, "make"):
		case query.IsBuiltin(ch.pass.TypesInfo, x.Fun, "append") && len(x.Args) > 0 && mentionsVar(info, x.Args[0], v):
		default:
			col.failed = true
		}
	default:
		col.failed = true
	}
}

// mentionsVar reports whether e is v itself or a selection of the field v.
func mentionsVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return info.Uses[x] == v
	case *ast.SelectorExpr:
		return info.Uses[x.Sel] == v
	}
	return false
}
