package falseshare

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports memory that goroutines write in hot loops next to one
// another's, with the default report policy.
var Analyzer = New(report.Default)

// CacheLine is the cache line size the check assumes, in bytes (amd64 and
// arm64; some CPUs fetch lines in pairs, 128 bytes).
const CacheLine = 64

// New returns a falseshare analyzer that reports through rep, the
// suite's report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "falseshare",
		Doc:      analyzerdoc.Extract(docSource, "falseshare"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/falseshare",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// A write is a store, in a loop of a goroutine's function literal, to
// memory the literal shares with others.
type write struct {
	cursor inspector.Cursor
	target ast.Expr // counts[i], counts[i].n, s.hits
	lit    *ast.FuncLit
}

// A checker holds one pass's state.
type checker struct {
	pass  *analysis.Pass
	rep   *report.Reporter
	loops *loops.Info
	// fields are the field writes seen so far, per root variable, for
	// the rule on two fields.
	fields map[types.Object][]write
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.For(pass)
	if !rep.ListsHotOnly() {
		return nil, nil // every finding is hot-only: nothing could be kept
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ch := &checker{pass: pass, rep: rep, loops: pass.ResultOf[loops.Analyzer].(*loops.Info)}
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.FuncLit)(nil)) {
			if started(pass.TypesInfo, c) {
				ch.goroutine(c)
			}
		}
	}
	return nil, nil
}

// started reports whether the function literal at c runs as a goroutine
// of its own: go func() {...}(), or passed to errgroup's or a WaitGroup's
// Go.
func started(info *types.Info, c inspector.Cursor) bool {
	call, ok := c.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	if ast.Unparen(call.Fun) == c.Node() {
		_, ok := c.Parent().Parent().Node().(*ast.GoStmt)
		return ok
	}
	return query.IsCallTo(info, call, "(*golang.org/x/sync/errgroup.Group).Go") || query.IsCallTo(info, call, "(*sync.WaitGroup).Go")
}

// goroutine checks the writes in the loops of the goroutine's literal at c.
func (ch *checker) goroutine(c inspector.Cursor) {
	lit := c.Node().(*ast.FuncLit)
	spawner := ch.loops.Repeating(c) // the loop that starts one goroutine per iteration, if any
	if ch.fields == nil {
		ch.fields = make(map[types.Object][]write)
	}
	for wc := range c.Preorder((*ast.IncDecStmt)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
		if fn := query.EnclosingFunc(wc); fn != lit {
			continue // a nested literal: a goroutine of its own, or code run elsewhere
		}
		l := ch.loops.Innermost(wc)
		if l == nil || l.Func != lit || !hot.HotChain(l) {
			continue
		}
		for _, t := range ch.targets(wc.Node()) {
			w := write{cursor: wc, target: t, lit: lit}
			if ix, ok := indexed(t); ok {
				if spawner != nil && ch.perGoroutine(ix.Index, lit, spawner) {
					ch.element(w, ix)
				}
				continue
			}
			ch.field(w)
		}
	}
}

