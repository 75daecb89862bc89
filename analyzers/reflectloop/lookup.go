package reflectloop

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/typeshape"
)

// checkNameLookup reports Type.FieldByName, Value.FieldByName and their
// MethodByName forms in a loop when each iteration searches the same type
// for the same name: the name does not change in the loop, and the type
// either does not change or is fixed by the static type of the reflected
// value. Walking the fields of types that vary is what reflection is for,
// except with a constant name in hot code, and a name that varies over a
// type that does not is what reflection needs, except in hot code:
// hotOnly says d (a per-type cache, or the type's fields indexed once) is
// to be reported only where a profile shows the loop hot.
func checkNameLookup(pass *analysis.Pass, loop *loops.Loop, call *ast.CallExpr, method string) (d *analysis.Diagnostic, hotOnly bool) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 1 {
		return nil, false
	}
	recvType := types.TypeString(pass.TypesInfo.TypeOf(sel.X), types.RelativeTo(pass.Pkg))
	chain := invariantChain(pass, loop, sel.X)
	if !loop.Invariant(pass, call.Args[0]) {
		if t := staticReflectedType(pass, sel.X); t != nil || chain || loop.Invariant(pass, sel.X) {
			return varyingName(pass, call, sel, method, t), true
		}
		return nil, false // both vary: walking values of several types
	}
	searched := ""
	if t := staticReflectedType(pass, sel.X); t != nil {
		searched = types.TypeString(t, types.RelativeTo(pass.Pkg)) + "'s"
	} else if chain || loop.Invariant(pass, sel.X) {
		searched = "the same type's"
	} else {
		return eachType(pass, call, sel, method), true
	}
	name := types.ExprString(call.Args[0])
	what, cache, use := "fields", "Type.FieldByName(...).Index", "Value.FieldByIndex or Value.Field(i)"
	if method == "MethodByName" {
		what, cache, use = "methods", "Type.MethodByName(...).Index", "Value.Method(i)"
	}
	through, hoist := "", "look the index up once before the loop"
	whyNot := "the lookup needs a value of the type before the loop, which the loop's code may not have"
	if chain {
		whyNot = "before the loop the chain runs even when the loop runs no iteration, and may panic there"
		// The chain that reaches the type is repeated with the search:
		// name it, so that it moves out of the loop with the lookup.
		through = ", through " + types.ExprString(sel.X) + " each time"
		hoist = "hoist " + types.ExprString(sel.X) + " and the index lookup before the loop"
	}
	return &analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s(%s) in a loop searches %s %s by name on every iteration%s (%s); "+
			"%s (%s) and use %s; no automatic fix: %s",
			shortReflect(recvType), method, name, searched, what, through, searchCost(method), hoist, cache, use, whyNot),
	}, false
}

// Why a lookup by name costs: Type.FieldByName compares the name with each
// field's in turn (and then walks embedded structs), but MethodByName on a
// concrete type binary-searches the sorted exported methods: its cost is
// the reflect.Method it builds for a match, whose func type is made with
// reflect.FuncOf (slices of the parameter types, a cache lookup, the
// allocations of both), which Value.Method(i) does not do (judged on
// copier's Copy for issue #26: 57% of MethodByName's time and all its
// allocation were that, the search the rest). Saying "a linear search" of
// methods was wrong.
const (
	fieldSearchCost  = "a linear search, about 10× an indexed lookup"
	methodSearchCost = "a binary search that, for a match, builds a reflect.Method with its func type, allocating; Value.Method(i) does neither"
)

// searchCost returns the cost of a lookup of method, in words.
func searchCost(method string) string {
	if method == "MethodByName" {
		return methodSearchCost
	}
	return fieldSearchCost
}

// invariantChain reports whether e is a chain of reflect.TypeOf,
// reflect.ValueOf, reflect.Indirect, Elem and Type calls on an operand
// that does not change in the loop (reflect.TypeOf(x).Elem(),
// reflect.ValueOf(x).Type()): each call depends on its operand alone, so
// the chain gives the same type on every iteration. loops.Invariant counts
// every call as varying; these are known to be pure.
func invariantChain(pass *analysis.Pass, loop *loops.Loop, e ast.Expr) bool {
	call, fn := reflectCall(pass, e)
	if fn == nil {
		return false
	}
	var operand ast.Expr
	switch recv := fn.Signature().Recv(); {
	case recv == nil && len(call.Args) == 1 && (fn.Name() == "TypeOf" || fn.Name() == "ValueOf" || fn.Name() == "Indirect"):
		operand = call.Args[0]
	case recv != nil && len(call.Args) == 0 && (fn.Name() == "Elem" || fn.Name() == "Type"):
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		operand = sel.X
	default:
		return false
	}
	return invariantChain(pass, loop, operand) || loop.Invariant(pass, operand)
}

