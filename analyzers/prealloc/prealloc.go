package prealloc

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
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
	key    ast.Expr      // the key, for maps
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
			if l == nil || l.Func != query.EnclosingFunc(c) {
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
			// Presizing saves the runtime's growth on the growing line
			// (growslice, a map's rehash), not what calls there allocate,
			// nor a map's first group, allocated however it is sized, nor
			// the objects that hold its large keys and values, one per entry.
			at := report.OwnCode(cand.growth.stmt)
			if m, ok := cand.growth.v.Type().Underlying().(*types.Map); ok {
				at.NotSizes = append([]int64{typeshape.MapGroupSize(pass.TypesSizes, m)}, typeshape.MapEntrySizes(pass.TypesSizes, m)...)
			}
			rep.ReportAllocAt(d, at)
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
		if !ok || !query.IsBuiltin(pass.TypesInfo, call.Fun, "append") || len(call.Args) < 2 {
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
		if !exprs.Pure(pass.TypesInfo, lhs.Index) {
			// m[f(x)] = y: a computed key (obj.Pkg().Path(), strings.ToLower(s))
			// may repeat across iterations, so entries can be far fewer.
			return nil
		}
		if query.Mentions(pass.TypesInfo, as.Rhs[0], v) {
			// m[k] = append(m[k], x), m[k] = m[k] + 1: grouping or
			// counting, where keys repeat and entries are fewer than
			// iterations.
			return nil
		}
		return &growth{cursor: c, stmt: as, v: v, isMap: true, key: lhs.Index}
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
	if hot.IsCold(l) || cand.count != 1 || l.Count == "" {
		return analysis.Diagnostic{}, false
	}
	decl := findDecl(pass, g)
	switch {
	case decl == nil || query.Within(l.Stmt, decl.pos):
		return analysis.Diagnostic{}, false // not a fresh local collection
	case query.EnclosingFunc(decl.cursor) != l.Func:
		// Declared in an enclosing function: the closure holding the loop
		// may run many times, and the collection keeps growing across runs.
		return analysis.Diagnostic{}, false
	case l.Parent != nil && l.Parent.Func == l.Func && !query.Within(l.Parent.Stmt, decl.pos):
		// It keeps growing across an enclosing loop: the capacity would be
		// a product of counts.
		return analysis.Diagnostic{}, false
	}
	for _, e := range l.CountExprs {
		if query.Mentions(pass.TypesInfo, e, g.v) {
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
	if g.isMap && !mapGrowsPerIteration(pass, l, g) {
		return analysis.Diagnostic{}, false
	}
	perIter, pure := perIteration(pass, l, g)
	if perIter == "" {
		return analysis.Diagnostic{}, false
	}
	if l.ConstKnown && perIterConst(g) > 0 && l.Const*perIterConst(g) < 5 {
		return analysis.Diagnostic{}, false // capacity below 5: not worth a finding
	}
	file := fileOf(pass, decl.pos)
	if fitsStackStart(pass, file, l, g) {
		return analysis.Diagnostic{}, false // Go 1.26 keeps it on the stack: presizing saves nothing
	}
	fn := l.Func
	if query.MentionsIn(pass.TypesInfo, fn, g.v, decl.stmt.End(), l.Stmt.Pos()) {
		return analysis.Diagnostic{}, false
	}
	capacity := scale(perIter, l.Count)
	if n := perIterConst(g); l.ConstKnown && n > 0 && (n > 1 || strings.ContainsAny(l.Count, "+-'")) {
		capacity = strconv.FormatInt(n*l.Const, 10) // 20, not 2*10; 7, not 'G'-'A'+1
	}
	if !g.isMap && !countNonNegative(pass.TypesInfo, l) {
		// for i := 1; i < n; i++ runs no times when n < 1, but make and
		// slices.Grow panic on a negative capacity (a map's hint does not).
		capacity = "max(" + capacity + ", 0)"
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
	switch {
	case errorsToJoin(pass, g):
		p = appendNonNil(g)
	case pure:
		p = buildFix(pass, editFiles, cand, decl, capacity, p)
	default:
		what, expr := impurity(pass, l.CountExprs)
		p.advice = fmt.Sprintf("store %s in a variable before the loop, use it in the loop, and size %s from it", expr, name)
		p.whyNot = whyNotTwice(l.CountExprs, what, expr)
	}
	cost := growthCost(pass, file, g)
	what := fmt.Sprintf("%s %s by append", name, grows)
	if g.isMap {
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

// countNonNegative reports whether the loop's count cannot be negative: a
// constant, a range over a slice, array, map or string (a len), or a count
// from 0 to a length, a capacity or an unsigned value.
func countNonNegative(info *types.Info, l *loops.Loop) bool {
	if l.ConstKnown {
		return true
	}
	nonNegative := func(e ast.Expr) bool {
		tv := info.Types[e]
		if tv.Value != nil {
			return constant.Sign(tv.Value) >= 0
		}
		if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 {
			return true
		}
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		return ok && (query.IsBuiltin(info, call.Fun, "len") || query.IsBuiltin(info, call.Fun, "cap"))
	}
	switch l.Kind {
	case loops.RangeSlice, loops.RangeArray, loops.RangeMap, loops.RangeString:
		return true
	case loops.RangeInt:
		return len(l.CountExprs) == 1 && nonNegative(l.CountExprs[0])
	case loops.Counted:
		if len(l.CountExprs) != 2 {
			return false
		}
		lo := info.Types[l.CountExprs[0]].Value
		return lo != nil && constant.Sign(lo) == 0 && nonNegative(l.CountExprs[1])
	}
	return false
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
		switch n := n.(type) {
		case *ast.FuncLit:
			if query.Mentions(pass.TypesInfo, n, g.v) {
				facts.disqualified = true
			}
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if query.Mentions(pass.TypesInfo, n, g.v) {
				facts.disqualified = true // grown or changed in an inner loop too
			}
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.FALLTHROUGH:
			case n.Tok == token.CONTINUE && n.Pos() > g.stmt.End() &&
				(n.Label == nil && !query.InsideBreakable(ancestors, n.Tok == token.BREAK) || n.Label != nil && n.Label.Name == label):
				// A continue of this loop after the growth cannot skip it.
			case n.Tok == token.GOTO || n.Label != nil || !query.InsideBreakable(ancestors, n.Tok == token.BREAK):
				facts.jumps = true
			}
		case *ast.ReturnStmt:
			facts.jumps = true
		case *ast.AssignStmt:
			if n != g.stmt {
				for _, lhs := range n.Lhs {
					if query.Mentions(pass.TypesInfo, lhs, g.v) {
						if _, isIndex := ast.Unparen(lhs).(*ast.IndexExpr); !isIndex || g.isMap {
							facts.disqualified = true
						}
					}
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && query.Mentions(pass.TypesInfo, n.X, g.v) {
				facts.disqualified = true
			}
		case *ast.CallExpr:
			if query.IsBuiltin(pass.TypesInfo, n.Fun, "delete") || query.IsBuiltin(pass.TypesInfo, n.Fun, "clear") {
				if len(n.Args) > 0 && query.Mentions(pass.TypesInfo, n.Args[0], g.v) {
					facts.disqualified = true
				}
			}
		}
		return true
	})
	return facts
}

// perIteration returns how many elements one growth adds, as Go source
// ("1", "2", "len(x)"), and whether that source is pure (no calls), or ""
// when it is not known before the loop.
func perIteration(pass *analysis.Pass, l *loops.Loop, g *growth) (string, bool) {
	pure := true
	for _, e := range l.CountExprs {
		pure = pure && exprs.Pure(pass.TypesInfo, e)
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
	if !exprs.Pure(pass.TypesInfo, x) || exprs.ChangedIn(pass.TypesInfo, l.Stmt, x) {
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
	return exprs.SameValue(pass.TypesInfo, fn, countExprs, decl.stmt, loop.Node())
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
