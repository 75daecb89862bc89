package boxing

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/loops"
	"github.com/perfvet/perfvet/internal/report"
	"github.com/perfvet/perfvet/internal/typeshape"
)

//go:embed doc.go
var docSource string

// Analyzer reports values boxed into interfaces on every iteration of a
// loop, with the default report policy.
var Analyzer = New(report.Default)

// New returns a boxing analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "boxing",
		Doc:      analyzerdoc.Extract(docSource, "boxing"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/boxing",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// A checker holds one pass's state: the package's function declarations and
// what is known of their interface parameters.
type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	root inspector.Cursor
	// contentsOf caches what each container holds.
	contentsOf map[contentsKey]contentsResult
	// ownedVars caches owned's verdict on local container variables.
	ownedVars map[*types.Var]bool
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	ch := &checker{
		pass:       pass,
		rep:        report.For(pass),
		root:       in.Root(),
		contentsOf: make(map[contentsKey]contentsResult),
		ownedVars:  make(map[*types.Var]bool),
	}
	filter := []ast.Node{
		(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.SendStmt)(nil),
		(*ast.CallExpr)(nil), (*ast.RangeStmt)(nil), (*ast.CompositeLit)(nil),
	}
	hot := ch.rep.HasProfile() // the hot rule speaks only where a profile shows heat
	for fileCursor := range in.Root().Children() {
		if ch.rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder(filter...) {
			if rs, ok := c.Node().(*ast.RangeStmt); ok {
				if l := loopInfo.Of(rs); l != nil && l.HotChain() {
					ch.checkAssertedElements(c, rs)
				}
				// The range statement's own conversions (none) aside, its
				// body is visited as usual.
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !loop.HotChain() {
				continue
			}
			ch.checkConversions(c)
			if hot {
				switch n := c.Node().(type) {
				case *ast.CallExpr:
					ch.hotCall(n)
				case *ast.CompositeLit:
					ch.hotLiteral(n)
				}
			}
		}
	}
	return nil, nil
}

// A dest is the container a converted value is put in.
type dest struct {
	container ast.Expr // a slice, map or channel, or a field of interface type
	at        inspector.Cursor
	key       bool   // the value is a map key
	verb      string // "appended to", "stored in", "sent on", "of" (keys)
}

// checkConversions reports the conversions to the empty interface, explicit
// or implicit, that the node at c performs into a container.
func (ch *checker) checkConversions(c inspector.Cursor) {
	info := ch.pass.TypesInfo
	switch n := c.Node().(type) {
	case *ast.AssignStmt:
		if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
			for i, lhs := range n.Lhs {
				if t := info.TypeOf(lhs); t != nil && isEmptyInterface(t) {
					if d, ok := ch.storeDest(c, lhs); ok {
						ch.candidate(n.Rhs[i], t, d)
					}
				}
			}
		}
		if n.Tok != token.DEFINE {
			for _, lhs := range n.Lhs {
				ch.mapKey(c, lhs)
			}
		}
	case *ast.IncDecStmt:
		ch.mapKey(c, n.X)
	case *ast.SendStmt:
		if ct, ok := typeUnderlying(info.TypeOf(n.Chan)).(*types.Chan); ok && isEmptyInterface(ct.Elem()) {
			ch.candidate(n.Value, ct.Elem(), dest{container: n.Chan, at: c, verb: "sent on"})
		}
	case *ast.CallExpr:
		if tv := info.Types[n.Fun]; tv.IsType() {
			if isEmptyInterface(tv.Type) && len(n.Args) == 1 {
				if d, ok := ch.sinkDest(c); ok {
					ch.candidate(n.Args[0], tv.Type, d)
				}
			}
			return
		}
		if !exprs.IsBuiltin(ch.pass, n.Fun, "append") || n.Ellipsis.IsValid() || len(n.Args) < 2 {
			return
		}
		if s, ok := typeUnderlying(info.TypeOf(n.Args[0])).(*types.Slice); ok && isEmptyInterface(s.Elem()) {
			for _, arg := range n.Args[1:] {
				ch.candidate(arg, s.Elem(), dest{container: n.Args[0], at: c, verb: "appended to"})
			}
		}
	}
}

