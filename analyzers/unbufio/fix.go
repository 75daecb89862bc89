package unbufio

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// paced says why the ops of f must each go out (or come in) at once, or ""
// when nothing does. A loop that waits between iterations (a receive, a
// select, a sleep, a range over a channel) hands each piece on as it
// arrives, and a loop that writes a prompt or a request and then reads an
// answer needs the write flushed before the read: buffering would stall
// the output or deadlock the exchange.
func paced(pass *analysis.Pass, f *finding) string {
	for l := f.loop; l != nil && l.Func == f.loop.Func; l = l.Parent {
		if l.Kind == loops.RangeChan {
			return "a range over a channel"
		}
	}
	for _, o := range f.ops {
		for l := o.inner; l != nil && l != f.loop; l = l.Parent {
			if l.Kind == loops.RangeChan {
				return "a range over a channel"
			}
		}
	}
	why := ""
	conversation := !f.ops[0].read && (f.key == "os.Stdout" || isConn(pass, f.ops[0].dest))
	ast.Inspect(f.loop.Body(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				why = "a channel receive"
			}
		case *ast.SelectStmt:
			why = "a select"
		case *ast.CallExpr:
			fn := callee(pass, n)
			if fn == nil {
				break
			}
			if fn.Pkg() != nil && fn.Pkg().Path() == "time" && fn.Name() == "Sleep" {
				why = "a sleep"
			}
			if conversation && readsInput(fn) {
				why = "a read of input"
			}
		}
		return why == ""
	})
	return why
}

// isConn reports whether e is a network connection (not a file).
func isConn(pass *analysis.Pass, e ast.Expr) bool {
	if e == nil {
		return false
	}
	s := types.TypeString(pass.TypesInfo.TypeOf(e), nil)
	return strings.HasPrefix(s, "net.") || strings.HasPrefix(s, "*net.") || s == "*crypto/tls.Conn"
}

// readsInput reports whether fn reads from a stream: fmt's scanners and
// the Read* and Scan methods of readers and scanners.
func readsInput(fn *types.Func) bool {
	if fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && strings.Contains(fn.Name(), "Scan") {
		return true
	}
	if fn.Signature().Recv() == nil {
		return fn.Pkg() != nil && fn.Pkg().Path() == "io" && strings.HasPrefix(fn.Name(), "Read")
	}
	return strings.HasPrefix(fn.Name(), "Read") || fn.Name() == "Scan"
}

// diagnose builds the finding's diagnostic, with the bufio.Writer fix when
// it is safe.
func diagnose(pass *analysis.Pass, fx *fixer, f *finding) analysis.Diagnostic {
	first := f.ops[0]
	d := analysis.Diagnostic{Pos: first.call.Pos(), End: first.call.End()}
	for _, o := range f.ops[1:] {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: o.call.Pos(), End: o.call.End(), Message: "another " + o.what + " to " + f.key})
	}
	if first.read {
		d.Message = fmt.Sprintf("%s from %s in a loop reads it one byte per system call; "+
			"read through a bufio.Reader or bufio.Scanner made before the loop; "+
			"no automatic fix: a buffered reader reads ahead, so other reads of %[2]s would miss what it holds",
			first.what, f.key)
		return d
	}
	what := first.what + " to " + f.key + " in a loop makes a write system call"
	if len(f.ops) > 1 {
		what = fmt.Sprintf("%d writes (%s, ...) to %s in a loop make a write system call each", len(f.ops), first.what, f.key)
	}
	d.Message = fmt.Sprintf("%s on every iteration; wrap %s in a bufio.Writer before the loop and Flush it after", what, f.key)
	fix, whyNot := fx.bufferFix(f)
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	} else {
		d.Message += "; no automatic fix: " + whyNot
	}
	return d
}

// A fixer builds the bufio.Writer rewrites of one pass.
type fixer struct {
	pass  *analysis.Pass
	files *fixes.Files
}

