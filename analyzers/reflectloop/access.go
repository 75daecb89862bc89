package reflectloop

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

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
		Message: fmt.Sprintf("reflect.ValueOf(%s).%s in a loop goes through reflection to reach a %s, a type known here (about 3× slower than direct access, and a kind check on every call); "+
			"%s directly; no automatic fix: %s",
			types.ExprString(x), sel.Sel.Name, typeName, how, whyNoDirectFix(sel.Sel.Name)),
	}
}

// whyNoDirectFix says why the direct form of method is not offered as a fix.
func whyNoDirectFix(method string) string {
	switch method {
	case "Index", "MapIndex", "Field":
		return "the code goes on using the result as a reflect.Value, and the direct form is not one"
	case "Len", "Cap":
		return "the reflection may be there to keep the code open to other types, which is the author's choice"
	}
	return "reflect returns the widest type of the kind, and the direct form has the value's own, so the code that uses it may change"
}

// kindMatches reports whether method applies to a value of type t without
// panicking, and whether its direct form can be written here: Field needs a
// constant index of a field this package may name.
func kindMatches(pass *analysis.Pass, t types.Type, method string, access *ast.CallExpr) bool {
	switch u := t.Underlying().(type) {
	case *types.Slice, *types.Array:
		return method == "Index" || method == "Len" || method == "Cap" || method == "Bytes" && query.IsByteSlice(u)
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

func constantInt(tv types.TypeAndValue) (int, bool) {
	i, err := strconv.Atoi(tv.Value.ExactString())
	return i, err == nil
}
