package unbufio

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports small unbuffered reads and writes repeated in loops,
// with the default report policy.
var Analyzer = New(report.Default)

// New returns an unbufio analyzer that reports through rep, the suite's
// report analyzer, with its own flags.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	opts := new(options)
	a := &analysis.Analyzer{
		Name:     "unbufio",
		Doc:      analyzerdoc.Extract(docSource, "unbufio"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/unbufio",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      func(pass *analysis.Pass) (any, error) { return run(pass, opts) },
	}
	a.Flags.BoolVar(&opts.stdout, "stdout", false,
		"also report fmt.Print* and writes to os.Stdout in loops (console output: debug traces and listings in the corpus)")
	return a
}

// options are the analyzer's flags; each instance has its own.
type options struct {
	stdout bool
}

// An op is one call that reads from or writes to an unbuffered file or
// connection.
type op struct {
	cursor inspector.Cursor
	call   *ast.CallExpr
	// dest is the file or connection written to or read from; nil for
	// fmt.Print* and fmt.Scan*, which use os.Stdout and os.Stdin.
	dest  ast.Expr
	read  bool
	what  string
	inner *loops.Loop // the innermost loop that repeats the call // the call as the message names it: "fmt.Fprintf(f, ...)"
}

// A finding groups the writes (or reads) of one destination across one loop.
type finding struct {
	loop *loops.Loop
	key  string
	ops  []*op
}

func run(pass *analysis.Pass, opts *options) (any, error) {
	if !importsIO(pass.Pkg) {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)

	type key struct {
		loop *loops.Loop
		dest string
		obj  types.Object // dest's variable: two of one name are two destinations
		read bool
	}
	var order []*finding
	byKey := make(map[key]*finding)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			o := classify(pass, c, true)
			if o == nil {
				continue
			}
			loop := targetLoop(pass, loopInfo, c, o)
			if loop == nil {
				continue
			}
			k := key{loop, destKey(o), nil, o.read}
			if o.dest != nil && !isPkgVar(pass, o.dest, "os", "Stdout") && !isPkgVar(pass, o.dest, "os", "Stdin") {
				k.obj = exprs.Root(pass.TypesInfo, o.dest)
			}
			if k.dest == "os.Stdout" && !opts.stdout {
				continue
			}
			f := byKey[k]
			if f == nil {
				f = &finding{loop: loop, key: k.dest}
				byKey[k] = f
				order = append(order, f)
			}
			f.ops = append(f.ops, o)
		}
	}
	editFiles := newFixer(pass)
	for _, f := range order {
		if why := paced(pass, f); why != "" {
			continue
		}
		rep.Report(diagnose(pass, editFiles, f))
	}
	return nil, nil
}

// importsIO reports whether pkg imports a package through which it can
// name a file or connection: without one it has nothing to report.
func importsIO(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		switch imp.Path() {
		case "os", "net", "fmt", "io", "crypto/tls":
			return true
		}
	}
	return false
}

// classify recognises the calls unbufio reports: small writes (fmt.Fprint*,
// io.WriteString, Write of a converted string or literal, WriteString) to
// a file or connection, fmt.Print*, and reads of a byte or a formatted
// token at a time (fmt.Fscan*, fmt.Scan*, Read into a one-byte buffer).
// With small false, any write to a file or connection counts (the fix must
// rewrite them all).
func classify(pass *analysis.Pass, c inspector.Cursor, small bool) *op {
	call := c.Node().(*ast.CallExpr)
	switch c.Parent().Node().(type) {
	case *ast.DeferStmt, *ast.GoStmt:
		return nil // runs at the function's end, or in a goroutine of its own
	}
	fn := callee(pass, call)
	if fn == nil {
		return nil
	}
	o := &op{cursor: c, call: call}
	sig := fn.Signature()
	if sig.Recv() == nil {
		if fn.Pkg() == nil {
			return nil
		}
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "fmt.Print", "fmt.Printf", "fmt.Println":
			o.what = "fmt." + fn.Name()
			return o
		case "fmt.Scan", "fmt.Scanf", "fmt.Scanln":
			o.what, o.read = "fmt."+fn.Name(), true
			return o
		case "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "io.WriteString":
			o.what = fn.Pkg().Name() + "." + fn.Name()
		case "fmt.Fscan", "fmt.Fscanf", "fmt.Fscanln":
			o.what, o.read = "fmt."+fn.Name(), true
		case "io.ReadFull":
			if len(call.Args) != 2 || !oneByte(pass, call.Args[1]) && !oneByteIdent(pass, c, call.Args[1]) {
				return nil
			}
			o.what, o.read = "io.ReadFull", true
		default:
			return nil
		}
		if len(call.Args) == 0 || !unbuffered(pass, call.Args[0]) {
			return nil
		}
		o.dest = call.Args[0]
		return o
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || pass.TypesInfo.Selections[sel] == nil || !unbuffered(pass, sel.X) || len(call.Args) != 1 {
		return nil
	}
	switch fn.Name() {
	case "Write":
		if small && !smallBytes(pass, call.Args[0]) {
			return nil
		}
	case "WriteString":
	case "Read":
		if !oneByte(pass, call.Args[0]) && !oneByteIdent(pass, c, call.Args[0]) {
			return nil
		}
		o.read = true
	default:
		return nil
	}
	o.dest, o.what = sel.X, fn.Name()
	return o
}

// callee returns the function or method a call calls statically, or nil.
func callee(pass *analysis.Pass, call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return nil
	}
	fn, _ := pass.TypesInfo.Uses[id].(*types.Func)
	return fn
}

