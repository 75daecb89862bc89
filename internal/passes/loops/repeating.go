package loops

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

// EarlyExit returns a statement that leaves the loop's body before the
// loop has run all its iterations: a return, a break of it or of an outer
// statement, a goto, or a call of panic. Only panic among the no-return
// calls: the callers ask whether goroutines fed by the loop are left
// behind while the program goes on, and os.Exit or log.Fatal end it.
func (l *Loop) EarlyExit(info *types.Info) ast.Node {
	var stop ast.Node
	ast.PreorderStack(l.Body(), nil, func(n ast.Node, ancestors []ast.Node) bool {
		if stop != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			stop = n
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				stop = n
			case n.Tok == token.BREAK && !query.InsideBreakable(ancestors, true):
				stop = n
			}
		case *ast.CallExpr:
			if query.IsPanic(info, n) {
				stop = n
			}
		}
		return stop == nil
	})
	return stop
}

// Innermost returns the innermost loop that repeats the node at c, or nil
// when nothing repeats it. It crosses the boundary of a function literal
// that the loop runs on each iteration (called where it stands, deferred,
// or passed to a call such as sort.Slice), but not of one the loop only
// creates for later: a goroutine (go func, g.Go), an HTTP handler, a
// closure stored, returned or registered. Those run once per goroutine,
// request or event, not once per iteration of the loop that made them.
func (info *Info) Innermost(c inspector.Cursor) *Loop {
	pos := c.Node().Pos()
	for anc := c.Parent(); anc.Node() != nil; anc = anc.Parent() {
		switch n := anc.Node().(type) {
		case *ast.FuncLit:
			if info.detached(anc) {
				return nil
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if l := info.byStmt[n.(ast.Stmt)]; l != nil && l.Repeats(pos) {
				return l
			}
		}
	}
	return nil
}

// detached reports whether the function literal at lit runs apart from
// the iteration that creates it: started as a goroutine, a handler, or
// kept (stored, returned, sent) rather than called during the iteration.
func (loopInfo *Info) detached(lit inspector.Cursor) bool {
	info := loopInfo.pass.TypesInfo
	if query.IsHTTPHandler(info, lit.Node()) {
		return true
	}
	call, ok := lit.Parent().Node().(*ast.CallExpr)
	if !ok {
		return true // stored, returned, sent, or an element of a literal
	}
	if _, ok := lit.Parent().Parent().Node().(*ast.GoStmt); ok {
		return true // go func() {...}() or go f(func() {...})
	}
	if ast.Unparen(call.Fun) == lit.Node() {
		return false // called where it stands, or deferred
	}
	// An argument runs per iteration only if the callee is known to call
	// it before returning (sort.Slice, strings.Map, t.Run, a function of
	// the package that only calls its parameter); any other callee may
	// keep it for later (a handler or check registered per name, issue
	// #27), run when invoked, not when the loop runs.
	return !loopInfo.callsArgument(call, lit.Node())
}

// Repeating returns the innermost loop that repeats the node at c, like
// Innermost, but counts a statement that leaves its loop as run once: a
// return or no-return call (query.LeavesFunc: panic, os.Exit, log.Fatal,
// t.Fatal...), or a statement directly followed by one or by a break of
// the loop (`s += x; break` runs at most once per run of the
// loop it breaks, `x; return` at most once per call).
func (info *Info) Repeating(c inspector.Cursor) *Loop {
	inner := info.Innermost(c)
	if inner == nil {
		return nil
	}
	typesInfo := info.pass.TypesInfo
	for stmt := c; stmt.Node() != nil; stmt = stmt.Parent() {
		if _, ok := stmt.Node().(ast.Stmt); ok && query.InStatementList(stmt) {
			if query.LeavesFunc(typesInfo, stmt.Node()) || endsInReturn(typesInfo, stmt, inner) {
				return outsideFunc(stmt, inner)
			}
			if endsInBreak(info.pass.TypesInfo, stmt, inner) || onceForKey(info.pass, stmt, inner) || onceByFlag(info.pass, stmt, inner) || onceByLatch(info.pass, stmt, inner) {
				return inner.Parent
			}
			return skipSingleShot(typesInfo, stmt, inner)
		}
	}
	return inner
}

// endsInReturn reports whether the statement at c is bound to be followed
// by a return or no-return call before its loop can start another iteration: some
// block between it and the loop's body (that body included) ends in one,
// and no continue or goto after the statement in that block can skip it.
//
//	for _, k := range keys {
//		if key == k {
//			var b bytes.Buffer // runs at most once per call
//			...
//			return "", errors.New(b.String())
//		}
//	}
func endsInReturn(info *types.Info, c inspector.Cursor, inner *Loop) bool {
	for stmt := c; stmt.Node() != nil && stmt.Node() != inner.Stmt; stmt = stmt.Parent() {
		switch stmt.Parent().Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false // another loop or function starts here
		}
		list, ok := query.StatementList(stmt.Parent().Node())
		if !ok {
			continue
		}
		if len(list) == 0 || !query.LeavesFunc(info, query.FinalStmt(info, list)) {
			continue
		}
		i := slices.Index(list, stmt.Node().(ast.Stmt))
		if i >= 0 && !jumpsBack(list[i+1:]) && !jumpsAfter(c, stmt) {
			return true
		}
	}
	return false
}

