package exprs_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

// describe reports what exprs says of the arguments of the fixture's
// marker calls; the fixture's // want comments are the expectations.
//
//	pure(e)            Pure(e)
//	root(e)            Root(e)
//	same(a, b)         Same(a, b)
//	changed(e, func)   ChangedIn(the literal's body, e)
//	writes(func)       WriteTargets of every node of the literal's body
//	from(e...) … to()  SameValue(e..., the statement holding from, the to call)
//	named(v)           IsNamedResult(the enclosing function, v)
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "reports exprs' answers for tests",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	var from ast.Stmt // the statement holding the last from(...) call
	var fromCall *ast.CallExpr
	for c := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		call := c.Node().(*ast.CallExpr)
		id, ok := call.Fun.(*ast.Ident)
		if !ok {
			continue
		}
		args := call.Args
		switch id.Name {
		case "pure":
			pass.Reportf(call.Pos(), "pure: %v", exprs.Pure(info, args[0]))
		case "root":
			name := "none"
			if obj := exprs.Root(info, args[0]); obj != nil {
				name = obj.Name()
			}
			pass.Reportf(call.Pos(), "root: %s", name)
		case "same":
			pass.Reportf(call.Pos(), "same: %v", exprs.Same(args[0], args[1]))
		case "changed":
			body := args[1].(*ast.FuncLit).Body
			pass.Reportf(call.Pos(), "changed: %v", exprs.ChangedIn(info, body, args[0]))
		case "writes":
			var targets []string
			ast.Inspect(args[0].(*ast.FuncLit).Body, func(n ast.Node) bool {
				for _, t := range exprs.WriteTargets(n) {
					if t == nil {
						targets = append(targets, "nil")
					} else {
						targets = append(targets, types.ExprString(t))
					}
				}
				return true
			})
			pass.Reportf(call.Pos(), "writes: %s", strings.Join(targets, " "))
		case "from":
			for anc := c.Parent(); ; anc = anc.Parent() {
				if stmt, ok := anc.Node().(ast.Stmt); ok {
					from, fromCall = stmt, call
					break
				}
			}
		case "to":
			fn := query.EnclosingFunc(c)
			_, body := query.FuncParts(fn)
			pass.Reportf(call.Pos(), "same value: %v", exprs.SameValue(info, body, fromCall.Args, from, call))
		case "named":
			v, _ := info.Uses[args[0].(*ast.Ident)].(*types.Var)
			pass.Reportf(call.Pos(), "named result: %v", exprs.IsNamedResult(info, query.EnclosingFunc(c), v))
		}
	}
	return nil, nil
}

func TestExprs(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), describe, "exprsinfo")
}
