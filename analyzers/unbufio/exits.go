package unbufio

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// exits returns why the loop can be left without passing the Flush after
// it: a return (other than one that follows a failed write, whose data
// is lost either way), a panic or a call that does not return, a goto, or
// a labelled break or continue of an outer statement; or the loop never
// ends.
func (fx *fixer) exits(loop *loops.Loop, label string, rewrite []*ast.Ident) string {
	pass := fx.pass
	why := ""
	breaks := false
	ast.PreorderStack(loop.Body(), nil, func(n ast.Node, stack []ast.Node) bool {
		if why != "" {
			return false
		}
		line := pass.Fset.Position(n.Pos()).Line
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if !afterFailedWrite(pass, n, stack, rewrite) {
				why = fmt.Sprintf("the loop can return early (line %d) without a Flush", line)
			}
		case *ast.CallExpr:
			if query.NoReturn(pass.TypesInfo, n) {
				why = fmt.Sprintf("the loop can stop the program or panic (line %d) without a Flush", line)
			}
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO:
				why = fmt.Sprintf("the loop can jump out with goto (line %d) without a Flush", line)
			case n.Label != nil && n.Label.Name != label && !labelledWithin(stack, n.Label.Name):
				why = fmt.Sprintf("the loop can be left by %s %s (line %d) without a Flush", n.Tok, n.Label.Name, line)
			case n.Tok == token.BREAK && (n.Label != nil && n.Label.Name == label || !query.InsideBreakable(stack, true)):
				breaks = true
			}
		}
		return why == ""
	})
	if why == "" && loop.Kind == loops.Infinite && !breaks {
		why = "the loop never ends, so a Flush after it would never run"
	}
	return why
}

// labelledWithin reports whether a labelled statement in stack (inside the
// loop body) carries label.
func labelledWithin(stack []ast.Node, label string) bool {
	for _, n := range stack {
		if ls, ok := n.(*ast.LabeledStmt); ok && ls.Label.Name == label {
			return true
		}
	}
	return false
}

// afterFailedWrite reports whether ret returns from the error branch of a
// rewritten write: `if _, err := fmt.Fprintln(f, x); err != nil { return
// err }`, or the same with the write just before the if. Once a buffered
// write fails the data is lost with or without a Flush.
func afterFailedWrite(pass *analysis.Pass, ret *ast.ReturnStmt, stack []ast.Node, rewrite []*ast.Ident) bool {
	for i := len(stack) - 1; i >= 1; i-- {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok {
			continue
		}
		if ret.Pos() < ifs.Body.Pos() || ifs.Body.End() < ret.End() {
			return false
		}
		errVar := nilCheck(pass, ifs.Cond)
		if errVar == nil {
			return false
		}
		if assignsFromWrite(pass, ifs.Init, errVar, rewrite) {
			return true
		}
		if block, ok := stack[i-1].(*ast.BlockStmt); ok {
			if j := slices.Index(block.List, ast.Stmt(ifs)); j > 0 {
				return assignsFromWrite(pass, block.List[j-1], errVar, rewrite)
			}
		}
		return false
	}
	return false
}

// nilCheck returns v of the condition `v != nil`.
func nilCheck(pass *analysis.Pass, cond ast.Expr) types.Object {
	b, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || b.Op != token.NEQ {
		return nil
	}
	id, ok := ast.Unparen(b.X).(*ast.Ident)
	if !ok || !pass.TypesInfo.Types[b.Y].IsNil() {
		return nil
	}
	return pass.TypesInfo.ObjectOf(id)
}

// assignsFromWrite reports whether stmt assigns v the result of a
// rewritten write call.
func assignsFromWrite(pass *analysis.Pass, stmt ast.Stmt, v types.Object, rewrite []*ast.Ident) bool {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 {
		return false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || !isRewritten(call, rewrite) {
		return false
	}
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == v {
			return true
		}
	}
	return false
}
