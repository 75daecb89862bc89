package pooluse

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/bufflow"
	"github.com/perfvet/perfvet/internal/chanflow"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/loops"
	"github.com/perfvet/perfvet/internal/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports sync.Pool misuse, with the default report policy.
var Analyzer = New(report.Default)

// New returns a pooluse analyzer that reports through rep, the suite's
// report analyzer. Each analyzer has its own -pooluse.maxcap flag.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	r := &runner{}
	a := &analysis.Analyzer{
		Name:     "pooluse",
		Doc:      analyzerdoc.Extract(docSource, "pooluse"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/pooluse",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      r.run,
	}
	a.Flags.Init("pooluse", flag.ContinueOnError)
	a.Flags.IntVar(&r.maxCap, "maxcap", 0,
		"report Puts of buffers with no capacity check, suggesting `if b.Cap() <= N`; 0 (the default) turns the rule off")
	return a
}

type runner struct {
	maxCap int
}

// state is one pass's view.
type state struct {
	pass      *analysis.Pass
	rep       *report.Reporter
	loopInfo  *loops.Info
	pools     *pools
	tracer    *bufflow.Tracer
	editFiles *fixes.Files
	maxCap    int
	graphs    map[*ast.BlockStmt]*cfg.CFG
	builders  map[*pool]bool // pools already reported for strings.Builder
}

func (r *runner) run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	if !importsSync(pass.Pkg) {
		return nil, nil
	}
	st := &state{
		pass:      pass,
		rep:       report.For(pass),
		loopInfo:  pass.ResultOf[loops.Analyzer].(*loops.Info),
		pools:     indexPools(pass, in),
		tracer:    bufflow.New(pass),
		editFiles: fixes.NewFiles(pass),
		maxCap:    r.maxCap,
		graphs:    make(map[*ast.BlockStmt]*cfg.CFG),
		builders:  make(map[*pool]bool),
	}
	if len(st.pools.callOf) == 0 {
		return nil, nil
	}
	st.tracer.Sink = func(call *ast.CallExpr) bool {
		m, ok := poolMethod(pass, call)
		return ok && m == "Put"
	}
	st.tracer.DeferredClosures = true
	for fileCursor := range in.Root().Children() {
		if st.rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			p := st.pools.callOf[call]
			if p == nil {
				continue
			}
			if m, _ := poolMethod(pass, call); m == "Get" {
				st.checkAssert(c, p)
				st.checkPaths(c, p)
			} else {
				st.checkBuilder(call, p)
				st.checkReset(c, p)
				st.checkCap(c, p)
				st.checkUseAfterPut(c, p)
			}
		}
	}
	return nil, nil
}

func importsSync(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == "sync" {
			return true
		}
	}
	return false
}

// name is how messages refer to a pool: its source text at a call.
func poolName(call *ast.CallExpr) string {
	return types.ExprString(ast.Unparen(call.Fun).(*ast.SelectorExpr).X) // indexPools saw a selector
}

// putVar returns the local variable a Put hands back: P.Put(b) or
// P.Put(&b).
func putVar(info *types.Info, call *ast.CallExpr) *types.Var {
	if len(call.Args) != 1 {
		return nil
	}
	arg := ast.Unparen(call.Args[0])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
		arg = ast.Unparen(u.X)
	}
	id, ok := arg.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil // a package-level variable: anyone may use it
	}
	return v
}

// funcBody returns the body of the function holding c.
func funcBody(c inspector.Cursor) (ast.Node, *ast.BlockStmt) {
	switch fn := loops.EnclosingFunc(c).(type) {
	case *ast.FuncDecl:
		return fn, fn.Body
	case *ast.FuncLit:
		return fn, fn.Body
	}
	return nil, nil
}

func (st *state) line(n ast.Node) int { return st.pass.Fset.Position(n.Pos()).Line }

