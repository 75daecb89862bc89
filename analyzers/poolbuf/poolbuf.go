package poolbuf

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/bufflow"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports scratch buffers allocated over and over, with the
// default report policy.
var Analyzer = New(report.Default)

// New returns a poolbuf analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "poolbuf",
		Doc:      analyzerdoc.Extract(docSource, "poolbuf"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/poolbuf",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// MinBytes is the smallest constant make([]byte, n) that poolbuf reports:
// below it the allocation costs less than the code that reuses it.
const MinBytes = 512

// maxStackBytes is the largest constant-size make that the compiler keeps on
// the stack when it does not escape (ir.MaxImplicitStackVarSize).
const maxStackBytes = 64 << 10

// kind is the kind of scratch buffer an allocation makes.
type kind int

const (
	bytesBuffer kind = iota // *bytes.Buffer or bytes.Buffer
	byteSlice               // make([]byte, n)
	appendSlice             // make([]byte, 0, n)
	bufioWriter             // bufio.NewWriter(w)
	bufioReader             // bufio.NewReader(r)
)

// A scratch is a declaration of a buffer variable.
type scratch struct {
	stmt  ast.Stmt
	v     *types.Var
	alloc ast.Expr // the allocating expression; nil for var b bytes.Buffer
	kind  kind
	size  ast.Expr // make's length or capacity
	// constSize is the constant size (-1: not constant).
	constSize int64
	// sizedWrap marks bytes.NewBuffer(make([]byte, 0, n)) with n not
	// constant: sized to each call, like a make([]byte, n) (checkCall).
	sizedWrap bool
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	tracer := bufflow.New(pass)
	editFiles := fixes.NewFiles(pass)
	taken := make(hoisted)
	for fileCursor := range in.Root().Children() {
		file := fileCursor.Node().(*ast.File)
		if rep.Skips(file) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.AssignStmt)(nil), (*ast.DeclStmt)(nil)) {
			sc, ok := declared(pass, c.Node().(ast.Stmt))
			if !ok {
				continue
			}
			fn := query.EnclosingFunc(c)
			if fn == nil {
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop != nil && loop.Func == fn && hot.HotChain(loop) && !hot.IsCold(loop) {
				if d := checkLoop(pass, tracer, editFiles, taken, c, loop, sc); d != nil {
					rep.ReportAllocAt(*d, grownAt(pass, tracer, loop.Body(), sc)...)
				}
				continue
			}
			if loop != nil {
				continue // repeated by a loop outside a function literal, or cold
			}
			if !onEveryCall(c, fn) {
				continue // conditional: an error path, a special case
			}
			if why := rep.PerCall(loopInfo, fn); why != "" {
				if d := checkCall(pass, tracer, fn, sc, why); d != nil {
					rep.ReportAllocAt(*d, grownAt(pass, tracer, fn, sc)...)
				}
			}
		}
	}
	return nil, nil
}

// grownAt is the code where the buffer of sc is allocated: its
// declaration, then every statement in region that uses it or an alias,
// counting there only the buffer's growth (a bytes.Buffer grows in the
// Write that outgrows it, wherever that is, through bytes.(*Buffer).grow:
// fmt.Fprintf(&buf, ...) grows it inside fmt; a byte slice in the append
// on the line). An allocation profile measures the finding by these,
// what pooling would save, not by the whole loop or function around it,
// nor by the other work of the lines that use the buffer (String's copy,
// the arguments Fprintf boxes), which a pooled buffer still does.
func grownAt(pass *analysis.Pass, tracer *bufflow.Tracer, region ast.Node, sc *scratch) []analysis.Range {
	at := []analysis.Range{sc.stmt}
	var use func(analysis.Range) report.Via
	switch sc.kind {
	case bytesBuffer:
		use = func(r analysis.Range) report.Via { return report.Via{Range: r, Func: "bytes.(*Buffer).grow"} }
	case byteSlice, appendSlice:
		use = report.OwnCode
	default:
		return at // a bufio buffer never grows
	}
	aliases := tracer.Trace(region, sc.v, false).Aliases
	ast.PreorderStack(region, nil, func(n ast.Node, stack []ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		if v, ok := pass.TypesInfo.Uses[id].(*types.Var); !ok || !aliases[v] {
			return true
		}
		at = append(at, use(useStmt(id, stack)))
		return true
	})
	return at
}

