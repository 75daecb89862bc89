package hot

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/query"
)

// HotShare is the share of a profile's samples, in percent, from which
// PerCall counts a function as hot (with its callees: the cumulative
// share).
const HotShare = 1.0

// perCall is what the source says of how often a function runs: once per
// request (an HTTP handler), or once per item of a loop of the package
// that is not cold and calls it by name (a declared function; caller
// holds the call, nil for package-level code). It is the one answer to
// "does this function run per call": static heat (a reason of Heat) and
// PerCall (the checks of per-call work) both read it, each in its own
// words (a heat reason names the caller, a message the function).
type perCall struct {
	handler bool
	called  bool
	caller  ast.Node
}

// perCallOf answers for fn itself, an *ast.FuncDecl or *ast.FuncLit.
func (r *Result) perCallOf(fn ast.Node) perCall {
	p := perCall{handler: query.IsHTTPHandler(r.pass.TypesInfo, fn)}
	if decl, ok := fn.(*ast.FuncDecl); ok {
		if obj, ok := r.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
			p.caller, p.called = r.CalledInLoop(obj)
		}
	}
	return p
}

// PerCall says why fn (an *ast.FuncDecl or *ast.FuncLit) runs once per
// request or item, or "" if nothing says so: an HTTP handler, a function a
// hot loop of the package calls, or, with a profile, a function holding at
// least HotShare of its samples (heat gives fn's heat, asked only when
// needed; ok is false without a profile). Analyzers whose rule is "work
// done on every call of a hot function" (poolbuf, regexpcompile,
// httptransport) ask it through report.Reporter.PerCall, so their notion
// of per-call work is the heat's.
func (r *Result) PerCall(fn ast.Node, heat func(token.Pos) (Heat, bool)) string {
	p := r.perCallOf(fn)
	if p.handler {
		return "the handler runs once per request"
	}
	if h, ok := heat(fn.Pos()); ok && h.Seen && h.Cum >= HotShare {
		return fmt.Sprintf("%s has %s of the %s profile", h.Func, profile.Percent(h.Cum), h.Measure)
	}
	if p.called {
		return fn.(*ast.FuncDecl).Name.Name + " is called in a loop"
	}
	return ""
}

// CalledInLoop reports whether a loop of the package that is not cold
// (HotChain) calls fn, the package's own function, directly; caller is the
// function (*ast.FuncDecl or *ast.FuncLit) holding one such call. Such a
// function runs once per item. Calls in _test.go files do not count: tests
// call everything in loops.
func (r *Result) CalledInLoop(fn *types.Func) (caller ast.Node, ok bool) {
	r.callersOnce.Do(r.indexCallers)
	caller, ok = r.callers[fn.Origin()]
	return caller, ok
}

func (r *Result) indexCallers() {
	r.callers = make(map[*types.Func]ast.Node)
	pass := r.pass
	for fc := range r.in.Root().Children() {
		if strings.HasSuffix(pass.Fset.File(fc.Node().Pos()).Name(), "_test.go") {
			continue
		}
		for c := range fc.Preorder((*ast.CallExpr)(nil)) {
			fn := typeutil.StaticCallee(pass.TypesInfo, c.Node().(*ast.CallExpr))
			if fn == nil || fn.Pkg() != pass.Pkg {
				continue
			}
			if _, seen := r.callers[fn.Origin()]; seen {
				continue
			}
			if l := r.loops.Repeating(c); l != nil && HotChain(l) {
				r.callers[fn.Origin()] = query.EnclosingFunc(c)
			}
		}
	}
}
