package mutexcount

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports mutexes taken only to bump one counter, with the
// default report policy.
var Analyzer = New(report.Default)

// New returns a mutexcount analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "mutexcount",
		Doc:      analyzerdoc.Extract(docSource, "mutexcount"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/mutexcount",
		Requires: []*analysis.Analyzer{inspect.Analyzer, rep},
		Run:      run,
	}
}

// A bump is one critical section that only adds to a counter:
// mu.Lock(); x++; mu.Unlock(), or mu.Lock(); defer mu.Unlock(); x++ at the
// end of a function.
type bump struct {
	lock    *ast.CallExpr
	stmt    ast.Stmt // the increment
	counter ast.Expr // c.n or n
	delta   ast.Expr // n of x += n; nil for x++ and x--
	ret     *ast.ReturnStmt
	obj     *types.Var
	mutex   string // the locked expression: c.mu, c (an embedded mutex), mu
	returns bool   // the section returns the new value (defer form)
}

// A counter collects what the package does with one candidate variable.
type counter struct {
	bumps []*bump
	reads int
	// spoiled says why the counter cannot become an atomic: the first
	// access other than a bump or a read.
	spoiled string
}

func run(pass *analysis.Pass) (any, error) {
	if !query.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	rep := report.For(pass)

	counters := make(map[*types.Var]*counter)
	var order []*types.Var
	bumpAt := make(map[ast.Stmt]bool)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.BlockStmt)(nil), (*ast.CaseClause)(nil), (*ast.CommClause)(nil)) {
			for _, b := range bumps(pass, c) {
				k := counters[b.obj]
				if k == nil {
					k = &counter{}
					counters[b.obj] = k
					order = append(order, b.obj)
				}
				k.bumps = append(k.bumps, b)
				bumpAt[b.stmt] = true
				if b.ret != nil {
					bumpAt[b.ret] = true
				}
			}
		}
	}
	if len(counters) == 0 {
		return nil, nil
	}
	// Every other access of the candidates, in every file (generated and
	// test files too: they use the variable as much as any other).
	for c := range in.Root().Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		v, ok := pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		k := counters[v]
		if k == nil || k.spoiled != "" {
			continue
		}
		if why := access(pass, c, bumpAt); why == "read" {
			k.reads++
		} else if why != "" {
			k.spoiled = fmt.Sprintf("%s (line %d)", why, pass.Fset.Position(id.Pos()).Line)
		}
	}
	for _, v := range order {
		k := counters[v]
		if k.spoiled != "" {
			continue
		}
		for _, b := range k.bumps {
			// A mutex or block profile measures the lock (issue #27).
			rep.ReportContended(diagnose(b, k), b.lock.Pos(), b.stmt.End())
		}
	}
	return nil, nil
}

// bumps finds the critical sections in the statement list at c that only
// add to one counter.
func bumps(pass *analysis.Pass, c inspector.Cursor) []*bump {
	var list []ast.Stmt
	switch n := c.Node().(type) {
	case *ast.BlockStmt:
		list = n.List
	case *ast.CaseClause:
		list = n.Body
	case *ast.CommClause:
		list = n.Body
	}
	var out []*bump
	for i := 0; i+2 < len(list); i++ {
		lock, mutex := mutexCall(pass, list[i], "Lock")
		if lock == nil {
			continue
		}
		if _, m := mutexCall(pass, list[i+2], "Unlock"); m == mutex {
			if b := increment(pass, list[i+1], lock); b != nil {
				b.lock = lock
				out = append(out, b)
			}
			continue
		}
		// mu.Lock(); defer mu.Unlock(); x++ [; return [x]] ending a
		// function body.
		d, ok := list[i+1].(*ast.DeferStmt)
		if !ok || !isFuncBody(c) {
			continue
		}
		if _, m := mutexCall(pass, &ast.ExprStmt{X: d.Call}, "Unlock"); m != mutex {
			continue
		}
		b := increment(pass, list[i+2], lock)
		if b == nil {
			continue
		}
		switch rest := list[i+3:]; len(rest) {
		case 0:
		case 1:
			ret, ok := rest[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) > 1 || len(ret.Results) == 1 && types.ExprString(ret.Results[0]) != types.ExprString(b.counter) {
				continue
			}
			b.returns = len(ret.Results) == 1
			b.ret = ret
		default:
			continue
		}
		b.lock = lock
		out = append(out, b)
	}
	return out
}

