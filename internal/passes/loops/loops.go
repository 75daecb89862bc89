// Package loops is a non-reporting analyzer that knows, for every node of
// a package, which loops repeat it and what is known of their trip counts.
//
// Every perfvet analyzer asks the same questions: is this node repeated,
// how often, and is the loop cold (provably a few iterations, or run once
// per program)? The answers are computed once per package here and shared
// through the Result, so no analyzer re-walks the syntax for them.
package loops

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/query"
)

// Analyzer computes the loop tree of a package. Its Result is an *Info.
var Analyzer = &analysis.Analyzer{
	Name:             "loops",
	Doc:              "computes enclosing loops, trip counts and cold verdicts for perfvet's analyzers",
	Requires:         []*analysis.Analyzer{inspect.Analyzer},
	Run:              run,
	ResultType:       reflect.TypeFor[*Info](),
	RunDespiteErrors: true,
}

// Kind says how a loop iterates.
type Kind int

const (
	RangeSlice  Kind = iota // for ... range s, s a slice
	RangeArray              // range over an array or a pointer to one
	RangeString             // range over a string: runes, at most len(s) of them
	RangeMap                // range over a map
	RangeInt                // range over an integer
	RangeChan               // range over a channel: unknown count
	RangeFunc               // range over an iterator function: unknown count
	Counted                 // three-clause loop with an invariant bound and unit step
	Conditional             // for cond { } or a three-clause loop whose count is unknown
	Infinite                // for { }: runs until a break, return or panic
)

var kindNames = [...]string{"range over slice", "range over array", "range over string",
	"range over map", "range over int", "range over channel", "range over iterator",
	"counted loop", "conditional loop", "infinite loop"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// A Loop is one for or range statement.
type Loop struct {
	Stmt ast.Stmt // *ast.ForStmt or *ast.RangeStmt
	Kind Kind
	// Count is the number of iterations as Go source ("len(items)", "n",
	// "hi-lo"), evaluated just before the loop starts; "" when unknown.
	// For RangeString it is an upper bound (runes, not bytes).
	Count string
	// CountExprs are the expressions Count is built from: the range
	// operand, or a three-clause loop's start and bound.
	CountExprs []ast.Expr
	// Const is the trip count when it is a compile-time constant (ConstKnown).
	Const      int64
	ConstKnown bool
	// Parent is the innermost loop that repeats this loop, crossing function
	// literal boundaries: a closure or goroutine started inside a loop is
	// per-iteration work. Use Func to tell whether they share a function.
	Parent *Loop
	// Func is the *ast.FuncDecl or *ast.FuncLit whose body holds the loop.
	Func ast.Node
	// Cold reports that the loop provably runs only a few times (a constant
	// count of at most ColdLimit) or once per program (in an init function
	// or a package-level initialiser). ColdReason says which.
	Cold       bool
	ColdReason string
}

// ColdLimit is the largest constant trip count of a cold loop.
const ColdLimit = 4

// Body is the loop's body.
func (l *Loop) Body() *ast.BlockStmt {
	if f, ok := l.Stmt.(*ast.ForStmt); ok {
		return f.Body
	}
	return l.Stmt.(*ast.RangeStmt).Body
}

// Repeats reports whether pos lies in a part of the loop that runs once per
// iteration: the body, and for three-clause loops the condition and post
// statement. A range operand or init statement runs once.
func (l *Loop) Repeats(pos token.Pos) bool {
	if query.Within(l.Body(), pos) {
		return true
	}
	if f, ok := l.Stmt.(*ast.ForStmt); ok {
		return f.Cond != nil && query.Within(f.Cond, pos) || f.Post != nil && query.Within(f.Post, pos)
	}
	return false
}

// HotChain reports whether any loop from l outward is not cold: a node
// repeated by such a chain runs many times.
func (l *Loop) HotChain() bool {
	for ; l != nil; l = l.Parent {
		if !l.Cold {
			return true
		}
	}
	return false
}

// ExactCount reports whether Count is the exact number of iterations (for
// strings it counts bytes, an upper bound on runes).
func (l *Loop) ExactCount() bool {
	switch l.Kind {
	case RangeSlice, RangeArray, RangeMap, RangeInt, Counted:
		return l.Count != ""
	}
	return false
}

// EarlyExit returns a statement that leaves the loop's body before the
// loop has run all its iterations: a return, a break of it or of an outer
// statement, a goto, or a call of panic. Only panic among the no-return
// calls: the callers ask whether goroutines fed by the loop are left
// behind while the program goes on, and os.Exit or log.Fatal end it.
func (l *Loop) EarlyExit(info *types.Info) ast.Node {
	var stop ast.Node
	ast.PreorderStack(l.Body(), nil, func(n ast.Node, ancestors []ast.Node) bool {
		if stop != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			stop = n
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO, n.Tok == token.BREAK && n.Label != nil:
				stop = n
			case n.Tok == token.BREAK && !query.InsideBreakable(ancestors, true):
				stop = n
			}
		case *ast.CallExpr:
			if query.IsPanic(info, n) {
				stop = n
			}
		}
		return stop == nil
	})
	return stop
}

