package concatloop

import (
	_ "embed"
	"fmt"
	"go/ast"
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
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports strings accumulated across loop iterations, with the
// default report policy.
var Analyzer = New(report.Default)

// New returns a concatloop analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "concatloop",
		Doc:      analyzerdoc.Extract(docSource, "concatloop"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/concatloop",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// An accumulation is one statement that rebuilds a string from itself.
type accumulation struct {
	cursor inspector.Cursor
	stmt   *ast.AssignStmt
	lhs    ast.Expr
	root   types.Object // the variable, or the root variable of a field path
	form   form
	pieces []ast.Expr // what is appended, in order (formAppend)
	call   *ast.CallExpr
}

type form int

const (
	formAppend  form = iota // s += x, s = s + x + y
	formPrepend             // s = x + s, s = x + s + y
	formSprintf             // s = fmt.Sprintf(..., s, ...)
)

// A finding groups the accumulations of one string across one loop.
type finding struct {
	target *loops.Loop // the outermost loop that keeps s alive across iterations
	accs   []*accumulation
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)

	type key struct {
		lhs    string
		root   types.Object
		target *loops.Loop
	}
	var order []*finding
	byKey := make(map[key]*finding)
	// Root's children are the files: no search for each file's cursor.
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.AssignStmt)(nil)) {
			acc := match(pass, c)
			if acc == nil {
				continue
			}
			target := targetLoop(pass, loopInfo, acc)
			if target == nil {
				continue
			}
			k := key{types.ExprString(acc.lhs), acc.root, target}
			f := byKey[k]
			if f == nil {
				f = &finding{target: target}
				byKey[k] = f
				order = append(order, f)
			}
			f.accs = append(f.accs, acc)
		}
	}
	editFiles := fixes.NewFiles(pass)
	for _, f := range order {
		d := diagnose(pass, editFiles, f)
		if unboundedInput(pass.TypesInfo, f.target) {
			d.Category = report.Bug // O(n²) in the input's size, however cold the code looks (ReportBug)
		}
		rep.ReportAllocAt(d, allocatedAt(f)...)
	}
	return nil, nil
}

// allocatedAt is where the finding's copies are allocated: the own code of
// each accumulation (the runtime's concatenation), what a strings.Builder
// saves, not the calls that make the pieces; for s = fmt.Sprintf(..., s,
// ...) the copy is made inside fmt, so the whole statement counts.
func allocatedAt(f *finding) []analysis.Range {
	at := make([]analysis.Range, len(f.accs))
	for i, acc := range f.accs {
		at[i] = report.OwnCode(acc.stmt)
		if acc.form == formSprintf {
			at[i] = acc.stmt
		}
	}
	return at
}

// unboundedInput reports whether a loop runs once per item of input whose
// size nothing bounds: a loop driven by a reader (for sc.Scan(), for rows.Next(), for { ... r.Read... } ): a Scan,
// Next or Read* method of a type that reads a stream, judged by its type
// (see readsStream), not by the method's name: a format parser's Scan over
// one string in memory is bounded by that string. Concatenation over a
// stream is quadratic in the input, a bug whatever the code's heat. A
// range over a channel is not: its sender may send a bounded number of
// values (one per element of a slice), and a bug needs a proof (issue
// #27).
func unboundedInput(info *types.Info, l *loops.Loop) bool {
	switch l.Kind {
	case loops.Conditional, loops.Infinite:
		f, ok := l.Stmt.(*ast.ForStmt)
		if !ok || f.Cond == nil {
			return false
		}
		found := false
		ast.Inspect(f.Cond, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
					switch sel.Sel.Name {
					case "Scan", "Next", "Read", "ReadLine", "ReadString", "ReadBytes", "ReadRune":
						found = readsStream(info.TypeOf(sel.X))
					}
				}
			}
			return !found
		})
		return found
	}
	return false
}

// streamPackages declare the readers of input that arrives in pieces:
// bufio.Scanner and Reader, sql.Rows, csv, json and xml decoders, network
// connections, files, textproto and multipart readers.
var streamPackages = map[string]bool{
	"bufio": true, "database/sql": true, "encoding/csv": true, "encoding/json": true,
	"encoding/xml": true, "io": true, "net": true, "os": true, "net/textproto": true,
	"mime/multipart": true,
}

