package goperitem

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports a goroutine started for every item of unbounded input,
// with the default report policy.
var Analyzer = New(report.Default)

// New returns a goperitem analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "goperitem",
		Doc:      analyzerdoc.Extract(docSource, "goperitem"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/goperitem",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.For(pass)
	if !rep.ListsHotOnly() {
		return nil, nil // every finding is hot-only: nothing could be kept
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
			start, body := started(pass.TypesInfo, c)
			if start == nil {
				continue
			}
			fn := query.EnclosingFunc(c)
			loop := loopInfo.Repeating(c)
			if fn == nil || loop == nil || loop.Func != fn {
				continue
			}
			input := unbounded(pass.TypesInfo, loop, c)
			if input == "" || !perItem(pass.TypesInfo, loop, start) {
				continue
			}
			if why := bounded(pass.TypesInfo, loop, fn, c); why {
				continue
			}
			rep.ReportIfHot(analysis.Diagnostic{
				Pos: start.Pos(), End: start.End(),
				Message: fmt.Sprintf("%s starts a goroutine for every item of %s, and nothing bounds how many run at once: each costs a stack (2 KB to start, growing) and scheduler work, so a large input holds that much memory at once; "+
					"bound them: errgroup.Group with SetLimit(n), a semaphore channel filled before each %s and drained when each ends, or n workers reading the items from a channel; "+
					"no automatic fix: the bound, and what to do with errors, are a design choice", body, input, body),
			}, nil)
		}
	}
	return nil, nil
}

// started returns the statement or call that starts a goroutine at c (a go
// statement, or errgroup's Go) and how to name it, or nil.
func started(info *types.Info, c inspector.Cursor) (ast.Node, string) {
	switch n := c.Node().(type) {
	case *ast.GoStmt:
		return n, "go statement"
	case *ast.CallExpr:
		if query.IsCallTo(info, n, "(*golang.org/x/sync/errgroup.Group).Go") {
			return n, "errgroup's Go"
		}
	}
	return nil, ""
}

// unbounded says what input of unbounded size loop goes through ("items,
// a slice from the caller"), or "": a range over a slice, map or channel
// that comes from a parameter, the receiver or a call, or a loop on
// x.Next() or x.Scan() (rows, a scanner, an iterator). A range over an
// integer counts workers, not items, and a loop over a local literal is
// bounded by the code.
func unbounded(info *types.Info, loop *loops.Loop, fn inspector.Cursor) string {
	switch s := loop.Stmt.(type) {
	case *ast.RangeStmt:
		var kind string
		switch info.TypeOf(s.X).Underlying().(type) {
		case *types.Slice:
			kind = "a slice"
		case *types.Map:
			kind = "a map"
		case *types.Chan:
			return types.ExprString(s.X) + ", a channel"
		default:
			return ""
		}
		if hot.IsCold(loop) {
			return ""
		}
		switch from := origin(info, s.X, fn); from {
		case "":
			return ""
		default:
			return fmt.Sprintf("%s, %s %s", types.ExprString(s.X), kind, from)
		}
	case *ast.ForStmt:
		if hot.IsCold(loop) || s.Cond == nil {
			return ""
		}
		if cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr); ok {
			for _, e := range []ast.Expr{cond.X, cond.Y} {
				if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 && query.IsBuiltin(info, call.Fun, "len") {
					if from := origin(info, call.Args[0], fn); from != "" {
						return fmt.Sprintf("%s, of a length %s", types.ExprString(call.Args[0]), from)
					}
				}
			}
		}
		if call, ok := ast.Unparen(s.Cond).(*ast.CallExpr); ok && len(call.Args) == 0 {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Next" || sel.Sel.Name == "Scan") {
				if _, ok := info.Selections[sel]; ok {
					return types.ExprString(sel.X) + ", read one by one"
				}
			}
		}
	}
	return ""
}

// origin says where a ranged-over value comes from when the function
// does not choose its size: "from the caller" (a parameter, the receiver
// or what they hold), "from a call".
func origin(info *types.Info, x ast.Expr, c inspector.Cursor) string {
	if _, ok := ast.Unparen(x).(*ast.CallExpr); ok {
		return "from a call"
	}
	root, ok := exprs.Root(info, x).(*types.Var)
	if !ok {
		return ""
	}
	for fn := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ft, _ := query.FuncParts(fn.Node())
		if ft != nil && query.Within(ft, root.Pos()) {
			return "from the caller"
		}
		if d, ok := fn.Node().(*ast.FuncDecl); ok && d.Recv != nil && query.Within(d.Recv, root.Pos()) {
			return "from the caller"
		}
	}
	return ""
}

// perItem reports whether the goroutine started by start works on the
// iteration's item: its call or function literal mentions a variable
// declared by the loop (the range's key or value, or one declared in its
// body).
func perItem(info *types.Info, loop *loops.Loop, start ast.Node) bool {
	found := false
	ast.Inspect(start, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && query.Within(loop.Stmt, v.Pos()) && !query.Within(start, v.Pos()) {
				found = true
			}
		}
		return !found
	})
	return found
}

// bounded reports whether something in sight limits the goroutines: in
// the loop's body, outside function literals, a channel send or receive
// (a semaphore filled before each start), a select, or a call of Acquire
// or Wait (semaphore.Weighted, a WaitGroup waited per batch); for
// errgroup's Go, a SetLimit on the group in the function.
func bounded(info *types.Info, loop *loops.Loop, fn ast.Node, c inspector.Cursor) bool {
	if call, ok := c.Node().(*ast.CallExpr); ok {
		group := call.Fun.(*ast.SelectorExpr).X
		found := false
		ast.Inspect(fn, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && query.IsCallTo(info, call, "(*golang.org/x/sync/errgroup.Group).SetLimit") {
				if exprs.Same(call.Fun.(*ast.SelectorExpr).X, group) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	limit := false
	ast.Inspect(loop.Body(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt, *ast.SelectStmt:
			limit = true
		case *ast.UnaryExpr:
			limit = limit || n.Op == token.ARROW
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(info, n).(*types.Func); ok && fn.Signature().Recv() != nil {
				switch fn.Name() {
				case "Acquire", "Wait":
					limit = true
				}
			}
		}
		return !limit
	})
	return limit
}