// useStmt is the simple statement around a use of a buffer (the whole of
// a call spread over lines, whose samples carry its first line or its
// last), or the use itself in the header of an if, for or switch.
func useStmt(id *ast.Ident, stack []ast.Node) analysis.Range {
	for i := len(stack) - 1; i >= 0; i-- {
		switch s := stack[i].(type) {
		case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.DeclStmt,
			*ast.DeferStmt, *ast.GoStmt, *ast.SendStmt, *ast.IncDecStmt:
			return s
		case ast.Stmt, *ast.FuncLit:
			return id
		}
	}
	return id
}

// onEveryCall reports whether the statement at c is one of the function's
// top-level statements, which every call that does not return early runs.
func onEveryCall(c inspector.Cursor, fn ast.Node) bool {
	body, ok := c.Parent().Node().(*ast.BlockStmt)
	if !ok {
		return false
	}
	_, fnBody := query.FuncParts(fn)
	return fnBody == body
}

// declared recognises a statement declaring one scratch buffer variable.
func declared(pass *analysis.Pass, stmt ast.Stmt) (*scratch, bool) {
	var name *ast.Ident
	var value ast.Expr
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		if s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
			return nil, false
		}
		name, _ = s.Lhs[0].(*ast.Ident)
		value = s.Rhs[0]
	case *ast.DeclStmt:
		gen, ok := s.Decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR || len(gen.Specs) != 1 {
			return nil, false
		}
		spec := gen.Specs[0].(*ast.ValueSpec)
		if len(spec.Names) != 1 || len(spec.Values) > 1 {
			return nil, false
		}
		name = spec.Names[0]
		if len(spec.Values) == 1 {
			value = spec.Values[0]
		}
	}
	if name == nil {
		return nil, false
	}
	v, ok := pass.TypesInfo.Defs[name].(*types.Var)
	if !ok {
		return nil, false
	}
	sc := &scratch{stmt: stmt, v: v, alloc: value, constSize: -1}
	if value == nil {
		if !query.IsNamedType(query.Unpointer(v.Type()), "bytes", "Buffer") {
			return nil, false
		}
		sc.kind = bytesBuffer
		return sc, true
	}
	return sc, classify(pass, sc, ast.Unparen(value))
}

func classify(pass *analysis.Pass, sc *scratch, e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.UnaryExpr: // &bytes.Buffer{}
		lit, ok := e.X.(*ast.CompositeLit)
		if e.Op != token.AND || !ok || len(lit.Elts) != 0 || !query.IsNamedType(query.Unpointer(pass.TypesInfo.TypeOf(lit)), "bytes", "Buffer") {
			return false
		}
		sc.kind = bytesBuffer
		return true
	case *ast.CompositeLit: // bytes.Buffer{}
		sc.kind = bytesBuffer
		return len(e.Elts) == 0 && query.IsNamedType(query.Unpointer(pass.TypesInfo.TypeOf(e)), "bytes", "Buffer")
	case *ast.CallExpr:
		if query.IsBuiltin(pass.TypesInfo, e.Fun, "new") {
			sc.kind = bytesBuffer
			return len(e.Args) == 1 && query.IsNamedType(query.Unpointer(pass.TypesInfo.TypeOf(e.Args[0])), "bytes", "Buffer")
		}
		if query.IsBuiltin(pass.TypesInfo, e.Fun, "make") {
			return classifyMake(pass, sc, e)
		}
		fn, _ := typeutil.Callee(pass.TypesInfo, e).(*types.Func)
		if fn == nil || fn.Pkg() == nil || fn.Signature().Recv() != nil {
			return false
		}
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "bytes.NewBuffer":
			// NewBuffer(data) wraps data to read it: no scratch buffer.
			// NewBuffer(nil) and NewBuffer(make([]byte, 0, n)) are.
			sc.kind = bytesBuffer
			arg := ast.Unparen(e.Args[0])
			if tv := pass.TypesInfo.Types[arg]; tv.IsNil() {
				return true
			}
			inner, ok := arg.(*ast.CallExpr)
			if !ok || !query.IsBuiltin(pass.TypesInfo, inner.Fun, "make") || len(inner.Args) != 3 {
				return false
			}
			// A Buffer over a slice sized to each call (len(m.Data)+4)
			// is exact and never grows: no pool for it (checkCall).
			made := &scratch{constSize: -1}
			if !classifyMake(pass, made, inner) {
				return false
			}
			sc.sizedWrap = made.constSize < 0
			return true
		case "bufio.NewWriter", "bufio.NewWriterSize":
			sc.kind = bufioWriter
			return true
		case "bufio.NewReader", "bufio.NewReaderSize":
			sc.kind = bufioReader
			return true
		}
	}
	return false
}