// targets returns what n stores to: an increment's operand, an
// assignment's left sides, an atomic function's pointer operand
// (atomic.AddInt64(&x, 1)) or an atomic type's receiver (x.Add(1)).
func (ch *checker) targets(n ast.Node) []ast.Expr {
	info := ch.pass.TypesInfo
	switch n := n.(type) {
	case *ast.IncDecStmt:
		return []ast.Expr{n.X}
	case *ast.AssignStmt:
		if n.Tok == token.DEFINE {
			return nil
		}
		return n.Lhs
	case *ast.CallExpr:
		fn, ok := typeutil.Callee(info, n).(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "sync/atomic" {
			return nil
		}
		if fn.Signature().Recv() != nil {
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && fn.Name() != "Load" {
				return []ast.Expr{sel.X}
			}
			return nil
		}
		if len(n.Args) > 0 {
			if u, ok := ast.Unparen(n.Args[0]).(*ast.UnaryExpr); ok && u.Op == token.AND && !isLoad(fn.Name()) {
				return []ast.Expr{u.X}
			}
		}
	}
	return nil
}

func isLoad(name string) bool { return len(name) >= 4 && name[:4] == "Load" }

// indexed returns the index expression a target writes through: xs[i]
// itself, or xs[i].f.
func indexed(t ast.Expr) (*ast.IndexExpr, bool) {
	for {
		switch x := ast.Unparen(t).(type) {
		case *ast.IndexExpr:
			return x, true
		case *ast.SelectorExpr:
			t = x.X
		default:
			return nil, false
		}
	}
}

// perGoroutine reports whether index names a different element in each
// goroutine the spawner loop starts and the same one throughout the
// goroutine: a parameter of the literal, or a variable of the spawning
// loop's iteration, that the literal does not change.
func (ch *checker) perGoroutine(index ast.Expr, lit *ast.FuncLit, spawner *loops.Loop) bool {
	info := ch.pass.TypesInfo
	id, ok := ast.Unparen(index).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || exprs.ChangedIn(info, lit.Body, id) {
		return false
	}
	if query.Within(lit.Type, v.Pos()) {
		return true
	}
	return !query.Within(lit, v.Pos()) && query.Within(spawner.Stmt, v.Pos())
}

// element reports a write to xs[i] (or a field of it) where i is the
// goroutine's own index and the elements are smaller than a cache line.
func (ch *checker) element(w write, ix *ast.IndexExpr) {
	info := ch.pass.TypesInfo
	root := exprs.Root(info, ix.X)
	if root == nil || query.Within(w.lit, root.Pos()) {
		return // the goroutine's own slice
	}
	elem := info.TypeOf(ix)
	switch info.TypeOf(ix.X).Underlying().(type) {
	case *types.Slice, *types.Array, *types.Pointer:
	default:
		return // a map's entries are not laid out side by side
	}
	size := ch.pass.TypesSizes.Sizeof(elem)
	if size <= 0 || size >= CacheLine {
		return
	}
	xs := types.ExprString(ix.X)
	ch.rep.ReportIfHot(analysis.Diagnostic{
		Pos: w.target.Pos(), End: w.target.End(),
		Message: fmt.Sprintf("each goroutine writes its own element of %s in a loop, but the elements are %d bytes, %d to a %d-byte cache line: "+
			"every write takes the line from the cores running the neighbouring goroutines (false sharing) whenever they run at once on different cores; "+
			"accumulate in a local variable and store it once after the loop, or pad each element to a cache line (a struct with a [%d]byte field); "+
			"no automatic fix: padding changes the element type, and a local changes when others see the value",
			xs, size, CacheLine/size, CacheLine, CacheLine-size),
	}, nil)
}

// field records a write to a field of a variable the goroutine shares, and
// reports it when another goroutine's loop writes another field of the
// same variable within a cache line of it.
func (ch *checker) field(w write) {
	info := ch.pass.TypesInfo
	sel, ok := ast.Unparen(w.target).(*ast.SelectorExpr)
	if !ok {
		return
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal || len(selection.Index()) != 1 {
		return
	}
	root := exprs.Root(info, sel.X)
	if root == nil || query.Within(w.lit, root.Pos()) {
		return
	}
	for _, other := range ch.fields[root] {
		osel := ast.Unparen(other.target).(*ast.SelectorExpr)
		if other.lit == w.lit || osel.Sel.Name == sel.Sel.Name || !exprs.Same(osel.X, sel.X) {
			continue
		}
		st, ok := query.Unpointer(info.TypeOf(sel.X)).Underlying().(*types.Struct)
		if !ok {
			return
		}
		a, b := fieldOffset(ch.pass, st, osel.Sel.Name), fieldOffset(ch.pass, st, sel.Sel.Name)
		if a < 0 || b < 0 || abs(a-b) >= CacheLine {
			continue
		}
		pos := ch.pass.Fset.Position(other.target.Pos())
		ch.rep.ReportIfHot(analysis.Diagnostic{
			Pos: w.target.Pos(), End: w.target.End(),
			Message: fmt.Sprintf("this goroutine writes %s in a loop while another writes %s (line %d), %d bytes away in the same struct: the two share a %d-byte cache line, so each write takes it from the other's core (false sharing); "+
				"pad between the fields (a [%d]byte field), or accumulate in locals and store once after the loops; "+
				"no automatic fix: padding changes the struct's layout and size",
				types.ExprString(sel), types.ExprString(osel), pos.Line, abs(a-b), CacheLine, CacheLine),
		}, nil)
		break
	}
	ch.fields[root] = append(ch.fields[root], w)
}

// fieldOffset returns the offset of st's field name, or -1.
func fieldOffset(pass *analysis.Pass, st *types.Struct, name string) int64 {
	fields := make([]*types.Var, st.NumFields())
	for i := range fields {
		fields[i] = st.Field(i)
	}
	offsets := pass.TypesSizes.Offsetsof(fields)
	for i, f := range fields {
		if f.Name() == name {
			return offsets[i]
		}
	}
	return -1
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}
