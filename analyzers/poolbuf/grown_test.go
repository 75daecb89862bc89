package poolbuf

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/bufflow"
)

// grownSource holds buffers in several shapes; each line marked "grown"
// is where its function's buffer is declared or used, the lines an
// allocation profile measures its finding by (grownAt).
const grownSource = `package p

import (
	"bytes"
	"fmt"
	"io"
)

func methods(word string) string {
	var buf bytes.Buffer // grown
	buf.WriteString("word: ") // grown
	for range 3 {
		buf.WriteString(word) // grown
	}
	return buf.String() // grown
}

func pointerToFmt(n int) string {
	b := new(bytes.Buffer) // grown
	fmt.Fprintf(b, // grown
		"%d", // grown
		n) // grown
	return b.String() // grown
}

func alias(s string) int {
	var buf bytes.Buffer // grown
	w := &buf // grown
	w.WriteString(s) // grown
	return buf.Len() // grown
}

func header(s string) string {
	var buf bytes.Buffer // grown
	if buf.Len() == 0 { // grown
		buf.WriteString(s) // grown
	}
	return buf.String() // grown
}

func closure(s string) string {
	var buf bytes.Buffer // grown
	write := func() {
		buf.WriteString(s) // grown
	}
	write()
	return buf.String() // grown
}

func helper(w io.Writer, s string) { io.WriteString(w, s) }

func viaHelper(s string) string {
	var buf bytes.Buffer // grown
	helper(&buf, s) // grown
	return buf.String() // grown
}

func inLoop(items []string) int {
	n := 0
	for _, it := range items {
		buf := bytes.NewBuffer(nil) // grown
		buf.WriteString(it) // grown
		n += buf.Len() // grown
	}
	return n
}
`

func TestGrownAt(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", grownSource, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object),
		Uses: make(map[*ast.Ident]types.Object), Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{Fset: fset, Files: []*ast.File{f}, Pkg: pkg, TypesInfo: info}
	tracer := bufflow.New(pass)
	marked := make(map[string][]int) // function name: lines marked grown
	lines := strings.Split(grownSource, "\n")
	var fn string
	for i, l := range lines {
		if name, ok := strings.CutPrefix(l, "func "); ok {
			fn, _, _ = strings.Cut(name, "(")
		}
		if strings.HasSuffix(l, "// grown") {
			marked[fn] = append(marked[fn], i+1)
		}
	}
	for _, d := range f.Decls {
		decl, ok := d.(*ast.FuncDecl)
		if !ok || marked[decl.Name.Name] == nil {
			continue
		}
		var region ast.Node = decl
		var sc *scratch
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if loop, ok := n.(*ast.RangeStmt); ok && decl.Name.Name == "inLoop" {
				region = loop.Body // as checkLoop traces it
			}
			if s, ok := n.(ast.Stmt); ok && sc == nil {
				if got, ok := declared(pass, s); ok {
					sc = got
				}
			}
			return sc == nil
		})
		if sc == nil {
			t.Errorf("%s: no buffer declared", decl.Name.Name)
			continue
		}
		var got []int
		for _, r := range grownAt(pass, tracer, region, sc) {
			for l := fset.Position(r.Pos()).Line; l <= fset.Position(r.End()).Line; l++ {
				got = append(got, l)
			}
		}
		slices.Sort(got)
		got = slices.Compact(got)
		if want := marked[decl.Name.Name]; !slices.Equal(got, want) {
			t.Errorf("%s: lines %v, want %v", decl.Name.Name, got, want)
		}
	}
}
