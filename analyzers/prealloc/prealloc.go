package prealloc

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/loops"
	"github.com/perfvet/perfvet/internal/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports non-preallocated slices and maps, with the default
// report policy and options.
var Analyzer = New(report.Default)

// options are the analyzer's flags; each instance has its own.
type options struct {
	conditional bool
}

// New returns a prealloc analyzer that reports through rep, the suite's
// report analyzer, with its own flags.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	opts := new(options)
	a := &analysis.Analyzer{
		Name:     "prealloc",
		Doc:      analyzerdoc.Extract(docSource, "prealloc"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/prealloc",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.conditional, "conditional", false,
		"also report growth that an if, switch or jump can skip, with the capacity as an upper bound")
	return a
}

// A growth is one statement that adds to a collection once: s = append(s, ...)
// or m[k] = v.
type growth struct {
	cursor inspector.Cursor
	stmt   *ast.AssignStmt
	v      *types.Var
	isMap  bool
	call   *ast.CallExpr // the append call, for slices
}

// A candidate is the growth of one variable in one loop.
type candidate struct {
	loop   *loops.Loop
	growth *growth
	count  int // growth statements of v in the loop body
}

func run(pass *analysis.Pass, opts *options) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)

	type key struct {
		loop *loops.Loop
		v    *types.Var
	}
	var order []*candidate
	byKey := make(map[key]*candidate)
	growths := make(map[*types.Var]int) // growth statements per variable, in or out of loops
	// Root's children are the files: no search for each file's cursor.
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.AssignStmt)(nil)) {
			g := matchGrowth(pass, c)
			if g == nil {
				continue
			}
			growths[g.v]++
			l := loopInfo.Innermost(c)
			if l == nil || l.Func != loops.EnclosingFunc(c) {
				continue
			}
			k := key{l, g.v}
			if cand := byKey[k]; cand != nil {
				cand.count++
				continue
			}
			cand := &candidate{loop: l, growth: g, count: 1}
			byKey[k] = cand
			order = append(order, cand)
		}
	}
	editFiles := fixes.NewFiles(pass)
	for _, cand := range order {
		if growths[cand.growth.v] != cand.count {
			continue // also grown outside this loop: its count is not the size
		}
		if d, ok := check(pass, opts, editFiles, cand); ok {
			rep.ReportAllocAt(d, cand.growth.stmt)
		}
	}
	return nil, nil
}

// matchGrowth recognises v = append(v, ...) and v[k] = x on a local slice or
// map variable v.
func matchGrowth(pass *analysis.Pass, c inspector.Cursor) *growth {
	as := c.Node().(*ast.AssignStmt)
	if as.Tok != token.ASSIGN || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	switch lhs := ast.Unparen(as.Lhs[0]).(type) {
	case *ast.Ident:
		v := localVar(pass, lhs)
		if v == nil {
			return nil
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || !exprs.IsBuiltin(pass, call.Fun, "append") || len(call.Args) < 2 {
			return nil
		}
		if first, ok := ast.Unparen(call.Args[0]).(*ast.Ident); !ok || pass.TypesInfo.Uses[first] != v {
			return nil
		}
		return &growth{cursor: c, stmt: as, v: v, call: call}
	case *ast.IndexExpr:
		id, ok := ast.Unparen(lhs.X).(*ast.Ident)
		if !ok {
			return nil
		}
		v := localVar(pass, id)
		if v == nil {
			return nil
		}
		if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
			return nil
		}
		if !exprs.Pure(pass, lhs.Index) {
			// m[f(x)] = y: a computed key (obj.Pkg().Path(), strings.ToLower(s))
			// may repeat across iterations, so entries can be far fewer.
			return nil
		}
		if exprs.Mentions(pass, as.Rhs[0], v) {
			// m[k] = append(m[k], x), m[k] = m[k] + 1: grouping or
			// counting, where keys repeat and entries are fewer than
			// iterations.
			return nil
		}
		return &growth{cursor: c, stmt: as, v: v, isMap: true}
	}
	return nil
}