func typeUnderlying(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// mapKey checks m[k] = v and m[k]++ on a map with empty-interface keys: the
// assignment stores the boxed key in the map.
func (ch *checker) mapKey(at inspector.Cursor, lhs ast.Expr) {
	ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
	if !ok {
		return
	}
	if m, ok := typeUnderlying(ch.pass.TypesInfo.TypeOf(ix.X)).(*types.Map); ok && isEmptyInterface(m.Key()) {
		ch.candidate(ix.Index, m.Key(), dest{container: ix.X, at: at, key: true, verb: "of"})
	}
}

// storeDest returns the container that a store to lhs puts a value in: the
// map or slice of lhs[k], or the field lhs itself.
func (ch *checker) storeDest(at inspector.Cursor, lhs ast.Expr) (dest, bool) {
	switch x := ast.Unparen(lhs).(type) {
	case *ast.IndexExpr:
		switch typeUnderlying(ch.pass.TypesInfo.TypeOf(x.X)).(type) {
		case *types.Map, *types.Slice:
			return dest{container: x.X, at: at, verb: "stored in"}, true
		}
	case *ast.SelectorExpr:
		return dest{container: x, at: at, verb: "stored in"}, true
	}
	return dest{}, false
}

// sinkDest follows an explicit conversion any(x) to the container its
// result is put in.
func (ch *checker) sinkDest(c inspector.Cursor) (dest, bool) {
	e := c.Node()
	parent := c.Parent()
	switch p := parent.Node().(type) {
	case *ast.ParenExpr:
		return ch.sinkDest(parent)
	case *ast.AssignStmt:
		if p.Tok == token.ASSIGN && len(p.Lhs) == len(p.Rhs) {
			for i, rhs := range p.Rhs {
				if rhs == e {
					return ch.storeDest(parent, p.Lhs[i])
				}
			}
		}
	case *ast.SendStmt:
		if p.Value == e {
			return dest{container: p.Chan, at: parent, verb: "sent on"}, true
		}
	case *ast.CallExpr:
		if tv := ch.pass.TypesInfo.Types[p.Fun]; tv.IsType() {
			return ch.sinkDest(parent)
		}
		if exprs.IsBuiltin(ch.pass, p.Fun, "append") && len(p.Args) > 1 && p.Args[0] != e && !p.Ellipsis.IsValid() {
			return dest{container: p.Args[0], at: parent, verb: "appended to"}, true
		}
	}
	return dest{}, false
}

// A contentsKey names one container: a local variable or a field, and
// whether its keys or its values are meant.
type contentsKey struct {
	obj types.Object
	key bool
}

// contents returns the one concrete type of every value (or key) the
// program puts in the container d: when all of them have that type, the
// interface only costs an allocation per value, and the container can hold
// the type itself. It reports false when the container holds several types
// or interface values, or when it cannot see every store and every use: a
// parameter or result, a package variable, an exported field, a container
// returned, passed to a function that may fill it or read it as []any, or
// aliased elsewhere.
func (ch *checker) contents(d dest) (types.Type, bool) {
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
		return r.typ, r.ok
	}
	var r contentsResult
	if obj.(*types.Var).IsField() {
		r = ch.fieldContents(obj.(*types.Var), d.key)
	} else if decl, ok := topDecl(d.at); ok {
		r = ch.localContents(decl, obj.(*types.Var), d.key)
	}
	ch.contentsOf[k] = r
	return r.typ, r.ok
}

type contentsResult struct {
	typ types.Type
	ok  bool
}

