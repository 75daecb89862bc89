package bufflow_test

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/internal/bufflow"
)

// traceAll reports, for every variable named buf, what Trace learns of it
// in its function: "stays (aliases: ...)" or "escapes: WHY".
var traceAll = &analysis.Analyzer{
	Name: "tracebuf",
	Doc:  "test analyzer: reports bufflow's verdict on each buf",
	Run: func(pass *analysis.Pass) (any, error) {
		tracer := bufflow.New(pass)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					id, ok := n.(*ast.Ident)
					if !ok || id.Name != "buf" {
						return true
					}
					v, ok := pass.TypesInfo.Defs[id].(*types.Var)
					if !ok {
						return true
					}
					flow := tracer.Trace(fd, v, false)
					if flow.Escape != nil {
						pass.Reportf(id.Pos(), "escapes: %s", flow.Why)
						return true
					}
					var names []string
					for a := range flow.Aliases {
						names = append(names, a.Name())
					}
					slices.Sort(names)
					pass.Reportf(id.Pos(), "stays (aliases: %s; dynamic: %t)", strings.Join(names, " "), flow.Dynamic)
					return true
				})
			}
		}
		return nil, nil
	},
}

func TestTrace(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), traceAll, "bufflowtest")
}
