package bigcopy

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/passes/hot"
)

// inlineBudget is the size, in syntax nodes of its body, from which a
// function is taken to be too large for the compiler to inline (its
// budget is 80 nodes of its own representation, which counts about as
// many): an inlined call's copies may be optimised away.
const inlineBudget = 80

// callCopy reports a call, in a hot loop, of a function of the package
// that takes or returns a large struct or array by value (its receiver
// included): each call copies it.
func (ch *checker) callCopy(c inspector.Cursor, call *ast.CallExpr) {
	fn, ok := typeutil.Callee(ch.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return
	}
	decl := ch.bodies[fn]
	if decl == nil || nodes(decl.Body, inlineBudget) < inlineBudget {
		return
	}
	loop := ch.loops.Repeating(c)
	if loop == nil || !hot.HotChain(loop) {
		return
	}
	sig := fn.Signature()
	qual := types.RelativeTo(ch.pass.Pkg)
	var copies []string
	var total int64
	add := func(what string, v *types.Var) {
		switch v.Type().Underlying().(type) {
		case *types.Struct, *types.Array:
		default:
			return
		}
		if size, ok := ch.sizeOf(v.Type()); ok {
			copies = append(copies, fmt.Sprintf("%s %s (%s, %d bytes)", what, nameOf(v), types.TypeString(v.Type(), qual), size))
			total += size
		}
	}
	if recv := sig.Recv(); recv != nil {
		add("its receiver", recv)
	}
	for v := range sig.Params().Variables() {
		add("its parameter", v)
	}
	for v := range sig.Results().Variables() {
		add("its result", v)
	}
	if len(copies) == 0 {
		return
	}
	advice := "take a pointer (and return one, or fill one the caller passes)"
	why := "the signature changes, and with it every caller"
	if fn.Exported() {
		why = "the signature changes, and with it every caller, in other packages too"
	}
	// Measured by the call's own code, where the caller copies the values
	// in and out (the runtime's memmove or duffcopy below it), not by the
	// callee's work or the loop's: tablewriter's 304-byte copies were kept
	// by their loops' 3.0% and 1.2% though no sample landed on the calls.
	ch.rep.ReportIfHotAt(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("each call of %s in a hot loop of %s copies %s: %d bytes per call; %s; no automatic fix: %s",
			fn.Name(), enclosingName(c), strings.Join(copies, ", "), total, advice, why),
	}, call)
}

// nameOf names a parameter for the message: its name, or "" when it has
// none.
func nameOf(v *types.Var) string {
	if v.Name() == "" || v.Name() == "_" {
		return "(unnamed)"
	}
	return v.Name()
}

// nodes counts the syntax nodes of n, stopping at limit.
func nodes(n ast.Node, limit int) int {
	count := 0
	ast.Inspect(n, func(m ast.Node) bool {
		if m != nil {
			count++
		}
		return count < limit
	})
	return count
}