// endsInBreak reports whether the statement at c is bound to be followed
// by a break of its innermost loop before another iteration: some block
// between it and the loop's body ends in that break, and nothing after the
// statement in that block can jump back. Such a statement runs at most once
// per run of the loop:
//
//	for g.Next() {
//		if width+w > max {
//			if width < max {
//				prefix += pad // once
//			}
//			break
//		}
//	}
func endsInBreak(info *types.Info, c inspector.Cursor, inner *Loop) bool {
	for stmt := c; stmt.Node() != nil && stmt.Node() != inner.Stmt; stmt = stmt.Parent() {
		parent := stmt.Parent()
		switch parent.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false // another loop or function starts here
		}
		list, ok := query.StatementList(parent.Node())
		if !ok || len(list) == 0 {
			continue
		}
		br, ok := query.FinalStmt(info, list).(*ast.BranchStmt)
		if !ok || br.Tok != token.BREAK || !breaksLoop(parent, br, inner) {
			continue
		}
		i := slices.Index(list, stmt.Node().(ast.Stmt))
		if i >= 0 && i < len(list)-1 && !jumpsBack(list[i+1:len(list)-1]) && !jumpsAfter(c, stmt) {
			return true
		}
	}
	return false
}

// breaksLoop reports whether br, a break in the statement list at list,
// leaves loop l: a label naming l, or no switch or select between.
func breaksLoop(list inspector.Cursor, br *ast.BranchStmt, l *Loop) bool {
	if br.Label != nil {
		name, ok := labelOf(list, l)
		return ok && name == br.Label.Name
	}
	for anc := list; anc.Node() != nil && anc.Node() != l.Stmt; anc = anc.Parent() {
		switch anc.Node().(type) {
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
			return false
		}
	}
	return true
}

