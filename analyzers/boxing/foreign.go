package boxing

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

// The hot rule for containers the package does not own: a value boxed on
// each iteration into a slice or map parameter of interface element type,
// a channel of interface type, or an interface field of a parameter's
// element. Rule 1 cannot see what such a container holds (its caller
// fills and reads it), so outside hot code it stays silent; where a
// profile shows the loop hot (report.ReportIfHot), the allocation is
// reported with the change that removes it, which is the signature's:
// a typed slice, map or channel, a concrete field, or a type parameter.

// foreign returns what the container d is, when it is one whose type the
// package does not decide alone: a channel (its receivers are elsewhere),
// or a container rooted in a parameter or receiver of an enclosing
// function (the caller made it). ok is false for the package's own
// locals, fields and variables.
func (ch *checker) foreign(d dest) (what string, ok bool) {
	info := ch.pass.TypesInfo
	if _, isChan := typeUnderlying(info.TypeOf(d.container)).(*types.Chan); isChan {
		return "a channel", true
	}
	v, isVar := exprs.Root(info, d.container).(*types.Var)
	if !isVar || !ch.isParam(d.at, v) {
		return "", false
	}
	if _, isSel := ast.Unparen(d.container).(*ast.SelectorExpr); isSel {
		return "a field of " + v.Name() + ", a parameter", true
	}
	return "a parameter", true
}

// isParam reports whether v is a parameter or receiver of a function
// enclosing c.
func (ch *checker) isParam(c inspector.Cursor, v *types.Var) bool {
	for anc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ft, _ := query.FuncParts(anc.Node())
		if fd, ok := anc.Node().(*ast.FuncDecl); ok && fd.Recv != nil && query.Within(fd.Recv, v.Pos()) {
			return true
		}
		if ft != nil && query.Within(ft.Params, v.Pos()) {
			return true
		}
	}
	return false
}

// foreignContents reports, in hot code only, the conversion of value (of
// type t, size bytes boxed) to iface as it is put in the foreign
// container d.
func (ch *checker) foreignContents(value ast.Expr, t, iface types.Type, size int64, d dest, what string) {
	qual := types.RelativeTo(ch.pass.Pkg)
	name := types.ExprString(d.container)
	ch.rep.ReportIfHot(analysis.Diagnostic{
		Pos: value.Pos(), End: value.End(),
		Message: fmt.Sprintf("converting %s to %s in a hot loop allocates on every iteration (%s) unless the compiler keeps it on the stack; "+
			"%s is %s, so its type is the caller's: %s; no automatic fix: the container's type is part of the function's signature",
			types.TypeString(t, qual), types.TypeString(iface, qual), boxedCost(t, size),
			name, what, typedAdvice(ch.pass, d, name, t)),
	}, report.Boxed(ch.pass, value, t))
}

// typedAdvice says what container type removes the boxing.
func typedAdvice(pass *analysis.Pass, d dest, name string, t types.Type) string {
	qual := types.RelativeTo(pass.Pkg)
	switch typ := typedContainer(pass, d, t).(type) {
	case nil:
		return fmt.Sprintf("give the field the type %s, or make its struct generic over it", types.TypeString(t, qual))
	case *types.Chan:
		return fmt.Sprintf("send on a typed channel (%s) or batch the values into one send", types.TypeString(typ, qual))
	default:
		return fmt.Sprintf("take a %s (or make the function generic over the element type), so callers that hold %s values pass them unboxed", types.TypeString(typ, qual), types.TypeString(t, qual))
	}
}
