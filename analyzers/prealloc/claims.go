package prealloc

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
	"github.com/perfvet/perfvet/internal/typeshape"
)

// stackBytes is the backing store Go 1.26's compiler gives the first
// append to a slice on the stack (when it escapes, the store is moved to
// the heap once, at its final size). Measured with go test -bench on Go
// 1.26.8: var s []int grown to 4 elements makes no allocation, to 5 one;
// returned, 4 elements make one 32-byte allocation, as make([]int, 0, 4)
// does.
const stackBytes = 32

// stackStart returns how many elements of the slice g grows fit in the
// stack store Go 1.26 starts an append with (0 before Go 1.26, per the
// version of file, else the go.mod's, or for elements over 32 bytes).
func stackStart(pass *analysis.Pass, file *ast.File, g *growth) int64 {
	if g.isMap || !goVersionAtLeast(pass, file, "go1.26") {
		return 0
	}
	s, ok := g.v.Type().Underlying().(*types.Slice)
	if !ok || typeshape.HasTypeParam(s.Elem()) {
		return 0 // a type parameter has no size (Sizeof panics on it, in std)
	}
	size := pass.TypesSizes.Sizeof(s.Elem())
	if size <= 0 || size > stackBytes {
		return 0
	}
	return stackBytes / size
}

// fitsStackStart reports whether a loop of a constant count fills no more
// than the stack start: presizing then saves no allocation (none if the
// slice stays local, one either way if it escapes).
func fitsStackStart(pass *analysis.Pass, file *ast.File, l *loops.Loop, g *growth) bool {
	k := stackStart(pass, file, g)
	n := perIterConst(g)
	return k > 0 && l.ConstKnown && n > 0 && l.Const*n <= k
}

// growthCost says what growing g costs, as the toolchain of the package's
// go.mod builds it.
func growthCost(pass *analysis.Pass, file *ast.File, g *growth) string {
	if g.isMap {
		return "past 8 entries its table grows ≈log2(n/8) times, rehashing each time"
	}
	switch k := stackStart(pass, file, g); {
	case k > 1:
		return fmt.Sprintf("Go 1.26 starts it with %d elements (%d bytes) on the stack; past them ≈log2(n/%d) reallocations and copies", k, stackBytes, k)
	case k == 1:
		return fmt.Sprintf("Go 1.26 starts it with one element (%d bytes) on the stack; past it ≈log2(n) reallocations and copies", stackBytes)
	}
	return "≈log2(n) reallocations and copies"
}

// errorsToJoin reports whether g collects errors returned by calls,
// errs = append(errs, c.Close()): most are nil, and errors.Join drops
// them anyway, so the cost worth removing is appending the nils, not the
// growth. Presizing would allocate for errors that mostly never come.
func errorsToJoin(pass *analysis.Pass, g *growth) bool {
	s, ok := g.v.Type().Underlying().(*types.Slice)
	if g.isMap || !ok || !types.Identical(s.Elem(), errorType) || g.call.Ellipsis.IsValid() {
		return false
	}
	for _, arg := range g.call.Args[1:] {
		call, isCall := ast.Unparen(arg).(*ast.CallExpr)
		if !isCall || query.IsCallTo(pass.TypesInfo, call, "fmt.Errorf") || query.IsCallTo(pass.TypesInfo, call, "errors.New") {
			return false // not a call, or one that never returns nil
		}
	}
	return true
}

var errorType = types.Universe.Lookup("error").Type()

// appendNonNil is the plan for errorsToJoin's collections.
func appendNonNil(g *growth) plan {
	name := g.v.Name()
	call := types.ExprString(g.call.Args[1])
	return plan{
		advice: fmt.Sprintf("most calls return nil: append only the errors that are not (if err := %s; err != nil { %s = append(%s, err) }), so %s stays nil when nothing fails; presizing would allocate for errors that do not come",
			call, name, name, name),
		whyNot: fmt.Sprintf("dropping the nil errors changes len(%s), which code other than errors.Join may count", name),
	}
}

// fileOf returns the file of pass holding pos.
func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}