func newFixer(pass *analysis.Pass) *fixer { return &fixer{pass, fixes.NewFiles(pass)} }

// bufferFix wraps a local file or connection in a bufio.Writer before the
// loop, sends every write of the loop through it, and flushes it after the
// loop, returning the Flush error. It returns the reason when that could
// change what the function does.
func (fx *fixer) bufferFix(f *finding) (*analysis.SuggestedFix, string) {
	pass := fx.pass
	first := f.ops[0]
	if f.key == "os.Stdout" {
		return nil, "other code may write to os.Stdout meanwhile (prints in called code, a logger on stdout), and buffering would reorder that output"
	}
	id, ok := ast.Unparen(first.dest).(*ast.Ident)
	v, isVar := pass.TypesInfo.Uses[id].(*types.Var)
	fn := f.loop.Func
	if !ok || !isVar || v.Pos() < fn.Pos() || v.Pos() >= fn.End() {
		return nil, f.key + " is not a local variable, so other code may write to it meanwhile"
	}
	results, why := flushReturn(pass, fn)
	if why != "" {
		return nil, why
	}
	fnCursor, ok := query.Ancestor(first.cursor, fn)
	if !ok {
		return nil, "internal: function not found"
	}
	rewrite, why := fx.uses(fnCursor, f.loop, v)
	if why != "" {
		return nil, why
	}
	loopCursor, ok := query.Ancestor(first.cursor, f.loop.Stmt)
	if !ok {
		return nil, "internal: loop not found"
	}
	loopStmt := ast.Node(f.loop.Stmt)
	label := ""
	if ls, ok := loopCursor.Parent().Node().(*ast.LabeledStmt); ok {
		loopStmt, label, loopCursor = ls, ls.Label.Name, loopCursor.Parent()
	}
	if !query.InStatementList(loopCursor) {
		return nil, "the loop is not in a statement list"
	}
	if why := fx.exits(f.loop, label, rewrite); why != "" {
		return nil, why
	}
	ef, err := fx.files.For(f.loop.Stmt.Pos())
	if err != nil {
		return nil, "the file cannot be read: " + err.Error()
	}
	bufioName, edits, ok := ef.Import("bufio", loopStmt.Pos())
	if !ok {
		return nil, `the name "bufio" is taken here`
	}
	bw := ef.FreshName(loopStmt.Pos(), v.Name()+"Buf", "bw")
	// At the loop's indentation, not a label's (gofmt outdents labels):
	// the new lines go before the label's line and after the loop.
	indent := ef.Indent(f.loop.Stmt.Pos())
	lineStart := loopStmt.Pos() - token.Pos(len(ef.Indent(loopStmt.Pos())))
	edits = append(edits, analysis.TextEdit{Pos: lineStart, End: lineStart,
		NewText: fmt.Appendf(nil, "%s%s := %s.NewWriter(%s)\n", indent, bw, bufioName, v.Name())})
	for _, dest := range rewrite {
		edits = append(edits, fixes.Replace(dest, bw))
	}
	flush := fmt.Sprintf("\n%[1]sif err := %[2]s.Flush(); err != nil {\n%[1]s\treturn %[3]s\n%[1]s}",
		indent, bw, strings.Join(append(results, "err"), ", "))
	edits = append(edits, analysis.TextEdit{Pos: loopStmt.End(), End: loopStmt.End(), NewText: []byte(flush)})
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Write to %s through a bufio.Writer and flush it after the loop", v.Name()),
		TextEdits: edits,
	}, ""
}