// A collector gathers the types put in one container.
type collector struct {
	typ    types.Type
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
	case col.typ == nil:
		col.typ = t
	case !types.Identical(col.typ, t):
		col.failed = true
	}
}

func (col *collector) result() contentsResult {
	return contentsResult{col.typ, !col.failed && col.typ != nil}
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
	case exprs.IsBuiltin(ch.pass, call.Fun, "append"):
		if call.Args[0] != e || call.Ellipsis.IsValid() {
			col.failed = true
			return
		}
		for _, arg := range call.Args[1:] {
			col.addExpr(info, arg)
		}
	case exprs.IsBuiltin(ch.pass, call.Fun, "copy"):
		if call.Args[0] == e {
			col.failed = true
		}
	case exprs.IsBuiltin(ch.pass, call.Fun, "len"), exprs.IsBuiltin(ch.pass, call.Fun, "cap"),
		exprs.IsBuiltin(ch.pass, call.Fun, "delete"), exprs.IsBuiltin(ch.pass, call.Fun, "clear"),
		exprs.IsBuiltin(ch.pass, call.Fun, "close"):
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
		case exprs.IsBuiltin(ch.pass, x.Fun, "make"):
		case exprs.IsBuiltin(ch.pass, x.Fun, "append") && len(x.Args) > 0 && mentionsVar(info, x.Args[0], v):
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

// topDecl returns the cursor of the package-level function declaration
// holding c.
func topDecl(c inspector.Cursor) (inspector.Cursor, bool) {
	var decl inspector.Cursor
	found := false
	for anc := range c.Enclosing((*ast.FuncDecl)(nil)) {
		decl, found = anc, true
	}
	return decl, found
}

// owned reports whether the container e that a range statement reads is
// the package's to retype: an unexported field of a type
// declared in the package, or a local variable that gets its value from
// make, a literal, append or a function of the package, and that is used
// only by indexing, ranging, sending and receiving, the container builtins,
// calls of the package's own functions and returns from unexported ones.
// A container handed to or taken from another package (fmt's arguments, a
// decoded JSON document, a sync.Map) has its interface type by contract:
// boxing into it is the price of that API, not a finding.
func (ch *checker) owned(at inspector.Cursor, e ast.Expr) bool {
	info := ch.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		f, ok := info.ObjectOf(x.Sel).(*types.Var)
		return ok && f.IsField() && f.Pkg() == ch.pass.Pkg && !f.Exported()
	case *ast.Ident:
		v, ok := info.ObjectOf(x).(*types.Var)
		if !ok || v.Pkg() != ch.pass.Pkg || v.Parent() == v.Pkg().Scope() {
			return false
		}
		if known, ok := ch.ownedVars[v]; ok {
			return known
		}
		decl, ok := topDecl(at)
		result := ok && ch.usedLocally(decl, v)
		ch.ownedVars[v] = result
		return result
	}
	return false
}

// usedLocally checks every mention of v in decl against owned's rules.
func (ch *checker) usedLocally(decl inspector.Cursor, v *types.Var) bool {
	info := ch.pass.TypesInfo
	fd := decl.Node().(*ast.FuncDecl)
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.Uses[id] != v && info.Defs[id] != v {
			continue
		}
		if !ch.localUse(fd, c) {
			return false
		}
	}
	return true
}