// classifyMake recognises make([]byte, n) and make([]byte, 0, n) with n at
// least MinBytes or not constant.
func classifyMake(pass *analysis.Pass, sc *scratch, call *ast.CallExpr) bool {
	t, ok := pass.TypesInfo.TypeOf(call).Underlying().(*types.Slice)
	if !ok || len(call.Args) < 2 {
		return false
	}
	if b, ok := t.Elem().Underlying().(*types.Basic); !ok || b.Kind() != types.Byte {
		return false
	}
	sc.kind, sc.size = byteSlice, call.Args[1]
	if len(call.Args) == 3 {
		if !query.IsZero(pass.TypesInfo, call.Args[1]) {
			return false // a length and a capacity: neither form's reset fits
		}
		sc.kind, sc.size = appendSlice, call.Args[2]
	}
	if tv := pass.TypesInfo.Types[sc.size]; tv.Value != nil {
		n, ok := constant.Int64Val(constant.ToInt(tv.Value))
		if !ok || n < MinBytes {
			return false
		}
		sc.constSize = n
	}
	return true
}

// allocates reports whether each run of the declaration allocates, given
// what the tracer learned. A constant-size slice that reaches no code the
// compiler cannot see through stays on the stack.
func (sc *scratch) allocates(flow *bufflow.Flow) bool {
	if (sc.kind == byteSlice || sc.kind == appendSlice) && sc.constSize >= 0 && sc.constSize <= maxStackBytes {
		return flow.Dynamic
	}
	return true
}

// what describes the allocation for a message.
func (sc *scratch) what(pass *analysis.Pass) string {
	name := sc.v.Name()
	switch sc.kind {
	case byteSlice, appendSlice:
		if sc.constSize >= 0 {
			return fmt.Sprintf("%s := make([]byte, …) allocates %d bytes", name, sc.constSize)
		}
		return fmt.Sprintf("%s := make([]byte, …) allocates %s bytes", name, types.ExprString(sc.size))
	case bufioWriter, bufioReader:
		return fmt.Sprintf("%s := %s allocates a 4096-byte buffer (or the size given)", name, calleeName(pass, sc.alloc))
	}
	return name + " is a new bytes.Buffer, whose storage is allocated again as it grows,"
}

func calleeName(pass *analysis.Pass, e ast.Expr) string {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok {
		if fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func); ok && fn.Pkg() != nil {
			return fn.Pkg().Name() + "." + fn.Name()
		}
	}
	return "it"
}

// reset is the statement that makes a hoisted buffer as good as new.
func (sc *scratch) reset() string {
	name := sc.v.Name()
	switch sc.kind {
	case byteSlice:
		return "clear(" + name + ")"
	case appendSlice:
		return name + " = " + name + "[:0]"
	case bufioWriter, bufioReader:
		if call, ok := ast.Unparen(sc.alloc).(*ast.CallExpr); ok && len(call.Args) > 0 {
			return name + ".Reset(" + types.ExprString(call.Args[0]) + ")"
		}
	}
	return name + ".Reset()"
}