func isFuncBody(c inspector.Cursor) bool {
	switch c.Parent().Node().(type) {
	case *ast.FuncDecl, *ast.FuncLit:
		return true
	}
	return false
}

// mutexCall returns the call and the locked expression of a statement
// mu.name() on a sync.Mutex or sync.RWMutex (or a struct embedding one).
func mutexCall(pass *analysis.Pass, stmt ast.Stmt, name string) (*ast.CallExpr, string) {
	es, ok := stmt.(*ast.ExprStmt)
	if !ok {
		return nil, ""
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return nil, ""
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return nil, ""
	}
	switch fn.FullName() {
	case "(*sync.Mutex)." + name, "(*sync.RWMutex)." + name:
		return call, types.ExprString(sel.X)
	}
	return nil, ""
}

// increment recognises x++, x--, x += n, x -= n and x = x + n on an
// unexported integer counter of the package: a field of a struct that
// holds the mutex (c.n with c.mu, or c embedding it), or a package
// variable guarded by a package-level mutex. Elsewhere a struct holding
// the counter could be copied, which an atomic forbids.
func increment(pass *analysis.Pass, stmt ast.Stmt, lock *ast.CallExpr) *bump {
	lockRecv := ast.Unparen(lock.Fun).(*ast.SelectorExpr).X
	mutex := types.ExprString(lockRecv)
	var target, delta ast.Expr
	switch s := stmt.(type) {
	case *ast.IncDecStmt:
		target = s.X
	case *ast.AssignStmt:
		if len(s.Lhs) != 1 || len(s.Rhs) != 1 {
			return nil
		}
		target = s.Lhs[0]
		switch s.Tok {
		case token.ADD_ASSIGN, token.SUB_ASSIGN:
			delta = s.Rhs[0]
		case token.ASSIGN:
			sum, ok := ast.Unparen(s.Rhs[0]).(*ast.BinaryExpr)
			if !ok || sum.Op != token.ADD || types.ExprString(sum.X) != types.ExprString(target) {
				return nil
			}
			delta = sum.Y
		default:
			return nil
		}
		// The delta is computed inside the section today: it must not
		// read the counter or call code that might rely on the lock.
		if !exprs.Pure(pass.TypesInfo, delta) || mentionsExpr(delta, target) {
			return nil
		}
	default:
		return nil
	}
	b := &bump{stmt: stmt, counter: target, delta: delta, mutex: mutex}
	switch t := ast.Unparen(target).(type) {
	case *ast.SelectorExpr:
		sel := pass.TypesInfo.Selections[t]
		if sel == nil || sel.Kind() != types.FieldVal {
			return nil
		}
		b.obj, _ = sel.Obj().(*types.Var)
		if types.ExprString(t.X) != mutex && !sameOwner(t.X, mutex) {
			return nil
		}
	case *ast.Ident:
		b.obj, _ = pass.TypesInfo.Uses[t].(*types.Var)
		if b.obj == nil || b.obj.Parent() != pass.Pkg.Scope() || !packageLevel(pass, lockRecv) {
			return nil
		}
	default:
		return nil
	}
	if b.obj == nil || b.obj.Exported() || b.obj.Pkg() != pass.Pkg {
		return nil
	}
	basic, ok := types.Unalias(b.obj.Type()).(*types.Basic)
	if !ok || basic.Info()&types.IsInteger == 0 || atomicType(basic) == "" {
		return nil
	}
	return b
}