// checkBuilder reports a pool of strings.Builder (rule 4), once per pool.
func (st *state) checkBuilder(put *ast.CallExpr, p *pool) {
	if st.builders[p] || len(put.Args) != 1 || !isStringsBuilder(st.pass.TypesInfo.TypeOf(put.Args[0])) {
		return
	}
	st.builders[p] = true
	st.rep.Report(analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("pooling a strings.Builder saves nothing: its Reset drops the buffer, so the next user of %s allocates again (and without Reset sees stale text); pool a *bytes.Buffer instead",
			poolName(put)),
	})
}

func isStringsBuilder(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "strings" && n.Obj().Name() == "Builder"
}

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
	case isBytesBuffer(t):
		bound = types.ExprString(arg) + ".Cap()"
	case isByteSlice(t):
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
		Message: fmt.Sprintf("%s keeps the buffer however large it grew, so one big input pins that memory for the pool's life (golang/go#23199); put it back only if %s <= %d",
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

func isBytesBuffer(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "bytes" && n.Obj().Name() == "Buffer"
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func isPointerToByteSlice(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	return ok && isByteSlice(p.Elem())
}

// checkAssert reports Get().(T) that can panic (rule 6): New returns or a
// Put stores another type, or the pool has no New.
func (st *state) checkAssert(c inspector.Cursor, p *pool) {
	assert, ok := c.Parent().Node().(*ast.TypeAssertExpr)
	if !ok || assert.Type == nil || !p.owned(st.pass.Pkg) || !p.newKnown {
		return
	}
	if as, ok := c.Parent().Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 2 {
		return // v, ok := ...: no panic
	}
	if vs, ok := c.Parent().Parent().Node().(*ast.ValueSpec); ok && len(vs.Names) == 2 {
		return
	}
	get := c.Node().(*ast.CallExpr)
	want := st.pass.TypesInfo.TypeOf(assert.Type)
	if want == nil {
		return
	}
	if !p.hasNew {
		st.rep.Report(analysis.Diagnostic{
			Pos: assert.Pos(), End: assert.End(),
			Message: fmt.Sprintf("%s has no New function, so Get returns nil whenever the pool is empty (every GC empties it) and %s panics; set New, or use the two-value form and allocate on !ok",
				poolName(get), types.ExprString(assert)),
		})
		return
	}
	type source struct {
		t  types.Type
		at ast.Node
		by string
	}
	var sources []source
	for _, t := range p.newTypes {
		sources = append(sources, source{t, p.newAt, "New returns"})
	}
	for _, pc := range p.puts {
		put := pc.Node().(*ast.CallExpr)
		if len(put.Args) != 1 {
			return
		}
		t := st.pass.TypesInfo.TypeOf(put.Args[0])
		if t == nil || types.IsInterface(t) {
			return // unknown dynamic type
		}
		sources = append(sources, source{t, put, "a Put stores"})
	}
	for _, s := range sources {
		fits := types.Identical(s.t, want)
		if types.IsInterface(want) {
			fits = types.AssignableTo(s.t, want)
		}
		if fits {
			continue
		}
		qual := types.RelativeTo(st.pass.Pkg)
		st.rep.Report(analysis.Diagnostic{
			Pos: assert.Pos(), End: assert.End(),
			Message: fmt.Sprintf("%s %s (line %d), so %s panics when it gets one; assert the type the pool holds",
				s.by, types.TypeString(s.t, qual), st.line(s.at), types.ExprString(assert)),
			Related: []analysis.RelatedInformation{{Pos: s.at.Pos(), End: s.at.End(), Message: s.by + " " + types.TypeString(s.t, qual)}},
		})
		return
	}
}

// hasResetMethod reports whether t has a Reset() method, the way pooled
// objects are cleaned.
func hasResetMethod(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Reset")
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Params().Len() == 0 && fn.Signature().Results().Len() == 0
}

// callsReset reports whether n calls Reset() or Truncate(0) on one of
// aliases (the object, or a variable that holds it), between from and to
// (token.NoPos: no bound). x.Field.Reset() counts when it is the method
// x.Reset() promotes from an embedded field.
func callsReset(info *types.Info, n ast.Node, aliases map[*types.Var]bool, from, to token.Pos) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Reset" && sel.Sel.Name != "Truncate") {
			return true
		}
		if call.Pos() < from || (to.IsValid() && call.Pos() > to) {
			return true
		}
		recv := ast.Unparen(sel.X)
		if field, ok := recv.(*ast.SelectorExpr); ok {
			// p.Buffer.Reset() is p.Reset() when Buffer is embedded.
			if root, ok := ast.Unparen(field.X).(*ast.Ident); ok {
				if v, ok := info.Uses[root].(*types.Var); ok && aliases[v] {
					promoted, _, _ := types.LookupFieldOrMethod(v.Type(), true, v.Pkg(), sel.Sel.Name)
					if promoted != nil && promoted == info.Uses[sel.Sel] {
						recv = root
					}
				}
			}
		}
		id, ok := recv.(*ast.Ident)
		if !ok {
			return true
		}
		if v, ok := info.Uses[id].(*types.Var); !ok || !aliases[v] {
			return true
		}
		if sel.Sel.Name == "Truncate" && (len(call.Args) != 1 || types.ExprString(call.Args[0]) != "0") {
			return true
		}
		found = true
		return false
	})
	return found
}

