package pooluse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

// checkUseAfterPut reports uses of a pooled object, or of memory it
// shares, after it went back to the pool (rule 1).
func (st *state) checkUseAfterPut(c inspector.Cursor, p *pool) {
	put := c.Node().(*ast.CallExpr)
	info := st.pass.TypesInfo
	v := putVar(info, put)
	if v == nil {
		return
	}
	var ok bool
	at := c
	_, deferred := c.Parent().Node().(*ast.DeferStmt)
	if lit := enclosingDeferredLit(c); lit != nil {
		// defer func() { ...; pool.Put(b) }(): the Put runs as the
		// function around the closure returns.
		deferred = true
		if at, ok = query.Ancestor(c, lit); !ok {
			return
		}
	}
	fn, body := funcBody(at)
	if body == nil {
		return
	}
	flow := st.tracer.Trace(fn, v, true)
	if flow.Escape != nil {
		return // it went somewhere we cannot follow
	}
	var use ast.Node
	if deferred {
		// The Put runs as the function returns: whatever the function
		// returns that shares the object's memory is used after it.
		if flow.Returned {
			use = returnOfAlias(info, body, flow.Aliases, put.Pos())
		}
	} else if stmt, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		use = st.usedAfter(c.Parent(), stmt, body, v, flow.Aliases)
	}
	if use == nil {
		return
	}
	if id, ok := use.(*ast.Ident); ok && st.harmlessCopy(fn, body, p, v, id) {
		return
	}
	what := v.Name()
	if id, ok := use.(*ast.Ident); ok && info.Uses[id] != v {
		what = id.Name + ", which shares " + v.Name() + "'s memory,"
	}
	msg := fmt.Sprintf("%s is used after %s (line %d): another goroutine may already have taken it from the pool and be overwriting it; copy what you need before Put; no automatic fix: what to copy, or whether to move the Put, depends on how the memory is used",
		what, types.ExprString(put), st.line(put))
	if deferred {
		msg = fmt.Sprintf("the function returns memory of %s, which the deferred %s (line %d) hands to the next user of the pool; return a copy (bytes.Clone, or String()); no automatic fix: a copy costs an allocation per call, and whether to copy or to drop the pool is a design choice",
			v.Name(), types.ExprString(put), st.line(put))
	}
	st.rep.ReportBug(analysis.Diagnostic{
		Pos: use.Pos(), End: use.End(), Message: msg,
		Related: []analysis.RelatedInformation{{Pos: put.Pos(), End: put.End(), Message: "returned to the pool here"}},
	})
}

// returnOfAlias returns the first return statement after pos that returns
// memory of an alias.
func returnOfAlias(info *types.Info, body *ast.BlockStmt, aliases map[*types.Var]bool, pos token.Pos) ast.Node {
	var found ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if n.Pos() > pos && mentionsAny(info, n, aliases) != nil {
				found = n
			}
		}
		return true
	})
	return found
}

// mentionsAny returns the first read of an alias in n.
func mentionsAny(info *types.Info, n ast.Node, aliases map[*types.Var]bool) *ast.Ident {
	var found *ast.Ident
	ast.Inspect(n, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if as, ok := n.(*ast.AssignStmt); ok {
			// Assigning a variable is not reading it.
			for _, r := range as.Rhs {
				if id := mentionsAny(info, r, aliases); id != nil {
					found = id
					return false
				}
			}
			for _, l := range as.Lhs {
				if _, ok := ast.Unparen(l).(*ast.Ident); !ok {
					if id := mentionsAny(info, l, aliases); id != nil {
						found = id
						return false
					}
				}
			}
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && aliases[v] {
				found = id
			}
		}
		return true
	})
	return found
}

// usedAfter looks at the statements that run after the Put statement, in
// its block and the blocks around it up to the function body (or a loop
// body: the next iteration may Get a fresh object), and returns the first
// read of an alias. A block that ends in a jump after the Put ends the
// search; an assignment to v ends it too (v holds another object).
func (st *state) usedAfter(c inspector.Cursor, stmt ast.Stmt, body *ast.BlockStmt, v *types.Var, aliases map[*types.Var]bool) ast.Node {
	info := st.pass.TypesInfo
	for cur := c; cur.Node() != nil && cur.Node() != body; cur = cur.Parent() {
		switch cur.Node().(type) {
		case *ast.CaseClause, *ast.CommClause:
			continue // the other clauses are alternatives, not what follows
		case ast.Stmt:
		default:
			continue
		}
		switch cur.Parent().Node().(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		default:
			continue
		}
		jumped := false
		for next, ok := cur.NextSibling(); ok; next, ok = next.NextSibling() {
			s := next.Node()
			if id := mentionsAny(info, s, aliases); id != nil {
				return id
			}
			if assigns(info, s, v) {
				return nil
			}
			if isJump(info, s) {
				jumped = true
				break
			}
		}
		if jumped {
			return nil
		}
		switch cur.Parent().Parent().Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit, *ast.FuncDecl:
			return nil
		}
	}
	return nil
}

func assigns(info *types.Info, s ast.Node, v *types.Var) bool {
	as, ok := s.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, l := range as.Lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

func isJump(info *types.Info, s ast.Node) bool {
	_, branch := s.(*ast.BranchStmt)
	return branch || query.LeavesFunc(info, s)
}
