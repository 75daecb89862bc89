package loops

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/query"
)

// pacedByTimer says what every iteration of the loop stmt waits on, or
// "": a range over a ticker's channel (for range t.C, time.Tick(d)), or
// a body with, at its top level, a time.Sleep or a select without default
// whose cases each receive from a timer (t.C of a *time.Ticker or
// *time.Timer, time.After, time.Tick) or leave the function (return,
// panic, os.Exit). Such a loop runs once per tick: a flusher, a poller, a
// heartbeat.
//
//	for {
//		select {
//		case <-stop:
//			return
//		case <-tick.C:
//			flush() // once per tick
//		}
//	}
func pacedByTimer(pass *analysis.Pass, stmt ast.Stmt) string {
	info := pass.TypesInfo
	switch s := stmt.(type) {
	case *ast.RangeStmt:
		if isTimerChan(info, s.X) {
			return "a range over " + types.ExprString(s.X)
		}
	case *ast.ForStmt:
		for _, st := range s.Body.List {
			switch st := st.(type) {
			case *ast.ExprStmt:
				if call, ok := st.X.(*ast.CallExpr); ok && query.IsCallTo(info, call, "time.Sleep") {
					return "time.Sleep"
				}
			case *ast.SelectStmt:
				if timer := timerSelect(info, st); timer != "" {
					return "a select on " + timer
				}
			}
		}
	}
	return ""
}

// timerSelect returns the timer channel of a select without default whose
// cases each receive from a timer or leave the function, at least one of
// them a timer, or "".
func timerSelect(info *types.Info, sel *ast.SelectStmt) string {
	timer := ""
	for _, cc := range sel.Body.List {
		clause := cc.(*ast.CommClause)
		if clause.Comm == nil {
			return "" // default: the select need not wait
		}
		if x := received(clause.Comm); x != nil && isTimerChan(info, x) {
			if timer == "" {
				timer = types.ExprString(x)
			}
			continue
		}
		if n := len(clause.Body); n == 0 || !query.LeavesFunc(info, clause.Body[n-1]) {
			return ""
		}
	}
	return timer
}

// received returns the channel a select case receives from, or nil.
func received(comm ast.Stmt) ast.Expr {
	var e ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		e = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			e = c.Rhs[0]
		}
	}
	u, ok := ast.Unparen(e).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return nil
	}
	return u.X
}

// isTimerChan reports whether e is a timer's channel: t.C of a *time.Ticker
// or *time.Timer, time.After(d) or time.Tick(d).
func isTimerChan(info *types.Info, e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		t := info.TypeOf(x.X)
		return x.Sel.Name == "C" && (query.IsPointerToNamed(t, "time", "Ticker") || query.IsPointerToNamed(t, "time", "Timer"))
	case *ast.CallExpr:
		return query.IsCallTo(info, x, "time.After") || query.IsCallTo(info, x, "time.Tick")
	}
	return false
}