// checkReset reports a Put of an object with a Reset method that neither
// this Put nor every Get of the pool resets (rule 3).
func (st *state) checkReset(c inspector.Cursor, p *pool) {
	put := c.Node().(*ast.CallExpr)
	info := st.pass.TypesInfo
	v := putVar(info, put)
	if v == nil || !p.owned(st.pass.Pkg) || isStringsBuilder(v.Type()) || !hasResetMethod(v.Type()) {
		return
	}
	fn, body := funcBody(c)
	if body == nil {
		return
	}
	aliases := st.tracer.Trace(fn, v, true).Aliases
	if callsReset(info, fn, aliases, token.NoPos, put.Pos()) {
		return
	}
	// A reset in the same deferred closure, after the Put, is odd but
	// counts; so does a reset after every Get.
	if lit := enclosingDeferredLit(c); lit != nil && callsReset(info, lit, aliases, token.NoPos, token.NoPos) {
		return
	}
	var stale *ast.CallExpr
	for _, gc := range p.gets {
		if !st.getResets(gc) {
			stale = gc.Node().(*ast.CallExpr)
			break
		}
	}
	if stale == nil {
		return
	}
	d := analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("%s returns %s to the pool without %s.Reset(), and the Get at line %d does not reset it either: the next user sees stale contents; call %s.Reset() before Put",
			types.ExprString(put), v.Name(), v.Name(), st.line(stale), v.Name()),
		Related: []analysis.RelatedInformation{{Pos: stale.Pos(), End: stale.End(), Message: "Get without Reset"}},
	}
	if stmt, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		if f, err := st.editFiles.For(put.Pos()); err == nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Reset " + v.Name() + " before putting it back",
				TextEdits: []analysis.TextEdit{f.InsertLinesBefore(stmt, v.Name()+".Reset()")},
			}}
		}
	}
	st.rep.Report(d)
}

// enclosingDeferredLit returns the closure of defer func() { ... }() that
// holds c, or nil.
func enclosingDeferredLit(c inspector.Cursor) *ast.FuncLit {
	for anc := range c.Enclosing((*ast.FuncLit)(nil)) {
		lit := anc.Node().(*ast.FuncLit)
		if call, ok := anc.Parent().Node().(*ast.CallExpr); ok && call.Fun == lit {
			if _, ok := anc.Parent().Parent().Node().(*ast.DeferStmt); ok {
				return lit
			}
		}
		return nil
	}
	return nil
}