// flushReturn returns the zero values that precede the error in a return
// of fn, or why a failed Flush could not be returned: fn returns no error,
// or a result has no literal zero value.
func flushReturn(pass *analysis.Pass, fn ast.Node) ([]string, string) {
	var sig *types.Signature
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj, ok := pass.TypesInfo.Defs[fn.Name].(*types.Func); ok {
			sig = obj.Signature()
		}
	case *ast.FuncLit:
		sig, _ = pass.TypesInfo.TypeOf(fn).(*types.Signature)
	}
	if sig == nil || sig.Results().Len() == 0 || !types.Identical(sig.Results().At(sig.Results().Len()-1).Type(), types.Universe.Lookup("error").Type()) {
		return nil, "the function returns no error, so a failed Flush could not be reported"
	}
	var zeros []string
	for i := range sig.Results().Len() - 1 {
		t := sig.Results().At(i).Type()
		switch u := t.Underlying().(type) {
		case *types.Basic:
			switch {
			case u.Info()&types.IsNumeric != 0:
				zeros = append(zeros, "0")
			case u.Info()&types.IsString != 0:
				zeros = append(zeros, `""`)
			case u.Info()&types.IsBoolean != 0:
				zeros = append(zeros, "false")
			case u.Kind() == types.UnsafePointer:
				zeros = append(zeros, "nil")
			default:
				return nil, "a result has no literal zero value"
			}
		case *types.Pointer, *types.Slice, *types.Map, *types.Chan, *types.Signature, *types.Interface:
			if _, isParam := t.(*types.TypeParam); isParam {
				return nil, "a result has a type parameter's type"
			}
			zeros = append(zeros, "nil")
		default:
			return nil, fmt.Sprintf("result %d has no literal zero value", i+1)
		}
	}
	return zeros, ""
}

// uses checks every mention of v in the function at fnCursor and returns
// the identifiers of the loop's writes, to be replaced by the buffered
// writer, or why the rewrite is unsafe: v is used in the loop other than
// to write, or it is shared with code whose writes would interleave.
func (fx *fixer) uses(fnCursor inspector.Cursor, loop *loops.Loop, v *types.Var) ([]*ast.Ident, string) {
	pass := fx.pass
	body := loop.Body()
	var rewrite []*ast.Ident
	opened := !isParam(fnCursor.Node(), v)
	for c := range fnCursor.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if pass.TypesInfo.ObjectOf(id) != v {
			continue
		}
		line := pass.Fset.Position(id.Pos()).Line
		inLoop := body.Pos() <= id.Pos() && id.Pos() < body.End()
		inClosure := query.EnclosingFunc(c) != fnCursor.Node()
		parent := c.Parent()
		switch p := parent.Node().(type) {
		case *ast.CallExpr:
			if o := classify(pass, parent, false); o != nil && !o.read && o.dest == id && !inClosure {
				if inLoop {
					rewrite = append(rewrite, id)
				}
				continue
			}
		case *ast.SelectorExpr:
			call, isCall := parent.Parent().Node().(*ast.CallExpr)
			if !isCall || call.Fun != p {
				break
			}
			if inLoop {
				if o := classify(pass, parent.Parent(), false); o != nil && !o.read && !inClosure {
					rewrite = append(rewrite, id)
					continue
				}
				return nil, fmt.Sprintf("%s is used in the loop other than to write to it (line %d)", v.Name(), line)
			}
			if !inClosure || deferred(c, fnCursor.Node()) {
				continue // a method call outside the loop: Close, Sync, a header written before
			}
		case *ast.AssignStmt:
			if i := slices.Index(p.Lhs, ast.Expr(id)); i >= 0 && !inLoop && !inClosure {
				opened = opened && len(p.Rhs) == 1 && opens(pass, p.Rhs[0])
				continue
			}
		case *ast.BinaryExpr:
			if p.Op == token.EQL || p.Op == token.NEQ {
				continue
			}
		case *ast.Field:
			continue // the parameter itself
		case *ast.ValueSpec:
			if !inLoop && len(p.Values) == 0 {
				continue
			}
		}
		if inLoop {
			return nil, fmt.Sprintf("%s is used in the loop other than to write to it (line %d)", v.Name(), line)
		}
		return nil, fmt.Sprintf("%s is shared at line %d, and writes through it there would interleave with the buffered ones", v.Name(), line)
	}
	if !opened {
		if call := callsOut(pass, body, rewrite); call != nil {
			return nil, fmt.Sprintf("%s comes from the caller or another variable, and code called in the loop (line %d) may write to the same file", v.Name(), pass.Fset.Position(call.Pos()).Line)
		}
	}
	return rewrite, ""
}

