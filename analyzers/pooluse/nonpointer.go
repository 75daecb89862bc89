package pooluse

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/typeshape"
)

// checkNonPointer reports a Put of a value that is not pointer-shaped
// (rule 7, staticcheck's SA6002): converting it to the interface Put takes
// copies it to the heap, an allocation on every Put, which is what the
// pool was meant to save. The argument's type tells it; no IR is needed.
// Nothing is reported for what converts without allocating: an
// interface already, a constant (static data), a value of zero size or of
// one byte (the runtime keeps those).
func (st *state) checkNonPointer(put *ast.CallExpr) {
	if len(put.Args) != 1 {
		return
	}
	arg := put.Args[0]
	tv, ok := st.pass.TypesInfo.Types[arg]
	if !ok || tv.Value != nil || tv.IsNil() || tv.Type == nil || types.IsInterface(tv.Type) || typeshape.PointerShaped(tv.Type) || typeshape.HasTypeParam(tv.Type) {
		return
	}
	size := st.pass.TypesSizes.Sizeof(tv.Type)
	if size <= 1 {
		return
	}
	what := types.TypeString(tv.Type, types.RelativeTo(st.pass.Pkg))
	advice := "put a pointer to it instead (a *" + what + ")"
	if _, isSlice := tv.Type.Underlying().(*types.Slice); isSlice {
		advice = "pool a *" + what + " instead, and put back the pointer (after *p = (*p)[:0])"
	}
	// Rule 7 is staticcheck's SA6002, which the suite does not bundle:
	// a line silenced for that check is silenced for this rule.
	st.rep.As("SA6002").ReportAlloc(analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("%s.Put(%s) puts a %s, which is not pointer-shaped: converting it to any copies its %d bytes to the heap on every Put, the allocation the pool was meant to save (staticcheck's SA6002); "+
			"%s; no automatic fix: every Get of the pool and its type assertion change with it",
			poolName(put), types.ExprString(arg), what, size, advice),
	})
}
