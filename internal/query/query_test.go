package query_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

const src = `package p

import (
	"bytes"
	. "fmt"
	f "fmt"
	"log"
	"net/http"
	"os"
	"testing"
)

type raw []byte

func panicf(string) {}

func serve(w http.ResponseWriter, r *http.Request) {}

var notHandler = func(w http.ResponseWriter, r http.Request) {}

func calls(t *testing.T, tb testing.TB, b *bytes.Buffer, v bytes.Buffer) {
	_ = f.Sprintf("%d", 1)
	_ = Sprint(1)
	b.Reset()
	_ = v.String()
	panic("x")
	panicf("y")
	os.Exit(1)
	log.Fatalf("z")
	t.Fatal()
	tb.Skip()
	x := 0
	x++
	_ = len(raw(nil))
}
`

type fixture struct {
	info  *types.Info
	file  *ast.File
	calls map[string]*ast.CallExpr // by the callee's source text
	pkg   *types.Package
}

func load(t *testing.T) *fixture {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{info: info, file: file, calls: map[string]*ast.CallExpr{}, pkg: pkg}
	ast.Inspect(file, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			fx.calls[types.ExprString(call.Fun)] = call
		}
		return true
	})
	return fx
}

func TestIsCallTo(t *testing.T) {
	fx := load(t)
	for _, tc := range []struct {
		call, name string
		want       bool
	}{
		{"f.Sprintf", "fmt.Sprintf", true},
		{"f.Sprintf", "fmt.Sprint", false},
		{"Sprint", "fmt.Sprint", true}, // dot import
		{"b.Reset", "(*bytes.Buffer).Reset", true},
		{"b.Reset", "(bytes.Buffer).Reset", false},
		{"b.Reset", "bytes.Reset", false},
		{"v.String", "(*bytes.Buffer).String", true}, // String has a pointer receiver
		{"panic", "panic", true},
		{"panicf", "panic", false},
		{"os.Exit", "os.Exit", true},
		{"os.Exit", "os.Exitt", false},
		{"t.Fatal", "(*testing.common).Fatal", true}, // promoted from the embedded common
	} {
		call := fx.calls[tc.call]
		if call == nil {
			t.Fatalf("no call %s in the fixture", tc.call)
		}
		if got := query.IsCallTo(fx.info, call, tc.name); got != tc.want {
			t.Errorf("IsCallTo(%s, %q) = %v, want %v", tc.call, tc.name, got, tc.want)
		}
	}
}

func TestNoReturn(t *testing.T) {
	fx := load(t)
	for call, want := range map[string]bool{
		"panic": true, "panicf": false, "os.Exit": true, "log.Fatalf": true,
		"t.Fatal": true, "tb.Skip": true, "b.Reset": false, "f.Sprintf": false,
	} {
		if got := query.NoReturn(fx.info, fx.calls[call]); got != want {
			t.Errorf("NoReturn(%s) = %v, want %v", call, got, want)
		}
		if got := query.IsPanic(fx.info, fx.calls[call]); got != (call == "panic") {
			t.Errorf("IsPanic(%s) = %v", call, got)
		}
		stmt := &ast.ExprStmt{X: fx.calls[call]}
		if got := query.LeavesFunc(fx.info, stmt); got != want {
			t.Errorf("LeavesFunc(%s) = %v, want %v", call, got, want)
		}
	}
	if !query.LeavesFunc(fx.info, &ast.ReturnStmt{}) {
		t.Errorf("LeavesFunc(return) = false")
	}
}

func TestTypes(t *testing.T) {
	fx := load(t)
	scope := fx.pkg.Scope().Lookup("calls").(*types.Func).Signature().Params()
	b, v := scope.At(2).Type(), scope.At(3).Type()
	switch {
	case !query.IsPointerToNamed(b, "bytes", "Buffer"), query.IsPointerToNamed(v, "bytes", "Buffer"):
		t.Errorf("IsPointerToNamed: *bytes.Buffer is one, bytes.Buffer is not")
	case !query.IsNamedType(v, "bytes", "Buffer"), query.IsNamedType(b, "bytes", "Buffer"):
		t.Errorf("IsNamedType: bytes.Buffer is one, *bytes.Buffer is not")
	case !query.IsNamedType(query.Unpointer(b), "bytes", "Buffer"):
		t.Errorf("Unpointer(*bytes.Buffer) is not bytes.Buffer")
	case !query.IsByteSlice(fx.pkg.Scope().Lookup("raw").Type()), query.IsByteSlice(v), query.IsByteSlice(nil):
		t.Errorf("IsByteSlice: raw is a byte slice, bytes.Buffer and nil are not")
	case !query.Imports(fx.pkg, "os"), query.Imports(fx.pkg, "strings"):
		t.Errorf("Imports: p imports os, not strings")
	}
}

