package hot

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/perfvet/perfvet/internal/profile"
)

// pkgPrefix is the prefix of the linker symbols of a package, as the
// runtime (and so runtime/pprof) prints them: "main" for a command in a
// program's profile, else the import path with '.' in its last element
// (and a few bytes anywhere) escaped as %xx (profile.PathToPrefix). A
// test binary names the command it tests by its import path, and its own
// generated main is "main" (testBinary: profiles of go test -bench).
func pkgPrefix(pkg *types.Package, testBinary bool) string {
	if pkg.Name() == "main" && !testBinary {
		return "main"
	}
	return profile.PathToPrefix(pkg.Path())
}

// declName returns the name of a function declaration as it follows the
// package prefix in a symbol: F, F[...] (generic), T.M, (*T).M,
// (*T[...]).M. init functions are numbered by the caller.
func declName(fd *ast.FuncDecl) string {
	name := fd.Name.Name
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
			name += "[...]"
		}
		return name
	}
	t := fd.Recv.List[0].Type
	ptr := false
	if p, ok := ast.Unparen(t).(*ast.StarExpr); ok {
		ptr, t = true, p.X
	}
	recv := ""
	switch t := ast.Unparen(t).(type) {
	case *ast.Ident:
		recv = t.Name
	case *ast.IndexExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			recv = id.Name + "[...]"
		}
	case *ast.IndexListExpr:
		if id, ok := t.X.(*ast.Ident); ok {
			recv = id.Name + "[...]"
		}
	}
	if recv == "" {
		return name
	}
	if ptr {
		return "(*" + recv + ")." + name
	}
	return recv + "." + name
}

// A fnSite is a function of the source as the compiler names it.
type fnSite struct {
	top      *ast.FuncDecl // nil: a package-level initialiser (the top is "init")
	topName  string        // name after the package prefix: F, (*T).M, init.0, init
	node     ast.Node      // the *ast.FuncDecl or *ast.FuncLit
	name     string        // F, F.func1, F.func1.2, init.func1
	closures int           // closures numbered so far directly inside node
}

// closureName numbers the function literals of a function as the compiler
// does (cmd/compile/internal/ir.closureName): the literals directly inside
// a declared function are F.func1, F.func2 in source order; those inside a
// literal add .1, .2 to its name. A range-over-func body is not a
// function of the source, so literals inside it count as its parent's.
// After inlining, a closure copied into another function gets a longer
// name (F.F.func1.func4); such copies are matched by their start line,
// not their name.
func closureName(parent *fnSite) string {
	parent.closures++
	if _, ok := parent.node.(*ast.FuncLit); ok {
		return fmt.Sprintf("%s.%d", parent.name, parent.closures)
	}
	return fmt.Sprintf("%s.func%d", parent.name, parent.closures)
}