func checkLoop(pass *analysis.Pass, tracer *bufflow.Tracer, editFiles *fixes.Files, taken hoisted, c inspector.Cursor, loop *loops.Loop, sc *scratch) *analysis.Diagnostic {
	if sc.size != nil && !loop.Invariant(pass, sc.size) {
		return checkResized(pass, tracer, loop, sc)
	}
	flow := tracer.Trace(loop.Body(), sc.v, false)
	if flow.Escape != nil || !sc.allocates(flow) {
		return nil
	}
	msg := fmt.Sprintf("%s on every iteration; declare it once before the loop and reuse it with %s here",
		sc.what(pass), sc.reset())
	fix, why := hoistFix(pass, editFiles, taken, c, loop, sc)
	if fix == nil {
		msg += "; no automatic fix: " + why
	}
	d := &analysis.Diagnostic{Pos: sc.stmt.Pos(), End: sc.stmt.End(), Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	return d
}

// checkResized reports make([]byte, n) and make([]byte, 0, n) with an n
// that changes per iteration, when the buffer does not outlive the
// iteration: one buffer grown to the largest n so far (and, for the first
// form, resliced) serves every iteration. No automatic fix: for the first
// form, make zeroes the bytes and the reused buffer does not, and whether
// the code reads any byte before writing it (io.ReadFull writes them all;
// Read may not) takes more than the syntax to tell.
func checkResized(pass *analysis.Pass, tracer *bufflow.Tracer, loop *loops.Loop, sc *scratch) *analysis.Diagnostic {
	if sc.kind != byteSlice && sc.kind != appendSlice {
		return nil
	}
	flow := tracer.Trace(loop.Body(), sc.v, false)
	if flow.Escape != nil || !sc.allocates(flow) {
		return nil
	}
	name, size := sc.v.Name(), types.ExprString(sc.size)
	if sc.kind == appendSlice {
		// make([]byte, 0, n): the length is 0, so the reused buffer needs
		// no clearing and no reslice; only the declaration must move.
		grow := size
		if t := pass.TypesInfo.TypeOf(sc.size); t != nil && !types.Identical(types.Default(t), types.Typ[types.Int]) {
			grow = "int(" + size + ")"
		}
		return &analysis.Diagnostic{
			Pos: sc.stmt.Pos(), End: sc.stmt.End(),
			Message: fmt.Sprintf("%s on every iteration, sized to each item; declare %s once before the loop and reuse it with %s = slices.Grow(%s[:0], %s) here, which allocates only when an item needs more than any before; no automatic fix: the declaration moves out of the loop",
				sc.what(pass), name, name, name, grow),
		}
	}
	// The advice is held to a fix's standard (issue #27): slices.Grow
	// takes an int, and a size with effects (rng.Int()&0xfff+1) is
	// computed once, not once per use.
	grow, reuse := size, ""
	if t := pass.TypesInfo.TypeOf(sc.size); t != nil && !types.Identical(types.Default(t), types.Typ[types.Int]) {
		grow = "int(" + size + ")"
	}
	if !exprs.Pure(pass.TypesInfo, sc.size) {
		reuse = "size := " + grow + "; "
		size, grow = "size", "size"
	}
	return &analysis.Diagnostic{
		Pos: sc.stmt.Pos(), End: sc.stmt.End(),
		Message: fmt.Sprintf("%s on every iteration, sized to each item; declare %s once before the loop and reuse it with %s%s = slices.Grow(%s[:0], %s)[:%s] here, which allocates only when an item is larger than any before; no automatic fix: make zeroes the bytes and the reused buffer does not (add clear(%s) if the code reads a byte before writing it)",
			sc.what(pass), name, reuse, name, name, grow, size, name),
	}
}

func checkCall(pass *analysis.Pass, tracer *bufflow.Tracer, fn ast.Node, sc *scratch, why string) *analysis.Diagnostic {
	if sc.size != nil && sc.constSize < 0 || sc.sizedWrap {
		// Sized to each call's input: a pool keeps the largest buffer it
		// has seen (golang/go#23199), so it is no cure for these.
		return nil
	}
	flow := tracer.Trace(fn, sc.v, false)
	if flow.Escape != nil || !sc.allocates(flow) {
		return nil
	}
	return &analysis.Diagnostic{
		Pos: sc.stmt.Pos(), End: sc.stmt.End(),
		Message: fmt.Sprintf("%s on every call, and %s; keep such buffers in a package-level sync.Pool (Get, Reset, Put after the last use); no automatic fix: where the pool lives and where each path puts the buffer back are design choices",
			sc.what(pass), why),
	}
}
