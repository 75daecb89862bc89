package concatloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
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
		if d := diagnose(pass, editFiles, f); unboundedInput(f.target) {
			rep.ReportBug(d) // O(n²) in the input's size, however cold the code looks
		} else {
			rep.Report(d)
		}
	}
	return nil, nil
}

// unboundedInput reports whether a loop runs once per item of input whose
// size nothing bounds: a range over a channel, or a loop driven by a
// reader (for sc.Scan(), for it.Next(), for { ... r.Read... } ). Concatenation
// there is quadratic in the input, a bug whatever the code's heat.
func unboundedInput(l *loops.Loop) bool {
	switch l.Kind {
	case loops.RangeChan:
		return true
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
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	return false
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
		if isFmtSprintf(pass, call) && anyIsSame(call.Args, lhs) {
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
	case sameExpr(operands[0], lhs):
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

func sameExpr(a, b ast.Expr) bool {
	return types.ExprString(ast.Unparen(a)) == types.ExprString(ast.Unparen(b))
}

func anyIsSame(list []ast.Expr, e ast.Expr) bool {
	for _, x := range list {
		if sameExpr(x, e) {
			return true
		}
	}
	return false
}

func isFmtSprintf(pass *analysis.Pass, call *ast.CallExpr) bool {
	return isFmtCall(pass, call, "Sprintf") || isFmtCall(pass, call, "Sprint")
}

// isFmtCall reports whether call calls fmt.name through a package name.
func isFmtCall(pass *analysis.Pass, call *ast.CallExpr, name string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || pass.TypesInfo.Uses[id] == nil {
		return false
	} else if _, isPkg := pass.TypesInfo.Uses[id].(*types.PkgName); !isPkg {
		return false
	}
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == name
}

// targetLoop returns the outermost loop across whose iterations the
// accumulation keeps growing the same string: the loops that repeat the
// statement, out to the first one that holds the string's declaration. It
// returns nil when no such loop exists or all of them are cold.
func targetLoop(pass *analysis.Pass, info *loops.Info, acc *accumulation) *loops.Loop {
	inner := info.Repeating(acc.cursor)
	var target *loops.Loop
	hot := false
	for l := inner; l != nil; l = l.Parent {
		if declaredWithin(l.Stmt, acc.root) || target != nil && resets(pass, l, target, acc.lhs) {
			break
		}
		target = l
		hot = hot || !l.Cold
	}
	if !hot {
		return nil
	}
	return target
}

// resets reports whether outer's body, outside the inner loop, assigns s a
// value not built from s (s = "" at the top of each row): then s grows
// only across inner's iterations, and the builder belongs around inner.
func resets(pass *analysis.Pass, outer, inner *loops.Loop, s ast.Expr) bool {
	found := false
	ast.Inspect(outer.Body(), func(n ast.Node) bool {
		if found || n == inner.Stmt {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, lhs := range as.Lhs {
			if sameExpr(lhs, s) && !mentionsExpr(as.Rhs[i], s) {
				found = true
			}
		}
		return !found
	})
	return found
}

func mentionsExpr(n ast.Node, e ast.Expr) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if x, ok := n.(ast.Expr); ok && sameExpr(x, e) {
			found = true
		}
		return !found
	})
	return found
}

func declaredWithin(n ast.Node, obj types.Object) bool {
	return n.Pos() <= obj.Pos() && obj.Pos() < n.End()
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
		Message: fmt.Sprintf("%s in a loop copies %s on every iteration (O(n²) bytes); %s",
			what, name, todo),
	}
	fix, whyNot := builderFix(pass, editFiles, f)
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	} else if whyNot != "" {
		d.Message += "; no automatic fix: " + whyNot
	}
	return d
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

