package pooluse

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/query"
)

// checkPaths reports a Get whose object is Put on some paths but not on
// all: an early return leaves without giving it back (rule 2).
func (st *state) checkPaths(c inspector.Cursor, p *pool) {
	info := st.pass.TypesInfo
	v, getStmt := getVar(info, c)
	if v == nil {
		return
	}
	fn, body := funcBody(c)
	if body == nil {
		return
	}
	fc, ok := query.Ancestor(c, fn)
	if !ok {
		return
	}
	var puts []inspector.Cursor
	guards := make(map[ast.Node]bool) // if b.Cap() <= max { pool.Put(b) }: dropping b is the point
	for pc := range fc.Preorder((*ast.CallExpr)(nil)) {
		call := pc.Node().(*ast.CallExpr)
		if m, ok := poolMethod(st.pass, call); !ok || m != "Put" || putVar(info, call) != v {
			continue
		}
		puts = append(puts, pc)
		for anc := range pc.Enclosing((*ast.IfStmt)(nil)) {
			if ifStmt := anc.Node().(*ast.IfStmt); mentionsCap(ifStmt.Cond) {
				guards[ifStmt.Cond] = true
			}
		}
	}
	if len(puts) == 0 {
		return // never put back here: handed on, or kept on purpose
	}
	if flow := st.tracer.Trace(fn, v, false); flow.Escape != nil {
		return // ownership may pass elsewhere
	}
	exit, ok := st.leaksOnAPath(body, getStmt, v, guards)
	if !ok {
		return
	}
	get := c.Node().(*ast.CallExpr)
	where, exitPos := fmt.Sprintf("the return at line %d", st.line(exit)), exit.Pos()
	if exit == body {
		where, exitPos = "the end of the function", body.Rbrace
	}
	d := analysis.Diagnostic{
		Pos: getStmt.Pos(), End: getStmt.End(),
		Message: fmt.Sprintf("%s from %s.Get is not put back on the path through %s, so the pool allocates a new one next time; defer %s.Put(%s) right after the Get",
			v.Name(), poolName(get), where, poolName(get), v.Name()),
		Related: []analysis.RelatedInformation{{Pos: exitPos, End: exitPos, Message: "leaves without Put"}},
	}
	if fix := st.deferFix(c, getStmt, v, puts); fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	st.rep.ReportAlloc(d)
}

// leaksOnAPath finds a path from the Get statement to the function's exit
// that neither puts v back nor hands it to the package's own code (which
// may put it back), nor decides by its capacity whether to put it back. It returns where that path leaves: a return statement,
// or body for the end of the function.
func (st *state) leaksOnAPath(body *ast.BlockStmt, getStmt ast.Stmt, v *types.Var, guards map[ast.Node]bool) (ast.Node, bool) {
	g := st.graphs[body]
	if g == nil {
		g = cfg.New(body, func(call *ast.CallExpr) bool { return !query.NoReturn(st.pass.TypesInfo, call) })
		st.graphs[body] = g
	}
	var getNode ast.Node = getStmt
	if ds, ok := getStmt.(*ast.DeclStmt); ok {
		getNode = ds.Decl.(*ast.GenDecl).Specs[0]
	}
	var start *cfg.Block
	index := 0
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == getNode {
				start, index = b, i+1
			}
		}
	}
	if start == nil {
		return nil, false
	}
	releases := func(b *cfg.Block, from int) bool {
		for _, n := range b.Nodes[from:] {
			if guards[n] || st.releases(n, v) {
				return true
			}
		}
		return false
	}
	if releases(start, index) {
		return nil, false
	}
	seen := map[*cfg.Block]bool{start: true}
	stack := []*cfg.Block{start}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if len(b.Succs) == 0 {
			if ret := b.Return(); ret != nil {
				return ret, true
			}
			if len(b.Nodes) > 0 {
				if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
					if call, ok := es.X.(*ast.CallExpr); ok && query.NoReturn(st.pass.TypesInfo, call) {
						continue // a panic or exit: not a leak worth a finding
					}
				}
			}
			if !b.Live {
				continue
			}
			return body, true
		}
		for _, succ := range b.Succs {
			if seen[succ] || releases(succ, 0) {
				continue
			}
			seen[succ] = true
			stack = append(stack, succ)
		}
	}
	return nil, false
}