// sameOwner reports whether the counter's owner x (c of c.n) also holds
// the mutex: the mutex is c.mu.
func sameOwner(x ast.Expr, mutex string) bool {
	owner := types.ExprString(x)
	return len(mutex) > len(owner) && mutex[:len(owner)+1] == owner+"."
}

// packageLevel reports whether the locked expression is a package
// variable of this package.
func packageLevel(pass *analysis.Pass, recv ast.Expr) bool {
	id, ok := ast.Unparen(recv).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.Parent() == pass.Pkg.Scope()
}

func mentionsExpr(n ast.Node, e ast.Expr) bool {
	want := types.ExprString(e)
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && types.ExprString(x) == want {
			found = true
		}
		return !found
	})
	return found
}

// atomicType names the sync/atomic type for a counter of type t.
func atomicType(t *types.Basic) string {
	switch t.Kind() {
	case types.Int32:
		return "atomic.Int32"
	case types.Int64, types.Int:
		return "atomic.Int64"
	case types.Uint32:
		return "atomic.Uint32"
	case types.Uint64, types.Uint:
		return "atomic.Uint64"
	case types.Uintptr:
		return "atomic.Uintptr"
	}
	return ""
}

// access classifies one mention of a candidate counter: "" for one of the
// bumps, "read" for a read an atomic Load can serve, else why the counter
// cannot become an atomic.
func access(pass *analysis.Pass, c inspector.Cursor, bumpAt map[ast.Stmt]bool) string {
	id := c.Node().(*ast.Ident)
	e := c
	parent := c.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		if p.Sel == id {
			e, parent = parent, parent.Parent()
		}
	case *ast.KeyValueExpr:
		if p.Key == id {
			return "it is set in a composite literal"
		}
	}
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			break
		}
		e, parent = parent, parent.Parent()
	}
	node := e.Node()
	switch p := parent.Node().(type) {
	case *ast.IncDecStmt:
		if !bumpAt[p] {
			return "it is also changed outside a lone critical section"
		}
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if lhs == node && !bumpAt[p] {
				return "it is also assigned"
			}
		}
	case *ast.UnaryExpr:
		if p.Op == token.AND {
			return "its address is taken"
		}
	case *ast.RangeStmt:
		if p.Key == node || p.Value == node {
			return "it is assigned by a range"
		}
	}
	// Within a bump (x of x = x + n, or the return of the new value) it
	// is part of the Add.
	for a := parent; a.Node() != nil; a = a.Parent() {
		if st, ok := a.Node().(ast.Stmt); ok {
			if bumpAt[st] {
				return ""
			}
			break
		}
	}
	return "read"
}

// diagnose reports one bump.
func diagnose(b *bump, k *counter) analysis.Diagnostic {
	name := types.ExprString(b.counter)
	at := atomicType(types.Unalias(b.obj.Type()).(*types.Basic))
	delta := "1"
	if s, ok := b.stmt.(*ast.IncDecStmt); ok && s.Tok == token.DEC {
		delta = "-1"
	}
	if b.delta != nil {
		delta = types.ExprString(b.delta)
		if len(delta) > 24 {
			delta = "n"
		}
		if s, ok := b.stmt.(*ast.AssignStmt); ok && s.Tok == token.SUB_ASSIGN {
			delta = "-(" + delta + ")"
		}
	}
	op := "Add(" + delta + ")"
	reads := ""
	switch k.reads {
	case 0:
	case 1:
		reads = ", and its read a Load()"
	default:
		reads = fmt.Sprintf(", and its %d reads Load()s", k.reads)
	}
	if b.returns {
		reads = " (Add returns the new value)" + reads
	}
	return analysis.Diagnostic{
		Pos: b.lock.Pos(),
		End: b.stmt.End(),
		Message: fmt.Sprintf("%s.Lock() only to change %s serializes every update on the lock, and parallel callers contend for it; "+
			"make %s an %s: %s.%s without the lock%s; "+
			"no automatic fix: its declaration and every access would change",
			b.mutex, name, b.obj.Name(), at, name, op, reads),
	}
}