// builderFix returns the strings.Builder rewrite of f, or the reason it
// cannot be offered ("" when the reason is plain from the message).
func builderFix(pass *analysis.Pass, editFiles *fixes.Files, f *finding) (*analysis.SuggestedFix, string) {
	first := f.accs[0]
	name := types.ExprString(first.lhs)
	v, isVar := first.root.(*types.Var)
	switch {
	case first.form == formPrepend:
		return nil, ""
	case !isVar || !sameExpr(first.lhs, ast.NewIdent(v.Name())):
		return nil, name + " is a field, and code called in the loop may read it"
	case v.Parent() == v.Pkg().Scope():
		return nil, name + " is a package variable, and code called in the loop may read it"
	}
	fn := f.target.Func
	if fn == nil || !declaredWithin(fn, v) {
		return nil, name + " belongs to an enclosing function"
	}
	ef, err := editFiles.For(f.target.Stmt.Pos())
	if err != nil {
		return nil, ""
	}
	loopStmt := ast.Node(f.target.Stmt)
	targetCursor, ok := loops.Ancestor(first.cursor, f.target.Stmt)
	if !ok {
		return nil, ""
	}
	if ls, ok := targetCursor.Parent().Node().(*ast.LabeledStmt); ok {
		loopStmt = ls
		targetCursor = targetCursor.Parent()
	}
	if !inStatementList(targetCursor) {
		return nil, "the loop is not in a statement list"
	}
	for _, acc := range f.accs {
		if _, ok := writes(pass, ef, acc, "b"); !ok {
			return nil, fmt.Sprintf("the format at line %d does not start with %%s consuming %s", pass.Fset.Position(acc.stmt.Pos()).Line, name)
		}
		if len(acc.pieces) > 1 && !inStatementList(acc.cursor) {
			return nil, fmt.Sprintf("the assignment at line %d is not a plain statement", pass.Fset.Position(acc.stmt.Pos()).Line)
		}
	}
	if named, ok := v.Type().(*types.Named); ok && named.Obj().Pkg() != pass.Pkg {
		return nil, fmt.Sprintf("%s has type %s from another package", name, named.Obj().Name())
	}
	uses, whyNot := checkUses(pass, f, fn, v)
	if whyNot != "" {
		return nil, whyNot
	}
	exits, whyNot := loopExits(pass, f, targetCursor, v)
	if whyNot != "" {
		return nil, whyNot
	}
	if !uses.readAfter && !exprs.IsNamedResult(pass.TypesInfo, fn, v) {
		return nil, name + " is not used after the loop"
	}

	builder := ef.FreshName(loopStmt.Pos(), v.Name()+"Builder", v.Name()+"Buf", "sb")
	strs, edits, ok := ef.Import("strings", loopStmt.Pos())
	if !ok {
		return nil, `the name "strings" is taken here`
	}
	var pre []string
	pre = append(pre, fmt.Sprintf("var %s %s.Builder", builder, strs))
	if !knownEmpty(pass, targetCursor, v, fn) {
		pre = append(pre, fmt.Sprintf("%s.WriteString(%s)", builder, stringOf(pass, v.Type(), name)))
	}
	edits = append(edits, ef.InsertLinesBefore(loopStmt, pre...))
	setBack := fmt.Sprintf("%s = %s", name, convertBack(pass, v.Type(), builder+".String()"))
	for _, exit := range exits {
		edits = append(edits, ef.InsertLinesBefore(exit, setBack))
	}
	edits = append(edits, ef.InsertLinesAfter(loopStmt, setBack))
	for _, acc := range f.accs {
		stmts, _ := writes(pass, ef, acc, builder)
		text := strings.Join(stmts, "\n"+ef.Indent(acc.stmt.Pos()))
		edits = append(edits, fixes.Replace(acc.stmt, text))
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Build %s with a strings.Builder", name),
		TextEdits: edits,
	}, ""
}

func inStatementList(c inspector.Cursor) bool {
	switch c.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
		return true
	}
	return false
}

type useFacts struct {
	readAfter bool // s is read after the loop (or in a later iteration of an outer loop)
}

// checkUses vets every reference to v in fn: inside the target loop only the
// accumulations themselves and return statements may mention it; nothing
// may capture it or take its address.
func checkUses(pass *analysis.Pass, f *finding, fn ast.Node, v *types.Var) (useFacts, string) {
	var facts useFacts
	target := f.target.Stmt
	accepted := make(map[*ast.Ident]bool)
	for _, acc := range f.accs {
		accepted[ast.Unparen(acc.lhs).(*ast.Ident)] = true
		switch acc.form {
		case formAppend:
			if acc.stmt.Tok == token.ASSIGN {
				accepted[ast.Unparen(flattenAdd(acc.stmt.Rhs[0])[0]).(*ast.Ident)] = true
			}
		case formSprintf:
			if len(acc.call.Args) > 1 {
				if id, ok := ast.Unparen(acc.call.Args[1]).(*ast.Ident); ok {
					accepted[id] = true
				}
			}
		}
	}
	whyNot := ""
	ast.PreorderStack(fn, nil, func(n ast.Node, ancestors []ast.Node) bool {
		if whyNot != "" {
			return false
		}
		stack := slices.Concat(ancestors, []ast.Node{n}) // n on top
		id, ok := n.(*ast.Ident)
		if !ok || pass.TypesInfo.Uses[id] != v {
			return true
		}
		line := pass.Fset.Position(id.Pos()).Line
		for i := len(stack) - 2; i >= 0; i-- {
			switch anc := stack[i].(type) {
			case *ast.FuncLit:
				whyNot = fmt.Sprintf("%s is used by a closure (line %d)", v.Name(), line)
				return false
			case *ast.UnaryExpr:
				if anc.Op == token.AND {
					whyNot = fmt.Sprintf("the address of %s is taken (line %d)", v.Name(), line)
					return false
				}
			}
		}
		inLoop := target.Pos() <= id.Pos() && id.Pos() < target.End()
		switch {
		case inLoop && accepted[id]:
		case inLoop && withinReturn(stack):
			// The fix sets v before each return inside the loop.
		case inLoop:
			whyNot = fmt.Sprintf("%s is read inside the loop (line %d)", v.Name(), line)
		case id.Pos() >= target.End() && !isPlainAssignTarget(stack):
			facts.readAfter = true
		case id.Pos() < target.Pos() && f.target.Parent != nil && f.target.Parent.Repeats(id.Pos()) && !isPlainAssignTarget(stack):
			// Read at the top of the next iteration of an outer loop.
			facts.readAfter = true
		}
		return true
	})
	return facts, whyNot
}

