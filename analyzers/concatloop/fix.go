package concatloop

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/query"
)

// builderFix returns the strings.Builder rewrite of f, or the reason it
// cannot be offered ("" when the reason is plain from the message).
func builderFix(pass *analysis.Pass, editFiles *fixes.Files, f *finding) (*analysis.SuggestedFix, string) {
	first := f.accs[0]
	name := types.ExprString(first.lhs)
	v, isVar := first.root.(*types.Var)
	switch {
	case first.form == formPrepend:
		return nil, "a strings.Builder only appends, so the loop itself must change"
	case !isVar || !exprs.Same(first.lhs, ast.NewIdent(v.Name())):
		return nil, name + " is a field, and code called in the loop may read it"
	case v.Parent() == v.Pkg().Scope():
		return nil, name + " is a package variable, and code called in the loop may read it"
	}
	fn := f.target.Func
	if fn == nil || !query.Within(fn, v.Pos()) {
		return nil, name + " belongs to an enclosing function"
	}
	ef, err := editFiles.For(f.target.Stmt.Pos())
	if err != nil {
		return nil, ""
	}
	loopStmt := ast.Node(f.target.Stmt)
	targetCursor, ok := query.Ancestor(first.cursor, f.target.Stmt)
	if !ok {
		return nil, ""
	}
	if ls, ok := targetCursor.Parent().Node().(*ast.LabeledStmt); ok {
		loopStmt = ls
		targetCursor = targetCursor.Parent()
	}
	if !query.InStatementList(targetCursor) {
		return nil, "the loop is not in a statement list"
	}
	for _, acc := range f.accs {
		if _, ok := writes(pass, ef, acc, "b"); !ok {
			return nil, fmt.Sprintf("the format at line %d does not start with %%s consuming %s", pass.Fset.Position(acc.stmt.Pos()).Line, name)
		}
		if len(acc.pieces) > 1 && !query.InStatementList(acc.cursor) {
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
		id, ok := n.(*ast.Ident)
		if !ok || pass.TypesInfo.Uses[id] != v {
			return true
		}
		line := pass.Fset.Position(id.Pos()).Line
		for i := len(ancestors) - 1; i >= 0; i-- {
			switch anc := ancestors[i].(type) {
			case *ast.FuncLit:
				if anc == fn {
					// The loop's own function, the root of the walk: a
					// literal's local is not captured by the literal.
					break
				}
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
		case inLoop && withinReturn(ancestors):
			// The fix sets v before each return inside the loop.
		case inLoop:
			whyNot = fmt.Sprintf("%s is read inside the loop (line %d)", v.Name(), line)
		case id.Pos() >= target.End() && !isPlainAssignTarget(ancestors, id):
			facts.readAfter = true
		case id.Pos() < target.Pos() && f.target.Parent != nil && f.target.Parent.Repeats(id.Pos()) && !isPlainAssignTarget(ancestors, id):
			// Read at the top of the next iteration of an outer loop.
			facts.readAfter = true
		}
		return true
	})
	return facts, whyNot
}

func withinReturn(ancestors []ast.Node) bool {
	for i := len(ancestors) - 1; i >= 0; i-- {
		if _, ok := ancestors[i].(*ast.ReturnStmt); ok {
			return true
		}
	}
	return false
}

// isPlainAssignTarget reports whether id, whose ancestors are given, is the
// left side of a plain assignment, which writes but does not read it.
func isPlainAssignTarget(ancestors []ast.Node, id *ast.Ident) bool {
	if len(ancestors) < 1 {
		return false
	}
	as, ok := ancestors[len(ancestors)-1].(*ast.AssignStmt)
	if !ok || (as.Tok != token.ASSIGN && as.Tok != token.DEFINE) {
		return false
	}
	for _, l := range as.Lhs {
		if l == ast.Expr(id) {
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
			if !resultVar && !query.Mentions(pass.TypesInfo, n, v) {
				return true // v's value is dead once the function returns
			}
			if !query.InStatementList(c) {
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
				if !query.InStatementList(c) {
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
	if call, ok := piece.(*ast.CallExpr); ok && isFmtCall(pass, call, "fmt.Sprintf") && len(call.Args) > 0 {
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
	if !ok || lit.Kind != token.STRING || !exprs.Same(call.Args[1], acc.lhs) || anyIsSame(call.Args[2:], acc.lhs) {
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
