package reflectloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/loops"
	"github.com/perfvet/perfvet/internal/report"
	"github.com/perfvet/perfvet/internal/typeshape"
)

//go:embed doc.go
var docSource string

// Analyzer reports avoidable reflection in loops, with the default report
// policy.
var Analyzer = New(report.Default)

// New returns a reflectloop analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "reflectloop",
		Doc:      analyzerdoc.Extract(docSource, "reflectloop"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/reflectloop",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	if !importsReflect(pass.Pkg) {
		return nil, nil
	}
	editFiles := fixes.NewFiles(pass)
	for fileCursor := range in.Root().Children() {
		file := fileCursor.Node().(*ast.File)
		if rep.Skips(file) || !fileImportsReflect(file) {
			continue
		}
		var deepEquals []deepEqual
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "reflect" {
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !loop.HotChain() {
				continue
			}
			switch name := fn.Name(); {
			case name == "DeepEqual" && fn.Signature().Recv() == nil:
				if d, ok := classifyDeepEqual(pass, c, call); ok {
					deepEquals = append(deepEquals, d)
				}
			case (name == "FieldByName" || name == "MethodByName") && fn.Signature().Recv() != nil:
				if d := checkNameLookup(pass, loop, call, name); d != nil {
					rep.Report(*d)
				}
			case name == "ValueOf" && fn.Signature().Recv() == nil:
				if d := checkKnownAccess(pass, c, call); d != nil {
					rep.Report(*d)
				}
			}
		}
		reportDeepEquals(pass, rep, editFiles, file, deepEquals)
	}
	return nil, nil
}

func importsReflect(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if imp.Path() == "reflect" {
			return true
		}
	}
	return false
}

func fileImportsReflect(file *ast.File) bool {
	for _, spec := range file.Imports {
		if spec.Path.Value == `"reflect"` {
			return true
		}
	}
	return false
}

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
			diag.Message = fmt.Sprintf("reflect.DeepEqual on %s in a loop boxes both operands and compares them by reflection on every iteration; use %s (no automatic fix: %s treats a nil and an empty %s as equal, DeepEqual does not)",
				typeName, d.instead, d.instead, kindWord(d.typ))
			rep.ReportAlloc(diag)
			continue
		}
		diag.Message = fmt.Sprintf("reflect.DeepEqual on %s in a loop boxes both operands and compares them by reflection on every iteration; %s is comparable with ==, which gives the same result", typeName, typeName)
		switch {
		case uses > 1 && uses == countFixable(ds):
			diag.Message += " (no automatic fix: the rewrites would leave the reflect import unused, so apply them together by hand)"
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
			if pkgName, ok := pass.TypesInfo.Uses[id].(*types.PkgName); ok && pkgName.Imported().Path() == "reflect" {
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

// checkNameLookup reports Type.FieldByName, Value.FieldByName and their
// MethodByName forms in a loop when each iteration searches the same type
// for the same name: the name does not change in the loop, and the type
// either does not change or is fixed by the static type of the reflected
// value. Walking the fields of types that vary is what reflection is for.
func checkNameLookup(pass *analysis.Pass, loop *loops.Loop, call *ast.CallExpr, method string) *analysis.Diagnostic {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 || !loop.Invariant(pass, call.Args[0]) {
		return nil
	}
	recvType := types.TypeString(pass.TypesInfo.TypeOf(sel.X), types.RelativeTo(pass.Pkg))
	searched := ""
	if t := staticReflectedType(pass, sel.X); t != nil {
		searched = types.TypeString(t, types.RelativeTo(pass.Pkg)) + "'s"
	} else if loop.Invariant(pass, sel.X) {
		searched = "the same type's"
	} else {
		return nil
	}
	name := types.ExprString(call.Args[0])
	what, cache, use := "fields", "Type.FieldByName(...).Index", "Value.FieldByIndex or Value.Field(i)"
	if method == "MethodByName" {
		what, cache, use = "methods", "Type.MethodByName(...).Index", "Value.Method(i)"
	}
	return &analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s(%s) in a loop searches %s %s by name on every iteration (a linear search, about 10× an indexed lookup); look the index up once before the loop (%s) and use %s",
			shortReflect(recvType), method, name, searched, what, cache, use),
	}
}

func shortReflect(typeString string) string {
	switch typeString {
	case "reflect.Type", "reflect.Value":
		return typeString[len("reflect."):]
	}
	return typeString
}