// Info is the Result of Analyzer.
type Info struct {
	byStmt map[ast.Stmt]*Loop
	Loops  []*Loop // in source order

	pass        *analysis.Pass
	in          *inspector.Inspector
	callersOnce sync.Once
	callers     map[*types.Func]ast.Node // see CalledInLoop
}

// Of returns the loop of a for or range statement, or nil.
func (info *Info) Of(stmt ast.Stmt) *Loop { return info.byStmt[stmt] }

// Innermost returns the innermost loop that repeats the node at c, crossing
// function literal boundaries, or nil when nothing repeats it.
func (info *Info) Innermost(c inspector.Cursor) *Loop {
	for anc := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		l := info.byStmt[anc.Node().(ast.Stmt)]
		if l != nil && l.Repeats(c.Node().Pos()) {
			return l
		}
	}
	return nil
}

// Repeating returns the innermost loop that repeats the node at c, like
// Innermost, but counts a statement that leaves its loop as run once: a
// return or no-return call (query.LeavesFunc: panic, os.Exit, log.Fatal,
// t.Fatal...), or a statement directly followed by one or by a break of
// the loop (`s += x; break` runs at most once per run of the
// loop it breaks, `x; return` at most once per call).
func (info *Info) Repeating(c inspector.Cursor) *Loop {
	inner := info.Innermost(c)
	if inner == nil {
		return nil
	}
	typesInfo := info.pass.TypesInfo
	for stmt := c; stmt.Node() != nil; stmt = stmt.Parent() {
		if _, ok := stmt.Node().(ast.Stmt); ok && query.InStatementList(stmt) {
			if query.LeavesFunc(typesInfo, stmt.Node()) || endsInReturn(typesInfo, stmt, inner) {
				return outsideFunc(stmt, inner)
			}
			return skipSingleShot(typesInfo, stmt, inner)
		}
	}
	return inner
}

// endsInReturn reports whether the statement at c is bound to be followed
// by a return or no-return call before its loop can start another iteration: some
// block between it and the loop's body (that body included) ends in one,
// and no continue or goto after the statement in that block can skip it.
//
//	for _, k := range keys {
//		if key == k {
//			var b bytes.Buffer // runs at most once per call
//			...
//			return "", errors.New(b.String())
//		}
//	}
func endsInReturn(info *types.Info, c inspector.Cursor, inner *Loop) bool {
	for stmt := c; stmt.Node() != nil && stmt.Node() != inner.Stmt; stmt = stmt.Parent() {
		var list []ast.Stmt
		switch b := stmt.Parent().Node().(type) {
		case *ast.BlockStmt:
			list = b.List
		case *ast.CaseClause:
			list = b.Body
		case *ast.CommClause:
			list = b.Body
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return false // another loop or function starts here
		default:
			continue
		}
		if len(list) == 0 || !query.LeavesFunc(info, list[len(list)-1]) {
			continue
		}
		i := slices.Index(list, stmt.Node().(ast.Stmt))
		if i >= 0 && !jumpsBack(list[i:]) {
			return true
		}
	}
	return false
}

