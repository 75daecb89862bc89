package loops

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

func classifyRange(pass *analysis.Pass, l *Loop, s *ast.RangeStmt) {
	tv := pass.TypesInfo.Types[s.X]
	if tv.Type == nil {
		l.Kind = Conditional
		return
	}
	l.CountExprs = []ast.Expr{s.X}
	src := render(pass, s.X)
	switch t := tv.Type.Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsString != 0 {
			l.Kind, l.Count = RangeString, "len("+src+")"
			if tv.Value != nil && tv.Value.Kind() == constant.String {
				// A constant string's rune count is known exactly.
				l.Const, l.ConstKnown = int64(len([]rune(constant.StringVal(tv.Value)))), true
			}
			return
		}
		l.Kind, l.Count = RangeInt, src
		if tv.Value != nil {
			if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
				l.Const, l.ConstKnown = max(n, 0), true
			}
		}
	case *types.Slice:
		l.Kind, l.Count = RangeSlice, "len("+src+")"
		if lit, ok := ast.Unparen(s.X).(*ast.CompositeLit); ok && !hasKeys(lit) {
			l.Const, l.ConstKnown = int64(len(lit.Elts)), true
		}
	case *types.Array:
		l.Kind, l.Count = RangeArray, "len("+src+")"
		l.Const, l.ConstKnown = t.Len(), true
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			l.Kind, l.Count = RangeArray, "len("+src+")"
			l.Const, l.ConstKnown = a.Len(), true
			return
		}
		l.Kind, l.CountExprs = Conditional, nil
	case *types.Map:
		l.Kind, l.Count = RangeMap, "len("+src+")"
		if lit, ok := ast.Unparen(s.X).(*ast.CompositeLit); ok {
			l.Const, l.ConstKnown = int64(len(lit.Elts)), true
		}
	case *types.Chan:
		l.Kind, l.CountExprs = RangeChan, nil
	case *types.Signature:
		l.Kind, l.CountExprs = RangeFunc, nil
	default: // type parameters with core types and the like: say nothing
		l.Kind, l.CountExprs = Conditional, nil
	}
}

func hasKeys(lit *ast.CompositeLit) bool {
	for _, e := range lit.Elts {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return true
		}
	}
	return false
}

// classifyFor recognises three-clause loops with a unit step over an index
// that only the post statement changes, bounded by an expression that the
// body cannot change:
//
//	for i := lo; i < hi; i++    for i := hi; i > lo; i--
//	for i := lo; i <= hi; i++   for i := hi; i >= lo; i--
func classifyFor(pass *analysis.Pass, l *Loop, s *ast.ForStmt) {
	switch {
	case s.Cond == nil:
		l.Kind = Infinite
		return
	case s.Init == nil || s.Post == nil:
		l.Kind = Conditional
		return
	}
	l.Kind = Conditional
	index, start := initIndex(pass, s.Init)
	if index == nil {
		return
	}
	step := unitStep(pass, s.Post, index)
	if step == 0 {
		return
	}
	cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok {
		return
	}
	op, bound := cond.Op, cond.Y
	if !query.Is(pass.TypesInfo, cond.X, index) {
		if !query.Is(pass.TypesInfo, cond.Y, index) {
			return
		}
		op, bound = mirror(op), cond.X
	}
	var lo, hi ast.Expr
	inclusive := false
	switch {
	case step > 0 && (op == token.LSS || op == token.NEQ):
		lo, hi = start, bound
	case step > 0 && op == token.LEQ:
		lo, hi, inclusive = start, bound, true
	case step < 0 && op == token.GTR:
		lo, hi = bound, start
	case step < 0 && op == token.GEQ:
		lo, hi, inclusive = bound, start, true
	default:
		return
	}
	if !invariant(pass, bound, s, index) || changes(pass, s.Body, index) {
		return
	}
	l.Kind, l.CountExprs = Counted, []ast.Expr{lo, hi}
	l.Count = countSource(pass, lo, hi, inclusive)
	loV, loOK := constInt(pass, lo)
	hiV, hiOK := constInt(pass, hi)
	if loOK && hiOK {
		n := hiV - loV
		if inclusive {
			n++
		}
		l.Const, l.ConstKnown = max(n, 0), true
	}
}

