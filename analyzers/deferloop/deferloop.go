package deferloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports defer statements in loops, with the default report
// policy.
var Analyzer = New(report.Default)

// New returns a deferloop analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "deferloop",
		Doc:      analyzerdoc.Extract(docSource, "deferloop"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/deferloop",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.DeferStmt)(nil)) {
			fn := query.EnclosingFunc(c)
			loop := loopInfo.Repeating(c)
			if fn == nil || loop == nil || loop.Func != fn {
				continue // not in a loop of its own function: it runs when that returns
			}
			_, body := query.FuncParts(fn)
			check(pass, rep, c.Node().(*ast.DeferStmt), loop, funcName(fn), body.Rbrace)
		}
	}
	return nil, nil
}

// check reports one defer that a loop of its function repeats: as a bug
// when it releases what the same iteration acquired, else as a hot-only
// cost finding.
func check(pass *analysis.Pass, rep *report.Reporter, d *ast.DeferStmt, loop *loops.Loop, fn string, rbrace token.Pos) {
	if what, deadlock := releases(pass.TypesInfo, d, loop); what != "" {
		msg := fmt.Sprintf("defer in a loop releases %s only when %s returns: each iteration acquires another, and all stay held until then (one per item, for the whole loop)", what, fn)
		if deadlock {
			msg = fmt.Sprintf("defer in a loop unlocks %s only when %s returns, but the next iteration locks it again: the second iteration blocks forever (a deadlock)", what, fn)
		}
		rep.ReportBug(analysis.Diagnostic{
			Pos: d.Pos(), End: d.End(),
			Message: msg + "; release it at the end of each iteration, or move the loop's body into a function whose defer runs per item; " +
				"no automatic fix: moving the body changes what its return, break and continue mean, and an explicit release must run on every path",
		})
		return
	}
	// What the change saves is the runtime's work for the records: pushing
	// one at the defer, running the chain at the closing brace (where the
	// compiler calls deferreturn), not the loop's work nor the deferred
	// calls, which run either way.
	rep.ReportIfHotAt(analysis.Diagnostic{
		Pos: d.Pos(), End: d.End(),
		Message: fmt.Sprintf("defer in a hot loop pushes a runtime defer record on every iteration (the compiler's open-coded defers, nearly free, do not apply in loops) and runs them all only when %s returns, holding what they release until then; "+
			"call it at the end of each iteration, or move the loop's body into a function; "+
			"no automatic fix: moving the body changes what its return, break and continue mean", fn),
	}, d, report.Lines{From: rbrace, To: rbrace})
}

// releases says what a deferred call releases that the same iteration of
// loop acquired ("the file f", "the lock c.mu"): a Close, Unlock, RUnlock,
// Stop or Release of a variable declared in the loop's body (or of one of
// its fields), a cancel function declared there, or an Unlock of a mutex
// the body locks. deadlock says the loop locks a sync.Mutex (or the write
// lock of a sync.RWMutex) again on its next iteration.
func releases(info *types.Info, d *ast.DeferStmt, loop *loops.Loop) (what string, deadlock bool) {
	calls := []*ast.CallExpr{d.Call}
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		calls = calls[:0]
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				calls = append(calls, call)
			}
			_, nested := n.(*ast.FuncLit)
			return !nested
		})
	}
	body := loop.Body()
	for _, call := range calls {
		switch fun := ast.Unparen(call.Fun).(type) {
		case *ast.Ident: // cancel()
			if v, ok := info.Uses[fun].(*types.Var); ok && declaredIn(v, body) && isCancel(v.Type()) && !keptPast(info, body, v) && !releasedInIteration(info, body, d, call) {
				return "the context " + fun.Name + " cancels", false
			}
		case *ast.SelectorExpr:
			sel, isMethod := info.Selections[fun]
			if !isMethod {
				continue
			}
			switch name := fun.Sel.Name; name {
			case "Unlock", "RUnlock":
				lock := "Lock"
				if name == "RUnlock" {
					lock = "RLock"
				}
				if pkg := sel.Obj().Pkg(); pkg != nil && pkg.Path() == "sync" && locksIn(info, body, fun.X, lock) {
					// The same mutex on every iteration, unless it is
					// reached through a variable of the iteration.
					root := exprs.Root(info, fun.X)
					same := root != nil && !query.Within(loop.Stmt, root.Pos())
					return "the lock " + types.ExprString(fun.X), name == "Unlock" && same
				}
			case "Close", "Stop", "Release":
				if v, ok := exprs.Root(info, fun.X).(*types.Var); ok && declaredIn(v, body) && !keptPast(info, body, v) && !releasedInIteration(info, body, d, call) {
					return fmt.Sprintf("%s (%s)", types.ExprString(fun.X), name), false
				}
			}
		}
	}
	return "", false
}

// declaredIn reports whether v is declared inside body: a new variable on
// every iteration.
func declaredIn(v *types.Var, body *ast.BlockStmt) bool {
	return !v.IsField() && query.Within(body, v.Pos())
}

