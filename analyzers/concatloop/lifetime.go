package concatloop

import (
	"go/ast"
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// The loop whose iterations keep the string alive, and the shapes that
// bound its growth within them.

// targetLoop returns the outermost loop across whose iterations the
// accumulation keeps growing the same string: the loops that repeat the
// statement, out to the first one that holds the string's declaration. It
// returns nil when no such loop exists or all of them are cold.
func targetLoop(pass *analysis.Pass, info *loops.Info, acc *accumulation) *loops.Loop {
	inner := info.Repeating(acc.cursor)
	var target *loops.Loop
	anyHot := false
	for l := inner; l != nil; l = l.Parent {
		if query.Within(l.Stmt, acc.root.Pos()) || target != nil && resets(pass, l, target, acc.lhs) ||
			resetBefore(acc.cursor, l, acc.lhs) || shrinksBefore(pass, acc, l) {
			break
		}
		target = l
		anyHot = anyHot || !hot.IsCold(l)
	}
	if !anyHot {
		return nil
	}
	return target
}

// resets reports whether outer's body, outside the inner loop, assigns s a
// value not built from s (s = "" at the top of each row): then s grows
// only across inner's iterations, and the builder belongs around inner.
func resets(pass *analysis.Pass, outer, inner *loops.Loop, s ast.Expr) bool {
	found := false
	ast.Inspect(outer.Body(), func(n ast.Node) bool {
		if found || n == inner.Stmt {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, lhs := range as.Lhs {
			if exprs.Same(lhs, s) && !mentionsExpr(as.Rhs[i], s) {
				found = true
			}
		}
		return !found
	})
	return found
}

// resetBefore reports whether, in every iteration of l, s is assigned a
// value not built from s before the statement at c runs: an s = x at the
// top level of a block that holds c (or an ancestor of c within l's
// body), before it. Then nothing of s carries over from one iteration to
// the next, and l does not make s grow.
//
//	for sc.Scan() {
//		c.Expected = strings.Join(buf, "\n") // s starts afresh
//		if len(c.Expected) != 0 {
//			c.Expected = c.Expected + "\n" // not accumulated across l
//		}
//	}
func resetBefore(c inspector.Cursor, l *loops.Loop, s ast.Expr) bool {
	return anyEarlier(c, l, func(stmt ast.Stmt) bool {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return false
		}
		for i, lhs := range as.Lhs {
			if exprs.Same(lhs, s) && !mentionsExpr(as.Rhs[i], s) {
				return true
			}
		}
		return false
	})
}

// anyEarlier reports whether pred holds for a statement that runs before
// the statement at c in every iteration of l: one at the top level of a
// block that holds c (or an ancestor of c within l's body), before it.
// Another loop or function between c and l ends the search.
func anyEarlier(c inspector.Cursor, l *loops.Loop, pred func(ast.Stmt) bool) bool {
	for cur := c; cur.Node() != nil && cur.Node() != l.Stmt; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			if cur.Node() != c.Node() {
				return false
			}
		}
		list, ok := query.StatementList(cur.Parent().Node())
		if !ok {
			continue
		}
		for _, stmt := range list {
			if stmt == cur.Node() {
				break
			}
			if pred(stmt) {
				return true
			}
		}
	}
	return false
}

// shrinksBefore reports whether s cannot grow across l's iterations
// because, earlier in each iteration, it drops at least as many bytes as
// the accumulation adds: s = s[k:] or s = s[:len(s)-k] with a constant k,
// in a block that holds the accumulation, and the accumulation appends
// constant strings of at most k bytes in all (an indentation prefix kept
// at its depth: p.prefix = p.prefix[1:]; ...; p.prefix += "\t").
func shrinksBefore(pass *analysis.Pass, acc *accumulation, l *loops.Loop) bool {
	if acc.form != formAppend {
		return false
	}
	added := int64(0)
	for _, piece := range acc.pieces {
		tv := pass.TypesInfo.Types[piece]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			return false
		}
		added += int64(len(constant.StringVal(tv.Value)))
	}
	return anyEarlier(acc.cursor, l, func(stmt ast.Stmt) bool {
		dropped := shrinkBy(pass, stmt, acc.lhs)
		return dropped >= added && dropped > 0
	})
}

// shrinkBy returns k when stmt is s = s[k:] or s = s[:len(s)-k], k a
// positive constant, or 0.
func shrinkBy(pass *analysis.Pass, stmt ast.Stmt, s ast.Expr) int64 {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || !exprs.Same(as.Lhs[0], s) {
		return 0
	}
	sl, ok := ast.Unparen(as.Rhs[0]).(*ast.SliceExpr)
	if !ok || sl.Slice3 || !exprs.Same(sl.X, s) {
		return 0
	}
	constOf := func(e ast.Expr) int64 {
		if tv := pass.TypesInfo.Types[e]; tv.Value != nil {
			if k, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
				return k
			}
		}
		return 0
	}
	switch {
	case sl.Low != nil && sl.High == nil:
		return constOf(sl.Low)
	case sl.Low == nil && sl.High != nil:
		if b, ok := ast.Unparen(sl.High).(*ast.BinaryExpr); ok && b.Op == token.SUB {
			if call, ok := ast.Unparen(b.X).(*ast.CallExpr); ok && len(call.Args) == 1 && query.IsBuiltin(pass.TypesInfo, call.Fun, "len") && exprs.Same(call.Args[0], s) {
				return constOf(b.Y)
			}
		}
	}
	return 0
}

func mentionsExpr(n ast.Node, e ast.Expr) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && exprs.Same(x, e) {
			found = true
		}
		return !found
	})
	return found
}