func localVar(pass *analysis.Pass, id *ast.Ident) *types.Var {
	v, _ := pass.TypesInfo.Uses[id].(*types.Var)
	if v == nil || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() || v.IsField() {
		return nil
	}
	return v
}

// check decides whether a candidate is a finding and builds its diagnostic.
func check(pass *analysis.Pass, opts *options, editFiles *fixes.Files, cand *candidate) (analysis.Diagnostic, bool) {
	l, g := cand.loop, cand.growth
	switch l.Kind {
	case loops.RangeSlice, loops.RangeArray, loops.RangeString, loops.RangeMap, loops.RangeInt, loops.Counted:
	default:
		return analysis.Diagnostic{}, false // unknown trip count: channels, iterators, conditions
	}
	if l.Cold || cand.count != 1 || l.Count == "" {
		return analysis.Diagnostic{}, false
	}
	decl := findDecl(pass, g)
	switch {
	case decl == nil || declaredWithin(l.Stmt, decl.pos):
		return analysis.Diagnostic{}, false // not a fresh local collection
	case loops.EnclosingFunc(decl.cursor) != l.Func:
		// Declared in an enclosing function: the closure holding the loop
		// may run many times, and the collection keeps growing across runs.
		return analysis.Diagnostic{}, false
	case l.Parent != nil && l.Parent.Func == l.Func && !declaredWithin(l.Parent.Stmt, decl.pos):
		// It keeps growing across an enclosing loop: the capacity would be
		// a product of counts.
		return analysis.Diagnostic{}, false
	}
	for _, e := range l.CountExprs {
		if exprs.Mentions(pass, e, g.v) {
			return analysis.Diagnostic{}, false
		}
	}
	body := scanBody(pass, l, g)
	if body.disqualified {
		return analysis.Diagnostic{}, false
	}
	conditional := body.nested || body.jumps
	if conditional && !opts.conditional {
		return analysis.Diagnostic{}, false
	}
	perIter, pure := perIteration(pass, l, g)
	if perIter == "" {
		return analysis.Diagnostic{}, false
	}
	if l.ConstKnown && perIterConst(g) > 0 && l.Const*perIterConst(g) < 5 {
		return analysis.Diagnostic{}, false // capacity below 5: not worth a finding
	}
	fn := l.Func
	if usedBetween(pass, fn, g.v, decl.stmt.End(), l.Stmt.Pos()) {
		return analysis.Diagnostic{}, false
	}
	capacity := scale(perIter, l.Count)
	if n := perIterConst(g); l.ConstKnown && n > 0 && (n > 1 || strings.ContainsAny(l.Count, "+-'")) {
		capacity = strconv.FormatInt(n*l.Const, 10) // 20, not 2*10; 7, not 'G'-'A'+1
	}
	name := g.v.Name()
	grows, gets, bound := "grows", "gets", ""
	if conditional {
		grows, gets, bound = "may grow", "may get", " (an upper bound: the growth is conditional)"
	}
	p := plan{advice: fmt.Sprintf("preallocate with make(%s, 0, %s)", decl.typeSrc, capacity)}
	if g.isMap {
		p.advice = fmt.Sprintf("size it with make(%s, %s)", decl.typeSrc, capacity)
	}
	if pure {
		p = buildFix(pass, editFiles, cand, decl, capacity, p)
	} else {
		p.whyNot = "the count has a call or receive (hoist it into a variable)"
	}
	cost := "≈log2(n) reallocations and copies"
	what := fmt.Sprintf("%s %s by append", name, grows)
	if g.isMap {
		cost = "past 8 entries its table grows ≈log2(n/8) times, rehashing each time"
		what = fmt.Sprintf("%s %s a new entry", name, gets)
	}
	d := analysis.Diagnostic{
		Pos:     decl.stmt.Pos(),
		End:     decl.stmt.End(),
		Message: fmt.Sprintf("%s in a loop of %s iterations (%s); %s%s", what, l.Count, cost, p.advice, bound),
		Related: []analysis.RelatedInformation{{Pos: g.stmt.Pos(), End: g.stmt.End(), Message: "grown here"}},
	}
	if p.fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*p.fix}
	} else if p.whyNot != "" {
		d.Message += "; no automatic fix: " + p.whyNot
	}
	return d, true
}

