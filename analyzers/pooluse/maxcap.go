package pooluse

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

// checkCap reports a Put of a buffer that is not bounded by size (rule 5,
// off unless -pooluse.maxcap is set).
func (st *state) checkCap(c inspector.Cursor, p *pool) {
	put := c.Node().(*ast.CallExpr)
	if st.maxCap <= 0 || len(put.Args) != 1 {
		return
	}
	arg := put.Args[0]
	t := st.pass.TypesInfo.TypeOf(arg)
	var bound string
	switch {
	case query.IsPointerToNamed(t, "bytes", "Buffer"):
		bound = types.ExprString(arg) + ".Cap()"
	case query.IsByteSlice(t):
		bound = "cap(" + types.ExprString(arg) + ")"
	case isPointerToByteSlice(t):
		bound = "cap(*" + types.ExprString(arg) + ")"
	default:
		return
	}
	for anc := range c.Enclosing((*ast.IfStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ifStmt, ok := anc.Node().(*ast.IfStmt)
		if !ok {
			break
		}
		if mentionsCap(ifStmt.Cond) {
			return
		}
	}
	st.rep.Report(analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("%s keeps the buffer however large it grew, so one big input pins that memory for the pool's life (golang/go#23199); put it back only if %s <= %d; no automatic fix: the limit is a policy choice (-pooluse.maxcap)",
			types.ExprString(put), bound, st.maxCap),
	})
}

func mentionsCap(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if n.Name == "cap" {
				found = true
			}
		case *ast.SelectorExpr:
			if n.Sel.Name == "Cap" {
				found = true
			}
		}
		return !found
	})
	return found
}

func isPointerToByteSlice(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && query.IsByteSlice(p.Elem())
}
