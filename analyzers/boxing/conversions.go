package boxing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

// A dest is the container a converted value is put in.
type dest struct {
	container ast.Expr // a slice, map or channel, or a field of interface type
	at        inspector.Cursor
	key       bool   // the value is a map key
	verb      string // "appended to", "stored in", "sent on", "of" (keys)
}

// checkConversions (rule 1) reports the conversions to the empty interface, explicit
// or implicit, that the node at c performs into a container.
func (ch *checker) checkConversions(c inspector.Cursor) {
	info := ch.pass.TypesInfo
	switch n := c.Node().(type) {
	case *ast.AssignStmt:
		if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
			for i, lhs := range n.Lhs {
				if t := info.TypeOf(lhs); t != nil && ch.boxesInto(t) {
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
		if ct, ok := typeUnderlying(info.TypeOf(n.Chan)).(*types.Chan); ok && ch.boxesInto(ct.Elem()) {
			ch.candidate(n.Value, ct.Elem(), dest{container: n.Chan, at: c, verb: "sent on"})
		}
	case *ast.CallExpr:
		if tv := info.Types[n.Fun]; tv.IsType() {
			if ch.boxesInto(tv.Type) && len(n.Args) == 1 {
				if d, ok := ch.sinkDest(c); ok {
					ch.candidate(n.Args[0], tv.Type, d)
				}
			}
			return
		}
		if !query.IsBuiltin(ch.pass.TypesInfo, n.Fun, "append") || n.Ellipsis.IsValid() || len(n.Args) < 2 {
			return
		}
		if s, ok := typeUnderlying(info.TypeOf(n.Args[0])).(*types.Slice); ok && ch.boxesInto(s.Elem()) {
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
	if m, ok := typeUnderlying(ch.pass.TypesInfo.TypeOf(ix.X)).(*types.Map); ok && ch.boxesInto(m.Key()) {
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
		if query.IsBuiltin(ch.pass.TypesInfo, p.Fun, "append") && len(p.Args) > 1 && p.Args[0] != e && !p.Ellipsis.IsValid() {
			return dest{container: p.Args[0], at: parent, verb: "appended to"}, true
		}
	}
	return dest{}, false
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
	if types.IsInterface(t) || typeshape.HasTypeParam(t) || implementsError(t) {
		return
	}
	size, ok := ch.boxedSize(t)
	if !ok || staticLiteral(info, value) {
		return
	}
	var held []types.Type
	if isEmptyInterface(iface) {
		held, ok = ch.contents(d)
	}
	if !ok || !isEmptyInterface(iface) {
		if what, foreign := ch.foreign(d); foreign && ch.hot {
			ch.foreignContents(value, t, iface, size, d, what)
		}
		return
	}
	if len(held) > 1 {
		ch.mixedContents(value, t, iface, size, d, held)
		return
	}
	if !types.Identical(held[0], t) {
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
		Message: fmt.Sprintf("converting %s to %s in a loop allocates on every iteration (%s); every %s %s %s is %s, so %s; no automatic fix: retyping %s changes every use of it",
			types.TypeString(t, qual), types.TypeString(iface, qual), boxedCost(t, size), what, d.verb, name,
			article(types.TypeString(t, qual)), retype(ch.pass, d, name, t), name),
	}, report.Boxed(ch.pass, value, t))
}

// article prefixes a type's name with "a" or "an".
func article(name string) string {
	if strings.HasPrefix(name, "uint") {
		return "a " + name // "you-int"
	}
	if name != "" && strings.ContainsRune("aeiouAEIOU", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// retype says how to declare the container to hold t itself.
func retype(pass *analysis.Pass, d dest, name string, t types.Type) string {
	qual := types.RelativeTo(pass.Pkg)
	typ := typedContainer(pass, d, t)
	if typ == nil {
		return "declare " + name + " as " + types.TypeString(t, qual)
	}
	return "make " + name + " a " + types.TypeString(typ, qual)
}

// typedContainer returns d's container type with t in place of the
// interface (the key or the element), or nil when d is not a slice, map or
// channel (a field or variable of interface type).
func typedContainer(pass *analysis.Pass, d dest, t types.Type) types.Type {
	switch u := typeUnderlying(pass.TypesInfo.TypeOf(d.container)).(type) {
	case *types.Slice:
		return types.NewSlice(t)
	case *types.Map:
		if d.key {
			return types.NewMap(t, u.Elem())
		}
		return types.NewMap(u.Key(), t)
	case *types.Chan:
		return types.NewChan(u.Dir(), t)
	}
	return nil
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

// boxedCost says what boxing a value of t (size bytes) allocates. An
// integer wider than a byte is boxed by runtime.convT16, convT32 or convT64,
// which return a pointer into static data for a value from 0 to 255: for
// the indexes and small counts that make up most such boxes, nothing is
// allocated (judged for issue #26: graphql-go's visitor boxed a field index
// and gqlparser a list index, ast.PathIndex, on lines whose allocation
// profile held no 8-byte object at all, and both messages said "allocates
// on every iteration (8 bytes)").
func boxedCost(t types.Type, size int64) string {
	if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 && size > 1 {
		return fmt.Sprintf("%d bytes when the value is outside 0 to 255, which the runtime keeps as static data", size)
	}
	return fmt.Sprintf("%d bytes", size)
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

// boxesInto reports whether storing a value of a concrete type in a
// container of element (or key, or field) type t boxes it, for the rules
// that look at it: rule 1 only for the empty interface (an interface with
// methods is the program's design), the hot rule for any interface.
func (ch *checker) boxesInto(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return false
	}
	return isEmptyInterface(t) || ch.hot && types.IsInterface(t)
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
