package boxing

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

// The hot rule: in code a profile shows hot (report.ReportIfHot: a share
// of at least -hot.min), every conversion of a value to an interface that
// an argument or a composite literal makes on each iteration, whoever owns
// the API; under -escape only those the compiler moves to the heap.
// Without a profile these stay unreported: most are cheap, kept on the
// stack, or required by the API.

// hotCall checks the arguments of a call in loop that a function takes as
// interfaces (fmt's and slog's ...any, a parameter of type any or of an
// interface with methods).
func (ch *checker) hotCall(call *ast.CallExpr, loop *loops.Loop) {
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
		var param *types.Var // the parameter that receives arg alone
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			if call.Ellipsis.IsValid() {
				continue // a slice passed on: its elements are already interfaces
			}
			pt = params.At(params.Len() - 1).Type().(*types.Slice).Elem()
		case i < params.Len():
			pt, param = params.At(i).Type(), params.At(i)
		default:
			continue
		}
		if _, ok := types.Unalias(pt).(*types.TypeParam); ok || !types.IsInterface(pt) {
			continue
		}
		ch.hotConversion(arg, pt, func(t types.Type, size int64) string {
			if once := boxOnce(ch.pass, arg, pt, loop); once != "" {
				return fmt.Sprintf("the cost is one allocation (%d bytes) per item: %s", size, once)
			}
			return ch.callAdvice(callee, param, t, size)
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
		Message: fmt.Sprintf("converting %s to %s in a hot loop allocates on every iteration (%s) unless the compiler keeps it on the stack; %s; no automatic fix: avoiding the conversion changes a type or the function called, not just this expression",
			types.TypeString(t, qual), types.TypeString(iface, qual), boxedCost(t, size), advice(t, size)),
	}, report.Boxed(ch.pass, value, t))
}

// boxOnce says how to box the value of arg once for the whole loop, where
// it can be: arg is a variable declared before the loop, iface has
// methods, and the variable's type has them with value receivers, so a
// pointer to it satisfies iface too, boxed before the loop without
// allocating again, and reads the variable as it is at each call (casbin
// boxed a 64-byte struct per policy rule of every Enforce so). Not for an
// empty interface, whose receiver may switch on the dynamic type and find
// a pointer instead, nor for a variable each iteration declares anew.
func boxOnce(pass *analysis.Pass, arg ast.Expr, iface types.Type, loop *loops.Loop) string {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || !v.Pos().IsValid() || (v.Parent() != v.Pkg().Scope() && v.Pos() >= loop.Stmt.Pos()) {
		return ""
	}
	in, ok := iface.Underlying().(*types.Interface)
	if !ok || in.NumMethods() == 0 || !types.Implements(v.Type(), in) {
		return ""
	}
	qual := func(p *types.Package) string { // govaluate.Parameters, as the code spells it
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}
	return fmt.Sprintf("%s's methods have value receivers, so &%s satisfies %s too: box it once before the loop (var boxed %s = &%s) and pass boxed, unless the callee keeps the value past the call (it would then see later changes to %s)",
		types.TypeString(v.Type(), qual), id.Name, types.TypeString(iface, qual), types.TypeString(iface, qual), id.Name, id.Name)
}

// callAdvice says what to do about a value boxed for callee (received by
// its parameter param, nil for a variadic one): typed attributes for slog,
// strconv for fmt's numbers, a type parameter for the package's own
// functions unless they store the value as an interface (then the
// container's type decides), and otherwise what it costs.
func (ch *checker) callAdvice(callee types.Object, param *types.Var, t types.Type, size int64) string {
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
		if how, container, typ, ok := ch.storedBy(fn, param); ok {
			// A type parameter on fn would box the value at the store all
			// the same (an interpreter's push onto its []any stack).
			return fmt.Sprintf("%s %s %s, %s: a type parameter would box it there all the same; %s, unless %s gets a concrete type", name, how, container, article(typ), cost, container)
		}
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
		Message: fmt.Sprintf("converting %s to %s in a hot loop allocates on every iteration (%s) unless the compiler keeps it on the stack; "+
			"%s holds %s of %d types (%s), so the cost is one allocation (%d bytes) per item: to remove it, keep a typed container per kind (a sum type) or give each caller a generic helper; "+
			"no automatic fix: %s holds several types by design, retyping it is no answer",
			types.TypeString(t, qual), types.TypeString(iface, qual), boxedCost(t, size),
			name, what, len(held), strings.Join(names, ", "), size, name),
	}, report.Boxed(ch.pass, value, t))
}

