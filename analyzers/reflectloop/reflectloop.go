package reflectloop

import (
	_ "embed"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports avoidable reflection in loops, with the default report
// policy.
var Analyzer = New(report.Default)

// New returns a reflectloop analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "reflectloop",
		Doc:      analyzerdoc.Extract(docSource, "reflectloop"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/reflectloop",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	if !query.Imports(pass.Pkg, "reflect") {
		return nil, nil
	}
	editFiles := fixes.NewFiles(pass)
	for fileCursor := range in.Root().Children() {
		file := fileCursor.Node().(*ast.File)
		if rep.Skips(file) || !fileImportsReflect(file) {
			continue
		}
		var deepEquals []deepEqual
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "reflect" {
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !hot.HotChain(loop) {
				continue
			}
			switch name := fn.Name(); {
			case name == "DeepEqual" && fn.Signature().Recv() == nil:
				if d, ok := classifyDeepEqual(pass, c, call); ok {
					deepEquals = append(deepEquals, d)
				}
			case (name == "FieldByName" || name == "MethodByName") && fn.Signature().Recv() != nil:
				d, hotOnly := checkNameLookup(pass, loop, call, name)
				switch {
				case d == nil:
				case hotOnly:
					rep.ReportIfHot(*d, nil) // each element's type: a cache pays only in hot code
				default:
					rep.Report(*d)
				}
			case name == "ValueOf" && fn.Signature().Recv() == nil:
				if d := checkKnownAccess(pass, c, call); d != nil {
					rep.Report(*d)
				}
			}
		}
		reportDeepEquals(pass, rep, editFiles, file, deepEquals)
	}
	return nil, nil
}

func fileImportsReflect(file *ast.File) bool {
	for _, spec := range file.Imports {
		if spec.Path.Value == `"reflect"` {
			return true
		}
	}
	return false
}
