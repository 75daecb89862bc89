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
	"go/ast"
	"go/constant"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

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
	Body  *ast.BlockStmt  // the goroutine's body: a function literal's, or the named function's
	// Once reports that each goroutine sends at most once, unguarded: no
	// send as a case of a select with other cases, none that a loop of the
	// goroutine repeats (loops.Info.Repeating: a send followed by a return
	// runs once), and none that another send may follow (exclusive
	// branches, or a return between).
	Once bool
	// Guarded reports a send that is a case of a select with other cases
	// (a done channel, a context): the sender can give up.
	Guarded bool
	// Repeats reports a send in a loop of the goroutine that the loop can
	// run again (not directly followed by a return, break or goto): the
	// goroutine may send any number of times. Repeated is the first such
	// send, the one a message should name.
	Repeats  bool
	Repeated *ast.SendStmt
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
	st := &state{pass: pass, in: in, loopInfo: loopInfo, known: make(map[chanKey]*Chan)}
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
	in       *inspector.Inspector
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
	bodyCursor, ok := st.in.Root().FindNode(body)
	if !ok {
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
		s := &Sender{Go: g, Sends: sends, Body: body}
		if l := loopInfo.Innermost(c); l != nil && l.Func == fn {
			s.Loop = l
		}
		s.Once, s.Guarded = st.sendShape(bodyCursor, sends)
		s.Repeated = st.sendRepeats(bodyCursor, sends)
		s.Repeats = s.Repeated != nil
		ch.Senders = append(ch.Senders, s)
	}
	return fresh
}

// goroutineBody returns the body a go statement runs: a function literal's,
// or a same-package function's or method's (go worker(ch), go s.fetch(ch):
// then sends on its parameters count as sends on the arguments). Other
// calls return nil.
func (st *state) goroutineBody(g *ast.GoStmt) *ast.BlockStmt {
	pass := st.pass
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.FuncLit:
		return fun.Body
	case *ast.Ident, *ast.SelectorExpr:
		fn := startedFunc(pass, g)
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
	fn := startedFunc(pass, g)
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

// startedFunc returns the named function or method a go statement calls
// (go worker(ch), go s.fetch(ch)), or nil.
func startedFunc(pass *analysis.Pass, g *ast.GoStmt) *types.Func {
	switch fun := ast.Unparen(g.Call.Fun).(type) {
	case *ast.Ident:
		fn, _ := pass.TypesInfo.Uses[fun].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		if sel := pass.TypesInfo.Selections[fun]; sel != nil && sel.Kind() == types.MethodVal {
			fn, _ := sel.Obj().(*types.Func)
			return fn
		}
	}
	return nil
}

// sendShape reports whether the goroutine sends at most once, unguarded,
// and whether any send is guarded by a select with other cases.
func (st *state) sendShape(body inspector.Cursor, sends []*ast.SendStmt) (once, guarded bool) {
	cursors := make([]inspector.Cursor, 0, len(sends))
	for _, s := range sends {
		c, ok := body.FindNode(s)
		if !ok {
			return false, false
		}
		if clause, ok := c.Parent().Node().(*ast.CommClause); ok && clause.Comm == ast.Stmt(s) {
			if block, ok := c.Parent().Parent().Node().(*ast.BlockStmt); ok && len(block.List) > 1 {
				guarded = true
			}
		}
		cursors = append(cursors, c)
	}
	if guarded {
		return false, true
	}
	for _, c := range cursors {
		if st.repeated(body, c) || sendMayFollow(st.pass.TypesInfo, c, body, sends) {
			return false, false // sent again by a loop, or after another send
		}
	}
	return true, false
}

// sendMayFollow reports whether, once the send at c has run, another of
// sends may run before the goroutine's body ends: in the statements that
// may follow c (loops.StatementsAfter: branches that exclude c's are
// skipped, and a loop around c may run any send of its body again), up to
// the first statement that leaves the goroutine (query.LeavesFunc).
//
//	if err != nil {
//		errc <- err // the else-if and else branches exclude it
//	} else if bad {
//		errc <- errBad
//	} else {
//		errc <- nil
//	}
func sendMayFollow(info *types.Info, c, body inspector.Cursor, sends []*ast.SendStmt) bool {
	other := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if s, ok := n.(*ast.SendStmt); ok && s != c.Node() && slices.Contains(sends, s) {
				found = true
			}
			return !found
		})
		return found
	}
	found := false
	followed := loops.StatementsAfter(c, body, func(stmts []ast.Stmt, again bool) bool {
		for _, stmt := range stmts {
			if !again && query.LeavesFunc(info, stmt) {
				return false // the goroutine ends here (a return, wrapped in blocks or not)
			}
			if other(stmt) {
				found = true
				return false
			}
		}
		return true
	})
	return found || !followed
}

// sendRepeats returns the first send of the goroutine's body that a loop
// of the body can run again (the goroutine may send any number of times),
// or nil.
func (st *state) sendRepeats(body inspector.Cursor, sends []*ast.SendStmt) *ast.SendStmt {
	for _, s := range sends {
		if c, ok := body.FindNode(s); ok && st.repeated(body, c) {
			return s
		}
	}
	return nil
}

// repeated reports whether a loop of the goroutine's body at body runs the
// send at c again (loops.Info.Repeating: not a send followed by a return,
// a break of the loop, or one guarded to run once).
func (st *state) repeated(body, c inspector.Cursor) bool {
	l := st.loopInfo.Repeating(c)
	return l != nil && query.Within(body.Node(), l.Stmt.Pos())
}

// newChan returns the channel v if fn makes it locally with make(chan T)
// or make(chan T, constant), and records its receives and other uses.
func newChan(pass *analysis.Pass, goCursor inspector.Cursor, fn ast.Node, v *types.Var) *Chan {
	_, body := query.FuncParts(fn)
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
