package concatloop

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

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
			resetBefore(acc.cursor, l, acc.lhs) || shrinksBefore(pass, acc, l) || restoredAfter(pass, acc, l) {
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
	return aroundIn(c, l, func(list []ast.Stmt, holder ast.Node) bool {
		for _, stmt := range list {
			if stmt == holder {
				break
			}
			if pred(stmt) {
				return true
			}
		}
		return false
	})
}

// aroundIn calls visit with each statement list that holds c, or an
// ancestor of c within l's body, and the statement of the list that
// holds c, innermost first, until visit returns true (and so does
// aroundIn). Another loop or function between c and l ends the walk.
func aroundIn(c inspector.Cursor, l *loops.Loop, visit func(list []ast.Stmt, holder ast.Node) bool) bool {
	for cur := c; cur.Node() != nil && cur.Node() != l.Stmt; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			if cur.Node() != c.Node() {
				return false
			}
		}
		if list, ok := query.StatementList(cur.Parent().Node()); ok && visit(list, cur.Node()) {
			return true
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

// restoredAfter reports whether, later in every iteration of l that runs
// the accumulation, s is set back to a value saved before it: s = prev at
// the top level of a block that holds the accumulation (or an ancestor of
// it within l's body), after it, where prev is either saved from s earlier
// in the iteration (prev := s) or a variable l never assigns. Then what
// the accumulation adds is dropped before the next iteration (an
// indentation extended for one nested value, go-jsonnet's YAML writer):
//
//	for _, v := range values {
//		prev := indent
//		indent = indent + "  "
//		write(v, indent)
//		indent = prev
//	}
//
// A continue of l, or a goto, could skip the restore: not then.
func restoredAfter(pass *analysis.Pass, acc *accumulation, l *loops.Loop) bool {
	if acc.form != formAppend && acc.form != formPrepend {
		return false
	}
	// saved reports whether prev (a variable, or a field of one) holds the
	// same value in every iteration, or the value s had earlier in it.
	saved := func(prev ast.Expr) bool {
		root, ok := rootVar(pass, prev).(*types.Var)
		if !ok {
			return false
		}
		if !query.Within(l.Stmt, root.Pos()) && !assignedIn(pass, l.Body(), root, nil) {
			return true
		}
		var save ast.Stmt
		anyEarlier(acc.cursor, l, func(stmt ast.Stmt) bool {
			as, ok := stmt.(*ast.AssignStmt)
			if ok && len(as.Lhs) == 1 && len(as.Rhs) == 1 && exprs.Same(as.Lhs[0], prev) && exprs.Same(as.Rhs[0], acc.lhs) {
				save = stmt
			}
			return save != nil
		})
		return save != nil && !assignedIn(pass, l.Body(), root, save)
	}
	return anyLater(pass, acc.cursor, l, func(stmt ast.Stmt) bool {
		as, ok := stmt.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 || !exprs.Same(as.Lhs[0], acc.lhs) {
			return false
		}
		prev := ast.Unparen(as.Rhs[0])
		switch prev.(type) {
		case *ast.Ident, *ast.SelectorExpr:
			return !mentionsExpr(prev, acc.lhs) && saved(prev)
		}
		return false
	}) && !skipsRest(l) // the restore first: most accumulations have none, and this walks the body
}

// anyLater is anyEarlier for the statements that run after the statement
// at c, in the iterations of l that run it (with no continue of l, which
// skipsRest rules out); a block or an if true after it counts with what
// it always runs.
func anyLater(pass *analysis.Pass, c inspector.Cursor, l *loops.Loop, pred func(ast.Stmt) bool) bool {
	return aroundIn(c, l, func(list []ast.Stmt, holder ast.Node) bool {
		after := false
		for _, stmt := range list {
			if after && slices.ContainsFunc(alwaysRun(pass, stmt), pred) {
				return true
			}
			after = after || stmt == holder
		}
		return false
	})
}

// alwaysRun returns stmt and, when it is a block or an if whose condition
// is the constant true (without an else), the statements it always runs.
func alwaysRun(pass *analysis.Pass, stmt ast.Stmt) []ast.Stmt {
	out := []ast.Stmt{stmt}
	var body *ast.BlockStmt
	switch s := stmt.(type) {
	case *ast.BlockStmt:
		body = s
	case *ast.IfStmt:
		if tv := pass.TypesInfo.Types[s.Cond]; s.Init == nil && s.Else == nil && tv.Value != nil && constant.BoolVal(tv.Value) {
			body = s.Body
		}
	}
	if body != nil {
		for _, inner := range body.List {
			out = append(out, alwaysRun(pass, inner)...)
		}
	}
	return out
}

// skipsRest reports whether l's body may end an iteration early and go on
// with the next: a continue of l (an unlabelled one outside nested loops
// and functions, or any labelled one), or a goto.
func skipsRest(l *loops.Loop) bool {
	found := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				if !nested {
					visit(n.(ast.Stmt), true)
					return false
				}
			case *ast.BranchStmt:
				switch {
				case n.Tok == token.GOTO, n.Tok == token.CONTINUE && (n.Label != nil || !nested):
					found = true
				}
			}
			return !found
		})
	}
	for _, stmt := range l.Body().List {
		visit(stmt, false)
	}
	return found
}

// assignedIn reports whether body, in a statement other than except,
// assigns root or a part of it, or takes its address.
func assignedIn(pass *analysis.Pass, body ast.Node, root *types.Var, except ast.Stmt) bool {
	found := false
	rootOf := func(e ast.Expr) bool { return rootVar(pass, e) == root }
	ast.Inspect(body, func(n ast.Node) bool {
		if n == except {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				found = found || rootOf(lhs) && (n.Tok != token.DEFINE || pass.TypesInfo.Defs[identOf(lhs)] != root)
			}
		case *ast.IncDecStmt:
			found = found || rootOf(n.X)
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && rootOf(n.X)
		}
		return !found
	})
	return found
}

// identOf is e as an identifier, nil if it is not one.
func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
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
