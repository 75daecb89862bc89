package prealloc

import (
	"go/ast"
	"go/constant"
	"go/token"
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
		if l.Kind == loops.RangeMap || l.Kind == loops.RangeString {
			return false // a map's values and a string's runes repeat
		}
	case *ast.ForStmt:
		if init, ok := s.Init.(*ast.AssignStmt); ok && len(init.Lhs) == 1 && isVar(key, init.Lhs[0]) {
			return true
		}
	}
	return elementKey(info, l, key)
}

// elementKey reports whether key is this iteration's element of the
// sequence the loop walks, or a field of it (taken to tell the elements
// apart, as an ID does): v or v.ID for the range value v, xs[i] or
// xs[i].ID for the index i of xs (a range over xs or len(xs), or a count
// from 0 to len(xs)), or c.ID where c := xs[i] or c := &xs[i] is declared
// in the body and never assigned again (issue #32).
func elementKey(info *types.Info, l *loops.Loop, key ast.Expr) bool {
	for {
		sel, ok := key.(*ast.SelectorExpr)
		if !ok {
			break
		}
		if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal {
			return false
		}
		key = ast.Unparen(sel.X)
	}
	value, xs, index := walked(info, l)
	if id, ok := key.(*ast.Ident); ok {
		v, _ := info.Uses[id].(*types.Var)
		if v == nil {
			return false
		}
		if v == value {
			return true
		}
		init := aliasOf(info, l.Body(), v)
		if init == nil {
			return false
		}
		key = init
	}
	ix, ok := key.(*ast.IndexExpr)
	return ok && xs != nil && index != nil && exprs.Same(ix.X, xs) && query.Is(info, ix.Index, index)
}

// walked returns the loop's range value, and the sequence it indexes with
// which variable: (v, xs, i) for range xs, (nil, xs, i) for range len(xs)
// and for i := 0; i < len(xs); i++ (any step).
func walked(info *types.Info, l *loops.Loop) (value *types.Var, xs ast.Expr, index *types.Var) {
	varOf := func(e ast.Expr) *types.Var {
		id, ok := e.(*ast.Ident)
		if !ok || id.Name == "_" {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		return v
	}
	lenOf := func(e ast.Expr) ast.Expr {
		if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 && query.IsBuiltin(info, call.Fun, "len") {
			return ast.Unparen(call.Args[0])
		}
		return nil
	}
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		if s.Tok != token.DEFINE || s.Key == nil {
			return nil, nil, nil
		}
		switch l.Kind {
		case loops.RangeSlice, loops.RangeArray:
			if s.Value != nil {
				value = varOf(s.Value)
			}
			return value, ast.Unparen(s.X), varOf(s.Key)
		case loops.RangeInt:
			return nil, lenOf(s.X), varOf(s.Key)
		}
	case *ast.ForStmt:
		init, ok := s.Init.(*ast.AssignStmt)
		cond, ok2 := s.Cond.(*ast.BinaryExpr)
		if !ok || !ok2 || init.Tok != token.DEFINE || len(init.Lhs) != 1 || cond.Op != token.LSS {
			return nil, nil, nil
		}
		if lo := info.Types[init.Rhs[0]].Value; lo == nil || constant.Sign(lo) != 0 {
			return nil, nil, nil
		}
		i := varOf(init.Lhs[0])
		if i == nil || !query.Is(info, cond.X, i) {
			return nil, nil, nil
		}
		return nil, lenOf(cond.Y), i
	}
	return nil, nil, nil
}

// aliasOf returns e when v is declared in body as v := e or v := &e and
// never assigned or addressed again, else nil.
func aliasOf(info *types.Info, body *ast.BlockStmt, v *types.Var) ast.Expr {
	var init ast.Expr
	writes := 0
	ast.Inspect(body, func(n ast.Node) bool {
		for _, t := range exprs.WriteTargets(n) {
			if id, ok := ast.Unparen(t).(*ast.Ident); ok && info.ObjectOf(id) == v {
				writes++
				if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) && info.Defs[id] == v {
					for i, lhs := range as.Lhs {
						if lhs == t {
							init = ast.Unparen(as.Rhs[i])
						}
					}
				}
			}
		}
		return true
	})
	if writes != 1 || init == nil {
		return nil
	}
	if u, ok := init.(*ast.UnaryExpr); ok && u.Op == token.AND {
		init = ast.Unparen(u.X)
	}
	return init
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
