package fixes_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/internal/fixes"
)

// useStrings replaces each call use() by strings.ToUpper(""), importing
// strings as Import decides; the golden files show the imports it writes.
var useStrings = &analysis.Analyzer{
	Name: "usestrings",
	Doc:  "test analyzer for fixes.Import",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, file := range pass.Files {
			ef, err := fixes.NewFile(pass, file)
			if err != nil {
				return nil, err
			}
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "use" {
					return true
				}
				name, edits, ok := ef.Import("strings", call.Pos())
				if !ok {
					pass.Reportf(call.Pos(), `use strings: "strings" is taken here`)
					return true
				}
				edits = append(edits, fixes.Replace(call, name+`.ToUpper("")`))
				pass.Report(analysis.Diagnostic{Pos: call.Pos(), Message: "use strings",
					SuggestedFixes: []analysis.SuggestedFix{{Message: "use strings", TextEdits: edits}}})
				return true
			})
		}
		return nil, nil
	},
}

func TestImport(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), useStrings,
		"fixesnone", "fixessingle", "fixesgroups", "fixesaliased", "fixesshadow")
}
