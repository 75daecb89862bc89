package loops

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/query"
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
