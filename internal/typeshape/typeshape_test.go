package typeshape_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/perfvet/perfvet/internal/typeshape"
)

const src = `package p

import "unsafe"

type (
	point    struct{ X, Y int }
	wrapPtr  struct{ p *point }
	wrapTwo  struct{ p, q *point }
	arrOne   [1]*point
	arrTwo   [2]*point
	fn       func()
	ch       chan int
	m        map[string]int
	up       unsafe.Pointer
	str      string
	gen[T any] struct{ v T }
	list[T any] []T
)

func f[T any](x T, xs []T, g gen[T], p *T, l list[int], fp func(T)) {}
`

func TestShapes(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", fset, []*ast.File{file}, info)
	if err != nil {
		t.Fatal(err)
	}
	lookup := func(name string) types.Type { return pkg.Scope().Lookup(name).Type() }
	for name, want := range map[string]bool{
		"point": false, "wrapPtr": true, "wrapTwo": false, "arrOne": true, "arrTwo": false,
		"fn": true, "ch": true, "m": true, "up": true, "str": false,
	} {
		if got := typeshape.PointerShaped(lookup(name)); got != want {
			t.Errorf("PointerShaped(%s) = %v, want %v", name, got, want)
		}
	}
	sig := lookup("f").(*types.Signature)
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		want := p.Name() != "l"
		if got := typeshape.HasTypeParam(p.Type()); got != want {
			t.Errorf("HasTypeParam(%s %s) = %v, want %v", p.Name(), p.Type(), got, want)
		}
	}
	if typeshape.HasTypeParam(lookup("point")) {
		t.Error("HasTypeParam(point) = true")
	}
}