// onceForKey reports whether the statement at c runs for one value of the
// loop's range key only: it is in a case of a switch on the key with
// constant cases, or in an if on key == constant, and the loop ranges over
// a map, slice, array, string or integer, whose keys never repeat. It runs
// at most once per run of the loop (with strings.ToLower or ToUpper of the
// key, once per spelling of the constant among the keys).
//
//	for k, v := range opts {
//		switch k {
//		case "pinned":
//			re := regexp.MustCompile(`^[a-f0-9]{64}$`) // once per range
func onceForKey(pass *analysis.Pass, c inspector.Cursor, l *Loop) bool {
	info := pass.TypesInfo
	key := l.key
	if key == nil {
		return false
	}
	for cur := c; cur.Node() != nil && cur.Node() != l.Stmt; cur = cur.Parent() {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false
		case *ast.CaseClause:
			sw, ok := parent.Parent().Parent().Node().(*ast.SwitchStmt)
			if ok && sw.Init == nil && len(p.List) > 0 && isKey(info, sw.Tag, key) && allConstant(info, p.List) && !endsInFallthrough(p.Body) {
				return true
			}
		case *ast.IfStmt:
			if cur.Node() == ast.Node(p.Body) && p.Init == nil && comparesKey(info, p.Cond, key) {
				return true
			}
		}
	}
	return false
}

// onceByFlag reports whether the statement at c runs at most once per run
// of loop l because a flag guards it: in a block around it within l's
// body, an earlier if F { ... } leaves (a return, a panic, a break of l),
// or the block is the body of if !F { ... }, and F = true follows with no
// jump between it and the statement, while nothing in l sets F to
// anything else (and F is declared outside l). The second time the block
// is reached, it leaves first, or is skipped.
//
//	for _, t := range tags {
//		if t == "else" {
//			if elseUsed {
//				return errDuplicate
//			}
//			prefix += "\t" // once per loop
//			elseUsed = true
//		}
//	}
func onceByFlag(pass *analysis.Pass, c inspector.Cursor, l *Loop) bool {
	info := pass.TypesInfo
	for cur := c; cur.Node() != nil && cur.Node() != l.Stmt; cur = cur.Parent() {
		switch cur.Parent().Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			if cur.Parent().Node() != l.Stmt {
				return false // another loop or function starts here
			}
		}
		list, ok := query.StatementList(cur.Parent().Node())
		if !ok {
			continue
		}
		i := slices.IndexFunc(list, func(s ast.Stmt) bool { return ast.Node(s) == cur.Node() })
		if i < 0 {
			continue
		}
		// if !F { ...; F = true }: the body runs while F is false, and
		// sets it.
		if ifs, ok := cur.Parent().Parent().Node().(*ast.IfStmt); ok && ifs.Body == cur.Parent().Node() && ifs.Init == nil && ifs.Else == nil {
			if not, ok := ast.Unparen(ifs.Cond).(*ast.UnaryExpr); ok && not.Op == token.NOT && flagExpr(info, not.X) {
				flag := ast.Unparen(not.X)
				for k := range list {
					if k == i || !setsTrue(info, list[k], flag) {
						continue
					}
					between := k > i && (jumpsBack(list[i+1:k]) || jumpsAfter(c, cur))
					if !between && declaredOutside(info, flag, l) && onlySetTrue(info, l.Body(), flag) {
						return true
					}
				}
			}
		}
		for j := range i {
			flag := guardFlag(info, list[j], l, cur.Parent())
			if flag == nil {
				continue
			}
			for k := j + 1; k < len(list); k++ {
				if k == i || !setsTrue(info, list[k], flag) {
					continue
				}
				between := k > i && (jumpsBack(list[i+1:k]) || jumpsAfter(c, cur))
				if !between && declaredOutside(info, flag, l) && onlySetTrue(info, l.Body(), flag) {
					return true
				}
			}
		}
	}
	return false
}