func withinReturn(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(*ast.ReturnStmt); ok {
			return true
		}
	}
	return false
}

// isPlainAssignTarget reports whether the identifier on top of stack is the
// left side of a plain assignment, which writes but does not read it.
func isPlainAssignTarget(stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	as, ok := stack[len(stack)-2].(*ast.AssignStmt)
	if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return false
	}
	for _, l := range as.Lhs {
		if l == stack[len(stack)-1] {
			return true
		}
	}
	return false
}

// loopExits returns the statements inside the target loop that leave it
// other than by finishing it: returns that can observe v, and labelled
// break or continue statements aimed at enclosing statements. A goto makes
// the fix unsafe.
func loopExits(pass *analysis.Pass, f *finding, target inspector.Cursor, v *types.Var) ([]ast.Stmt, string) {
	var exits []ast.Stmt
	inner := make(map[string]bool) // labels defined inside the loop
	for c := range target.Preorder((*ast.LabeledStmt)(nil)) {
		if c != target {
			inner[c.Node().(*ast.LabeledStmt).Label.Name] = true
		}
	}
	fn := f.target.Func
	resultVar := exprs.IsNamedResult(pass.TypesInfo, fn, v)
	whyNot := ""
	target.Inspect([]ast.Node{(*ast.FuncLit)(nil), (*ast.ReturnStmt)(nil), (*ast.BranchStmt)(nil)}, func(c inspector.Cursor) bool {
		switch n := c.Node().(type) {
		case *ast.FuncLit:
			return false // its returns and branches are its own
		case *ast.ReturnStmt:
			if !resultVar && !exprs.Mentions(pass, n, v) {
				return true // v's value is dead once the function returns
			}
			if !inStatementList(c) {
				whyNot = "a return inside the loop is not in a statement list"
				return false
			}
			exits = append(exits, n)
		case *ast.BranchStmt:
			switch {
			case n.Tok == token.GOTO:
				whyNot = "the loop contains a goto"
				return false
			case n.Label != nil && !inner[n.Label.Name]:
				if !inStatementList(c) {
					whyNot = "a labelled jump out of the loop is not in a statement list"
					return false
				}
				exits = append(exits, n)
			}
		}
		return true
	})
	return exits, whyNot
}

// knownEmpty reports whether v is certainly "" when the loop starts: the
// statement just before the loop declares it empty or assigns "".
func knownEmpty(pass *analysis.Pass, loop inspector.Cursor, v *types.Var, fn ast.Node) bool {
	prev, ok := loop.PrevSibling()
	if !ok {
		// First statement of the function: a named result is still "".
		_, isBody := loop.Parent().Parent().Node().(*ast.FuncDecl)
		_, isLitBody := loop.Parent().Parent().Node().(*ast.FuncLit)
		return (isBody || isLitBody) && exprs.IsNamedResult(pass.TypesInfo, fn, v)
	}
	isEmpty := func(e ast.Expr) bool {
		tv := pass.TypesInfo.Types[e]
		return tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) == ""
	}
	switch s := prev.Node().(type) {
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			return false
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if pass.TypesInfo.Defs[n] == v {
					return len(vs.Values) == 0 || len(vs.Values) == len(vs.Names) && isEmpty(vs.Values[i])
				}
			}
		}
	case *ast.AssignStmt:
		if len(s.Lhs) == len(s.Rhs) {
			for i, l := range s.Lhs {
				if id, ok := l.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == v {
					return isEmpty(s.Rhs[i])
				}
			}
		}
	}
	return false
}