// unbuffered reports whether e is a file or a stream connection, every
// read or write of which is a system call: *os.File (but not os.Stderr,
// unbuffered on purpose so diagnostics come out in order and survive a
// crash), net.Conn, *net.TCPConn, *net.UnixConn and *tls.Conn (a record
// and a system call per write).
func unbuffered(pass *analysis.Pass, e ast.Expr) bool {
	if isPkgVar(pass, e, "os", "Stderr") {
		return false
	}
	t := pass.TypesInfo.TypeOf(e)
	if t == nil {
		return false
	}
	ptr := false
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	switch n.Obj().Pkg().Path() + "." + n.Obj().Name() {
	case "os.File", "net.TCPConn", "net.UnixConn", "crypto/tls.Conn":
		return ptr
	case "net.Conn":
		return !ptr
	}
	return false
}

// isPkgVar reports whether e names the package variable pkg.name.
func isPkgVar(pass *analysis.Pass, e ast.Expr, pkg, name string) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Var)
	return ok && v.Pkg() != nil && v.Pkg().Path() == pkg && v.Name() == name && v.Parent() == v.Pkg().Scope()
}

// smallBytes reports whether a []byte written is evidently a small piece:
// a converted string, a literal, or the result of an append, fmt.Append*
// or strconv.Append* building one line. A Write of a buffer filled
// elsewhere (a chunk from Read, an encoded block) is not.
func smallBytes(pass *analysis.Pass, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.CallExpr:
		if tv, ok := pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return isString(pass.TypesInfo.TypeOf(e.Args[0]))
		}
		fn := callee(pass, e)
		if fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == "fmt" || fn.Pkg().Path() == "strconv") && strings.HasPrefix(fn.Name(), "Append") {
			return true
		}
	}
	return false
}

func isString(t types.Type) bool {
	b, ok := types.Unalias(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// oneByte reports whether e is a buffer of one byte: make([]byte, 1),
// b[:1], b[i:i+1] or the slice of a [1]byte array.
func oneByte(pass *analysis.Pass, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && id.Name == "make" && len(e.Args) >= 2 {
			return isOne(pass, e.Args[1]) && len(e.Args) == 2
		}
	case *ast.SliceExpr:
		if t := pass.TypesInfo.TypeOf(e.X); t == nil {
			return false
		} else if arr, ok := t.Underlying().(*types.Array); ok && arr.Len() == 1 && e.Low == nil && e.High == nil {
			return true
		}
		if e.High != nil && e.Low == nil && isOne(pass, e.High) {
			return true
		}
		if e.High != nil && e.Low != nil {
			if b, ok := ast.Unparen(e.High).(*ast.BinaryExpr); ok && b.Op == token.ADD && types.ExprString(b.X) == types.ExprString(e.Low) && isOne(pass, b.Y) {
				return true
			}
		}
	}
	return false
}

// oneByteVar reports whether v, a local of fn, is only ever assigned a
// one-byte buffer: buf := make([]byte, 1) before a loop of Reads.
func oneByteVar(pass *analysis.Pass, fn ast.Node, v *types.Var) bool {
	if fn == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return false
	}
	assigned, ok := 0, true
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				id, isID := ast.Unparen(lhs).(*ast.Ident)
				if !isID || pass.TypesInfo.ObjectOf(id) != v {
					continue
				}
				assigned++
				ok = ok && len(n.Lhs) == len(n.Rhs) && oneByte(pass, n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if pass.TypesInfo.Defs[id] == v {
					assigned++
					ok = ok && len(n.Values) == len(n.Names) && oneByte(pass, n.Values[i])
				}
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && query.Mentions(pass.TypesInfo, n.X, v) {
				ok = false
			}
		}
		return ok
	})
	return ok && assigned == 1
}

// oneByteIdent reports whether e names a local of c's function that only
// ever holds a one-byte buffer.
func oneByteIdent(pass *analysis.Pass, c inspector.Cursor, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	return ok && oneByteVar(pass, query.EnclosingFunc(c), v)
}

func isOne(pass *analysis.Pass, e ast.Expr) bool {
	tv, ok := pass.TypesInfo.Types[e]
	return ok && tv.Value != nil && tv.Value.String() == "1"
}

// targetLoop returns the loop across whose iterations the op repeats in
// its own function: the outermost hot loop of the chain that shares the
// op's function and does not declare the destination. nil when the op is
// not repeated, only cold loops repeat it, or it runs in a function
// literal started by the loop (a goroutine or callback per iteration).
func targetLoop(pass *analysis.Pass, info *loops.Info, c inspector.Cursor, o *op) *loops.Loop {
	fn := query.EnclosingFunc(c)
	inner := info.Repeating(c)
	if inner == nil || inner.Func != fn || !hot.HotChain(inner) {
		return nil
	}
	var destObj types.Object
	if id, ok := ast.Unparen(o.dest).(*ast.Ident); ok && o.dest != nil {
		destObj = pass.TypesInfo.ObjectOf(id)
	}
	o.inner = inner
	var target *loops.Loop
	for l := inner; l != nil && l.Func == fn; l = l.Parent {
		if destObj != nil && l.Stmt.Pos() <= destObj.Pos() && destObj.Pos() < l.Stmt.End() {
			break // a file opened per iteration: its writes repeat only across this loop
		}
		target = l
	}
	if target == nil || !hot.HotChain(target) {
		return nil
	}
	return target
}

// destKey names the destination of o: the source of its expression, with
// fmt.Print* as os.Stdout and fmt.Scan* as os.Stdin.
func destKey(o *op) string {
	if o.dest == nil {
		if o.read {
			return "os.Stdin"
		}
		return "os.Stdout"
	}
	return types.ExprString(o.dest)
}
