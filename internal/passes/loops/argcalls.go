package loops

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/query"
)

// A function literal passed as an argument in a loop runs per iteration
// only when the callee calls it before returning (Innermost, detached).

// syncCallers are the standard library's functions and methods that call
// a function argument before they return, by package path, or by
// "path.Type.Method".
var syncCallers = map[string]bool{
	"sort": true, "slices": true, "maps": true, "strings": true, "bytes": true, "unicode": true,
	"testing.T.Run": true, "testing.B.Run": true, "testing.F.Fuzz": true,
	"sync.Once.Do": true, "sync.Map.Range": true,
	"path/filepath.Walk": true, "path/filepath.WalkDir": true, "io/fs.WalkDir": true,
	"regexp.Regexp.ReplaceAllFunc": true, "regexp.Regexp.ReplaceAllStringFunc": true,
}

// callsArgument reports whether call calls its function argument arg
// before returning: a standard function in syncCallers, or a function of
// the package whose parameter is only ever called in its body (not stored,
// passed on, deferred or started as a goroutine).
func (loopInfo *Info) callsArgument(call *ast.CallExpr, arg ast.Node) bool {
	info := loopInfo.pass.TypesInfo
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	name := fn.Pkg().Path()
	if recv := fn.Signature().Recv(); recv != nil {
		if named, ok := types.Unalias(query.Unpointer(recv.Type())).(*types.Named); ok {
			name += "." + named.Obj().Name()
		}
	}
	if syncCallers[fn.Pkg().Path()] || syncCallers[name+"."+fn.Name()] {
		return true
	}
	if fn.Pkg() != loopInfo.pass.Pkg {
		return false
	}
	i := slices.IndexFunc(call.Args, func(a ast.Expr) bool { return ast.Unparen(a) == arg })
	sig := fn.Signature()
	if i < 0 || sig.Variadic() && i >= sig.Params().Len()-1 {
		return false
	}
	return loopInfo.onlyCalled(fn.Origin(), i)
}

// onlyCalled reports whether parameter i of the package's function fn is
// only ever called in fn's body: every mention of it is the function of a
// call outside any function literal, go or defer statement. Memoised per
// function and parameter.
func (info *Info) onlyCalled(fn *types.Func, i int) bool {
	info.argMu.Lock()
	defer info.argMu.Unlock()
	key := argKey{fn, i}
	if v, ok := info.argCalls[key]; ok {
		return v
	}
	if info.argCalls == nil {
		info.argCalls = make(map[argKey]bool)
	}
	v := false
	if decl := info.Decl(fn); decl != nil && i < fn.Signature().Params().Len() {
		v = paramOnlyCalled(info.pass.TypesInfo, decl.Body, fn.Signature().Params().At(i))
	}
	info.argCalls[key] = v
	return v
}

type argKey struct {
	fn *types.Func
	i  int
}

func paramOnlyCalled(info *types.Info, body *ast.BlockStmt, param *types.Var) bool {
	ok, called := true, false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		if !ok {
			return false
		}
		id, isID := n.(*ast.Ident)
		if !isID || info.Uses[id] != param {
			return true
		}
		for _, anc := range stack {
			switch anc.(type) {
			case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
				ok = false
				return false
			}
		}
		i := len(stack) - 1
		for i >= 0 {
			if _, paren := stack[i].(*ast.ParenExpr); !paren {
				break
			}
			i--
		}
		if i < 0 {
			ok = false
			return false
		}
		var child ast.Node = id
		if i+1 < len(stack) {
			child = stack[i+1]
		}
		if call, isCall := stack[i].(*ast.CallExpr); isCall && call.Fun == child {
			called = true
			return true
		}
		if cmp, isCmp := stack[i].(*ast.BinaryExpr); isCmp && query.IsZero(info, cmp.X) != query.IsZero(info, cmp.Y) {
			return true // f != nil
		}
		ok = false
		return false
	})
	return ok && called
}
