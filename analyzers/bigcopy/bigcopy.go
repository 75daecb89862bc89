package bigcopy

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

//go:embed doc.go
var docSource string

// Analyzer reports large values copied in hot loops, with the default
// report policy and options.
var Analyzer = New(report.Default)

// DefaultSize is the default of -bigcopy.size: the smallest copy, in
// bytes, worth a finding.
const DefaultSize = 256

// options are the analyzer's flags; each instance has its own.
type options struct {
	size int64
}

// New returns a bigcopy analyzer that reports through rep, the suite's
// report analyzer, with its own flags.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	opts := &options{size: DefaultSize}
	a := &analysis.Analyzer{
		Name:     "bigcopy",
		Doc:      analyzerdoc.Extract(docSource, "bigcopy"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/bigcopy",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.Int64Var(&opts.size, "size", DefaultSize, "the smallest copy, in bytes, that a hot loop must not repeat")
	return a
}

// A checker holds one pass's state.
type checker struct {
	pass  *analysis.Pass
	rep   *report.Reporter
	loops *loops.Info
	files *fixes.Files
	size  int64
	// bodies are the package's function declarations by object, for the
	// call rule.
	bodies map[*types.Func]*ast.FuncDecl
}

func run(pass *analysis.Pass, opts *options) (any, error) {
	rep := report.For(pass)
	if !rep.ListsHotOnly() {
		return nil, nil // every finding is hot-only: nothing could be kept
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ch := &checker{
		pass:   pass,
		rep:    rep,
		loops:  pass.ResultOf[loops.Analyzer].(*loops.Info),
		files:  fixes.NewFiles(pass),
		size:   max(opts.size, 1),
		bodies: declarations(pass),
	}
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.RangeStmt)(nil), (*ast.CallExpr)(nil)) {
			switch n := c.Node().(type) {
			case *ast.RangeStmt:
				ch.rangeCopy(c, n)
			case *ast.CallExpr:
				ch.callCopy(c, n)
			}
		}
	}
	return nil, nil
}

// declarations indexes the package's function declarations with bodies.
func declarations(pass *analysis.Pass) map[*types.Func]*ast.FuncDecl {
	m := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					m[fn] = fd
				}
			}
		}
	}
	return m
}

// rangeCopy reports a range whose value variable copies a large element
// of a slice or array on every iteration.
func (ch *checker) rangeCopy(c inspector.Cursor, rs *ast.RangeStmt) {
	if rs.Value == nil {
		return
	}
	value, ok := rs.Value.(*ast.Ident)
	if !ok || value.Name == "_" {
		return
	}
	l := ch.loops.Of(rs)
	if l == nil || hot.IsCold(l) || (l.Kind != loops.RangeSlice && l.Kind != loops.RangeArray) {
		return
	}
	info := ch.pass.TypesInfo
	v, ok := info.ObjectOf(value).(*types.Var)
	if !ok {
		return
	}
	size, ok := ch.sizeOf(v.Type())
	if !ok {
		return
	}
	qual := types.RelativeTo(ch.pass.Pkg)
	xs := types.ExprString(rs.X)
	d := analysis.Diagnostic{
		Pos: value.Pos(), End: value.End(),
		Message: fmt.Sprintf("range copies each element of %s (%s, %d bytes) into %s on every iteration of a hot loop; iterate by index and point at the element: for i := range %s { %s := &%s[i] ... }",
			xs, types.TypeString(v.Type(), qual), size, value.Name, xs, value.Name, xs),
	}
	if fix, why := ch.byIndex(c, rs, v); why != "" {
		d.Message += "; no automatic fix: " + why
	} else {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	// Measured by the range statement's own code, where the copy is made,
	// not by the loop's work.
	ch.rep.ReportIfHotAt(d, report.Lines{From: rs.For, To: rs.Body.Lbrace})
}

// sizeOf returns the size of t when it is at least the threshold: a
// concrete type whose size the package's sizes know.
func (ch *checker) sizeOf(t types.Type) (int64, bool) {
	if typeshape.HasTypeParam(t) {
		return 0, false
	}
	size := ch.pass.TypesSizes.Sizeof(t)
	return size, size >= ch.size
}

// enclosingName names the function holding c for the message.
func enclosingName(c inspector.Cursor) string {
	if fd, ok := query.EnclosingFunc(c).(*ast.FuncDecl); ok {
		return fd.Name.Name
	}
	return "the function literal"
}
