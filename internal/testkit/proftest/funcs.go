package proftest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Functions writes a CPU profile in which every function of the package
// in dir (import path pkg) that runs accepts has one sample on each line
// of its body, and so do the function literals inside it, named as the
// compiler names them (F.func1, F.func1.1). runs gets the declared name
// (F, or M for a method, whose symbol is pkg.T.M or pkg.(*T).M).
func Functions(t testing.TB, dir, pkg string, runs func(name string) bool) string {
	t.Helper()
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var samples []Sample
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || !runs(fd.Name.Name) {
				continue
			}
			symbol := pkg + "." + symbolName(fd)
			samples = append(samples, bodySamples(fset, symbol, fd.Pos(), fd.Body)...)
			samples = append(samples, closureSamples(fset, symbol, fd.Body, true)...)
		}
	}
	return CPU(t, samples...)
}

// bodySamples is one sample on each line of body, in the function symbol
// starting at start.
func bodySamples(fset *token.FileSet, symbol string, start token.Pos, body *ast.BlockStmt) []Sample {
	first, last := int64(fset.Position(start).Line), int64(fset.Position(body.End()).Line)
	var out []Sample
	for line := int64(fset.Position(body.Lbrace).Line) + 1; line < last; line++ {
		out = append(out, Sample{Func: symbol, Start: first, Line: line, Count: 1})
	}
	return out
}

// closureSamples adds samples for the function literals directly inside
// n, numbered as the compiler does: parent.func1, ... in a declared
// function, parent.1, ... in a literal.
func closureSamples(fset *token.FileSet, parent string, n ast.Node, top bool) []Sample {
	var out []Sample
	count := 0
	ast.Inspect(n, func(m ast.Node) bool {
		lit, ok := m.(*ast.FuncLit)
		if !ok {
			return true
		}
		count++
		name := fmt.Sprintf("%s.%d", parent, count)
		if top {
			name = fmt.Sprintf("%s.func%d", parent, count)
		}
		out = append(out, bodySamples(fset, name, lit.Pos(), lit.Body)...)
		out = append(out, closureSamples(fset, name, lit.Body, false)...)
		return false
	})
	return out
}

// symbolName is a declaration's name in its symbol: F, T.M, (*T).M.
func symbolName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	ptr := false
	if s, ok := t.(*ast.StarExpr); ok {
		ptr, t = true, s.X
	}
	id, ok := t.(*ast.Ident)
	if !ok {
		return fd.Name.Name
	}
	if ptr {
		return "(*" + id.Name + ")." + fd.Name.Name
	}
	return id.Name + "." + fd.Name.Name
}
