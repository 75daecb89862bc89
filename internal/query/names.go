package query

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// IsCallTo reports whether call calls the function or method name, written
// as in staticcheck: "fmt.Sprintf", "net/http.HandleFunc",
// "(*bytes.Buffer).Reset", "(bytes.Buffer).String", or a builtin such as
// "panic". The callee is resolved by type, so a renamed or dot import
// still matches and a local function of the same name does not.
func IsCallTo(info *types.Info, call *ast.CallExpr, name string) bool {
	return isObject(typeutil.Callee(info, call), name)
}

// isObject reports whether obj is the function, method or builtin name
// (spelt as for IsCallTo).
func isObject(obj types.Object, name string) bool {
	switch obj := obj.(type) {
	case *types.Builtin:
		return obj.Name() == name
	case *types.Func:
		return isFunc(obj, name)
	}
	return false
}

// isFunc matches fn against name without building fn's full name.
func isFunc(fn *types.Func, name string) bool {
	if !strings.HasPrefix(name, "(") {
		pkg, fname, ok := cutLast(name, ".")
		if !ok || fn.Name() != fname || fn.Pkg() == nil || fn.Pkg().Path() != pkg {
			return false
		}
		sig, _ := fn.Type().(*types.Signature)
		return sig != nil && sig.Recv() == nil
	}
	recvName, method, ok := strings.Cut(name[1:], ").")
	if !ok || fn.Name() != method {
		return false
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return false
	}
	recv := sig.Recv().Type()
	if ptr, ok := types.Unalias(recv).(*types.Pointer); ok {
		if !strings.HasPrefix(recvName, "*") {
			return false
		}
		recvName, recv = recvName[1:], ptr.Elem()
	} else if strings.HasPrefix(recvName, "*") {
		return false
	}
	pkg, tname, ok := cutLast(recvName, ".")
	return ok && IsNamedType(recv, pkg, tname)
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+len(sep):], true
}

// IsNamedType reports whether t (aliases resolved) is the named type
// pkgPath.name, e.g. IsNamedType(t, "bytes", "Buffer"). A pointer to it is
// not; see Unpointer.
func IsNamedType(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// IsPointerToNamed reports whether t is a pointer to pkgPath.name.
func IsPointerToNamed(t types.Type, pkgPath, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamedType(p.Elem(), pkgPath, name)
}

// Unpointer returns the element type of a pointer type, or t itself.
func Unpointer(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// IsByteSlice reports whether t's underlying type is a slice of bytes
// ([]byte, json.RawMessage, a []uint8 of a named element type).
func IsByteSlice(t types.Type) bool {
	if t == nil {
		return false
	}
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// Imports reports whether pkg imports the package path directly.
func Imports(pkg *types.Package, path string) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return true
		}
	}
	return false
}

// IsPackage reports whether obj is a package name (an import) of path.
func IsPackage(obj types.Object, path string) bool {
	pn, ok := obj.(*types.PkgName)
	return ok && pn.Imported().Path() == path
}

// IsHTTPHandler reports whether fn (an *ast.FuncDecl or *ast.FuncLit)
// serves one HTTP request per call: its parameters are
// (http.ResponseWriter, *http.Request), as in ServeHTTP and
// http.HandlerFunc.
func IsHTTPHandler(info *types.Info, fn ast.Node) bool {
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := info.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ = info.TypeOf(fn).(*types.Signature)
	}
	if sig == nil || sig.Params().Len() != 2 {
		return false
	}
	return IsNamedType(sig.Params().At(0).Type(), "net/http", "ResponseWriter") &&
		IsPointerToNamed(sig.Params().At(1).Type(), "net/http", "Request")
}
