package reflectloop

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

// A deepEqual is one reflect.DeepEqual(x, y) in a loop whose operands have
// a static type for which a direct comparison exists.
type deepEqual struct {
	call     *ast.CallExpr
	cursor   inspector.Cursor
	typ      types.Type
	instead  string // "==", "bytes.Equal", "slices.Equal", "maps.Equal"
	fixable  bool   // instead is "==": the same result for every value
	negation *ast.UnaryExpr
}

// classifyDeepEqual recognises DeepEqual on two operands of one static,
// non-interface type that can be compared without reflection: types whose
// == agrees with DeepEqual (no pointers, interfaces, slices or maps inside),
// []byte, and slices and maps of such elements.
func classifyDeepEqual(pass *analysis.Pass, c inspector.Cursor, call *ast.CallExpr) (deepEqual, bool) {
	if len(call.Args) != 2 {
		return deepEqual{}, false
	}
	x, y := pass.TypesInfo.TypeOf(call.Args[0]), pass.TypesInfo.TypeOf(call.Args[1])
	if x == nil || y == nil || !types.Identical(x, y) || types.IsInterface(x) || typeshape.HasTypeParam(x) {
		return deepEqual{}, false
	}
	d := deepEqual{call: call, cursor: c, typ: x}
	switch u := x.Underlying().(type) {
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Uint8 {
			d.instead = "bytes.Equal"
		} else if shallow(u.Elem()) {
			d.instead = "slices.Equal"
		}
	case *types.Map:
		if shallow(u.Elem()) && shallow(u.Key()) {
			d.instead = "maps.Equal"
		}
	default:
		if shallow(x) {
			d.instead, d.fixable = "==", true
		}
	}
	if d.instead == "" {
		return deepEqual{}, false
	}
	if not, ok := c.Parent().Node().(*ast.UnaryExpr); ok && not.Op == token.NOT {
		d.negation = not
	}
	return d, true
}

// shallow reports whether == on t compares exactly what DeepEqual compares:
// DeepEqual follows pointers and the dynamic values of interfaces, and
// compares slices and maps element by element, where == compares addresses
// or does not compile.
func shallow(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UntypedNil && u.Kind() != types.UnsafePointer
	case *types.Array:
		return shallow(u.Elem())
	case *types.Struct:
		for f := range u.Fields() {
			if !shallow(f.Type()) {
				return false
			}
		}
		return true
	}
	return false
}

// reportDeepEquals reports the DeepEqual calls of one file. A fix to ==
// deletes the reflect import when it removes the file's last use of it; when
// several such fixes would have to cooperate to do that, none is offered,
// since each must compile when applied alone.
func reportDeepEquals(pass *analysis.Pass, rep *report.Reporter, editFiles *fixes.Files, file *ast.File, ds []deepEqual) {
	if len(ds) == 0 {
		return
	}
	uses := reflectUses(pass, file)
	for _, d := range ds {
		typeName := types.TypeString(d.typ, types.RelativeTo(pass.Pkg))
		diag := analysis.Diagnostic{Pos: d.call.Pos(), End: d.call.End()}
		if !d.fixable {
			diag.Message = fmt.Sprintf("%s; use %s; no automatic fix: %s treats a nil and an empty %s as equal, DeepEqual does not",
				deepEqualCost(typeName), d.instead, d.instead, kindWord(d.typ))
			rep.ReportAlloc(diag)
			continue
		}
		diag.Message = fmt.Sprintf("%s; %s is comparable with ==, which gives the same result", deepEqualCost(typeName), typeName)
		switch {
		case uses > 1 && uses == countFixable(ds):
			diag.Message += "; no automatic fix: the rewrites would leave the reflect import unused, so apply them together by hand"
		default:
			if fix, ok := equalityFix(pass, editFiles, d, uses == 1); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		rep.ReportAlloc(diag)
	}
}

func kindWord(t types.Type) string {
	if _, ok := t.Underlying().(*types.Map); ok {
		return "map"
	}
	return "slice"
}

func countFixable(ds []deepEqual) int {
	n := 0
	for _, d := range ds {
		if d.fixable {
			n++
		}
	}
	return n
}

// reflectUses counts the references to the reflect package in file.
func reflectUses(pass *analysis.Pass, file *ast.File) int {
	n := 0
	ast.Inspect(file, func(node ast.Node) bool {
		if id, ok := node.(*ast.Ident); ok {
			if query.IsPackage(pass.TypesInfo.Uses[id], "reflect") {
				n++
			}
		}
		return true
	})
	return n
}

// equalityFix rewrites reflect.DeepEqual(x, y) to x == y (and
// !reflect.DeepEqual(x, y) to x != y), deleting the reflect import when
// the call was its last use.
func equalityFix(pass *analysis.Pass, editFiles *fixes.Files, d deepEqual, lastUse bool) (analysis.SuggestedFix, bool) {
	f, err := editFiles.For(d.call.Pos())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	x, y := operand(f, d.call.Args[0]), operand(f, d.call.Args[1])
	if inStmtHeader(d.cursor) {
		// if x == P{} {: the parser would take P{ for the block.
		if bareCompositeLit(d.call.Args[0]) {
			x = "(" + x + ")"
		}
		if bareCompositeLit(d.call.Args[1]) {
			y = "(" + y + ")"
		}
	}
	var edit analysis.TextEdit
	if d.negation != nil {
		edit = fixes.Replace(d.negation, parenthesize(d.cursor.Parent(), x+" != "+y))
	} else {
		edit = fixes.Replace(d.call, parenthesize(d.cursor, x+" == "+y))
	}
	edits := []analysis.TextEdit{edit}
	if lastUse {
		del, ok := f.DeleteImport("reflect")
		if !ok {
			return analysis.SuggestedFix{}, false
		}
		edits = append(edits, del...)
	}
	return analysis.SuggestedFix{Message: "Compare with ==", TextEdits: edits}, true
}

// operand returns the source of a comparison operand, parenthesised when
// its own operators bind no tighter than ==.
func operand(f *fixes.File, e ast.Expr) string {
	src := f.Source(e)
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op.Precedence() <= token.EQL.Precedence() {
		return "(" + src + ")"
	}
	return src
}

// inStmtHeader reports whether the node at c is in the header of an if,
// for, switch or range statement (its condition, tag, range expression,
// init or post statement), where a composite literal of a named type must
// be parenthesised. The arguments of the call being replaced were
// enclosed by its parentheses; the operands of == are not.
func inStmtHeader(c inspector.Cursor) bool {
	for p := c.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.IfStmt, *ast.ForStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.RangeStmt:
			return true
		case *ast.ParenExpr, *ast.CompositeLit, *ast.FuncLit, *ast.BlockStmt:
			return false // enclosed, or in a body
		case *ast.CallExpr:
			if c.Node() != n.Fun {
				return false // an argument, inside the call's parentheses
			}
		case *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr:
			if x := n.(ast.Expr); c.Node() != childX(x) {
				return false // inside the brackets
			}
		}
		c = p
	}
	return false
}

