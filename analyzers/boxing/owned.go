package boxing

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/query"
)

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
	// A variable without a declaring identifier is a type switch's
	// (switch p := x.(type)): its value is whatever the interface held,
	// filled elsewhere, so it has no source here to retype.
	declared := false
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if info.Uses[id] != v && info.Defs[id] != v {
			continue
		}
		declared = declared || info.Defs[id] == v
		if !ch.localUse(fd, c) {
			return false
		}
	}
	return declared
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
			if query.IsBuiltin(ch.pass.TypesInfo, p.Fun, name) {
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
			if query.IsBuiltin(ch.pass.TypesInfo, x.Fun, name) {
				return true
			}
		}
		fn, _ := typeutil.Callee(info, x).(*types.Func)
		return fn != nil && fn.Pkg() == ch.pass.Pkg
	}
	return false
}
