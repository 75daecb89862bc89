package verdict_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/tree"
	"github.com/perfvet/perfvet/internal/verdict"
)

const exprSrc = `package m

type P struct{ X, Y float64 }

var sink []any

func keep(vs ...any) { sink = append(sink, vs...) }

func count(vs ...any) int { return len(vs) }

func F(ps []P, m map[string]P, xs []int) int {
	n := 0
	for i, p := range ps {
		keep(p.X, xs[i]+1, ps[i], m["k"], P{X: p.Y}, float64(i), (p))
		n += count(p.X, ps[i], P{Y: p.X})
	}
	return n
}
`

// TestJudgeExpr checks that every argument of a variadic, inlined call
// gets the compiler's verdict wherever the compiler places the expression
// (a selection at its dot, an index at '[', a binary expression at its
// operator, a literal at '{', a conversion at '('), and that a test file
// and an unbuilt package say why they have none.
func TestJudgeExpr(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	dir := tree.Write(t, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", "m.go": exprSrc})
	table, err := verdict.Build(dir, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	pkg, _ := table.Verdicts("example.com/m", "")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "m.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]*ast.CallExpr{}
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok {
				calls[id.Name] = c
			}
		}
		return true
	})
	for _, arg := range calls["keep"].Args {
		if out := pkg.JudgeExpr(fset, arg); out.Heap == nil {
			t.Errorf("keep(%s): %+v, want heap", verdict.Subject(arg), out)
		}
	}
	for _, arg := range calls["count"].Args {
		if out := pkg.JudgeExpr(fset, arg); !out.Stack {
			t.Errorf("count(%s): %+v, want stack", verdict.Subject(arg), out)
		}
	}

	arg := calls["keep"].Args[0]
	if out := (*verdict.Package)(nil).JudgeExpr(fset, arg); !strings.Contains(out.NoVerdict, "did not cover") {
		t.Errorf("unbuilt package: %+v, want a reason", out)
	}
	tf := token.NewFileSet()
	tf.AddFile(filepath.Join(dir, "m_test.go"), -1, 10000).SetLinesForContent([]byte(exprSrc))
	if out := pkg.JudgeExpr(tf, &ast.Ident{NamePos: token.Pos(300), Name: "p"}); !strings.Contains(out.NoVerdict, "_test.go") {
		t.Errorf("test file: %+v, want a reason", out)
	}
	if out := pkg.JudgeExpr(fset, f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.TypeSpec).Name); out.Heap != nil || out.Stack || out.NoVerdict == "" {
		t.Errorf("a type name: %+v, want no verdict with a reason", out)
	}
}
