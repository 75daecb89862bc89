package chanflow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/loops"
)

// scanUses classifies every use of the channel in its function: receives,
// close, and anything that lets it escape perfvet's view.
func (ch *Chan) scanUses(pass *analysis.Pass, loopInfo *loops.Info, body inspector.Cursor) {
	for c := range body.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if pass.TypesInfo.Uses[id] != ch.Var {
			continue
		}
		parent := c.Parent().Node()
		if inDefer(c) {
			ch.Other = true // a deferred drain or close: the function handles leaving
			continue
		}
		if lit := enclosingLit(c, ch.Func); lit != nil {
			// Inside a goroutine or closure: fine for a sender's own sends
			// and for close(ch); anything else (a receiver goroutine, a
			// callback) runs out of the function's sight.
			if isSendChan(parent, id) || isCloseOf(pass, parent, id) {
				ch.Closed = ch.Closed || isCloseOf(pass, parent, id)
				continue
			}
			ch.Other = true
			continue
		}
		switch p := parent.(type) {
		case *ast.UnaryExpr:
			if p.Op == token.ARROW {
				r := &Receive{Node: p, Select: selectOf(c)}
				if l := loopInfo.Innermost(c); l != nil && l.Func == ch.Func {
					r.Loop = l
				}
				ch.Receives = append(ch.Receives, r)
				continue
			}
		case *ast.RangeStmt:
			if p.X == ast.Expr(id) {
				r := &Receive{Node: p, Range: true}
				if l := loopInfo.Of(p); l != nil {
					r.Loop = l
				}
				ch.Receives = append(ch.Receives, r)
				continue
			}
		case *ast.CallExpr:
			if isCloseOf(pass, p, id) {
				ch.Closed = true
				continue
			}
			if ch.isSenderArg(p) {
				continue
			}
		case *ast.SendStmt:
			if p.Chan == ast.Expr(id) {
				continue // the function sends itself
			}
		case *ast.AssignStmt, *ast.ValueSpec:
			if isDef(pass, id, ch.Var) {
				continue
			}
		}
		ch.Other = true
	}
}

func isDef(pass *analysis.Pass, id *ast.Ident, v *types.Var) bool {
	return pass.TypesInfo.Defs[id] == v
}

// isSenderArg reports whether call is the call of one of the channel's
// go statements (go worker(ch)).
func (ch *Chan) isSenderArg(call *ast.CallExpr) bool {
	for _, s := range ch.Senders {
		if s.Go.Call == call {
			return true
		}
	}
	return false
}

func isSendChan(parent ast.Node, id *ast.Ident) bool {
	s, ok := parent.(*ast.SendStmt)
	return ok && s.Chan == ast.Expr(id)
}

func isCloseOf(pass *analysis.Pass, parent ast.Node, id *ast.Ident) bool {
	call, ok := parent.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || call.Args[0] != ast.Expr(id) {
		return false
	}
	fid, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := pass.TypesInfo.Uses[fid].(*types.Builtin)
	return ok && b.Name() == "close"
}

func inDefer(c inspector.Cursor) bool {
	for anc := range c.Enclosing((*ast.DeferStmt)(nil), (*ast.FuncDecl)(nil)) {
		_, isDefer := anc.Node().(*ast.DeferStmt)
		return isDefer
	}
	return false
}

// enclosingLit returns the function literal inside fn that holds c, or nil
// when c is in fn's own body.
func enclosingLit(c inspector.Cursor, fn ast.Node) ast.Node {
	for anc := range c.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		if anc.Node() == fn {
			return nil
		}
		return anc.Node()
	}
	return nil
}

func selectOf(c inspector.Cursor) *ast.SelectStmt {
	// <-ch is a select case when it is the Comm of a CommClause (as an
	// expression statement or the right side of an assignment).
	for anc := c.Parent(); anc.Node() != nil; anc = anc.Parent() {
		switch n := anc.Node().(type) {
		case *ast.CommClause:
			if n.Comm != nil && n.Comm.Pos() <= c.Node().Pos() && c.Node().End() <= n.Comm.End() {
				return anc.Parent().Parent().Node().(*ast.SelectStmt)
			}
			return nil
		case ast.Stmt:
			if _, ok := n.(*ast.ExprStmt); !ok {
				if _, ok := n.(*ast.AssignStmt); !ok {
					return nil
				}
			}
		}
	}
	return nil
}