// keptPast reports whether the body hands what v holds to a variable
// declared outside it, so that it outlives the iteration on purpose: v on
// the right of an assignment to such a variable (also inside append), or
// v assigned together with one (ctx, cancel = context.WithTimeout(...)
// into an outer ctx: the context serves later iterations too); or to a
// goroutine the body starts (go serve(f), or the context made with cancel
// passed to go dial(ctx)): the goroutine may still use it when the
// iteration ends, so releasing it there would cut the goroutine off.
func keptPast(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	if handedToGoroutine(info, body, v) {
		return true
	}
	kept := false
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || kept {
			return !kept
		}
		outer, assignsV := false, false
		for _, l := range as.Lhs {
			root, _ := exprs.Root(info, l).(*types.Var)
			switch {
			case root == v:
				assignsV = true
			case root != nil && !declaredIn(root, body):
				outer = true
			}
		}
		if !outer {
			return true
		}
		if assignsV {
			kept = true
			return false
		}
		for _, r := range as.Rhs {
			if mentions(info, r, v) {
				kept = true
			}
		}
		return !kept
	})
	return kept
}

// handedToGoroutine reports whether a go statement in body mentions v, or
// a variable of body assigned together with v (ctx for ctx, cancel :=
// context.WithCancel(...)), in its call or its function literal.
func handedToGoroutine(info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	vars := []*types.Var{v}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		withV := false
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
				withV = true
			}
		}
		if !withV {
			return true
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if p, ok := info.ObjectOf(id).(*types.Var); ok && p != v && declaredIn(p, body) {
					vars = append(vars, p)
				}
			}
		}
		return true
	})
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if g, ok := n.(*ast.GoStmt); ok {
			for _, p := range vars {
				if mentions(info, g.Call, p) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// releasedInIteration reports whether the body, after d, makes the
// deferred release call itself (f.Close(), _ = f.Close(), if err :=
// f.Close(); ..., cancel()) as a statement that runs whenever the
// iteration gets there (one of its own, or inside a plain block or an
// if true, not under a condition), and no continue of this loop between
// them skips it:
// the resource is then released at the end of every iteration and the
// deferred call is a second one, a no-op for Close, Stop, Release and a
// cancel. Only the defer record stays per iteration (the cost finding).
func releasedInIteration(info *types.Info, body *ast.BlockStmt, d *ast.DeferStmt, release *ast.CallExpr) bool {
	for _, s := range unconditional(info, body.List) {
		if s.Pos() < d.End() {
			continue
		}
		if call := stmtCall(s); call != nil && exprs.Same(call.Fun, release.Fun) {
			return !continuesBetween(body, d.End(), s.Pos())
		}
	}
	return false
}

// unconditional returns the statements of list that run whenever the list
// runs to them: its own, and those of plain blocks and of ifs without init
// or else whose condition is the constant true, read through.
func unconditional(info *types.Info, list []ast.Stmt) []ast.Stmt {
	var out []ast.Stmt
	for _, s := range list {
		switch st := s.(type) {
		case *ast.BlockStmt:
			out = append(out, unconditional(info, st.List)...)
			continue
		case *ast.IfStmt:
			if st.Init == nil && st.Else == nil && query.IsTrue(info, st.Cond) {
				out = append(out, unconditional(info, st.Body.List)...)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// stmtCall returns the call a statement makes on its own: x.Close(),
// _ = x.Close(), err := x.Close(), or the same as an if's init.
func stmtCall(s ast.Stmt) *ast.CallExpr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		call, _ := ast.Unparen(s.X).(*ast.CallExpr)
		return call
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			call, _ := ast.Unparen(s.Rhs[0]).(*ast.CallExpr)
			return call
		}
	case *ast.IfStmt:
		if s.Init != nil {
			return stmtCall(s.Init)
		}
	}
	return nil
}

// continuesBetween reports whether body has, between from and to, a
// continue that may go to the next iteration of its loop (one that
// targets no loop nested in body, or any labelled one), or a goto.
func continuesBetween(body *ast.BlockStmt, from, to token.Pos) bool {
	found := false
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found || m == nil || m == n {
				return !found
			}
			switch m := m.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ForStmt, *ast.RangeStmt:
				walk(m, true)
				return false
			case *ast.BranchStmt:
				if m.Pos() > from && m.Pos() < to && (m.Tok == token.GOTO || m.Tok == token.CONTINUE && (!nested || m.Label != nil)) {
					found = true
				}
			}
			return true
		})
	}
	walk(body, false)
	return found
}

// mentions reports whether v is used in n.
func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// isCancel reports whether t is context.CancelFunc or
// context.CancelCauseFunc.
func isCancel(t types.Type) bool {
	return query.IsNamedType(t, "context", "CancelFunc") || query.IsNamedType(t, "context", "CancelCauseFunc")
}

// locksIn reports whether body calls x.lock() (Lock or RLock) outside
// function literals.
func locksIn(info *types.Info, body *ast.BlockStmt, x ast.Expr, lock string) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == lock && len(n.Args) == 0 && exprs.Same(sel.X, x) {
				if _, ok := info.Selections[sel]; ok {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// funcName names fn for the message: its name, or "the function literal".
func funcName(fn ast.Node) string {
	if d, ok := fn.(*ast.FuncDecl); ok {
		return d.Name.Name
	}
	return "the function literal"
}