// A plan is what the finding tells the user to do, and the fix that does it.
type plan struct {
	advice string // e.g. "preallocate with make([]T, 0, n)"
	fix    *analysis.SuggestedFix
	whyNot string // why there is no fix
}

func declaredWithin(n ast.Node, pos token.Pos) bool { return n.Pos() <= pos && pos < n.End() }

// A declaration of a collection that starts empty with no capacity.
type declaration struct {
	stmt    ast.Stmt // the *ast.DeclStmt or *ast.AssignStmt
	cursor  inspector.Cursor
	pos     token.Pos
	typeSrc string // the collection's type, as written
	nilInit bool   // var s []T or []T(nil): s starts nil
}

// findDecl finds v's declaration and checks that it makes an empty
// collection with no capacity: var s []T, s := []T{}, s := make([]T, 0),
// []T(nil); m := map[K]V{}, m := make(map[K]V).
func findDecl(pass *analysis.Pass, g *growth) *declaration {
	// Search only the innermost function that holds the declaration.
	var fn inspector.Cursor
	found := false
	for anc := range g.cursor.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if anc.Node().Pos() <= g.v.Pos() && g.v.Pos() < anc.Node().End() {
			fn, found = anc.FindByPos(g.v.Pos(), g.v.Pos()+token.Pos(len(g.v.Name())))
			break
		}
	}
	if !found {
		return nil
	}
	for c := fn; c.Node() != nil; c = c.Parent() {
		switch s := c.Node().(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
				return nil
			}
			if _, ok := c.Parent().Node().(*ast.TypeSwitchStmt); ok {
				// switch s := x.(type): each clause has its own s, holding
				// x's value; nothing here makes it empty.
				return nil
			}
			return emptyInit(pass, s, c, s.Rhs[0], nil)
		case *ast.DeclStmt:
			gd, ok := s.Decl.(*ast.GenDecl)
			if !ok || len(gd.Specs) != 1 {
				return nil
			}
			vs := gd.Specs[0].(*ast.ValueSpec)
			if len(vs.Names) != 1 {
				return nil
			}
			switch {
			case len(vs.Values) == 1:
				return emptyInit(pass, s, c, vs.Values[0], vs.Type)
			case len(vs.Values) == 0 && vs.Type != nil:
				if _, isSlice := pass.TypesInfo.TypeOf(vs.Type).Underlying().(*types.Slice); !isSlice {
					return nil // a nil map cannot be filled
				}
				return &declaration{stmt: s, cursor: c, pos: g.v.Pos(), typeSrc: types.ExprString(vs.Type), nilInit: true}
			}
			return nil
		case *ast.FuncDecl, *ast.FuncLit, *ast.RangeStmt, *ast.ValueSpec, *ast.Field:
			if _, isSpec := s.(*ast.ValueSpec); isSpec {
				continue
			}
			return nil // a parameter, range variable or the like
		}
	}
	return nil
}

// emptyInit checks that init makes an empty collection with no capacity.
func emptyInit(pass *analysis.Pass, stmt ast.Stmt, c inspector.Cursor, init ast.Expr, declType ast.Expr) *declaration {
	obj := pass.TypesInfo.Defs[declIdent(stmt)]
	if obj == nil {
		return nil // no variable declared here (a blank or symbolic one)
	}
	d := &declaration{stmt: stmt, cursor: c, pos: obj.Pos()}
	switch x := ast.Unparen(init).(type) {
	case *ast.CompositeLit:
		if len(x.Elts) != 0 || x.Type == nil {
			return nil
		}
		d.typeSrc = types.ExprString(x.Type)
	case *ast.CallExpr:
		switch {
		case exprs.IsBuiltin(pass, x.Fun, "make"):
			if len(x.Args) == 3 {
				return nil // already has a capacity
			}
			if _, isMap := pass.TypesInfo.TypeOf(x.Args[0]).Underlying().(*types.Map); isMap {
				if len(x.Args) != 1 {
					return nil
				}
			} else if len(x.Args) != 2 || !isZero(pass, x.Args[1]) {
				return nil
			}
			d.typeSrc = types.ExprString(x.Args[0])
		case pass.TypesInfo.Types[x.Fun].IsType() && len(x.Args) == 1 && pass.TypesInfo.Types[x.Args[0]].IsNil():
			d.typeSrc, d.nilInit = types.ExprString(x.Fun), true
		default:
			return nil
		}
	case *ast.Ident:
		if !pass.TypesInfo.Types[x].IsNil() || declType == nil {
			return nil
		}
		d.typeSrc, d.nilInit = types.ExprString(declType), true
	default:
		return nil
	}
	if declType != nil {
		d.typeSrc = types.ExprString(declType)
	}
	return d
}