// storedBy reports how fn, a function of the package, keeps its parameter
// param as an interface: appended to a slice, stored in a map, slice,
// field or variable, or sent on a channel, whose element is an interface.
// Then the conversion happens whatever fn's signature: how is "appends it
// to", "stores it in" or "sends it on", container names the container as
// fn writes it, typ its type. A store into fn's own local is not counted: what the local
// does next is not followed.
func (ch *checker) storedBy(fn *types.Func, param *types.Var) (how, container, typ string, ok bool) {
	if param == nil {
		return "", "", "", false
	}
	fd := ch.loopInfo.Decl(fn)
	if fd == nil || fd.Body == nil {
		return "", "", "", false
	}
	info := ch.pass.TypesInfo
	local := func(e ast.Expr) bool { // fn's own variable, declared in its body
		v, isVar := exprs.Root(info, e).(*types.Var)
		return isVar && query.Within(fd.Body, v.Pos())
	}
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == param
	}
	found := func(verb string, e ast.Expr) {
		how, container, typ, ok = verb, types.ExprString(e), types.TypeString(info.TypeOf(e), types.RelativeTo(ch.pass.Pkg)), true
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ok {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if query.IsBuiltin(info, n.Fun, "append") && len(n.Args) > 1 && !n.Ellipsis.IsValid() {
				if s, isSlice := typeUnderlying(info.TypeOf(n.Args[0])).(*types.Slice); isSlice && types.IsInterface(s.Elem()) && !local(n.Args[0]) {
					for _, a := range n.Args[1:] {
						if isParam(a) {
							found("appends it to", n.Args[0])
						}
					}
				}
			}
		case *ast.CompositeLit:
			// A struct built around it: &Path{Prev: p, Key: key}.
			st, isStruct := typeUnderlying(info.TypeOf(n)).(*types.Struct)
			if !isStruct {
				break
			}
			for i, elt := range n.Elts {
				field, value := (*types.Var)(nil), elt
				if kv, isKV := elt.(*ast.KeyValueExpr); isKV {
					if id, isID := kv.Key.(*ast.Ident); isID {
						field, _ = info.Uses[id].(*types.Var)
					}
					value = kv.Value
				} else if i < st.NumFields() {
					field = st.Field(i)
				}
				if field != nil && isParam(value) && types.IsInterface(field.Type()) {
					how, typ, ok = "stores it in", types.TypeString(field.Type(), types.RelativeTo(ch.pass.Pkg)), true
					container = types.TypeString(types.Unalias(info.TypeOf(n)), types.RelativeTo(ch.pass.Pkg)) + "." + field.Name()
				}
			}
		case *ast.SendStmt:
			if c, isChan := typeUnderlying(info.TypeOf(n.Chan)).(*types.Chan); isChan && types.IsInterface(c.Elem()) && isParam(n.Value) {
				found("sends it on", n.Chan)
			}
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN || len(n.Lhs) != len(n.Rhs) {
				break
			}
			for i, rhs := range n.Rhs {
				lhs := ast.Unparen(n.Lhs[i])
				if !isParam(rhs) || !types.IsInterface(info.TypeOf(lhs)) || local(lhs) {
					continue
				}
				switch x := lhs.(type) {
				case *ast.IndexExpr:
					found("stores it in", x.X)
				case *ast.SelectorExpr:
					found("stores it in", x)
				case *ast.Ident:
					if v, isVar := info.Uses[x].(*types.Var); isVar && v.Parent() == ch.pass.Pkg.Scope() {
						found("stores it in", x)
					}
				}
			}
		}
		return !ok
	})
	return how, container, typ, ok
}