// jumpsBack reports whether stmts hold a continue, goto or break that
// could start another iteration without reaching the end of stmts.
func jumpsBack(stmts []ast.Stmt) bool {
	found := false
	for _, s := range stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				// A break may leave for an outer loop of the same function,
				// which would run stmts again: count it too.
				if n.Tok != token.FALLTHROUGH {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// outsideFunc returns the innermost loop around the function holding c.
func outsideFunc(c inspector.Cursor, inner *Loop) *Loop {
	fn := query.EnclosingFunc(c)
	for inner != nil && inner.Func == fn {
		inner = inner.Parent
	}
	return inner
}

// skipSingleShot accounts for a statement directly followed by a jump out:
// `s += x; break` runs at most once per run of the loop it breaks, and
// `s += x; return` at most once per call.
func skipSingleShot(info *types.Info, c inspector.Cursor, inner *Loop) *Loop {
	next, ok := c.NextSibling()
	if !ok || inner == nil {
		return inner
	}
	if query.LeavesFunc(info, next.Node()) {
		return outsideFunc(c, inner)
	}
	jump, ok := next.Node().(*ast.BranchStmt)
	if !ok || jump.Tok != token.BREAK {
		return inner
	}
	if jump.Label == nil {
		// An unlabelled break leaves the innermost for, switch or select.
		for anc := range c.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil),
			(*ast.SwitchStmt)(nil), (*ast.TypeSwitchStmt)(nil), (*ast.SelectStmt)(nil)) {
			if anc.Node() == inner.Stmt {
				return inner.Parent
			}
			return inner
		}
		return inner
	}
	// A labelled break leaves the labelled loop and everything inside it.
	for l := inner; l != nil; l = l.Parent {
		if ls, ok := labelOf(c, l); ok && ls == jump.Label.Name {
			return l.Parent
		}
	}
	return inner
}

// labelOf returns the label of loop l, found among c's ancestors.
func labelOf(c inspector.Cursor, l *Loop) (string, bool) {
	for anc := range c.Enclosing((*ast.LabeledStmt)(nil)) {
		if ls := anc.Node().(*ast.LabeledStmt); ls.Stmt == l.Stmt {
			return ls.Label.Name, true
		}
	}
	return "", false
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := &Info{byStmt: make(map[ast.Stmt]*Loop), pass: pass, in: in}
	// Preorder visits outer loops first, so a parent is always known before
	// its children.
	for c := range in.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		stmt := c.Node().(ast.Stmt)
		l := &Loop{Stmt: stmt, Parent: info.Innermost(c), Func: query.EnclosingFunc(c)}
		switch s := stmt.(type) {
		case *ast.RangeStmt:
			classifyRange(pass, l, s)
		case *ast.ForStmt:
			classifyFor(pass, l, s)
		}
		if l.ConstKnown && l.Const <= ColdLimit {
			l.Cold, l.ColdReason = true, fmt.Sprintf("runs at most %d times", l.Const)
		} else if reason := runsOncePerProgram(c); reason != "" {
			l.Cold, l.ColdReason = true, reason
		}
		info.byStmt[stmt] = l
		info.Loops = append(info.Loops, l)
	}
	return info, nil
}

// runsOncePerProgram says why the code at c runs once per program, or "".
func runsOncePerProgram(c inspector.Cursor) string {
	for anc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := anc.Node().(type) {
		case *ast.FuncDecl:
			if fn.Name.Name == "init" && fn.Recv == nil {
				return "runs once, in init"
			}
			return ""
		case *ast.FuncLit:
			// A function literal called where it stands, in a package-level
			// var initialiser, runs once; any other literal may run often.
			call, ok := anc.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != ast.Expr(fn) {
				return ""
			}
		}
	}
	// No enclosing FuncDecl: a package-level initialiser.
	return "runs once, in a package-level initialiser"
}

func classifyRange(pass *analysis.Pass, l *Loop, s *ast.RangeStmt) {
	tv := pass.TypesInfo.Types[s.X]
	if tv.Type == nil {
		l.Kind = Conditional
		return
	}
	l.CountExprs = []ast.Expr{s.X}
	src := render(pass, s.X)
	switch t := tv.Type.Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsString != 0 {
			l.Kind, l.Count = RangeString, "len("+src+")"
			if tv.Value != nil && tv.Value.Kind() == constant.String {
				// A constant string's rune count is known exactly.
				l.Const, l.ConstKnown = int64(len([]rune(constant.StringVal(tv.Value)))), true
			}
			return
		}
		l.Kind, l.Count = RangeInt, src
		if tv.Value != nil {
			if n, ok := constant.Int64Val(constant.ToInt(tv.Value)); ok {
				l.Const, l.ConstKnown = max(n, 0), true
			}
		}
	case *types.Slice:
		l.Kind, l.Count = RangeSlice, "len("+src+")"
		if lit, ok := ast.Unparen(s.X).(*ast.CompositeLit); ok && !hasKeys(lit) {
			l.Const, l.ConstKnown = int64(len(lit.Elts)), true
		}
	case *types.Array:
		l.Kind, l.Count = RangeArray, "len("+src+")"
		l.Const, l.ConstKnown = t.Len(), true
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			l.Kind, l.Count = RangeArray, "len("+src+")"
			l.Const, l.ConstKnown = a.Len(), true
			return
		}
		l.Kind, l.CountExprs = Conditional, nil
	case *types.Map:
		l.Kind, l.Count = RangeMap, "len("+src+")"
		if lit, ok := ast.Unparen(s.X).(*ast.CompositeLit); ok {
			l.Const, l.ConstKnown = int64(len(lit.Elts)), true
		}
	case *types.Chan:
		l.Kind, l.CountExprs = RangeChan, nil
	case *types.Signature:
		l.Kind, l.CountExprs = RangeFunc, nil
	default: // type parameters with core types and the like: say nothing
		l.Kind, l.CountExprs = Conditional, nil
	}
}

