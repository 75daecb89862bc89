package stringbytes

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/fixes"
)

// The cost, said once for every message.
const cost = "a copy on every iteration of a hot loop, allocated when it is longer than 32 bytes or escapes"

// checkTwin reports strings.F(string(b), ...) (bytes.F([]byte(s), ...))
// where every argument of the package's own type is such a conversion or
// a constant: bytes.F (strings.F) takes the values as they are.
func checkTwin(pass *analysis.Pass, files *fixes.Files, call *ast.CallExpr, fn *types.Func) *finding {
	info := pass.TypesInfo
	params, ok := twins[fn.Name()]
	if !ok {
		return nil
	}
	toString := fn.Pkg().Path() == "strings" // the arguments convert to string
	other := "bytes"
	if !toString {
		other = "strings"
	}
	var conv ast.Expr
	why := ""
	for _, p := range params {
		if p >= len(call.Args) {
			return nil
		}
		arg := call.Args[p]
		x := conversion(info, arg, toString)
		switch {
		case x != nil && !isConst(info, x):
			if conv == nil {
				conv = arg
			}
			if !toString && !types.Identical(info.TypeOf(x), types.Typ[types.String]) {
				why = fmt.Sprintf("%s is a %s, which strings.%s does not take", types.ExprString(x), info.TypeOf(x), fn.Name())
			}
		case x != nil, isConst(info, arg):
		default:
			return nil // a value of the package's own type: the conversion would only move
		}
	}
	if conv == nil {
		return nil
	}
	f := &finding{
		call: call, conv: conv, from: fn.Pkg().Path(), to: other, fixable: why,
		d: analysis.Diagnostic{
			Pos: conv.Pos(), End: conv.End(),
			Message: fmt.Sprintf("%s converts only to call %s.%s: %s; call %s.%s, which takes the value as it is",
				types.ExprString(conv), fn.Pkg().Name(), fn.Name(), cost, other, fn.Name()),
		},
	}
	f.edits = func(name string) []analysis.TextEdit {
		sel := call.Fun.(*ast.SelectorExpr)
		edits := []analysis.TextEdit{fixes.Replace(sel.X, name)}
		for _, p := range params {
			arg := call.Args[p]
			if x := conversion(info, arg, toString); x != nil {
				edits = append(edits, fixes.Replace(arg, source(files, x)))
			} else if toString {
				edits = append(edits, fixes.Replace(arg, "[]byte("+source(files, arg)+")"))
			}
		}
		return edits
	}
	return f
}

// checkEqual reports bytes.Equal([]byte(s), x): comparing strings, the
// compiler converts x without a copy (s == string(b)).
func checkEqual(pass *analysis.Pass, files *fixes.Files, c inspector.Cursor, call *ast.CallExpr) *finding {
	info := pass.TypesInfo
	if len(call.Args) != 2 {
		return nil
	}
	var conv ast.Expr
	operands := make([]string, 2)
	why := ""
	for i, arg := range call.Args {
		if x := conversion(info, arg, false); x != nil {
			if !isConst(info, x) && conv == nil {
				conv = arg
			}
			if !types.AssignableTo(info.TypeOf(x), types.Typ[types.String]) {
				why = fmt.Sprintf("%s is a %s, not a string", types.ExprString(x), info.TypeOf(x))
			}
			operands[i] = source(files, x)
		} else {
			operands[i] = "string(" + source(files, arg) + ")"
		}
	}
	if conv == nil {
		return nil
	}
	f := &finding{
		call: call, conv: conv, from: "bytes", fixable: why,
		d: analysis.Diagnostic{
			Pos: conv.Pos(), End: conv.End(),
			Message: fmt.Sprintf("%s converts only to compare with bytes.Equal: %s; compare strings with ==, which converts a []byte operand without copying",
				types.ExprString(conv), cost),
		},
	}
	text := operands[0] + " == " + operands[1]
	switch c.Parent().Node().(type) {
	case *ast.UnaryExpr, *ast.BinaryExpr, *ast.SelectorExpr, *ast.StarExpr:
		text = "(" + text + ")"
	}
	f.edits = func(string) []analysis.TextEdit { return []analysis.TextEdit{fixes.Replace(call, text)} }
	return f
}

// checkWrite reports w.Write([]byte(s)) on a writer whose type has
// WriteString(string) (int, error): strings.Builder, bytes.Buffer,
// bufio.Writer, maphash.Hash...
func checkWrite(pass *analysis.Pass, files *fixes.Files, call *ast.CallExpr, fn *types.Func) *finding {
	info := pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || fn.Name() != "Write" || len(call.Args) != 1 {
		return nil
	}
	x := conversion(info, call.Args[0], false)
	if x == nil || isConst(info, x) {
		return nil
	}
	recv := info.TypeOf(sel.X)
	obj, _, _ := types.LookupFieldOrMethod(recv, true, pass.Pkg, "WriteString")
	ws, ok := obj.(*types.Func)
	if !ok || !sameSignature(ws.Signature(), fn.Signature()) {
		return nil
	}
	operand := source(files, x)
	why := ""
	if !types.AssignableTo(info.TypeOf(x), types.Typ[types.String]) {
		operand = "string(" + operand + ")" // a conversion between string types copies nothing
	}
	f := &finding{
		call: call, conv: call.Args[0], fixable: why,
		d: analysis.Diagnostic{
			Pos: call.Args[0].Pos(), End: call.Args[0].End(),
			Message: fmt.Sprintf("%s converts only to call Write: %s; call %s.WriteString, which takes the string",
				types.ExprString(call.Args[0]), cost, types.ExprString(sel.X)),
		},
	}
	f.edits = func(string) []analysis.TextEdit {
		return []analysis.TextEdit{fixes.Replace(sel.Sel, "WriteString"), fixes.Replace(call.Args[0], operand)}
	}
	return f
}

// sameSignature reports whether WriteString's results are Write's, so the
// call's results are used alike.
func sameSignature(ws, w *types.Signature) bool {
	if ws.Params().Len() != 1 || !types.Identical(ws.Params().At(0).Type(), types.Typ[types.String]) {
		return false
	}
	return types.Identical(ws.Results(), w.Results())
}

// source is the source text of e.
func source(files *fixes.Files, e ast.Expr) string {
	f, err := files.For(e.Pos())
	if err != nil {
		return types.ExprString(e)
	}
	return f.Source(e)
}