func TestVars(t *testing.T) {
	fx := load(t)
	var decl, use *ast.Ident
	ast.Inspect(fx.file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "x" {
			if decl == nil {
				decl = id
			} else {
				use = id
			}
		}
		return true
	})
	x := fx.info.Defs[decl].(*types.Var)
	switch {
	case !query.Is(fx.info, decl, x), !query.Is(fx.info, &ast.ParenExpr{X: use}, x):
		t.Errorf("Is: both the declaration and the use are x")
	case query.IsUse(fx.info, decl, x), !query.IsUse(fx.info, use, x):
		t.Errorf("IsUse: only the use is a use")
	case !query.Mentions(fx.info, fx.file, x):
		t.Errorf("Mentions: the file mentions x")
	case query.MentionsIn(fx.info, fx.file, x, use.End(), token.NoPos):
		t.Errorf("MentionsIn: nothing after x++ mentions x")
	case query.MentionsIn(fx.info, fx.file, x, decl.Pos(), use.Pos()):
		t.Errorf("MentionsIn: between the declaration and the use, only the declaration")
	case !query.Within(fx.file, x.Pos()), query.Within(decl, use.Pos()):
		t.Errorf("Within")
	}
}

func TestCursors(t *testing.T) {
	fx := load(t)
	in := inspector.New([]*ast.File{fx.file})
	for c := range in.Root().Preorder((*ast.IncDecStmt)(nil)) {
		fn := query.EnclosingFunc(c)
		if decl, ok := fn.(*ast.FuncDecl); !ok || decl.Name.Name != "calls" {
			t.Errorf("EnclosingFunc(x++) = %T, want func calls", fn)
		}
		if ft, body := query.FuncParts(fn); ft != fn.(*ast.FuncDecl).Type || body != fn.(*ast.FuncDecl).Body {
			t.Errorf("FuncParts(func calls) = %v, %v", ft, body)
		}
		if ft, body := query.FuncParts(c.Node()); ft != nil || body != nil {
			t.Errorf("FuncParts(x++) = %v, %v, want nils", ft, body)
		}
		if !query.InStatementList(c) {
			t.Errorf("x++ is in a statement list")
		}
		if anc, ok := query.Ancestor(c, fn); !ok || anc.Node() != fn {
			t.Errorf("Ancestor did not find the function")
		}
		if _, ok := query.Ancestor(c, fx.calls["panic"]); ok {
			t.Errorf("Ancestor found a node that is not an ancestor")
		}
	}
	loop := &ast.ForStmt{}
	sw := &ast.SwitchStmt{}
	body := &ast.BlockStmt{}
	if !query.InsideBreakable([]ast.Node{body, sw}, true) || query.InsideBreakable([]ast.Node{body, sw}, false) ||
		!query.InsideBreakable([]ast.Node{body, loop}, false) || query.InsideBreakable([]ast.Node{body}, true) {
		t.Errorf("InsideBreakable: a switch captures break only, a loop both, the body itself neither")
	}
}

func TestIsHTTPHandler(t *testing.T) {
	fx := load(t)
	for _, decl := range fx.file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if got := query.IsHTTPHandler(fx.info, d); got != (d.Name.Name == "serve") {
				t.Errorf("IsHTTPHandler(%s) = %v", d.Name.Name, got)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok && query.IsHTTPHandler(fx.info, vs.Values[0]) {
					t.Errorf("IsHTTPHandler(%s) = true; its *http.Request is a value", vs.Names[0].Name)
				}
			}
		}
	}
}