// releases reports whether n puts v back, defers that, or passes v to a
// function or method of the package that may put it back or keep it (its
// body calls a Put, or the object may outlive the call there). A callee
// that only uses the object (fills it, reads it) releases nothing: a
// return after it, on an error, drops the object.
func (st *state) releases(n ast.Node, v *types.Var) bool {
	info := st.pass.TypesInfo
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if m, ok := poolMethod(st.pass, call); ok && m == "Put" && putVar(info, call) == v {
			found = true
			return false
		}
		fn := typeutil.StaticCallee(info, call)
		if fn == nil || fn.Pkg() != st.pass.Pkg {
			return true
		}
		for i, arg := range call.Args {
			if id, ok := ast.Unparen(arg).(*ast.Ident); ok && info.Uses[id] == v {
				found = st.mayRelease(fn, i)
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == v {
				found = found || st.mayRelease(fn, -1)
			}
		}
		return !found
	})
	return found
}

// deferFix replaces the Puts with one deferred Put after the Get, when
// that is the same thing done on every path: one Get outside any loop,
// every Put a statement of its own on the same pool, written the same way,
// and nothing reads the object after a Put (pooluse would report that).
func (st *state) deferFix(c inspector.Cursor, getStmt ast.Stmt, v *types.Var, puts []inspector.Cursor) *analysis.SuggestedFix {
	if loop := st.loopInfo.Innermost(c); loop != nil && loop.Func == query.EnclosingFunc(c) {
		return nil
	}
	gc, ok := query.Ancestor(c, getStmt)
	if !ok {
		return nil
	}
	switch gc.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	default:
		return nil // if b := pool.Get(); ...: no place for the defer
	}
	text := types.ExprString(puts[0].Node().(*ast.CallExpr))
	var edits []analysis.TextEdit
	f, err := st.editFiles.For(getStmt.Pos())
	if err != nil {
		return nil
	}
	for _, pc := range puts {
		if types.ExprString(pc.Node().(*ast.CallExpr)) != text {
			return nil
		}
		stmt, ok := pc.Parent().Node().(*ast.ExprStmt)
		if !ok {
			return nil
		}
		if loop := st.loopInfo.Innermost(pc); loop != nil && loop.Func == query.EnclosingFunc(pc) {
			return nil
		}
		_, body := funcBody(pc)
		flow := st.tracer.Trace(query.EnclosingFunc(pc), v, true)
		if st.usedAfter(pc.Parent(), stmt, body, v, flow.Aliases) != nil {
			return nil
		}
		edits = append(edits, f.DeleteStmt(stmt))
	}
	if strings.Contains(text, "\n") {
		return nil
	}
	edits = append(edits, f.InsertLinesBelow(getStmt, "defer "+text))
	return &analysis.SuggestedFix{Message: "Put " + v.Name() + " back with one defer after the Get", TextEdits: edits}
}

// mayRelease reports whether the package's function fn may put back or
// keep its parameter i (-1: the receiver): its body calls a pool's Put,
// or the parameter may outlive the call. Unknown (no body, variadic, a
// function literal's signature) counts as may.
func (st *state) mayRelease(fn *types.Func, i int) bool {
	decl := st.tracer.Decl(fn)
	if decl == nil || decl.Body == nil {
		return true
	}
	var param *types.Var
	sig := fn.Signature()
	switch {
	case i < 0 && sig.Recv() != nil:
		param = sig.Recv()
	case i >= 0 && i < sig.Params().Len() && (!sig.Variadic() || i < sig.Params().Len()-1):
		param = sig.Params().At(i)
	default:
		return true
	}
	if param.Name() == "" || param.Name() == "_" {
		return false // unnamed: the callee cannot use it
	}
	puts := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if m, ok := poolMethod(st.pass, call); ok && m == "Put" {
				puts = true
			}
		}
		return !puts
	})
	if puts {
		return true
	}
	flow := st.tracer.Trace(decl, param, true)
	return flow.Escape != nil || flow.Returned
}
