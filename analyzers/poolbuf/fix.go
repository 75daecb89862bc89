package poolbuf

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

// hoistFix moves the declaration above the loop and puts the reset in its
// place. It returns why not when that could change what the code does.
// hoisted records the names each fix of a pass declares in each block, so
// that two fixes applied together never declare one name twice there.
type hoisted map[ast.Node]map[string]bool

func hoistFix(pass *analysis.Pass, editFiles *fixes.Files, taken hoisted, c inspector.Cursor, loop *loops.Loop, sc *scratch) (*analysis.SuggestedFix, string) {
	switch sc.kind {
	case bufioWriter, bufioReader:
		return nil, "Reset takes the new source or destination, and a bufio.Writer must be flushed first"
	}
	switch c.Parent().Node().(type) {
	case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
	default:
		return nil, "the declaration is not a statement of its own"
	}
	if sc.size != nil && !loop.Invariant(pass, sc.size) {
		return nil, "the size changes from one iteration to the next"
	}
	if call, ok := ast.Unparen(sc.alloc).(*ast.CallExpr); ok {
		for _, arg := range call.Args {
			if tv := pass.TypesInfo.Types[arg]; !tv.IsType() && !loop.Invariant(pass, arg) {
				return nil, "the allocation's arguments change from one iteration to the next"
			}
		}
	}
	if why := reassigned(pass, loop.Body(), sc); why != "" {
		return nil, why
	}
	hoistAt := loop.Stmt
	if lc, ok := query.Ancestor(c, loop.Stmt); ok {
		if lab, ok := lc.Parent().Node().(*ast.LabeledStmt); ok {
			hoistAt = lab
			lc = lc.Parent()
		}
		if why := nameClash(pass, lc, sc.v); why != "" {
			return nil, why
		}
		block := lc.Parent().Node()
		if taken[block][sc.v.Name()] {
			return nil, "another fix declares a " + sc.v.Name() + " before a loop of the same block"
		}
		defer func() {
			if taken[block] == nil {
				taken[block] = make(map[string]bool)
			}
			taken[block][sc.v.Name()] = true
		}()
	} else {
		return nil, "the loop is not an ancestor"
	}
	f, err := editFiles.For(sc.stmt.Pos())
	if err != nil {
		return nil, err.Error()
	}
	return &analysis.SuggestedFix{
		Message: "Allocate " + sc.v.Name() + " once before the loop and reset it each iteration",
		TextEdits: []analysis.TextEdit{
			f.InsertLinesBefore(hoistAt, f.Source(sc.stmt)),
			fixes.Replace(sc.stmt, sc.reset()),
		},
	}, ""
}

// reassigned reports why the hoisted buffer would not be reset to the state
// the declaration gave it: another assignment to the variable in the loop,
// or, for an append buffer, a reslice that could read past what this
// iteration wrote.
func reassigned(pass *analysis.Pass, body *ast.BlockStmt, sc *scratch) string {
	why := ""
	ast.Inspect(body, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n == sc.stmt {
				return true
			}
			for i, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok || pass.TypesInfo.ObjectOf(id) != sc.v {
					continue
				}
				if sc.kind == appendSlice && len(n.Lhs) == len(n.Rhs) && isAppendTo(pass, n.Rhs[i], sc.v) {
					continue
				}
				why = sc.v.Name() + " is assigned again in the loop"
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND && query.IsUse(pass.TypesInfo, n.X, sc.v) && sc.kind != bytesBuffer {
				why = "the loop takes the address of " + sc.v.Name()
			}
		case *ast.SliceExpr:
			if sc.kind == appendSlice && query.IsUse(pass.TypesInfo, n.X, sc.v) && n.High != nil && !mentionsLen(pass, n.High, sc.v) {
				why = "a reslice of " + sc.v.Name() + " may read bytes past those written this iteration"
			}
		}
		return true
	})
	return why
}

// isAppendTo reports whether e appends to v: append(v, ...), or a standard
// library AppendX(v, ...) (strconv.AppendInt, fmt.Appendf, utf8.AppendRune),
// which return v grown. Anything else assigned to v could alias memory that
// the reset would let the next iteration overwrite.
func isAppendTo(pass *analysis.Pass, e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 || !query.IsUse(pass.TypesInfo, call.Args[0], v) {
		return false
	}
	if query.IsBuiltin(pass.TypesInfo, call.Fun, "append") {
		return true
	}
	fn := typeutil.StaticCallee(pass.TypesInfo, call)
	return fn != nil && fn.Pkg() != nil && !strings.Contains(fn.Pkg().Path(), ".") && strings.HasPrefix(fn.Name(), "Append")
}

func mentionsLen(pass *analysis.Pass, e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && query.IsBuiltin(pass.TypesInfo, call.Fun, "len") && len(call.Args) == 1 && query.IsUse(pass.TypesInfo, call.Args[0], v) {
			found = true
		}
		return !found
	})
	return found
}

// nameClash reports why declaring v's name just before the loop (at lc)
// would change what some name refers to, or not compile.
func nameClash(pass *analysis.Pass, lc inspector.Cursor, v *types.Var) string {
	block := lc.Parent().Node()
	scope := pass.TypesInfo.Scopes[block]
	switch fn := lc.Parent().Parent().Node().(type) {
	case *ast.FuncDecl: // a function's body shares the scope of its signature
		scope = pass.TypesInfo.Scopes[fn.Type]
	case *ast.FuncLit:
		scope = pass.TypesInfo.Scopes[fn.Type]
	}
	if scope == nil {
		return "the loop is not in a block"
	}
	name := v.Name()
	if scope.Lookup(name) != nil {
		return "the block around the loop declares another " + name
	}
	for s := v.Parent().Parent(); s != nil && s != scope; s = s.Parent() {
		if s.Lookup(name) != nil {
			return "another " + name + " is declared between the loop and the buffer"
		}
	}
	_, outer := scope.LookupParent(name, lc.Node().Pos())
	if outer == nil {
		return ""
	}
	if query.MentionsIn(pass.TypesInfo, block, outer, lc.Node().Pos(), token.NoPos) {
		return "the code after the loop refers to another " + name
	}
	return ""
}

// HotShare is the share of a CPU profile's samples, in percent, from which
// poolbuf counts a function as hot (report.PerCall's threshold).
const HotShare = report.HotShare