// localUse reports whether one mention of a container variable keeps it
// within the package (see owned).
func (ch *checker) localUse(fd *ast.FuncDecl, c inspector.Cursor) bool {
	info := ch.pass.TypesInfo
	id := c.Node().(*ast.Ident)
	parent := c.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		c, parent = parent, parent.Parent()
	}
	switch p := parent.Node().(type) {
	case *ast.Field:
		// A parameter: callers may pass another package's container (a
		// decoded document). A named result is filled here.
		results := fd.Type.Results
		return results != nil && p.Pos() >= results.Pos() && p.End() <= results.End() && !fd.Name.IsExported()
	case *ast.IndexExpr:
		return p.X == c.Node()
	case *ast.SliceExpr:
		return p.X == c.Node()
	case *ast.RangeStmt:
		return p.X == c.Node()
	case *ast.SendStmt:
		return p.Chan == c.Node()
	case *ast.UnaryExpr:
		return p.Op == token.ARROW
	case *ast.ReturnStmt:
		return !fd.Name.IsExported()
	case *ast.CallExpr:
		for _, name := range []string{"append", "len", "cap", "delete", "clear", "copy", "close"} {
			if exprs.IsBuiltin(ch.pass, p.Fun, name) {
				return true
			}
		}
		fn, _ := typeutil.Callee(info, p).(*types.Func)
		return fn != nil && fn.Pkg() == ch.pass.Pkg
	case *ast.AssignStmt:
		for i, lhs := range p.Lhs {
			if lhs != c.Node() {
				continue
			}
			if len(p.Rhs) != len(p.Lhs) {
				return len(p.Rhs) == 1 && ch.ownedSource(p.Rhs[0])
			}
			return ch.ownedSource(p.Rhs[i])
		}
		return false // v's value copied elsewhere
	case *ast.ValueSpec:
		for i, name := range p.Names {
			if name != id {
				continue
			}
			switch {
			case len(p.Values) == 0:
				return true
			case len(p.Values) == len(p.Names):
				return ch.ownedSource(p.Values[i])
			default:
				return len(p.Values) == 1 && ch.ownedSource(p.Values[0])
			}
		}
	}
	return false
}

// ownedSource reports whether a container's value comes from this package:
// make, new, a literal, append, nil, a slice of a container, or a call of
// one of its functions.
func (ch *checker) ownedSource(e ast.Expr) bool {
	info := ch.pass.TypesInfo
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit, *ast.SliceExpr:
		return true
	case *ast.Ident:
		return info.Types[x].IsNil()
	case *ast.CallExpr:
		for _, name := range []string{"make", "new", "append"} {
			if exprs.IsBuiltin(ch.pass, x.Fun, name) {
				return true
			}
		}
		fn, _ := typeutil.Callee(info, x).(*types.Func)
		return fn != nil && fn.Pkg() == ch.pass.Pkg
	}
	return false
}

// candidate reports value, converted to the empty interface iface and put
// in the container d, when the conversion allocates and the container holds
// nothing but values of value's type: value has a concrete type that is not
// stored in the interface word directly, is not zero-sized or a single byte
// (served from static data), and is not a constant or a literal of
// constants (static read-only data). Errors are left alone.
func (ch *checker) candidate(value ast.Expr, iface types.Type, d dest) {
	info := ch.pass.TypesInfo
	tv, ok := info.Types[value]
	if !ok || tv.Value != nil || tv.IsNil() || tv.Type == nil {
		return
	}
	t := tv.Type
	if !isEmptyInterface(iface) || types.IsInterface(t) || typeshape.HasTypeParam(t) || implementsError(t) {
		return
	}
	size, ok := ch.boxedSize(t)
	if !ok || staticLiteral(info, value) {
		return
	}
	held, ok := ch.contents(d)
	if !ok || !types.Identical(held, t) {
		return
	}
	qual := types.RelativeTo(ch.pass.Pkg)
	name := types.ExprString(d.container)
	what := "value"
	if d.key {
		what = "key"
	}
	ch.rep.ReportEscape(analysis.Diagnostic{
		Pos: value.Pos(), End: value.End(),
		Message: fmt.Sprintf("converting %s to %s in a loop allocates on every iteration (%d bytes); every %s %s %s is %s, so %s",
			types.TypeString(t, qual), types.TypeString(iface, qual), size, what, d.verb, name,
			article(types.TypeString(t, qual)), retype(ch.pass, d, name, t)),
	}, value)
}