// logarithmic returns the statement by which a conditional loop runs O(log
// n) times ("n /= 1000"), or "": its
// condition compares a variable v that the body divides on every
// iteration (v /= c with a constant c >= 2, or v >>= c with c >= 1, at the
// top level of the body) and changes no other way. An int64 divided by
// 1000 passes at most 7 times; halved, at most 64.
//
//	for n >= 1000 {
//		s = fmt.Sprintf("x%03d/%s", n%1000, s)
//		n /= 1000
//	}
func logarithmic(pass *analysis.Pass, stmt ast.Stmt) string {
	fs, ok := stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil || fs.Init != nil || fs.Post != nil {
		return ""
	}
	cond, ok := ast.Unparen(fs.Cond).(*ast.BinaryExpr)
	if !ok {
		return ""
	}
	for _, side := range []ast.Expr{cond.X, cond.Y} {
		id, ok := ast.Unparen(side).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		var divide *ast.AssignStmt
		writes := 0
		ast.Inspect(fs.Body, func(n ast.Node) bool {
			for _, t := range exprs.WriteTargets(n) {
				if t != nil && query.Is(pass.TypesInfo, t, v) {
					writes++
					if as, ok := n.(*ast.AssignStmt); ok && slices.Contains(fs.Body.List, ast.Stmt(as)) {
						divide = as
					}
				}
			}
			return true
		})
		if writes != 1 || divide == nil || len(divide.Rhs) != 1 {
			continue
		}
		c, ok := constInt(pass, divide.Rhs[0])
		if divide.Tok == token.QUO_ASSIGN && ok && c >= 2 || divide.Tok == token.SHR_ASSIGN && ok && c >= 1 {
			return types.ExprString(&ast.BinaryExpr{X: divide.Lhs[0], Op: divide.Tok, Y: divide.Rhs[0]})
		}
	}
	return ""
}

func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// initIndex returns the index variable and its start of `i := lo` or `i = lo`.
func initIndex(pass *analysis.Pass, init ast.Stmt) (*types.Var, ast.Expr) {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) {
		return nil, nil
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, _ := pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil {
		return nil, nil
	}
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return nil, nil
	}
	return v, as.Rhs[0]
}

// unitStep returns +1 for i++ or i += 1, -1 for i-- or i -= 1, else 0.
func unitStep(pass *analysis.Pass, post ast.Stmt, index *types.Var) int {
	switch p := post.(type) {
	case *ast.IncDecStmt:
		if query.Is(pass.TypesInfo, p.X, index) {
			if p.Tok == token.INC {
				return 1
			}
			return -1
		}
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && query.Is(pass.TypesInfo, p.Lhs[0], index) {
			if v, ok := constInt(pass, p.Rhs[0]); ok && v == 1 {
				switch p.Tok {
				case token.ADD_ASSIGN:
					return 1
				case token.SUB_ASSIGN:
					return -1
				}
			}
		}
	}
	return 0
}

func constInt(pass *analysis.Pass, e ast.Expr) (int64, bool) {
	tv := pass.TypesInfo.Types[e]
	if tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

func countSource(pass *analysis.Pass, lo, hi ast.Expr, inclusive bool) string {
	// i <= n-1 (or i := n-1; i >= lo) runs n-lo times: say n, not n - 1+1.
	if b, ok := ast.Unparen(hi).(*ast.BinaryExpr); ok && inclusive && b.Op == token.SUB {
		if v, ok := constInt(pass, b.Y); ok && v == 1 {
			hi, inclusive = b.X, false
		}
	}
	h := render(pass, hi)
	if v, ok := constInt(pass, lo); ok && v == 0 {
		if inclusive {
			return h + "+1"
		}
		return h
	}
	l := render(pass, lo)
	if _, ok := ast.Unparen(lo).(*ast.BinaryExpr); ok {
		l = "(" + l + ")"
	}
	if inclusive {
		return h + "-" + l + "+1"
	}
	return h + "-" + l
}

func render(pass *analysis.Pass, e ast.Expr) string {
	return types.ExprString(e)
}