func childX(e ast.Expr) ast.Node {
	switch e := e.(type) {
	case *ast.IndexExpr:
		return e.X
	case *ast.IndexListExpr:
		return e.X
	case *ast.SliceExpr:
		return e.X
	}
	return nil
}

// bareCompositeLit reports whether e holds a composite literal of a named
// type (P{}, pkg.T{}, G[int]{}) outside any parentheses, brackets or
// braces of e's own: P{}.X, P{} or -P{}.N, but not f(P{}) or []P{{}}.
func bareCompositeLit(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.CompositeLit:
		switch ast.Unparen(e.Type).(type) {
		case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
			return true
		}
		return false
	case *ast.SelectorExpr:
		return bareCompositeLit(e.X)
	case *ast.CallExpr:
		return bareCompositeLit(e.Fun)
	case *ast.IndexExpr:
		return bareCompositeLit(e.X)
	case *ast.IndexListExpr:
		return bareCompositeLit(e.X)
	case *ast.SliceExpr:
		return bareCompositeLit(e.X)
	case *ast.TypeAssertExpr:
		return bareCompositeLit(e.X)
	case *ast.StarExpr:
		return bareCompositeLit(e.X)
	case *ast.UnaryExpr:
		return bareCompositeLit(e.X)
	case *ast.BinaryExpr:
		return bareCompositeLit(e.X) || bareCompositeLit(e.Y)
	}
	return false
}

// parenthesize wraps a comparison replacing the node at c when the context
// binds tighter than == or is itself a comparison (x == y == z would
// regroup).
func parenthesize(c inspector.Cursor, cmp string) string {
	switch p := c.Parent().Node().(type) {
	case *ast.BinaryExpr:
		if p.Op.Precedence() >= token.EQL.Precedence() {
			return "(" + cmp + ")"
		}
	case *ast.UnaryExpr, *ast.StarExpr, *ast.SelectorExpr, *ast.CallExpr, *ast.IndexExpr:
		if call, ok := p.(*ast.CallExpr); ok && call.Fun != c.Node() {
			return cmp // an argument
		}
		if idx, ok := p.(*ast.IndexExpr); ok && idx.Index == c.Node() {
			return cmp
		}
		return "(" + cmp + ")"
	}
	return cmp
}

// deepEqualCost is what a DeepEqual finding says happens and costs.
func deepEqualCost(typeName string) string {
	return "reflect.DeepEqual on " + typeName + " in a loop boxes both operands and compares them by reflection on every iteration"
}
