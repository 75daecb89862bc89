// Package chanflow is a non-reporting analyzer that finds, in each function,
// the channels it makes locally, the goroutines it starts that send on
// them, and where the function itself receives from them; and answers,
// with a control-flow graph built only for those functions, whether the
// function can leave without receiving.
//
// It serves leakysend and unbufchan. It deliberately does not require
// ctrlflow or buildssa: their facts would make the driver analyse every
// dependency from source. It is intraprocedural, plus the bodies of named
// functions of the same package started with go.
package chanflow

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// Analyzer finds local channels with sending goroutines. Its Result is an
// *Info.
var Analyzer = &analysis.Analyzer{
	Name:       "chanflow",
	Doc:        "finds local channels, the goroutines that send on them and the receives of their function",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[*Info](),
}

// Info lists the channels of a package that goroutines send on.
type Info struct {
	Chans []*Chan
}

// A Chan is a channel made in a function and sent on by goroutines the
// function starts.
type Chan struct {
	Func     ast.Node // *ast.FuncDecl or *ast.FuncLit that makes the channel
	Body     *ast.BlockStmt
	Var      *types.Var
	Make     *ast.CallExpr
	MakeStmt ast.Stmt // the statement holding the make
	Cap      int64    // constant capacity; -1 when not constant
	Senders  []*Sender
	Receives []*Receive
	// Other reports a use of the channel that perfvet cannot follow: it is
	// passed to a function other than a sender, stored, returned, aliased,
	// captured by a closure or goroutine that is not a sender, or used in
	// a defer (a deferred drain). Those channels are left alone.
	Other  bool
	Closed bool // close(ch) is called in the function or a goroutine of it

	graph      *cfg.CFG
	bodyCursor inspector.Cursor
}

// A Sender is a go statement whose goroutine sends on the channel.
type Sender struct {
	Go    *ast.GoStmt
	Loop  *loops.Loop     // innermost loop of the function that repeats the go statement, or nil
	Sends []*ast.SendStmt // the sends, in the goroutine's body
	// Once reports that each goroutine sends at most once, unguarded: no
	// send in a loop or as a select case, and one send statement, or
	// several that each end the goroutine.
	Once bool
	// Guarded reports a send that is a case of a select with other cases
	// (a done channel, a context): the sender can give up.
	Guarded bool
}

// A Receive is a place where the function receives from the channel.
type Receive struct {
	Node   ast.Node        // the <-ch expression, or the *ast.RangeStmt over ch
	Select *ast.SelectStmt // the select whose case it is, or nil
	Range  bool            // for v := range ch
	Loop   *loops.Loop     // innermost loop of the function that repeats it, or nil
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	info := new(Info)
	st := &state{pass: pass, loopInfo: loopInfo, known: make(map[chanKey]*Chan)}
	// Only functions that start a goroutine can match; everything else
	// costs one preorder pass over the package.
	for c := range in.Root().Preorder((*ast.GoStmt)(nil)) {
		fn := query.EnclosingFunc(c)
		if fn == nil {
			continue
		}
		info.Chans = append(info.Chans, st.channelsOf(c, fn)...)
	}
	// Uses are classified once all senders are known: go worker(ch) is a
	// sender's argument, not an escape.
	for _, ch := range info.Chans {
		ch.scanUses(pass, loopInfo, ch.bodyCursor)
	}
	return info, nil
}

// state is what one run keeps while it walks the go statements: lookups
// by key, so the walk stays linear in the package.
type state struct {
	pass     *analysis.Pass
	loopInfo *loops.Info
	known    map[chanKey]*Chan
	funcs    map[*types.Func]*ast.FuncDecl // the package's functions, built on first need
}

type chanKey struct {
	fn ast.Node
	v  *types.Var
}

