package house

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Size rules of docs/architecture.md.
const (
	maxAnalyzerFileLines = 500
	maxFuncLines         = 100
)

// oversized are the analyzer files over maxAnalyzerFileLines when this test
// came, each with the work that splits it; TestAnalyzerFileSize fails once
// one is back under the limit, so that the entry goes with the split.
var oversized = map[string]string{
	"analyzers/prealloc/prealloc.go": "split by issue #32 (the map-key rules move to their own file)",
}

// longFuncs are the functions allowed over maxFuncLines, by file and name:
// the escape classifier's one case per compiler message form.
var longFuncs = map[string]bool{
	"escape/line.go classify": true,
}

// TestAnalyzerFileSize: no Go file of an analyzer package (analyzers/NAME,
// tests and fixtures aside) is over 500 lines.
func TestAnalyzerFileSize(t *testing.T) {
	dir := root(t)
	for _, f := range goFiles(t, dir) {
		if !strings.HasPrefix(f, "analyzers/") || strings.Count(f, "/") < 2 || strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		n := bytes.Count(data, []byte("\n"))
		switch why, known := oversized[f]; {
		case n > maxAnalyzerFileLines && !known:
			t.Errorf("%s has %d lines, over the %d an analyzer file may have: split it by rule (docs/architecture.md)", f, n, maxAnalyzerFileLines)
		case n <= maxAnalyzerFileLines && known:
			t.Errorf("%s has %d lines, within the limit: remove it from oversized (%s)", f, n, why)
		}
	}
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