// getResets reports whether what get returns is reset before use: the
// variable it is assigned to is reset in the same function. A Get whose
// result goes elsewhere (returned by a helper, passed on) counts as reset:
// its users cannot be seen from here.
func (st *state) getResets(c inspector.Cursor) bool {
	get := c.Node().(*ast.CallExpr)
	v, _ := getVar(st.pass.TypesInfo, c)
	if v == nil {
		return true
	}
	fn, _ := funcBody(c)
	if fn == nil {
		return true
	}
	flow := st.tracer.Trace(fn, v, true)
	if flow.Escape != nil || flow.Returned {
		return true // handed to code we cannot see, which may reset it
	}
	// Resets through any variable holding the object count, as in
	// e := v.(*T) followed by e.Reset().
	return callsReset(st.pass.TypesInfo, fn, flow.Aliases, get.Pos(), token.NoPos)
}

// getVar returns the local variable a Get is assigned to, and the
// statement: b := P.Get().(*T), var b = P.Get().(*T), b = P.Get().(*T).
func getVar(info *types.Info, c inspector.Cursor) (*types.Var, ast.Stmt) {
	value := c
	if _, ok := value.Parent().Node().(*ast.TypeAssertExpr); ok {
		value = value.Parent()
	}
	for {
		if _, ok := value.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		value = value.Parent()
	}
	switch p := value.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 {
			if id, ok := p.Lhs[0].(*ast.Ident); ok {
				v, _ := info.ObjectOf(id).(*types.Var)
				return v, p
			}
		}
	case *ast.ValueSpec:
		if len(p.Names) == 1 && len(p.Values) == 1 {
			v, _ := info.Defs[p.Names[0]].(*types.Var)
			if ds, ok := value.Parent().Parent().Parent().Node().(*ast.DeclStmt); ok {
				return v, ds
			}
		}
	}
	return nil, nil
}

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
		if at, ok = loops.Ancestor(c, lit); !ok {
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
	what := v.Name()
	if id, ok := use.(*ast.Ident); ok && info.Uses[id] != v {
		what = id.Name + ", which shares " + v.Name() + "'s memory,"
	}
	msg := fmt.Sprintf("%s is used after %s (line %d): another goroutine may already have taken it from the pool and be overwriting it; copy what you need before Put",
		what, types.ExprString(put), st.line(put))
	if deferred {
		msg = fmt.Sprintf("the function returns memory of %s, which the deferred %s (line %d) hands to the next user of the pool; return a copy (bytes.Clone, or String())",
			v.Name(), types.ExprString(put), st.line(put))
	}
	st.rep.Report(analysis.Diagnostic{
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
			if isJump(s) {
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

func isJump(s ast.Node) bool {
	_, branch := s.(*ast.BranchStmt)
	return branch || loops.LeavesFunc(s)
}

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
	fc, ok := loops.Ancestor(c, fn)
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
		g = cfg.New(body, func(call *ast.CallExpr) bool { return !chanflow.NoReturn(st.pass, call) })
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
					if call, ok := es.X.(*ast.CallExpr); ok && chanflow.NoReturn(st.pass, call) {
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
// function or method of the package (which may put it back).
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
		for _, arg := range call.Args {
			if id, ok := ast.Unparen(arg).(*ast.Ident); ok && info.Uses[id] == v {
				found = true
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == v {
				found = true
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
	if loop := st.loopInfo.Innermost(c); loop != nil && loop.Func == loops.EnclosingFunc(c) {
		return nil
	}
	gc, ok := loops.Ancestor(c, getStmt)
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
		if loop := st.loopInfo.Innermost(pc); loop != nil && loop.Func == loops.EnclosingFunc(pc) {
			return nil
		}
		_, body := funcBody(pc)
		flow := st.tracer.Trace(loops.EnclosingFunc(pc), v, true)
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