// readsStream reports whether t reads a stream: a type of streamPackages,
// or one with a Read([]byte) (int, error) method (an io.Reader).
func readsStream(t types.Type) bool {
	if t == nil {
		return false
	}
	if n, ok := types.Unalias(query.Unpointer(t)).(*types.Named); ok && n.Obj().Pkg() != nil && streamPackages[n.Obj().Pkg().Path()] {
		return true
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Read")
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	sig := fn.Signature()
	return sig.Params().Len() == 1 && query.IsByteSlice(sig.Params().At(0).Type()) && sig.Results().Len() == 2
}

// match recognises s += x, s = s + x, s = x + s and s = fmt.Sprintf(..., s, ...)
// on a string variable or field s.
func match(pass *analysis.Pass, c inspector.Cursor) *accumulation {
	as := c.Node().(*ast.AssignStmt)
	if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return nil
	}
	lhs := ast.Unparen(as.Lhs[0])
	if !isString(pass.TypesInfo.TypeOf(lhs)) {
		return nil
	}
	root := rootVar(pass, lhs)
	if root == nil {
		return nil
	}
	acc := &accumulation{cursor: c, stmt: as, lhs: lhs, root: root}
	rhs := ast.Unparen(as.Rhs[0])
	switch as.Tok {
	case token.ADD_ASSIGN:
		acc.form, acc.pieces = formAppend, flattenAdd(rhs)
		return acc
	case token.ASSIGN:
	default:
		return nil
	}
	if call, ok := rhs.(*ast.CallExpr); ok {
		if (isFmtCall(pass, call, "fmt.Sprintf") || isFmtCall(pass, call, "fmt.Sprint")) && anyIsSame(call.Args, lhs) {
			acc.form, acc.call = formSprintf, call
			return acc
		}
		return nil
	}
	operands := flattenAdd(rhs)
	if len(operands) < 2 {
		return nil
	}
	switch {
	case exprs.Same(operands[0], lhs):
		acc.form, acc.pieces = formAppend, operands[1:]
	case anyIsSame(operands[1:], lhs):
		acc.form = formPrepend
	default:
		return nil
	}
	return acc
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// rootVar returns the variable at the root of s or a.b.s, or nil for other
// forms (index expressions, pointer dereferences, calls).
func rootVar(pass *analysis.Pass, e ast.Expr) types.Object {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, _ := pass.TypesInfo.ObjectOf(x).(*types.Var)
			if v == nil {
				return nil
			}
			return v
		case *ast.SelectorExpr:
			sel := pass.TypesInfo.Selections[x]
			if sel == nil || sel.Kind() != types.FieldVal {
				return nil
			}
			e = x.X
		default:
			return nil
		}
	}
}

// flattenAdd returns the operands of a left-associated chain of string +.
func flattenAdd(e ast.Expr) []ast.Expr {
	b, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || b.Op != token.ADD {
		return []ast.Expr{e}
	}
	return append(flattenAdd(b.X), b.Y)
}

func anyIsSame(list []ast.Expr, e ast.Expr) bool {
	for _, x := range list {
		if exprs.Same(x, e) {
			return true
		}
	}
	return false
}

// isFmtCall reports whether call calls the fmt function name ("fmt.Sprintf")
// through the package's name, which the fix reuses for fmt.Fprintf: a
// dot-imported Sprintf has none.
func isFmtCall(pass *analysis.Pass, call *ast.CallExpr, name string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && query.IsPackage(pass.TypesInfo.Uses[id], "fmt") && query.IsCallTo(pass.TypesInfo, call, name)
}

// diagnose builds the finding's diagnostic, with a fix when it is safe.
func diagnose(pass *analysis.Pass, editFiles *fixes.Files, f *finding) analysis.Diagnostic {
	first := f.accs[0]
	name := types.ExprString(first.lhs)
	var what, todo string
	switch first.form {
	case formPrepend:
		what = fmt.Sprintf("%s = ... + %s", name, name)
		todo = "collect the pieces in a slice and join them once (in reverse order), or restructure to append"
	case formSprintf:
		what = fmt.Sprintf("%s = fmt.%s(..., %s, ...)", name, calleeName(first.call), name)
		todo = "write each piece to a strings.Builder (fmt.Fprintf(&b, ...)) and take b.String() after the loop"
	default:
		what = summary(first)
		todo = "build it with a strings.Builder"
	}
	d := analysis.Diagnostic{
		Pos: first.stmt.Pos(),
		End: first.stmt.End(),
		Message: fmt.Sprintf("%s in a loop%s copies %s on every iteration (O(n²) bytes); %s",
			what, alsoAt(pass.Fset, f), name, todo),
	}
	fix, whyNot := builderFix(pass, editFiles, f)
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	} else if whyNot != "" {
		d.Message += "; no automatic fix: " + whyNot
	}
	return d
}

// alsoAt names the lines of the finding's other accumulations, " (also at
// lines 570 and 575)", or is empty when it has none on other lines. The
// finding stands at the first, but its fix rewrites them all and a
// profile measures them together (allocatedAt): without the other lines a
// reader would look for the quoted bytes on the first, which may cost
// little next to a later one.
func alsoAt(fset *token.FileSet, f *finding) string {
	firstLine := fset.Position(f.accs[0].stmt.Pos()).Line
	var lines []string
	seen := map[int]bool{firstLine: true}
	for _, acc := range f.accs[1:] {
		if l := fset.Position(acc.stmt.Pos()).Line; !seen[l] {
			seen[l] = true
			lines = append(lines, strconv.Itoa(l))
		}
	}
	switch len(lines) {
	case 0:
		return ""
	case 1:
		return " (also at line " + lines[0] + ")"
	}
	return " (also at lines " + strings.Join(lines[:len(lines)-1], ", ") + " and " + lines[len(lines)-1] + ")"
}

func calleeName(call *ast.CallExpr) string {
	return ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel.Name
}

// summary renders the statement briefly: "s += x", or "s += ..." when the
// operand is long.
func summary(acc *accumulation) string {
	name := types.ExprString(acc.lhs)
	var operand string
	if acc.stmt.Tok == token.ADD_ASSIGN {
		operand = types.ExprString(acc.stmt.Rhs[0])
	}
	if acc.stmt.Tok == token.ADD_ASSIGN && len(operand) <= 24 {
		return name + " += " + operand
	}
	if acc.stmt.Tok == token.ADD_ASSIGN {
		return name + " += ..."
	}
	return name + " = " + name + " + ..."
}
