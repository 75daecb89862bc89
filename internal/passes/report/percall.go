package report

import (
	"go/ast"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// HotShare is the share of a profile's samples, in percent, from which
// PerCall counts a function as hot (hot.HotShare).
const HotShare = hot.HotShare

// PerCall says why fn (an *ast.FuncDecl or *ast.FuncLit) runs once per
// request or item, or "" if nothing says so: the heat analyzer's answer
// (hot.Result.PerCall: an HTTP handler, a function a hot loop of the
// package calls, or, with a profile, a function holding at least HotShare
// of its samples), with fn's heat as the reporter measures it. Analyzers
// whose rule is "work done on every call of a hot function" (poolbuf,
// regexpcompile, httptransport) share it, so their notion of per-call
// work is one. loopInfo is unused: the heat analyzer has the package's.
func (r *Reporter) PerCall(_ *loops.Info, fn ast.Node) string {
	if r.index.heat == nil {
		return ""
	}
	return r.index.heat.PerCall(fn, r.Heat)
}

// Repeated says how often the node at c runs, for checks of work that
// should be done once ("" when nothing shows it runs more than once per
// program): "on every iteration of a loop" that is not cold, or "on every call (WHY)" of a
// function PerCall counts as per request or per item. region is the loop
// body or the function that repeats the node: what the work's result must
// not outlive for the finding to hold.
func (r *Reporter) Repeated(loopInfo *loops.Info, c inspector.Cursor) (why string, region ast.Node) {
	if loop := loopInfo.Repeating(c); loop != nil {
		if !hot.HotChain(loop) {
			return "", nil
		}
		return "on every iteration of a loop", loop.Body()
	}
	fn := query.EnclosingFunc(c)
	if fn == nil {
		return "", nil // a package-level initialiser runs once
	}
	if why := r.PerCall(loopInfo, fn); why != "" {
		return "on every call (" + why + ")", fn
	}
	return "", nil
}

// IsBenchmarkLoop reports whether loop, in a _test.go file, is the timed
// loop of a benchmark (for b.Loop(), for range b.N, for i < b.N, for
// pb.Next()): it repeats one measurement, not work over items, so a check
// of per-item work (sqlperrow) leaves it alone.
func (r *Reporter) IsBenchmarkLoop(loop ast.Stmt) bool {
	if !strings.HasSuffix(r.pass.Fset.Position(loop.Pos()).Filename, "_test.go") {
		return false
	}
	switch s := loop.(type) {
	case *ast.ForStmt:
		return s.Cond != nil && mentionsTimer(s.Cond)
	case *ast.RangeStmt:
		return mentionsTimer(s.X)
	}
	return false
}
