package prealloc

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// mapGrowsPerIteration reports whether each iteration adds a distinct key
// to the map, so that the loop's count is the map's size (issue #16: a map
// holds its distinct keys, not its iterations; sized by the loop's count
// where keys repeat it was measured 3.8× slower and 850× the memory):
//
//   - the key is the loop's index or range key (a slice index, a map key,
//     the counter of a counted loop), the range value of a slice (a set of
//     its elements), or a field of it (u.ID);
//   - the map can pass 8 entries (below that its first table holds them
//     all): the loop runs more than 8 times if its count is constant, and
//     the key type has more than 16 values (query.KeyDomain: a bool, an
//     enumeration such as a log level).
func mapGrowsPerIteration(pass *analysis.Pass, l *loops.Loop, g *growth) bool {
	if l.ConstKnown && l.Const <= 8 {
		return false
	}
	if m, ok := g.v.Type().Underlying().(*types.Map); ok {
		if n, _ := query.KeyDomain(m.Key()); n > 0 && n <= 16 {
			return false
		}
	}
	info := pass.TypesInfo
	key := ast.Unparen(g.key)
	if readsKey(info, l.Body(), g.v, key) {
		return false // m[k] read before it is written: counting or grouping, keys repeat
	}
	isVar := func(e ast.Expr, v ast.Expr) bool {
		id, ok := v.(*ast.Ident)
		if !ok || id.Name == "_" {
			return false
		}
		obj, ok := info.ObjectOf(id).(*types.Var)
		return ok && query.Is(info, e, obj)
	}
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		if s.Key != nil && isVar(key, s.Key) {
			return true
		}
		if s.Value == nil || l.Kind == loops.RangeMap || l.Kind == loops.RangeString {
			return false // a map's values and a string's runes repeat
		}
		if isVar(key, s.Value) {
			return true
		}
		if sel, ok := key.(*ast.SelectorExpr); ok && isVar(ast.Unparen(sel.X), s.Value) {
			if selection := info.Selections[sel]; selection != nil && selection.Kind() == types.FieldVal {
				return true
			}
		}
	case *ast.ForStmt:
		if init, ok := s.Init.(*ast.AssignStmt); ok && len(init.Lhs) == 1 {
			return isVar(key, init.Lhs[0])
		}
	}
	return false
}

// readsKey reports whether body reads m at key (c := m[k]; m[k] = c + 1,
// or the grouping idiom list := m[k]; m[k] = append(list, x)): the loop
// expects keys it has seen before, so its count is not the map's size.
func readsKey(info *types.Info, body *ast.BlockStmt, m *types.Var, key ast.Expr) bool {
	isEntry := func(e ast.Expr) bool {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		return ok && query.Is(info, ix.X, m) && exprs.Same(ix.Index, key)
	}
	// The first store at the key ends its statement: a read before that
	// end (in the same statement's right side, or an earlier statement)
	// sees an entry from an earlier iteration. A read after it, as in
	// out[k] = make(...); copy(out[k], src), reads this iteration's.
	written := make(map[ast.Expr]bool)
	firstStore := body.End()
	ast.Inspect(body, func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, lhs := range as.Lhs {
				written[ast.Unparen(lhs)] = true
				if isEntry(lhs) && as.End() < firstStore {
					firstStore = as.End()
				}
			}
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if ix, ok := n.(*ast.IndexExpr); ok && !written[ix] && isEntry(ix) && ix.Pos() < firstStore {
			found = true
		}
		return !found
	})
	return found
}
