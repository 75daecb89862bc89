package query

import (
	"go/ast"

	"golang.org/x/tools/go/ast/inspector"
)

// Ancestor returns the cursor of n among c's ancestors (c included): a walk
// up the tree, not a search of the package, which would make a check
// quadratic in its findings.
func Ancestor(c inspector.Cursor, n ast.Node) (inspector.Cursor, bool) {
	for anc := c; anc.Node() != nil; anc = anc.Parent() {
		if anc.Node() == n {
			return anc, true
		}
	}
	return inspector.Cursor{}, false
}

// EnclosingFunc returns the *ast.FuncDecl or *ast.FuncLit whose body holds
// the node at c, or nil at package level.
func EnclosingFunc(c inspector.Cursor) ast.Node {
	for anc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if anc.Node() == c.Node() {
			continue
		}
		return anc.Node()
	}
	return nil
}

// InStatementList reports whether the node at c is an element of a
// statement list (a block's, or a case or select clause's body): a
// statement that may be deleted, or have statements inserted beside it.
func InStatementList(c inspector.Cursor) bool {
	return isStatementList(c.Parent().Node())
}

// isStatementList reports whether n holds a list of statements: a block,
// or a case or select clause.
func isStatementList(n ast.Node) bool {
	_, ok := StatementList(n)
	return ok
}

// StatementList returns the statements of a block, or of a case or select
// clause's body, and whether n is one of those.
func StatementList(n ast.Node) ([]ast.Stmt, bool) {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List, true
	case *ast.CaseClause:
		return n.Body, true
	case *ast.CommClause:
		return n.Body, true
	}
	return nil, false
}

// InsideBreakable reports whether, of the ancestors of a break or continue
// (outermost first, the statement itself not included), one nested below
// ancestors[0] is a statement that an unlabelled jump of that kind would
// leave instead: a loop for both, a switch or select for a break.
func InsideBreakable(ancestors []ast.Node, isBreak bool) bool {
	for i := len(ancestors) - 1; i >= 1; i-- {
		switch ancestors[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if isBreak {
				return true
			}
		}
	}
	return false
}

// FuncParts returns the type and body of fn, an *ast.FuncDecl or
// *ast.FuncLit (the body is nil for a declaration without one); both are
// nil for any other node.
func FuncParts(fn ast.Node) (*ast.FuncType, *ast.BlockStmt) {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Type, fn.Body
	case *ast.FuncLit:
		return fn.Type, fn.Body
	}
	return nil, nil
}