// article prefixes a type's name with "a" or "an".
func article(name string) string {
	if name != "" && strings.ContainsRune("aeiouAEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// retype says how to declare the container to hold t itself.
func retype(pass *analysis.Pass, d dest, name string, t types.Type) string {
	qual := types.RelativeTo(pass.Pkg)
	var typ types.Type
	switch u := typeUnderlying(pass.TypesInfo.TypeOf(d.container)).(type) {
	case *types.Slice:
		typ = types.NewSlice(t)
	case *types.Map:
		if d.key {
			typ = types.NewMap(t, u.Elem())
		} else {
			typ = types.NewMap(u.Key(), t)
		}
	case *types.Chan:
		typ = types.NewChan(u.Dir(), t)
	default:
		return "declare " + name + " as " + types.TypeString(t, qual)
	}
	return "make " + name + " a " + types.TypeString(typ, qual)
}

// boxedSize returns the size of t when storing it in an interface
// allocates, after the runtime's and the compiler's exceptions.
func (ch *checker) boxedSize(t types.Type) (int64, bool) {
	if typeshape.PointerShaped(t) {
		return 0, false
	}
	size := ch.pass.TypesSizes.Sizeof(t)
	if size == 0 {
		return 0, false
	}
	if b, ok := t.Underlying().(*types.Basic); ok && size == 1 && b.Info()&(types.IsInteger|types.IsBoolean) != 0 {
		return 0, false // runtime.staticuint64s
	}
	return size, true
}

// staticLiteral reports whether e is a composite literal (or its address)
// built only of constants, which the compiler lays out as read-only data.
func staticLiteral(info *types.Info, e ast.Expr) bool {
	if x, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
		if _, ok := typeUnderlying(info.TypeOf(x)).(*types.Map); ok {
			return false
		}
		for _, elt := range x.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				elt = kv.Value
			}
			if tv := info.Types[elt]; tv.Value == nil && !staticLiteral(info, elt) {
				return false
			}
		}
		return true
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type()

// isEmptyInterface reports whether t is interface{} (any), and not a type
// parameter constrained by it. Conversions to interfaces with methods are
// left alone: there the interface is the program's design (a sum type, a
// plug-in point), and its values must be boxed by construction.
func isEmptyInterface(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

func implementsError(t types.Type) bool {
	return types.Implements(t, errorType.Underlying().(*types.Interface)) ||
		types.Implements(types.NewPointer(t), errorType.Underlying().(*types.Interface))
}

// checkAssertedElements reports a range over a slice, array or map of empty
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
	if !ok || !iface.Empty() || rs.Tok != token.DEFINE || rs.Value == nil || !ch.owned(c, rs.X) {
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
	// A comma-ok assertion or a one-case type switch may be filtering
	// mixed elements; a single-value assertion panics on any other type, so
	// at least one of those proves every element has the asserted type.
	var asserted types.Type
	commaOK := make(map[ast.Expr]bool)
	proven := false
	agree := true
	ast.Inspect(rs.Body, func(n ast.Node) bool {
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
			if isVar(info, n.X, v) {
				proven = proven || !commaOK[n]
				agree = n.Type != nil && same(&asserted, info.TypeOf(n.Type))
				return false
			}
		case *ast.TypeSwitchStmt:
			if x := switchOperand(n); x != nil && isVar(info, x, v) {
				agree = agree && singleCase(info, n, &asserted)
				ast.Inspect(n.Body, func(m ast.Node) bool { // uses in the cases
					if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
						agree = false
					}
					return agree
				})
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
	ch.rep.ReportAlloc(analysis.Diagnostic{
		Pos: rs.X.Pos(), End: rs.X.End(),
		Message: fmt.Sprintf("every element of %s is used only as %s: storing them as interfaces cost an allocation each (%d bytes) and every read a type check; store them as %s, or make the code generic",
			types.ExprString(rs.X), name, size, container),
	})
}

func isVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == v
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