// onceByLatch reports whether the statement at c runs at most once per run
// of loop l because an error latches: it sits in if v != nil { ... }
// inside if v == nil { ... }, and v is written only in that outer block
// before the inner if. Once the statement has run, v stays non-nil and the
// outer block never runs again.
//
//	if err == nil {
//		err = f.send(dest)
//		if err != nil {
//			errc <- err // once: err is never reset
//		}
//	}
func onceByLatch(pass *analysis.Pass, c inspector.Cursor, l *Loop) bool {
	info := pass.TypesInfo
	var inner *ast.IfStmt
	var v *types.Var
	for cur := c; cur.Node() != nil && cur.Node() != l.Stmt; cur = cur.Parent() {
		switch n := cur.Node().(type) {
		case *ast.FuncLit, *ast.ForStmt, *ast.RangeStmt:
			if n != c.Node() {
				return false
			}
		case *ast.IfStmt:
			if !query.Within(n.Body, c.Node().Pos()) {
				continue
			}
			if inner == nil {
				if w := nilTest(info, n.Cond, token.NEQ); w != nil {
					inner, v = n, w
				}
				continue
			}
			if nilTest(info, n.Cond, token.EQL) != v {
				continue
			}
			if query.Within(l.Stmt, v.Pos()) {
				return false // declared in the loop: nil again every iteration
			}
			latched := true
			ast.Inspect(l.Body(), func(m ast.Node) bool {
				for _, t := range exprs.WriteTargets(m) {
					if t == nil || !query.Is(info, t, v) {
						continue
					}
					if beforeInner := query.Within(n.Body, t.Pos()) && t.Pos() < inner.Pos(); !beforeInner {
						latched = false
					}
				}
				return latched
			})
			return latched
		}
	}
	return false
}

