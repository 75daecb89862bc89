package pooluse

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/bufflow"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports sync.Pool misuse, with the default report policy.
var Analyzer = New(report.Default)

// New returns a pooluse analyzer that reports through rep, the suite's
// report analyzer. Each analyzer has its own -pooluse.maxcap flag.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	r := &runner{}
	a := &analysis.Analyzer{
		Name:     "pooluse",
		Doc:      analyzerdoc.Extract(docSource, "pooluse"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/pooluse",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      r.run,
	}
	a.Flags.Init("pooluse", flag.ContinueOnError)
	a.Flags.IntVar(&r.maxCap, "maxcap", 0,
		"report Puts of buffers with no capacity check, suggesting `if b.Cap() <= N`; 0 (the default) turns the rule off")
	return a
}

type runner struct {
	maxCap int
}

// state is one pass's view.
type state struct {
	pass      *analysis.Pass
	rep       *report.Reporter
	loopInfo  *loops.Info
	pools     *pools
	tracer    *bufflow.Tracer
	editFiles *fixes.Files
	maxCap    int
	graphs    map[*ast.BlockStmt]*cfg.CFG
	builders  map[*pool]bool // pools already reported for strings.Builder
}

func (r *runner) run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !query.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	st := &state{
		pass:      pass,
		rep:       report.For(pass),
		loopInfo:  pass.ResultOf[loops.Analyzer].(*loops.Info),
		pools:     indexPools(pass, in),
		tracer:    bufflow.New(pass),
		editFiles: fixes.NewFiles(pass),
		maxCap:    r.maxCap,
		graphs:    make(map[*ast.BlockStmt]*cfg.CFG),
		builders:  make(map[*pool]bool),
	}
	if len(st.pools.callOf) == 0 {
		return nil, nil
	}
	st.tracer.Sink = func(call *ast.CallExpr) bool {
		m, ok := poolMethod(pass, call)
		return ok && m == "Put"
	}
	st.tracer.DeferredClosures = true
	for fileCursor := range in.Root().Children() {
		if st.rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			p := st.pools.callOf[call]
			if p == nil {
				if m, ok := poolMethod(pass, call); ok && m == "Put" {
					st.checkNonPointer(call) // a pool passed in: its Puts still box
				}
				continue
			}
			if m, _ := poolMethod(pass, call); m == "Get" {
				st.checkAssert(c, p)
				st.checkPaths(c, p)
			} else {
				st.checkNonPointer(call)
				st.checkBuilder(call, p)
				st.checkReset(c, p)
				st.checkCap(c, p)
				st.checkUseAfterPut(c, p)
			}
		}
	}
	return nil, nil
}

// name is how messages refer to a pool: its source text at a call.
func poolName(call *ast.CallExpr) string {
	return types.ExprString(ast.Unparen(call.Fun).(*ast.SelectorExpr).X) // indexPools saw a selector
}

// putVar returns the local variable a Put hands back: P.Put(b) or
// P.Put(&b).
func putVar(info *types.Info, call *ast.CallExpr) *types.Var {
	if len(call.Args) != 1 {
		return nil
	}
	arg := ast.Unparen(call.Args[0])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil // a package-level variable: anyone may use it
	}
	return v
}

// funcBody returns the body of the function holding c.
func funcBody(c inspector.Cursor) (ast.Node, *ast.BlockStmt) {
	fn := query.EnclosingFunc(c)
	_, body := query.FuncParts(fn)
	return fn, body
}

func (st *state) line(n ast.Node) int { return st.pass.Fset.Position(n.Pos()).Line }

// enclosingDeferredLit returns the closure of defer func() { ... }() that
// holds c, or nil.
func enclosingDeferredLit(c inspector.Cursor) *ast.FuncLit {
	for anc := range c.Enclosing((*ast.FuncLit)(nil)) {
		lit := anc.Node().(*ast.FuncLit)
		if call, ok := anc.Parent().Node().(*ast.CallExpr); ok && call.Fun == lit {
			if _, ok := anc.Parent().Parent().Node().(*ast.DeferStmt); ok {
				return lit
			}
		}
		return nil
	}
	return nil
}

// getVar returns the local variable a Get is assigned to, and the
// statement: b := P.Get().(*T), var b = P.Get().(*T), b = P.Get().(*T).
func getVar(info *types.Info, c inspector.Cursor) (*types.Var, ast.Stmt) {
	value := c
	if _, ok := value.Parent().Node().(*ast.TypeAssertExpr); ok {
		value = value.Parent()
	}
	for {
		if _, ok := value.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		value = value.Parent()
	}
	switch p := value.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				v, _ := info.ObjectOf(id).(*types.Var)
				return v, p
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			v, _ := info.Defs[p.Names[0]].(*types.Var)
			if ds, ok := value.Parent().Parent().Parent().Node().(*ast.DeclStmt); ok {
				return v, ds
			}
		}
	}
	return nil, nil
}