// channelsOf returns the channels made in fn that the goroutine started at
// c sends on, adding the sender to channels already found.
func (st *state) channelsOf(c inspector.Cursor, fn ast.Node) []*Chan {
	pass, loopInfo := st.pass, st.loopInfo
	g := c.Node().(*ast.GoStmt)
	body := st.goroutineBody(g)
	if body == nil {
		return nil
	}
	var fresh []*Chan
	for v, sends := range sendsIn(pass, body, g) {
		ch, seen := st.known[chanKey{fn, v}]
		if !seen {
			ch = newChan(pass, c, fn, v)
			st.known[chanKey{fn, v}] = ch // nil: not a local channel; do not look again
			if ch != nil {
				fresh = append(fresh, ch)
			}
		}
		if ch == nil {
			continue
		}
		s := &Sender{Go: g, Sends: sends}
		if l := loopInfo.Innermost(c); l != nil && l.Func == fn {
			s.Loop = l
		}
		s.Once, s.Guarded = sendShape(pass, loopInfo, body, sends)
		ch.Senders = append(ch.Senders, s)
	}
	return fresh
}

// goroutineBody returns the body a go statement runs: a function literal's,
// or a same-package function's (then sends on its parameters count as
// sends on the arguments). Other calls return nil.
func (st *state) goroutineBody(g *ast.GoStmt) *ast.BlockStmt {
	pass := st.pass
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		return fun.Body
	case *ast.Ident:
		fn, _ := pass.TypesInfo.Uses[fun].(*types.Func)
		if fn == nil || fn.Pkg() != pass.Pkg {
			return nil
		}
		if st.funcs == nil {
			st.funcs = make(map[*types.Func]*ast.FuncDecl)
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					if fd, ok := d.(*ast.FuncDecl); ok {
						if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
							st.funcs[obj] = fd
						}
					}
				}
			}
		}
		if fd := st.funcs[fn]; fd != nil {
			return fd.Body
		}
	}
	return nil
}

// sendsIn maps each channel variable of the spawning function that the
// goroutine body sends on to its send statements. For a named function the
// channel reaches it as an argument.
func sendsIn(pass *analysis.Pass, body *ast.BlockStmt, g *ast.GoStmt) map[*types.Var][]*ast.SendStmt {
	params := paramBindings(pass, g)
	out := make(map[*types.Var][]*ast.SendStmt)
	ast.Inspect(body, func(n ast.Node) bool {
		s, ok := n.(*ast.SendStmt)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(s.Chan).(*ast.Ident)
		if !ok {
			return true
		}
		v, _ := pass.TypesInfo.Uses[id].(*types.Var)
		if arg, isParam := params[v]; isParam {
			v = arg
		}
		if v != nil {
			out[v] = append(out[v], s)
		}
		return true
	})
	return out
}

// paramBindings maps the parameters of a named function started with go to
// the local variables passed for them.
func paramBindings(pass *analysis.Pass, g *ast.GoStmt) map[*types.Var]*types.Var {
	id, ok := ast.Unparen(g.Call.Fun).(*ast.Ident)
	if !ok {
		return nil
	}
	fn, _ := pass.TypesInfo.Uses[id].(*types.Func)
	if fn == nil {
		return nil
	}
	sig := fn.Type().(*types.Signature)
	out := make(map[*types.Var]*types.Var)
	for i, arg := range g.Call.Args {
		if i >= sig.Params().Len() {
			break
		}
		if aid, ok := ast.Unparen(arg).(*ast.Ident); ok {
			if v, ok := pass.TypesInfo.Uses[aid].(*types.Var); ok {
				out[sig.Params().At(i)] = v
			}
		}
	}
	return out
}

// sendShape reports whether the goroutine sends exactly once, unguarded,
// and whether any send is guarded by a select with other cases.
func sendShape(pass *analysis.Pass, loopInfo *loops.Info, body *ast.BlockStmt, sends []*ast.SendStmt) (once, guarded bool) {
	inLoop := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectStmt:
			for _, cc := range n.Body.List {
				clause := cc.(*ast.CommClause)
				for _, s := range sends {
					if clause.Comm == ast.Stmt(s) && len(n.Body.List) > 1 {
						guarded = true
					}
				}
			}
		case *ast.ForStmt, *ast.RangeStmt:
			for _, s := range sends {
				if n.Pos() <= s.Pos() && s.End() <= n.End() {
					inLoop = true
				}
			}
		}
		return true
	})
	if inLoop || guarded {
		return false, guarded
	}
	return len(sends) == 1 || eachEndsTheGoroutine(body, sends), false
}