// isParam reports whether v is a parameter or named result of fn.
func isParam(fn ast.Node, v *types.Var) bool {
	ft, _ := query.FuncParts(fn)
	return ft != nil && query.Within(ft, v.Pos())
}

// deferred reports whether the identifier at c is in a function literal
// deferred by fn itself: defer func() { f.Close() }().
func deferred(c inspector.Cursor, fn ast.Node) bool {
	for p := c.Parent(); p.Node() != fn; p = p.Parent() {
		if lit, ok := p.Node().(*ast.FuncLit); ok {
			call, ok := p.Parent().Node().(*ast.CallExpr)
			if !ok || call.Fun != lit {
				return false
			}
			_, ok = p.Parent().Parent().Node().(*ast.DeferStmt)
			return ok && query.EnclosingFunc(p.Parent()) == fn
		}
	}
	return false
}

// opens reports whether e opens a file or connection of its own: nothing
// else holds what it returns.
func opens(pass *analysis.Pass, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := callee(pass, call)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() + "." + fn.Name() {
	case "os.Create", "os.OpenFile", "os.CreateTemp", "net.Dial", "net.DialTimeout", "net.DialTCP", "net.DialUnix", "crypto/tls.Dial", "crypto/tls.DialWithDialer":
		return true
	case "net.DialContext":
		return fn.Signature().Recv() != nil // (*net.Dialer).DialContext
	}
	return false
}

// callsOut returns a call in body, other than the writes being rewritten,
// that may write to a file: anything but builtins, conversions and the
// pure parts of std (strings, strconv, bytes, unicode, math, sort, slices,
// maps, errors, fmt's Sprint*, Append* and Errorf).
func callsOut(pass *analysis.Pass, body *ast.BlockStmt, rewrite []*ast.Ident) *ast.CallExpr {
	var out *ast.CallExpr
	ast.Inspect(body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || out != nil {
			return out == nil
		}
		if tv, ok := pass.TypesInfo.Types[call.Fun]; ok && tv.IsType() {
			return true
		}
		if _, ok := pass.TypesInfo.Uses[identOf(call.Fun)].(*types.Builtin); ok {
			return true
		}
		if isRewritten(call, rewrite) {
			return true
		}
		fn := callee(pass, call)
		if fn == nil || fn.Pkg() == nil || !quietPackage(fn) {
			out = call
		}
		return out == nil
	})
	return out
}

func identOf(e ast.Expr) *ast.Ident {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e
	case *ast.SelectorExpr:
		return e.Sel
	}
	return nil
}

func isRewritten(call *ast.CallExpr, rewrite []*ast.Ident) bool {
	for _, id := range rewrite {
		if call.Pos() <= id.Pos() && id.End() <= call.End() {
			if len(call.Args) > 0 && call.Args[0] == ast.Expr(id) {
				return true
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.X == ast.Expr(id) {
				return true
			}
		}
	}
	return false
}

func quietPackage(fn *types.Func) bool {
	switch fn.Pkg().Path() {
	case "strings", "strconv", "bytes", "unicode", "unicode/utf8", "unicode/utf16", "math", "math/bits", "sort", "slices", "maps", "errors", "cmp":
		return true
	case "fmt":
		return strings.HasPrefix(fn.Name(), "Sprint") || strings.HasPrefix(fn.Name(), "Append") || fn.Name() == "Errorf"
	case "time":
		return fn.Name() != "Sleep"
	}
	return false
}
