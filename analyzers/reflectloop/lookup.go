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
		Message: fmt.Sprintf("%s.%s(%s) in a loop searches %s %s by name on every iteration (a linear search, about 10× an indexed lookup); "+
			"look the index up once before the loop (%s) and use %s",
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
