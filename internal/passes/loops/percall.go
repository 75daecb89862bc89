package loops

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/perfvet/perfvet/internal/query"
	"golang.org/x/tools/go/types/typeutil"
)

// CalledInLoop reports whether a loop of the package that is not cold
// calls fn, the package's own function, directly; caller is the function
// (*ast.FuncDecl or *ast.FuncLit) holding one such call. Such a function
// runs once per item. Calls in _test.go files do not count: tests call
// everything in loops.
func (info *Info) CalledInLoop(fn *types.Func) (caller ast.Node, ok bool) {
	info.callersOnce.Do(info.indexCallers)
	caller, ok = info.callers[fn.Origin()]
	return caller, ok
}

func (info *Info) indexCallers() {
	info.callers = make(map[*types.Func]ast.Node)
	pass := info.pass
	for fc := range info.in.Root().Children() {
		if strings.HasSuffix(pass.Fset.File(fc.Node().Pos()).Name(), "_test.go") {
			continue
		}
		for c := range fc.Preorder((*ast.CallExpr)(nil)) {
			fn := typeutil.StaticCallee(pass.TypesInfo, c.Node().(*ast.CallExpr))
			if fn == nil || fn.Pkg() != pass.Pkg {
				continue
			}
			if _, seen := info.callers[fn.Origin()]; seen {
				continue
			}
			if l := info.Repeating(c); l != nil && l.HotChain() {
				info.callers[fn.Origin()] = query.EnclosingFunc(c)
			}
		}
	}
}

// IsHandler reports whether fn (an *ast.FuncDecl or *ast.FuncLit) serves
// one HTTP request per call: its parameters are (http.ResponseWriter,
// *http.Request), as in ServeHTTP and http.HandlerFunc.
func IsHandler(info *types.Info, fn ast.Node) bool {
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
	return isNetHTTP(sig.Params().At(0).Type(), "ResponseWriter") && isNetHTTP(sig.Params().At(1).Type(), "*Request")
}

func isNetHTTP(t types.Type, name string) bool {
	if name[0] == '*' {
		return query.IsPointerToNamed(t, "net/http", name[1:])
	}
	return query.IsNamedType(t, "net/http", name)
}