// writes returns the statements that replace one accumulation.
func writes(pass *analysis.Pass, ef *fixes.File, acc *accumulation, builder string) ([]string, bool) {
	if acc.form == formSprintf {
		return fprintf(pass, ef, acc, builder)
	}
	out := make([]string, 0, len(acc.pieces))
	for _, piece := range acc.pieces {
		out = append(out, writeCall(pass, ef, piece, builder))
	}
	return out, true
}

// writeCall picks the Builder method that the piece's form calls for.
func writeCall(pass *analysis.Pass, ef *fixes.File, piece ast.Expr, builder string) string {
	piece = ast.Unparen(piece)
	if lit, ok := piece.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		if s, err := strconv.Unquote(lit.Value); err == nil && len(s) == 1 && s[0] < 0x80 {
			return fmt.Sprintf("%s.WriteByte(%s)", builder, strconv.QuoteRune(rune(s[0])))
		}
	}
	if call, ok := piece.(*ast.CallExpr); ok && isFmtCall(pass, call, "Sprintf") && len(call.Args) > 0 {
		// WriteString(fmt.Sprintf(...)) would build a string only to copy it.
		fmtName := types.ExprString(ast.Unparen(call.Fun).(*ast.SelectorExpr).X)
		args := []string{"&" + builder}
		for _, a := range call.Args {
			args = append(args, ef.Source(a))
		}
		ellipsis := ""
		if call.Ellipsis.IsValid() {
			ellipsis = "..."
		}
		return fmt.Sprintf("%s.Fprintf(%s%s)", fmtName, strings.Join(args, ", "), ellipsis)
	}
	if call, ok := piece.(*ast.CallExpr); ok && len(call.Args) == 1 {
		if tv := pass.TypesInfo.Types[call.Fun]; tv.IsType() && isString(tv.Type) {
			arg := call.Args[0]
			switch at := pass.TypesInfo.TypeOf(arg).Underlying().(type) {
			case *types.Basic:
				if at.Info()&types.IsInteger != 0 {
					// string(r) is the UTF-8 encoding of rune r, whatever
					// integer type r has; WriteRune does the same.
					if types.Identical(pass.TypesInfo.TypeOf(arg), types.Typ[types.Rune]) {
						return fmt.Sprintf("%s.WriteRune(%s)", builder, ef.Source(arg))
					}
					return fmt.Sprintf("%s.WriteRune(rune(%s))", builder, ef.Source(arg))
				}
			case *types.Slice:
				if b, ok := at.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte && types.Identical(at.Elem(), types.Typ[types.Byte]) {
					return fmt.Sprintf("%s.Write(%s)", builder, ef.Source(arg))
				}
			}
		}
	}
	return fmt.Sprintf("%s.WriteString(%s)", builder, stringOf(pass, pass.TypesInfo.TypeOf(piece), ef.Source(piece)))
}

// fprintf rewrites s = fmt.Sprintf("%s...", s, args...) as
// fmt.Fprintf(&b, "...", args...), when the format is a literal that starts
// with %s consuming s.
func fprintf(pass *analysis.Pass, ef *fixes.File, acc *accumulation, builder string) ([]string, bool) {
	call := acc.call
	if calleeName(call) != "Sprintf" || len(call.Args) < 2 || call.Ellipsis.IsValid() {
		return nil, false
	}
	lit, ok := ast.Unparen(call.Args[0]).(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || !sameExpr(call.Args[1], acc.lhs) || anyIsSame(call.Args[2:], acc.lhs) {
		return nil, false
	}
	format, err := strconv.Unquote(lit.Value)
	if err != nil || !strings.HasPrefix(format, "%s") || strings.Contains(format, "%[") {
		return nil, false
	}
	fmtName := types.ExprString(ast.Unparen(call.Fun).(*ast.SelectorExpr).X)
	args := []string{"&" + builder, strconv.Quote(format[2:])}
	for _, a := range call.Args[2:] {
		args = append(args, ef.Source(a))
	}
	return []string{fmt.Sprintf("%s.Fprintf(%s)", fmtName, strings.Join(args, ", "))}, true
}

// stringOf converts src, of type t, to string where t is a named string type.
func stringOf(pass *analysis.Pass, t types.Type, src string) string {
	if t == nil || types.Identical(t, types.Typ[types.String]) || types.Identical(t, types.Typ[types.UntypedString]) {
		return src
	}
	return "string(" + src + ")"
}

// convertBack converts the builder's string to v's type where it is a named
// string type.
func convertBack(pass *analysis.Pass, t types.Type, src string) string {
	if types.Identical(t, types.Typ[types.String]) {
		return src
	}
	return types.TypeString(t, types.RelativeTo(pass.Pkg)) + "(" + src + ")"
}
