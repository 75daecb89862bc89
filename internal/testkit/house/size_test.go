package house

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Size rules of docs/architecture.md.
const maxFuncLines = 100

// longFuncs are the functions allowed over maxFuncLines, by file and name:
// the escape classifier's one case per compiler message form.
var longFuncs = map[string]bool{
	"escape/line.go classify": true,
}

// TestFuncSize: no function, declared or literal, in the repository's Go
// code (tests and fixtures aside: a table of cases or a t.Run sequence reads
// best whole) is over 100 lines, but for longFuncs.
func TestFuncSize(t *testing.T) {
	dir := root(t)
	fset := token.NewFileSet()
	for _, f := range goFiles(t, dir) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, f), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			var name string
			switch n := n.(type) {
			case *ast.FuncDecl:
				name = n.Name.Name
			case *ast.FuncLit:
				name = "func literal"
			default:
				return true
			}
			lines := fset.Position(n.End()).Line - fset.Position(n.Pos()).Line + 1
			if lines > maxFuncLines && !longFuncs[f+" "+name] {
				t.Errorf("%s:%d: %s has %d lines, over %d: split it (docs/architecture.md)", f, fset.Position(n.Pos()).Line, name, lines, maxFuncLines)
			}
			return true
		})
	}
}