// eachEndsTheGoroutine reports whether every send is directly followed by a
// return or is the last statement of the goroutine's body: then at most one
// of them runs (if err != nil { ch <- err; return }; ch <- nil).
func eachEndsTheGoroutine(body *ast.BlockStmt, sends []*ast.SendStmt) bool {
	ends := 0
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		block, ok := n.(*ast.BlockStmt)
		if !ok {
			return true
		}
		for i, stmt := range block.List {
			s, ok := stmt.(*ast.SendStmt)
			if !ok || !slices.Contains(sends, s) {
				continue
			}
			if block == body && i == len(block.List)-1 {
				ends++
			} else if i+1 < len(block.List) {
				if _, isReturn := block.List[i+1].(*ast.ReturnStmt); isReturn {
					ends++
				}
			}
		}
		return true
	})
	return ends == len(sends)
}

// newChan returns the channel v if fn makes it locally with make(chan T)
// or make(chan T, constant), and records its receives and other uses.
func newChan(pass *analysis.Pass, goCursor inspector.Cursor, fn ast.Node, v *types.Var) *Chan {
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil || v.Pos() < body.Pos() || body.End() <= v.Pos() {
		return nil // a parameter or a variable of an enclosing function
	}
	ch := &Chan{Func: fn, Body: body, Var: v, Cap: -1}
	fnCursor, ok := query.Ancestor(goCursor, fn)
	if !ok {
		return nil
	}
	bodyCursor, ok := fnCursor.FindNode(body) // a child of fn: found at once
	if !ok {
		return nil
	}
	ch.bodyCursor = bodyCursor
	// The channel must be made by its declaration and never reassigned.
	assigned := 0
	for c := range bodyCursor.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		lhs, rhs := assignment(c.Node())
		for i, l := range lhs {
			id, ok := l.(*ast.Ident)
			if !ok || (pass.TypesInfo.Defs[id] != v && pass.TypesInfo.Uses[id] != v) {
				continue
			}
			assigned++
			if len(rhs) == len(lhs) {
				if call, ok := ast.Unparen(rhs[i]).(*ast.CallExpr); ok && isMakeChan(pass, call) {
					ch.Make, ch.MakeStmt = call, stmtOf(c)
				}
			}
		}
	}
	if assigned != 1 || ch.Make == nil {
		return nil
	}
	ch.Cap = 0
	if len(ch.Make.Args) == 2 {
		tv := pass.TypesInfo.Types[ch.Make.Args[1]]
		ch.Cap = -1
		if tv.Value != nil {
			if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
				ch.Cap = n
			}
		}
	}
	return ch
}

func assignment(n ast.Node) (lhs, rhs []ast.Expr) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs
	case *ast.ValueSpec:
		lhs := make([]ast.Expr, len(n.Names))
		for i, id := range n.Names {
			lhs[i] = id
		}
		return lhs, n.Values
	}
	return nil, nil
}

func stmtOf(c inspector.Cursor) ast.Stmt {
	for ; c.Node() != nil; c = c.Parent() {
		if s, ok := c.Node().(ast.Stmt); ok {
			return s
		}
	}
	return nil
}

func isMakeChan(pass *analysis.Pass, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) == 0 {
		return false
	}
	if b, ok := pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
		return false
	}
	_, isChan := pass.TypesInfo.TypeOf(call.Args[0]).Underlying().(*types.Chan)
	return isChan
}

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

// BufferFix gives the channel a buffer of n values (Go source: "1",
// "len(items)"), when n, the count of s's loop, can be computed where the
// channel is made.
func (ch *Chan) BufferFix(pass *analysis.Pass, editFiles *fixes.Files, s *Sender, n string) *analysis.SuggestedFix {
	if n != "1" && (s.Loop == nil || !exprs.SameValue(pass, ch.Body, s.Loop.CountExprs, ch.MakeStmt, s.Loop.Stmt)) {
		return nil
	}
	ef, err := editFiles.For(ch.Make.Pos())
	if err != nil {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Buffer %s for %s values", ch.Var.Name(), n),
		TextEdits: []analysis.TextEdit{fixes.Replace(ch.Make,
			fmt.Sprintf("%s(%s, %s)", ef.Source(ch.Make.Fun), ef.Source(ch.Make.Args[0]), n))},
	}
}