func declIdent(stmt ast.Stmt) *ast.Ident {
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		id, _ := s.Lhs[0].(*ast.Ident)
		return id
	case *ast.DeclStmt:
		return s.Decl.(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Names[0]
	}
	return nil
}

func isZero(pass *analysis.Pass, e ast.Expr) bool {
	tv := pass.TypesInfo.Types[e]
	return tv.Value != nil && constant.Sign(tv.Value) == 0
}

// bodyFacts is what one walk of the loop body learns about v's growth.
type bodyFacts struct {
	disqualified bool // v is changed otherwise, or captured by a closure
	nested       bool // the growth is under an if, switch or select
	jumps        bool // a break, continue, return or goto can skip it or end the loop early
}

func scanBody(pass *analysis.Pass, l *loops.Loop, g *growth) bodyFacts {
	var facts bodyFacts
	body := l.Body()
	growthParent := g.cursor.Parent().Node()
	facts.nested = growthParent != body
	label := ""
	for c := range g.cursor.Enclosing((*ast.LabeledStmt)(nil)) {
		if ls := c.Node().(*ast.LabeledStmt); ls.Stmt == l.Stmt {
			label = ls.Label.Name
		}
	}
	ast.PreorderStack(body, nil, func(n ast.Node, ancestors []ast.Node) bool {
		stack := slices.Concat(ancestors, []ast.Node{n}) // n on top
		switch n := n.(type) {
		case *ast.FuncLit:
			if exprs.Mentions(pass, n, g.v) {
				facts.disqualified = true
			}
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if exprs.Mentions(pass, n, g.v) {
				facts.disqualified = true // grown or changed in an inner loop too
			}
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.FALLTHROUGH:
			case n.Tok == token.CONTINUE && n.Pos() > g.stmt.End() &&
				(n.Label == nil && !insideInnerBreakable(stack, n.Tok) || n.Label != nil && n.Label.Name == label):
				// A continue of this loop after the growth cannot skip it.
			case n.Tok == token.GOTO || n.Label != nil || !insideInnerBreakable(stack, n.Tok):
				facts.jumps = true
			}
		case *ast.ReturnStmt:
			facts.jumps = true
		case *ast.AssignStmt:
			if n != g.stmt {
				for _, lhs := range n.Lhs {
					if exprs.Mentions(pass, lhs, g.v) {
						if _, isIndex := ast.Unparen(lhs).(*ast.IndexExpr); !isIndex || g.isMap {
							facts.disqualified = true
						}
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && exprs.Mentions(pass, n.X, g.v) {
				facts.disqualified = true
			}
		case *ast.CallExpr:
			if exprs.IsBuiltin(pass, n.Fun, "delete") || exprs.IsBuiltin(pass, n.Fun, "clear") {
				if len(n.Args) > 0 && exprs.Mentions(pass, n.Args[0], g.v) {
					facts.disqualified = true
				}
			}
		}
		return true
	})
	return facts
}

// insideInnerBreakable reports whether an unlabelled break or continue on
// top of stack targets a statement nested in the loop body (an inner loop,
// or for break a switch or select) rather than the loop itself.
func insideInnerBreakable(stack []ast.Node, tok token.Token) bool {
	for i := len(stack) - 2; i >= 1; i-- { // stack[0] is the loop body
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			if tok == token.BREAK {
				return true
			}
		}
	}
	return false
}

// perIteration returns how many elements one growth adds, as Go source
// ("1", "2", "len(x)"), and whether that source is pure (no calls), or ""
// when it is not known before the loop.
func perIteration(pass *analysis.Pass, l *loops.Loop, g *growth) (string, bool) {
	pure := true
	for _, e := range l.CountExprs {
		pure = pure && exprs.Pure(pass, e)
	}
	if g.isMap {
		return "1", pure
	}
	args := g.call.Args[1:]
	if !g.call.Ellipsis.IsValid() {
		return strconv.Itoa(len(args)), pure
	}
	// append(s, x...): known if len(x) does not change in the loop.
	x := args[0]
	if !exprs.Pure(pass, x) || exprs.ChangedIn(pass, l.Stmt, x) {
		return "", false
	}
	if tv := pass.TypesInfo.Types[x]; tv.Value != nil && tv.Value.Kind() == constant.String {
		return strconv.Itoa(len(constant.StringVal(tv.Value))), pure
	}
	return "len(" + types.ExprString(x) + ")", pure
}

func perIterConst(g *growth) int64 {
	if g.isMap {
		return 1
	}
	if g.call.Ellipsis.IsValid() {
		return 0
	}
	return int64(len(g.call.Args) - 1)
}

// availableAt reports whether the count, computed at the declaration, has
// the value it has when the loop starts: the declaration directly precedes
// the loop, or exprs.SameValue holds.
func availableAt(pass *analysis.Pass, fn ast.Node, countExprs []ast.Expr, decl *declaration, loop inspector.Cursor) bool {
	if prev, ok := loop.PrevSibling(); ok && prev.Node() == decl.stmt {
		return true
	}
	return exprs.SameValue(pass, fn, countExprs, decl.stmt, loop.Node())
}

// scale renders per*count, parenthesising count where needed.
func scale(per, count string) string {
	if per == "1" {
		return count
	}
	if strings.ContainsAny(count, "+-") {
		count = "(" + count + ")"
	}
	return per + "*" + count
}

// usedBetween reports whether v is mentioned in fn between from and to.
func usedBetween(pass *analysis.Pass, fn ast.Node, v *types.Var, from, to token.Pos) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found || n == nil || n.End() < from || n.Pos() > to {
			return false
		}
		if id, ok := n.(*ast.Ident); ok && id.Pos() >= from && id.Pos() < to && pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// buildFix returns the fix: the declaration rewritten to preallocate when
// the capacity can be computed there and nil-ness cannot be told apart;
// else the declaration moved next to the loop; else, for slices,
// s = slices.Grow(s, n) inserted before the loop, which keeps s nil when
// the loop runs zero times.
func buildFix(pass *analysis.Pass, editFiles *fixes.Files, cand *candidate, decl *declaration, capacity string, p plan) plan {
	l, g := cand.loop, cand.growth
	ef, err := editFiles.For(decl.stmt.Pos())
	if err != nil {
		return p
	}
	file := ef.AST
	name := g.v.Name()
	made := fmt.Sprintf("make(%s, 0, %s)", decl.typeSrc, capacity)
	if g.isMap {
		made = fmt.Sprintf("make(%s, %s)", decl.typeSrc, capacity)
	}
	// A loop that certainly runs makes s non-nil either way.
	nilMatters := decl.nilInit && (!l.ConstKnown || l.Const <= 0) && !nilUnobservable(pass, l.Func, g.v, g)
	countExprs := l.CountExprs
	if !g.isMap && g.call.Ellipsis.IsValid() {
		countExprs = append(countExprs[:len(countExprs):len(countExprs)], g.call.Args[1])
	}
	loopCursor, ok := loops.Ancestor(g.cursor, l.Stmt)
	if !ok {
		return p
	}
	if !nilMatters && availableAt(pass, l.Func, countExprs, decl, loopCursor) {
		p.fix = &analysis.SuggestedFix{
			Message:   "Preallocate " + name,
			TextEdits: []analysis.TextEdit{fixes.Replace(decl.stmt, fmt.Sprintf("%s := %s", name, made))},
		}
		return p
	}
	loopStmt := ast.Node(l.Stmt)
	if ls, ok := loopCursor.Parent().Node().(*ast.LabeledStmt); ok {
		loopStmt, loopCursor = ls, loopCursor.Parent()
	}
	if !nilMatters && movable(decl, loopCursor) {
		p.advice = fmt.Sprintf("declare it just before the loop as %s := %s", name, made)
		p.fix = &analysis.SuggestedFix{
			Message: fmt.Sprintf("Preallocate %s next to the loop", name),
			TextEdits: []analysis.TextEdit{
				ef.DeleteStmt(decl.stmt),
				ef.InsertLinesBefore(loopStmt, fmt.Sprintf("%s := %s", name, made)),
			},
		}
		return p
	}
	if g.isMap {
		p.whyNot = "the count is not known where " + name + " is declared"
		return p
	}
	grow := fmt.Sprintf("%s = slices.Grow(%s, %s)", name, name, capacity)
	p.advice = "grow it just before the loop with " + grow
	if nilMatters {
		p.advice += fmt.Sprintf(" (unlike make, this keeps %s nil when the loop does not run)", name)
	}
	if !goVersionAtLeast(pass, file, "go1.21") {
		p.whyNot = "slices.Grow needs Go 1.21"
		return p
	}
	slicesName, edits, ok := ef.Import("slices", loopStmt.Pos())
	if !ok {
		p.whyNot = `the name "slices" is taken here`
		return p
	}
	edits = append(edits, ef.InsertLinesBefore(loopStmt, fmt.Sprintf("%s = %s.Grow(%s, %s)", name, slicesName, name, capacity)))
	p.fix = &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Grow %s before the loop", name),
		TextEdits: edits,
	}
	return p
}

