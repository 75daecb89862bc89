package chanflow

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/perfvet/perfvet/internal/query"
)

// An Exit is a way for the function to leave without receiving.
type Exit struct {
	Node   ast.Node        // the return (at the closing brace for the end of the body) or no-return call
	Select *ast.SelectStmt // a select on the way that proceeded on another case, or nil
	Case   *ast.CommClause // that case (nil: its default)
}

// Abandons finds a path from the go statement g to the end of the function
// that never receives from the channel, and returns where it leaves.
func (ch *Chan) Abandons(pass *analysis.Pass, g *ast.GoStmt) (Exit, bool) {
	if ch.graph == nil {
		ch.graph = cfg.New(ch.Body, func(call *ast.CallExpr) bool { return !query.NoReturn(pass.TypesInfo, call) })
	}
	receives := func(b *cfg.Block, from int) bool {
		if b.Kind == cfg.KindSelectCaseBody {
			if clause, ok := b.Stmt.(*ast.CommClause); ok && ch.receivesIn(clause.Comm, true) {
				return true
			}
		}
		if b.Kind == cfg.KindRangeLoop && ch.isRangeOver(b.Stmt) {
			return true
		}
		if b.Kind == cfg.KindRangeDone && rangeOverClosedBy(pass, b.Stmt, g) {
			// The range ended: the goroutine closed the ranged channel,
			// which it does only after all its sends, so none is left.
			return true
		}
		for _, n := range b.Nodes[from:] {
			if ch.receivesIn(n, false) {
				return true
			}
		}
		return false
	}
	var start *cfg.Block
	index := 0
	for _, b := range ch.graph.Blocks {
		for i, n := range b.Nodes {
			if n == ast.Node(g) {
				start, index = b, i+1
			}
		}
	}
	if start == nil || receives(start, index) {
		return Exit{}, false
	}
	type step struct {
		b    *cfg.Block
		exit Exit
	}
	seen := map[*cfg.Block]bool{start: true}
	stack := []step{{b: start}}
	for len(stack) > 0 {
		st := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(st.b.Succs) == 0 {
			if st.b.Kind == cfg.KindSelectAfterCase && len(st.b.Nodes) == 0 {
				// go/cfg leaves the block after a default-less select's last
				// case empty and without successors: a select that takes no
				// case blocks; it does not leave. (With a default, the
				// default's statements are in this block.)
				continue
			}
			st.exit.Node = exitNode(st.b, ch.Body)
			return st.exit, true
		}
		for _, succ := range st.b.Succs {
			if seen[succ] || receives(succ, 0) {
				continue
			}
			seen[succ] = true
			next := st
			next.b = succ
			if next.exit.Select == nil {
				if sel, clause, ok := ch.skippedSelect(succ); ok {
					next.exit.Select, next.exit.Case = sel, clause
				}
			}
			stack = append(stack, next)
		}
	}
	return Exit{}, false
}

// skippedSelect reports whether entering b means a select that could have
// received from the channel went another way: b is the body of another case,
// or the default.
func (ch *Chan) skippedSelect(b *cfg.Block) (*ast.SelectStmt, *ast.CommClause, bool) {
	for _, r := range ch.Receives {
		if r.Select == nil {
			continue
		}
		for _, cc := range r.Select.Body.List {
			clause := cc.(*ast.CommClause)
			if clause.Comm == nil || ch.receivesIn(clause.Comm, true) {
				continue
			}
			if b.Kind == cfg.KindSelectCaseBody && b.Stmt == ast.Stmt(clause) {
				return r.Select, clause, true
			}
		}
		if b.Kind == cfg.KindSelectAfterCase && hasDefault(r.Select) {
			// The default's statements follow the last case that has a
			// communication.
			var last ast.Stmt
			for _, cc := range r.Select.Body.List {
				if cc.(*ast.CommClause).Comm != nil {
					last = cc.(*ast.CommClause)
				}
			}
			if b.Stmt == last {
				return r.Select, nil, true
			}
		}
	}
	return nil, nil, false
}

func hasDefault(s *ast.SelectStmt) bool {
	for _, cc := range s.Body.List {
		if cc.(*ast.CommClause).Comm == nil {
			return true
		}
	}
	return false
}

// rangeOverClosedBy reports whether s is a range over a channel that the
// goroutine g closes after all its sends: close(r) deferred at the start of
// its body, or its last statement. Code after such a range runs only once
// the goroutine is past every send (issue #16).
func rangeOverClosedBy(pass *analysis.Pass, s ast.Stmt, g *ast.GoStmt) bool {
	rs, ok := s.(*ast.RangeStmt)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(rs.X).(*ast.Ident)
	if !ok {
		return false
	}
	r := pass.TypesInfo.Uses[id]
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if r == nil || !ok || len(lit.Body.List) == 0 {
		return false
	}
	closes := func(call *ast.CallExpr) bool {
		if !query.IsBuiltin(pass.TypesInfo, call.Fun, "close") || len(call.Args) != 1 {
			return false
		}
		arg, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
		return ok && pass.TypesInfo.Uses[arg] == r
	}
	for _, st := range lit.Body.List {
		if d, ok := st.(*ast.DeferStmt); ok && closes(d.Call) {
			return true
		}
		if _, ok := st.(*ast.DeferStmt); !ok {
			break // a close deferred later may follow a send
		}
	}
	last, ok := lit.Body.List[len(lit.Body.List)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := last.X.(*ast.CallExpr)
	return ok && closes(call)
}

// receivesIn reports whether n holds a receive from the channel; select
// cases count only when asked (the CFG evaluates every case's operand
// before it picks one).
func (ch *Chan) receivesIn(n ast.Node, selectCases bool) bool {
	if n == nil {
		return false
	}
	for _, r := range ch.Receives {
		if r.Range || (r.Select != nil) != selectCases {
			continue
		}
		if n.Pos() <= r.Node.Pos() && r.Node.End() <= n.End() {
			return true
		}
	}
	return false
}

func (ch *Chan) isRangeOver(s ast.Stmt) bool {
	for _, r := range ch.Receives {
		if r.Range && r.Node == ast.Node(s) {
			return true
		}
	}
	return false
}

// exitNode returns the statement by which a block with no successors
// leaves: its last return (go/cfg puts an implicit one at the closing brace
// of a body that falls off its end) or no-return call.
func exitNode(b *cfg.Block, body *ast.BlockStmt) ast.Node {
	if len(b.Nodes) > 0 {
		switch last := b.Nodes[len(b.Nodes)-1].(type) {
		case *ast.ReturnStmt, *ast.ExprStmt:
			return last
		}
	}
	return &ast.ReturnStmt{Return: body.Rbrace}
}
