package boxing

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports values boxed into interfaces on every iteration of a
// loop, with the default report policy.
var Analyzer = New(report.Default)

// New returns a boxing analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "boxing",
		Doc:      analyzerdoc.Extract(docSource, "boxing"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/boxing",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// A checker holds one pass's state: the package's function declarations and
// what is known of their interface parameters.
type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	root inspector.Cursor
	// contentsOf caches what each container holds.
	contentsOf map[contentsKey]contentsResult
	// ownedVars caches owned's verdict on local container variables.
	ownedVars map[*types.Var]bool
	// loopInfo indexes the package's loops and its functions'
	// declarations (storedBy follows a call into one).
	loopInfo *loops.Info
	// hot is set when a profile was given: the hot rules speak (hot.go,
	// foreign.go), each only where the profile shows heat.
	hot bool
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	ch := &checker{
		pass:       pass,
		rep:        report.For(pass),
		root:       in.Root(),
		contentsOf: make(map[contentsKey]contentsResult),
		ownedVars:  make(map[*types.Var]bool),
		loopInfo:   loopInfo,
	}
	filter := []ast.Node{
		(*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.SendStmt)(nil),
		(*ast.CallExpr)(nil), (*ast.RangeStmt)(nil), (*ast.CompositeLit)(nil),
	}
	ch.hot = ch.rep.HasProfile() // the hot rule speaks only where a profile shows heat
	for fileCursor := range in.Root().Children() {
		if ch.rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder(filter...) {
			if rs, ok := c.Node().(*ast.RangeStmt); ok {
				if l := loopInfo.Of(rs); l != nil && hot.HotChain(l) {
					ch.checkAssertedElements(c, rs)
				}
				// The range statement's own conversions (none) aside, its
				// body is visited as usual.
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !hot.HotChain(loop) {
				continue
			}
			ch.checkConversions(c)
			if ch.hot {
				switch n := c.Node().(type) {
				case *ast.CallExpr:
					ch.hotCall(n, loop)
				case *ast.CompositeLit:
					ch.hotLiteral(n)
				}
			}
		}
	}
	return nil, nil
}