// movable reports whether the declaration can move to just before the
// loop: it is an earlier statement of the loop's own statement list (and,
// by the caller's checks, nothing between uses the collection).
func movable(decl *declaration, loop inspector.Cursor) bool {
	if decl.cursor.Parent() != loop.Parent() {
		return false
	}
	switch decl.cursor.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return true
	}
	return false
}

// nilUnobservable reports whether no code can tell a nil v from an empty
// non-nil one: every use of v is len, cap, range, indexing, or appending to
// itself.
func nilUnobservable(pass *analysis.Pass, fn ast.Node, v *types.Var, g *growth) bool {
	ok := true
	ast.PreorderStack(fn, nil, func(n ast.Node, ancestors []ast.Node) bool {
		if !ok {
			return false
		}
		stack := slices.Concat(ancestors, []ast.Node{n}) // n on top
		id, isIdent := n.(*ast.Ident)
		if !isIdent || pass.TypesInfo.Uses[id] != v {
			return true
		}
		parent := stack[len(stack)-2]
		switch p := parent.(type) {
		case *ast.CallExpr:
			if (exprs.IsBuiltin(pass, p.Fun, "len") || exprs.IsBuiltin(pass, p.Fun, "cap")) ||
				exprs.IsBuiltin(pass, p.Fun, "append") && p.Args[0] == ast.Expr(id) && isSelfAssign(stack, v, pass) {
				return true
			}
		case *ast.RangeStmt:
			if p.X == ast.Expr(id) {
				return true
			}
		case *ast.IndexExpr:
			if p.X == ast.Expr(id) {
				return true
			}
		case *ast.AssignStmt:
			if p == g.stmt {
				return true
			}
		}
		ok = false
		return false
	})
	return ok
}

// isSelfAssign reports whether the append call on top of stack is assigned
// back to v.
func isSelfAssign(stack []ast.Node, v *types.Var, pass *analysis.Pass) bool {
	if len(stack) < 3 {
		return false
	}
	as, ok := stack[len(stack)-3].(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident)
	return ok && pass.TypesInfo.ObjectOf(id) == v
}

func goVersionAtLeast(pass *analysis.Pass, file *ast.File, want string) bool {
	v := pass.TypesInfo.FileVersions[file]
	if v == "" {
		v = pass.Pkg.GoVersion()
	}
	return v == "" || version.Compare(v, want) >= 0
}