func hasKeys(lit *ast.CompositeLit) bool {
	for _, e := range lit.Elts {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return true
		}
	}
	return false
}

// classifyFor recognises three-clause loops with a unit step over an index
// that only the post statement changes, bounded by an expression that the
// body cannot change:
//
//	for i := lo; i < hi; i++    for i := hi; i > lo; i--
//	for i := lo; i <= hi; i++   for i := hi; i >= lo; i--
func classifyFor(pass *analysis.Pass, l *Loop, s *ast.ForStmt) {
	switch {
	case s.Cond == nil:
		l.Kind = Infinite
		return
	case s.Init == nil || s.Post == nil:
		l.Kind = Conditional
		return
	}
	l.Kind = Conditional
	index, start := initIndex(pass, s.Init)
	if index == nil {
		return
	}
	step := unitStep(pass, s.Post, index)
	if step == 0 {
		return
	}
	cond, ok := ast.Unparen(s.Cond).(*ast.BinaryExpr)
	if !ok {
		return
	}
	op, bound := cond.Op, cond.Y
	if !query.Is(pass.TypesInfo, cond.X, index) {
		if !query.Is(pass.TypesInfo, cond.Y, index) {
			return
		}
		op, bound = mirror(op), cond.X
	}
	var lo, hi ast.Expr
	inclusive := false
	switch {
	case step > 0 && (op == token.LSS || op == token.NEQ):
		lo, hi = start, bound
	case step > 0 && op == token.LEQ:
		lo, hi, inclusive = start, bound, true
	case step < 0 && op == token.GTR:
		lo, hi = bound, start
	case step < 0 && op == token.GEQ:
		lo, hi, inclusive = bound, start, true
	default:
		return
	}
	if !invariant(pass, bound, s, index) || changes(pass, s.Body, index) {
		return
	}
	l.Kind, l.CountExprs = Counted, []ast.Expr{lo, hi}
	l.Count = countSource(pass, lo, hi, inclusive)
	loV, loOK := constInt(pass, lo)
	hiV, hiOK := constInt(pass, hi)
	if loOK && hiOK {
		n := hiV - loV
		if inclusive {
			n++
		}
		l.Const, l.ConstKnown = max(n, 0), true
	}
}

func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// initIndex returns the index variable and its start of `i := lo` or `i = lo`.
func initIndex(pass *analysis.Pass, init ast.Stmt) (*types.Var, ast.Expr) {
	as, ok := init.(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 || (as.Tok != token.DEFINE && as.Tok != token.ASSIGN) {
		return nil, nil
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	if !ok {
		return nil, nil
	}
	v, _ := pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil {
		return nil, nil
	}
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return nil, nil
	}
	return v, as.Rhs[0]
}

// unitStep returns +1 for i++ or i += 1, -1 for i-- or i -= 1, else 0.
func unitStep(pass *analysis.Pass, post ast.Stmt, index *types.Var) int {
	switch p := post.(type) {
	case *ast.IncDecStmt:
		if query.Is(pass.TypesInfo, p.X, index) {
			if p.Tok == token.INC {
				return 1
			}
			return -1
		}
	case *ast.AssignStmt:
		if len(p.Lhs) == 1 && len(p.Rhs) == 1 && query.Is(pass.TypesInfo, p.Lhs[0], index) {
			if v, ok := constInt(pass, p.Rhs[0]); ok && v == 1 {
				switch p.Tok {
				case token.ADD_ASSIGN:
					return 1
				case token.SUB_ASSIGN:
					return -1
				}
			}
		}
	}
	return 0
}

func constInt(pass *analysis.Pass, e ast.Expr) (int64, bool) {
	tv := pass.TypesInfo.Types[e]
	if tv.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(tv.Value))
}