// staticReflectedType returns the type that the reflect.Type or
// reflect.Value e describes when the source fixes it: reflect.TypeOf(x) or
// reflect.ValueOf(x) of a non-interface x, reflect.TypeFor[T](), and .Elem()
// or reflect.Indirect of those for pointers.
func staticReflectedType(pass *analysis.Pass, e ast.Expr) types.Type {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "reflect" {
		return nil
	}
	var t types.Type
	switch fn.Name() {
	case "TypeOf", "ValueOf":
		if fn.Signature().Recv() != nil || len(call.Args) != 1 {
			return nil
		}
		t = pass.TypesInfo.TypeOf(call.Args[0])
	case "TypeFor":
		ix, ok := ast.Unparen(call.Fun).(*ast.IndexExpr)
		if !ok {
			return nil
		}
		t = pass.TypesInfo.TypeOf(ix.Index)
	case "Elem", "Indirect":
		var inner ast.Expr
		if fn.Name() == "Elem" {
			s, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok || fn.Signature().Recv() == nil {
				return nil
			}
			inner = s.X
		} else {
			if fn.Signature().Recv() != nil || len(call.Args) != 1 {
				return nil
			}
			inner = call.Args[0]
		}
		p := staticReflectedType(pass, inner)
		if p == nil {
			return nil
		}
		ptr, ok := p.Underlying().(*types.Pointer)
		if !ok {
			return nil
		}
		t = ptr.Elem()
	default:
		return nil
	}
	if t == nil || types.IsInterface(t) || typeshape.HasTypeParam(t) {
		return nil
	}
	return t
}

// directAccess lists the reflect.Value methods that read what a value of a
// known type gives directly: an element, a length, a field, the scalar.
var directAccess = map[string]string{
	"Index":    "index it",
	"Len":      "take its len",
	"Cap":      "take its cap",
	"MapIndex": "index it",
	"Field":    "select the field",
	"Int":      "convert it",
	"Uint":     "convert it",
	"Float":    "convert it",
	"Complex":  "convert it",
	"Bool":     "use it",
	"String":   "use it",
	"Bytes":    "use it",
}

// checkKnownAccess reports reflect.ValueOf(x).M(...) in a loop, M one of
// directAccess, when x's type is known where the code stands: the
// reflection re-derives what the compiler already knows.
func checkKnownAccess(pass *analysis.Pass, c inspector.Cursor, call *ast.CallExpr) *analysis.Diagnostic {
	if len(call.Args) != 1 {
		return nil
	}
	sel, ok := c.Parent().Node().(*ast.SelectorExpr)
	if !ok || sel.X != call {
		return nil
	}
	access, ok := c.Parent().Parent().Node().(*ast.CallExpr)
	if !ok || access.Fun != sel {
		return nil
	}
	how, ok := directAccess[sel.Sel.Name]
	if !ok {
		return nil
	}
	x := call.Args[0]
	t := pass.TypesInfo.TypeOf(x)
	if t == nil || types.IsInterface(t) || typeshape.HasTypeParam(t) || !kindMatches(pass, t, sel.Sel.Name, access) {
		return nil
	}
	typeName := types.TypeString(t, types.RelativeTo(pass.Pkg))
	return &analysis.Diagnostic{
		Pos: call.Pos(), End: access.End(),
		Message: fmt.Sprintf("reflect.ValueOf(%s).%s in a loop goes through reflection to reach a %s, a type known here (about 3× slower than direct access, and a kind check on every call); %s directly",
			types.ExprString(x), sel.Sel.Name, typeName, how),
	}
}

// kindMatches reports whether method applies to a value of type t without
// panicking, and whether its direct form can be written here: Field needs a
// constant index of a field this package may name.
func kindMatches(pass *analysis.Pass, t types.Type, method string, access *ast.CallExpr) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Array:
		return method == "Index" || method == "Len" || method == "Cap" || method == "Bytes" && isByteSlice(u)
	case *types.Map:
		return method == "MapIndex" || method == "Len"
	case *types.Struct:
		if method != "Field" || len(access.Args) != 1 {
			return false
		}
		tv := pass.TypesInfo.Types[access.Args[0]]
		if tv.Value == nil {
			return false // a varying index walks the fields: reflection's job
		}
		i, ok := constantInt(tv)
		if !ok || i < 0 || i >= u.NumFields() {
			return false
		}
		f := u.Field(i)
		return f.Exported() || f.Pkg() == pass.Pkg
	case *types.Basic:
		info := u.Info()
		switch method {
		case "Int":
			return info&types.IsInteger != 0 && info&types.IsUnsigned == 0
		case "Uint":
			return info&types.IsUnsigned != 0
		case "Float":
			return info&types.IsFloat != 0
		case "Complex":
			return info&types.IsComplex != 0
		case "Bool":
			return info&types.IsBoolean != 0
		case "String", "Index", "Len":
			return info&types.IsString != 0
		}
	}
	return false
}

func isByteSlice(t types.Type) bool {
	s, ok := t.(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uint8
}

func constantInt(tv types.TypeAndValue) (int, bool) {
	i, err := strconv.Atoi(tv.Value.ExactString())
	return i, err == nil
}