// reflectCall returns e as a call of a function or method of package
// reflect, and that function; a nil function if e is not one.
func reflectCall(pass *analysis.Pass, e ast.Expr) (*ast.CallExpr, *types.Func) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil, nil
	}
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "reflect" {
		return nil, nil
	}
	return call, fn
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
	call, fn := reflectCall(pass, e)
	if fn == nil {
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

// eachType reports a lookup with a loop-invariant name on a type that
// changes with the element (the dynamic type of an interface value, the
// type of each field walked): each search costs what searchCost says, and
// a small cache keyed by reflect.Type makes it one map lookup. Its caller reports it only where a profile shows the loop hot:
// most such loops walk a handful of values once.
func eachType(pass *analysis.Pass, call *ast.CallExpr, sel *ast.SelectorExpr, method string) *analysis.Diagnostic {
	if tv := pass.TypesInfo.Types[call.Args[0]]; tv.Value == nil {
		return nil // a name that is not a constant: the cache would need it in its key
	}
	recv := shortReflect(types.TypeString(pass.TypesInfo.TypeOf(sel.X), types.RelativeTo(pass.Pkg)))
	typ, use := types.ExprString(sel.X), "Value.FieldByIndex(idx)"
	lookup := fmt.Sprintf("f, _ := t.FieldByName(%s); idx = f.Index", types.ExprString(call.Args[0]))
	cacheType := "map[reflect.Type][]int"
	if recv == "Value" {
		typ += ".Type()"
	}
	what := "fields"
	if method == "MethodByName" {
		what, use, cacheType = "methods", "Value.Method(idx)", "map[reflect.Type]int"
		lookup = fmt.Sprintf("m, _ := t.MethodByName(%s); idx = m.Index", types.ExprString(call.Args[0]))
	}
	return &analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s(%s) in a hot loop searches the %s of each element's type by name on every iteration (%s); cache the index per type in a %s (t := %s; idx, ok := cache[t]; if !ok { %s; cache[t] = idx }) and use %s; no automatic fix: where the cache lives and how it is guarded against concurrent use are design choices",
			recv, method, types.ExprString(call.Args[0]), what, searchCost(method), cacheType, typ, lookup, use),
	}
}

// varyingName reports a lookup whose name changes every iteration on a
// type that does not (t, when the source fixes it): a decoder setting
// fields by the keys it reads. Each search costs what searchCost says;
// indexing the fields by name once before the loop (methods once per type)
// makes it one map lookup. Its caller reports it only where a profile shows the loop
// hot: most such loops set a handful of fields once.
func varyingName(pass *analysis.Pass, call *ast.CallExpr, sel *ast.SelectorExpr, method string, t types.Type) *analysis.Diagnostic {
	recv := shortReflect(types.TypeString(pass.TypesInfo.TypeOf(sel.X), types.RelativeTo(pass.Pkg)))
	searched := "the same type's"
	if t != nil {
		searched = types.TypeString(t, types.RelativeTo(pass.Pkg)) + "'s"
	}
	typ := types.ExprString(sel.X)
	if recv == "Value" {
		typ += ".Type()"
	}
	if method == "MethodByName" {
		// Not "once before the loop": t.Method(i) builds each method's
		// func type, as MethodByName does for the one it finds, so an
		// index built on every call costs every method's, where the loop
		// paid only for the names that matched. Once per type, it is paid
		// once.
		return &analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(),
			Message: fmt.Sprintf("%s.%s(%s) in a hot loop searches %s methods by a name that changes every iteration (%s); "+
				"index them by name once per type, not per call (t.Method(i) builds each method's func type too): "+
				"keep a map[reflect.Type]map[string]int, filled for a new t := %s by for i := range t.NumMethod() { byName[t.Method(i).Name] = i }, and use Value.Method(i); "+
				"no automatic fix: where the cache lives and how it is guarded against concurrent use are design choices",
				recv, method, types.ExprString(call.Args[0]), searched, methodSearchCost, typ),
		}
	}
	return &analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s.%s(%s) in a hot loop searches %s fields by a name that changes every iteration (%s); "+
			"index them by name once before the loop (t := %s; byName := make(map[string]int); for i := range t.NumField() { byName[t.Field(i).Name] = i }) and use Value.Field(i); no automatic fix: "+
			"embedded fields (FieldByName's promotion rules) and where the index lives are choices the code must make",
			recv, method, types.ExprString(call.Args[0]), searched, fieldSearchCost, typ),
	}
}
