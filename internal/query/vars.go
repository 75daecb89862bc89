package query

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
)

// The variable questions come in two meanings, kept apart on purpose:
// Is/DeclaresOrUses count the identifier that declares v (ObjectOf), Use
// and Mentions only identifiers that refer to an existing v (Uses). A
// check "is v assigned again" must not count v's own declaration; a check
// "is the range key this variable" must.

// Is reports whether e, parentheses removed, is an identifier that
// declares or uses v.
func Is(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && info.ObjectOf(id) == v
}

// IsUse reports whether e, parentheses removed, is an identifier that
// refers to v (not the one declaring it).
func IsUse(info *types.Info, e ast.Expr, v *types.Var) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && v != nil && info.Uses[id] == v
}

// Mentions reports whether n holds an identifier that refers to obj (not
// counting its declaration).
func Mentions(info *types.Info, n ast.Node, obj types.Object) bool {
	return MentionsIn(info, n, obj, token.NoPos, token.NoPos)
}

// MentionsIn is Mentions restricted to identifiers at or after from and,
// if to is valid, before to.
func MentionsIn(info *types.Info, n ast.Node, obj types.Object, from, to token.Pos) bool {
	if n == nil || obj == nil {
		return false
	}
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found || n == nil || n.End() < from || to.IsValid() && n.Pos() > to {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Pos() >= from && (!to.IsValid() || id.Pos() < to) && info.Uses[id] == obj {
			found = true
		}
		return !found
	})
	return found
}

// IsBuiltin reports whether fun names the predeclared function name (and
// not a user function that shadows it).
func IsBuiltin(info *types.Info, fun ast.Expr, name string) bool {
	id, ok := ast.Unparen(fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

// IsZero reports whether e is a constant equal to zero.
func IsZero(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && constant.Sign(tv.Value) == 0
}

// Within reports whether pos lies inside n (its start included, its end
// not): whether an object declared at pos is declared inside n.
func Within(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }
