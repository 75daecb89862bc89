package hot

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"

	"golang.org/x/tools/go/types/typeutil"
)

// pollEvidence says why fd is refresh or poll code, run once per interval
// right after a request, or "": it is named for it (refresh, poll, reload,
// resync: a service discovery's refresh, a cache's reload), it makes a
// request before or while it loops (a call of another package that takes a
// context.Context, or an HTTP round trip), and no loop of the package
// that is not cold calls it (Result.CalledInLoop: a cache refreshed
// per item is not polled). Such code runs from a ticker loop, usually in
// another goroutine or package the analysis cannot see (the function is
// handed over as a value), and its loops go over one fetched response: the
// request costs more than anything the loop does.
func (r *Result) pollEvidence(fd *ast.FuncDecl) string {
	if fd.Body == nil || !pollName(fd.Name.Name) {
		return ""
	}
	info := r.pass.TypesInfo
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok {
		return ""
	}
	if _, hot := r.CalledInLoop(fn); hot {
		return ""
	}
	request := ""
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || request != "" {
			return request == ""
		}
		if callee, ok := typeutil.Callee(info, call).(*types.Func); ok && isRequest(r.pass.Pkg, callee) {
			request = types.ExprString(call.Fun)
		}
		return true
	})
	if request == "" {
		return ""
	}
	return fd.Name.Name + ": refresh or poll code, once per interval after a request (" + request + ") (judged by the name)"
}

// pollName reports whether name starts with a word that names periodic
// refresh: refresh, poll, reload or resync (refreshTargets, pollStatus,
// Reload), followed by the end of the name or an upper-case letter.
func pollName(name string) bool {
	for _, w := range []string{"refresh", "poll", "reload", "resync"} {
		if len(name) < len(w) || !strings.EqualFold(name[:len(w)], w) {
			continue
		}
		if rest := name[len(w):]; rest == "" || unicode.IsUpper(rune(rest[0])) {
			return true
		}
	}
	return false
}

// isRequest reports whether fn, called from package pkg, makes a request:
// a function of another package whose first parameter is a
// context.Context (a client call), or an HTTP round trip of net/http.
func isRequest(pkg *types.Package, fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Pkg() == pkg {
		return false
	}
	if fn.Pkg().Path() == "net/http" {
		switch fn.Name() {
		case "Do", "Get", "Post", "PostForm", "Head", "RoundTrip":
			return true
		}
	}
	params := fn.Signature().Params()
	return params.Len() > 0 && isNamed(params.At(0).Type(), "context", "Context")
}