// Invariant reports whether e has the same value in every iteration of l:
// it is built from constants, local variables declared outside the loop's
// body that the loop never assigns or takes the address of (a range's key
// and value change), operators, conversions and len/cap of such variables.
// Fields, package variables and calls count as varying: code in the loop may
// change them through an alias.
func (l *Loop) Invariant(pass *analysis.Pass, e ast.Expr) bool {
	if tv, ok := pass.TypesInfo.Types[e]; ok && tv.Value != nil {
		return true
	}
	body := l.Body()
	var post ast.Node
	switch s := l.Stmt.(type) {
	case *ast.ForStmt:
		if s.Post != nil {
			post = s.Post
		}
	case *ast.RangeStmt:
		post = s // the key and value are assigned by the range clause
	}
	return invariantIn(pass, e, func(v *types.Var) bool {
		return query.Within(body, v.Pos()) || changes(pass, body, v) || changes(pass, post, v)
	})
}

// invariant reports whether the bound expression keeps its value for the
// whole loop: it is built from constants, variables that the loop never
// assigns or takes the address of, and len/cap of such variables.
func invariant(pass *analysis.Pass, bound ast.Expr, loop *ast.ForStmt, index *types.Var) bool {
	var post ast.Node
	if loop.Post != nil {
		post = loop.Post
	}
	return invariantIn(pass, bound, func(v *types.Var) bool {
		return v == index || changes(pass, loop.Body, v) || changes(pass, post, v)
	})
}

// invariantIn reports whether e is built only from constants, operators,
// conversions, len/cap and local variables for which varies is false.
func invariantIn(pass *analysis.Pass, e ast.Expr, varies func(*types.Var) bool) bool {
	vars := make(map[types.Object]bool)
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			switch obj := pass.TypesInfo.ObjectOf(n).(type) {
			case *types.Var:
				if obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
					ok = false // package variables can change under any call
				}
				vars[obj] = true
			case *types.Const, *types.TypeName, *types.Builtin, *types.Nil:
			default:
				ok = false
			}
		case *ast.CallExpr:
			if tv := pass.TypesInfo.Types[n.Fun]; tv.IsType() {
				return true // conversion
			}
			id, isIdent := ast.Unparen(n.Fun).(*ast.Ident)
			if b, isB := pass.TypesInfo.ObjectOf(id).(*types.Builtin); !isIdent || !isB || (b.Name() != "len" && b.Name() != "cap") {
				ok = false
			}
		case *ast.SelectorExpr:
			if id, isIdent := ast.Unparen(n.X).(*ast.Ident); isIdent {
				if _, isPkg := pass.TypesInfo.ObjectOf(id).(*types.PkgName); isPkg {
					switch pass.TypesInfo.ObjectOf(n.Sel).(type) {
					case *types.Const, *types.TypeName:
						return false // a qualified constant or type
					}
				}
			}
			ok = false // a field may change through any alias
		case *ast.BasicLit, *ast.BinaryExpr, *ast.UnaryExpr, *ast.ParenExpr:
		default:
			ok = false
		}
		return ok
	})
	if !ok {
		return false
	}
	for v := range vars {
		if varies(v.(*types.Var)) {
			return false
		}
	}
	return true
}

// changes reports whether n assigns v, increments it, or takes its address.
func changes(pass *analysis.Pass, n ast.Node, v *types.Var) bool {
	if n == nil {
		return false
	}
	// Only v itself counts: s[i] = x leaves len(s), a loop bound, alone.
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		for _, t := range exprs.WriteTargets(n) {
			found = found || t != nil && query.Is(pass.TypesInfo, t, v)
		}
		return !found
	})
	return found
}

func countSource(pass *analysis.Pass, lo, hi ast.Expr, inclusive bool) string {
	// i <= n-1 (or i := n-1; i >= lo) runs n-lo times: say n, not n - 1+1.
	if b, ok := ast.Unparen(hi).(*ast.BinaryExpr); ok && inclusive && b.Op == token.SUB {
		if v, ok := constInt(pass, b.Y); ok && v == 1 {
			hi, inclusive = b.X, false
		}
	}
	h := render(pass, hi)
	if v, ok := constInt(pass, lo); ok && v == 0 {
		if inclusive {
			return h + "+1"
		}
		return h
	}
	l := render(pass, lo)
	if _, ok := ast.Unparen(lo).(*ast.BinaryExpr); ok {
		l = "(" + l + ")"
	}
	if inclusive {
		return h + "-" + l + "+1"
	}
	return h + "-" + l
}

func render(pass *analysis.Pass, e ast.Expr) string {
	return types.ExprString(e)
}