// nilTest returns v when cond is v op nil (or nil op v), v a local variable.
func nilTest(info *types.Info, cond ast.Expr, op token.Token) *types.Var {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != op {
		return nil
	}
	x, y := ast.Unparen(b.X), ast.Unparen(b.Y)
	if info.Types[x].IsNil() {
		x, y = y, x
	}
	if !info.Types[y].IsNil() {
		return nil
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil || v.Parent() == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// guardFlag returns F when stmt is if F { ... } without init or else, whose
// body ends in a return, a panic or a break of l; F an identifier, a
// field, or a map or slice element at a constant index.
func guardFlag(info *types.Info, stmt ast.Stmt, l *Loop, block inspector.Cursor) ast.Expr {
	ifs, ok := stmt.(*ast.IfStmt)
	if !ok || ifs.Init != nil || ifs.Else != nil || len(ifs.Body.List) == 0 {
		return nil
	}
	last := query.FinalStmt(info, ifs.Body.List)
	leaves := query.LeavesFunc(info, last)
	if br, ok := last.(*ast.BranchStmt); ok && br.Tok == token.BREAK {
		leaves = breaksLoop(block, br, l)
	}
	if !leaves || !flagExpr(info, ifs.Cond) {
		return nil
	}
	return ast.Unparen(ifs.Cond)
}

// declaredOutside reports whether the variable at the root of flag (used,
// s.done, seen["x"]) is declared outside l: one declared in the loop
// starts false again on every iteration.
func declaredOutside(info *types.Info, flag ast.Expr, l *Loop) bool {
	root := exprs.Root(info, flag)
	return root != nil && !query.Within(l.Stmt, root.Pos())
}

// flagExpr reports whether e can name a flag: a boolean identifier, field,
// or element at a constant index.
func flagExpr(info *types.Info, e ast.Expr) bool {
	t, ok := info.TypeOf(e).(*types.Basic)
	if !ok || t.Kind() != types.Bool && t.Kind() != types.UntypedBool {
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		_, ok := x.X.(*ast.Ident)
		return ok
	case *ast.IndexExpr:
		_, ok := x.X.(*ast.Ident)
		return ok && info.Types[x.Index].Value != nil
	}
	return false
}

// setsTrue reports whether stmt is flag = true.
func setsTrue(info *types.Info, stmt ast.Stmt, flag ast.Expr) bool {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	v := info.Types[as.Rhs[0]].Value
	return exprs.Same(as.Lhs[0], flag) && v != nil && v.String() == "true"
}

// onlySetTrue reports whether every assignment to flag in body sets it
// true, and no delete or clear can drop it from its map.
func onlySetTrue(info *types.Info, body *ast.BlockStmt, flag ast.Expr) bool {
	var base ast.Expr // the map or slice of an element flag
	if ix, ok := flag.(*ast.IndexExpr); ok {
		base = ix.X
	}
	ok := true
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				if !exprs.Same(lhs, flag) && (base == nil || !exprs.Same(lhs, base)) {
					continue
				}
				if len(n.Lhs) != len(n.Rhs) || !setsTrue(info, &ast.AssignStmt{Lhs: []ast.Expr{lhs}, Tok: n.Tok, Rhs: []ast.Expr{n.Rhs[i]}}, flag) {
					ok = false
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && exprs.Same(n.X, flag) {
				ok = false
			}
		case *ast.CallExpr:
			if base != nil && len(n.Args) > 0 && exprs.Same(n.Args[0], base) &&
				(query.IsBuiltin(info, n.Fun, "delete") || query.IsBuiltin(info, n.Fun, "clear")) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// rangeKey returns the key variable of a range over keys that never repeat,
// declared by the range statement and not assigned in its body, or nil.
func rangeKey(pass *analysis.Pass, l *Loop) *types.Var {
	rs, ok := l.Stmt.(*ast.RangeStmt)
	if !ok || rs.Tok != token.DEFINE {
		return nil
	}
	switch l.Kind {
	case RangeMap, RangeSlice, RangeArray, RangeString, RangeInt:
	default:
		return nil
	}
	id, ok := rs.Key.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := pass.TypesInfo.Defs[id].(*types.Var)
	if !ok || changes(pass, rs.Body, v) {
		return nil
	}
	return v
}

// isKey reports whether e is the key, or strings.ToLower or ToUpper of it.
func isKey(info *types.Info, e ast.Expr, key *types.Var) bool {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 &&
		(query.IsCallTo(info, call, "strings.ToLower") || query.IsCallTo(info, call, "strings.ToUpper")) {
		e = ast.Unparen(call.Args[0])
	}
	id, ok := e.(*ast.Ident)
	return ok && info.Uses[id] == key
}

// comparesKey reports whether cond is key == constant (either way round).
func comparesKey(info *types.Info, cond ast.Expr, key *types.Var) bool {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL {
		return false
	}
	return isKey(info, b.X, key) && allConstant(info, []ast.Expr{b.Y}) ||
		isKey(info, b.Y, key) && allConstant(info, []ast.Expr{b.X})
}

func allConstant(info *types.Info, exprs []ast.Expr) bool {
	for _, e := range exprs {
		if info.Types[e].Value == nil {
			return false
		}
	}
	return true
}

// jumpsAfter reports whether, once the statement at c has run, a jump
// inside the statement at top (c's ancestor, or c itself) could still run
// before top completes: one in the statements that may follow c there
// (StatementsAfter), or anything StatementsAfter cannot follow.
//
//	if c != ':' {
//		n.indices += string(c) // followed by the return below
//	} else if n.wild {
//		continue // excluded: the else of the branch that ran
//	}
//	n.insert(p)
//	return
func jumpsAfter(c, top inspector.Cursor) bool {
	jumps := false
	followed := StatementsAfter(c, top, func(stmts []ast.Stmt, again bool) bool {
		jumps = again || jumpsBack(stmts)
		return !jumps
	})
	return jumps || !followed
}

// StatementsAfter calls visit with each run of statements that may execute
// after the statement at c and before the statement at top (an ancestor of
// c, or c itself) completes, innermost first: the statements after c's
// ancestor in each enclosing block or clause. Branches that exclude c's do
// not run after it and are skipped: the other branch of the if that holds
// c, the other clauses of its switch or select. Where a loop between c and
// top may run its body again, visit gets the loop statement itself with
// again set. The walk ends when visit returns false. StatementsAfter
// reports false when it meets what it cannot follow (c's clause falling
// through, a function literal, an if's condition): callers then assume the
// worst.
func StatementsAfter(c, top inspector.Cursor, visit func(stmts []ast.Stmt, again bool) bool) bool {
	for cur := c; cur.Node() != top.Node(); cur = cur.Parent() {
		parent := cur.Parent()
		var after []ast.Stmt
		again := false
		switch p := parent.Node().(type) {
		case *ast.BlockStmt:
			switch parent.Parent().Node().(type) {
			case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
				continue // cur is a clause; the others exclude it
			}
			after = stmtsAfter(p.List, cur.Node())
		case *ast.CaseClause:
			if endsInFallthrough(p.Body) {
				return false
			}
			after = stmtsAfter(p.Body, cur.Node())
		case *ast.CommClause:
			after = stmtsAfter(p.Body, cur.Node())
		case *ast.ForStmt, *ast.RangeStmt:
			after, again = []ast.Stmt{p.(ast.Stmt)}, true
		case *ast.IfStmt:
			if cur.Node() != ast.Node(p.Body) && cur.Node() != p.Else {
				return false
			}
			continue
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.LabeledStmt:
			// Reached from the body (or the labelled statement): nothing of
			// its own runs after it.
			continue
		default:
			return false
		}
		if len(after) > 0 && !visit(after, again) {
			return true
		}
	}
	return true
}

// stmtsAfter returns the statements of list after n, or all of list when n
// is not one of them.
func stmtsAfter(list []ast.Stmt, n ast.Node) []ast.Stmt {
	for i, s := range list {
		if ast.Node(s) == n {
			return list[i+1:]
		}
	}
	return list
}

func endsInFallthrough(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	br, ok := body[len(body)-1].(*ast.BranchStmt)
	return ok && br.Tok == token.FALLTHROUGH
}

// jumpsBack reports whether stmts hold a continue, goto or break that
// could start another iteration without reaching the end of stmts.
func jumpsBack(stmts []ast.Stmt) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				// A break may leave for an outer loop of the same function,
				// which would run stmts again: count it too.
				if n.Tok != token.FALLTHROUGH {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// outsideFunc returns the innermost loop around the function holding c.
func outsideFunc(c inspector.Cursor, inner *Loop) *Loop {
	fn := query.EnclosingFunc(c)
	for inner != nil && inner.Func == fn {
		inner = inner.Parent
	}
	return inner
}

// skipSingleShot accounts for a statement directly followed by a jump out:
// `s += x; break` runs at most once per run of the loop it breaks, and
// `s += x; return` at most once per call.
func skipSingleShot(info *types.Info, c inspector.Cursor, inner *Loop) *Loop {
	next, ok := c.NextSibling()
	if !ok || inner == nil {
		return inner
	}
	if query.LeavesFunc(info, next.Node()) {
		return outsideFunc(c, inner)
	}
	jump, ok := next.Node().(*ast.BranchStmt)
	if !ok || jump.Tok != token.BREAK {
		return inner
	}
	if jump.Label == nil {
		// An unlabelled break leaves the innermost for, switch or select.
		for anc := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil),
			(*ast.SwitchStmt)(nil), (*ast.TypeSwitchStmt)(nil), (*ast.SelectStmt)(nil)) {
			if anc.Node() == inner.Stmt {
				return inner.Parent
			}
			return inner
		}
		return inner
	}
	// A labelled break leaves the labelled loop and everything inside it.
	for l := inner; l != nil; l = l.Parent {
		if ls, ok := labelOf(c, l); ok && ls == jump.Label.Name {
			return l.Parent
		}
	}
	return inner
}

// labelOf returns the label of loop l, found among c's ancestors.
func labelOf(c inspector.Cursor, l *Loop) (string, bool) {
	for anc := range c.Enclosing((*ast.LabeledStmt)(nil)) {
		if ls := anc.Node().(*ast.LabeledStmt); ls.Stmt == l.Stmt {
			return ls.Label.Name, true
		}
	}
	return "", false
}
