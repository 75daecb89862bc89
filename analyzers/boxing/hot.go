package boxing

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// The hot rule: in code a profile shows hot (report.ReportIfHot: a share
// of at least -hot.min), every conversion of a value to an interface that
// an argument or a composite literal makes on each iteration, whoever owns
// the API; under -escape only those the compiler moves to the heap.
// Without a profile these stay unreported: most are cheap, kept on the
// stack, or required by the API.

// hotCall checks the arguments of a call in a loop that a function takes
// as interfaces (fmt's and slog's ...any, a parameter of type any or of an
// interface with methods).
func (ch *checker) hotCall(call *ast.CallExpr) {
	info := ch.pass.TypesInfo
	if tv := info.Types[call.Fun]; tv.IsType() || tv.IsBuiltin() {
		return
	}
	sig, ok := typeUnderlying(info.TypeOf(call.Fun)).(*types.Signature)
	if !ok {
		return
	}
	callee := typeutil.Callee(info, call)
	if fn, ok := callee.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == "reflect" {
		return // reflect.ValueOf(x) boxes x by design: reflection's cost is reflectloop's
	}
	params := sig.Params()
	for i, arg := range call.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				continue // a slice passed on: its elements are already interfaces
			}
			pt = params.At(params.Len() - 1).Type().(*types.Slice).Elem()
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			continue
		}
		if _, ok := types.Unalias(pt).(*types.TypeParam); ok || !types.IsInterface(pt) {
			continue
		}
		ch.hotConversion(arg, pt, func(t types.Type, size int64) string {
			return ch.callAdvice(callee, t, size)
		})
	}
}

// hotLiteral checks the elements (and map keys) of a composite literal of
// interface type built in a loop: []any{...}, map[string]any{...}.
func (ch *checker) hotLiteral(lit *ast.CompositeLit) {
	info := ch.pass.TypesInfo
	var key, elem types.Type
	switch t := typeUnderlying(info.TypeOf(lit)).(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
	case *types.Map:
		key, elem = t.Key(), t.Elem()
	default:
		return
	}
	what := types.TypeString(info.TypeOf(lit), types.RelativeTo(ch.pass.Pkg))
	advice := func(t types.Type, size int64) string {
		return fmt.Sprintf("each %s literal boxes its elements again: if the code that reads it is yours, give it a concrete type (or a struct); else the cost is one allocation (%d bytes) per element per iteration", what, size)
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if key != nil && types.IsInterface(key) {
				ch.hotConversion(kv.Key, key, advice)
			}
			e = kv.Value
		}
		if types.IsInterface(elem) {
			ch.hotConversion(e, elem, advice)
		}
	}
}

// hotConversion reports the conversion of value to the interface iface,
// if it allocates, through ReportIfHot.
func (ch *checker) hotConversion(value ast.Expr, iface types.Type, advice func(t types.Type, size int64) string) {
	info := ch.pass.TypesInfo
	tv, ok := info.Types[value]
	if !ok || tv.Value != nil || tv.IsNil() || tv.Type == nil || types.IsInterface(tv.Type) {
		return
	}
	t := tv.Type
	if _, ok := types.Unalias(t).(*types.TypeParam); ok || implementsError(t) || staticLiteral(info, value) {
		return
	}
	size, ok := ch.boxedSize(t)
	if !ok {
		return
	}
	qual := types.RelativeTo(ch.pass.Pkg)
	ch.rep.ReportIfHot(analysis.Diagnostic{
		Pos: value.Pos(), End: value.End(),
		Message: fmt.Sprintf("converting %s to %s in a hot loop allocates on every iteration (%d bytes) unless the compiler keeps it on the stack; %s; no automatic fix: avoiding the conversion changes a type or the function called, not just this expression",
			types.TypeString(t, qual), types.TypeString(iface, qual), size, advice(t, size)),
	}, value)
}

// callAdvice says what to do about a value boxed for callee: typed
// attributes for slog, strconv for fmt's numbers, a type parameter for the
// package's own functions, and otherwise what it costs.
func (ch *checker) callAdvice(callee types.Object, t types.Type, size int64) string {
	cost := fmt.Sprintf("the cost is one allocation (%d bytes) per item", size)
	fn, ok := callee.(*types.Func)
	if !ok || fn.Pkg() == nil {
		return "the function value takes an interface; " + cost
	}
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	switch path := fn.Pkg().Path(); {
	case fn.Pkg() == ch.pass.Pkg:
		return fmt.Sprintf("%s takes an interface: make it generic (a type parameter for this argument) or add a variant for %s", name, types.TypeString(t, types.RelativeTo(ch.pass.Pkg)))
	case path == "log/slog":
		return "pass typed attributes (slog.Int, slog.String, slog.Bool, slog.Duration) with LogAttrs: an slog.Value holds them without allocating"
	case path == "fmt" || path == "log":
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			return fmt.Sprintf("%s.%s takes any: append the string to a reused []byte (or a strings.Builder) instead of formatting it", fn.Pkg().Name(), name)
		}
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&(types.IsInteger|types.IsFloat|types.IsBoolean) != 0 {
			return fmt.Sprintf("%s.%s takes any: format the %s with strconv.Append* into a reused []byte instead", fn.Pkg().Name(), name, b.Name())
		}
		return fmt.Sprintf("%s.%s requires any; %s: format fewer values per item, or batch them", fn.Pkg().Name(), name, cost)
	default:
		return fmt.Sprintf("%s.%s requires an interface; %s: batch the calls if the API allows", fn.Pkg().Name(), name, cost)
	}
}

// mixedContents reports, in hot code only (ReportIfHot), the conversion of
// value into the container d, which holds several concrete types (held):
// retyping it is not the answer, and the message says what is.
func (ch *checker) mixedContents(value ast.Expr, t, iface types.Type, size int64, d dest, held []types.Type) {
	qual := types.RelativeTo(ch.pass.Pkg)
	names := make([]string, len(held))
	for i, h := range held {
		names[i] = types.TypeString(h, qual)
	}
	name, what := types.ExprString(d.container), "values"
	if d.key {
		what = "keys"
	}
	ch.rep.ReportIfHot(analysis.Diagnostic{
		Pos: value.Pos(), End: value.End(),
		Message: fmt.Sprintf("converting %s to %s in a hot loop allocates on every iteration (%d bytes) unless the compiler keeps it on the stack; "+
			"%s holds %s of %d types (%s), so the cost is one allocation (%d bytes) per item: to remove it, keep a typed container per kind (a sum type) or give each caller a generic helper; "+
			"no automatic fix: %s holds several types by design, retyping it is no answer",
			types.TypeString(t, qual), types.TypeString(iface, qual), size,
			name, what, len(held), strings.Join(names, ", "), size, name),
	}, value)
}
