package prealloc

import (
	"fmt"
	"go/ast"
	"go/types"
	"go/version"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/query"
)

// buildFix returns the fix: the declaration rewritten to preallocate when
// the capacity can be computed there and nil-ness cannot be told apart;
// else the declaration moved next to the loop; else, for slices,
// s = slices.Grow(s, n) inserted before the loop, which keeps s nil when
// the loop runs zero times.
func buildFix(pass *analysis.Pass, editFiles *fixes.Files, cand *candidate, decl *declaration, capacity string, p plan) plan {
	l, g := cand.loop, cand.growth
	ef, err := editFiles.For(decl.stmt.Pos())
	if err != nil {
		return p
	}
	file := ef.AST
	name := g.v.Name()
	if strings.HasPrefix(capacity, "max(") && !goVersionAtLeast(pass, file, "go1.21") {
		p.whyNot = "the count may be negative, where make would panic and the loop does not run, and max needs Go 1.21"
		return p
	}
	made := fmt.Sprintf("make(%s, 0, %s)", decl.typeSrc, capacity)
	if g.isMap {
		made = fmt.Sprintf("make(%s, %s)", decl.typeSrc, capacity)
	}
	// A loop that certainly runs makes s non-nil either way.
	nilMatters := decl.nilInit && (!l.ConstKnown || l.Const <= 0) && !nilUnobservable(pass, l.Func, g.v, g)
	countExprs := l.CountExprs
	if !g.isMap && g.call.Ellipsis.IsValid() {
		countExprs = append(countExprs[:len(countExprs):len(countExprs)], g.call.Args[1])
	}
	loopCursor, ok := query.Ancestor(g.cursor, l.Stmt)
	if !ok {
		return p
	}
	if !nilMatters && availableAt(pass, l.Func, countExprs, decl, loopCursor) {
		p.fix = &analysis.SuggestedFix{
			Message:   "Preallocate " + name,
			TextEdits: []analysis.TextEdit{fixes.Replace(decl.stmt, fmt.Sprintf("%s := %s", name, made))},
		}
		return p
	}
	loopStmt := ast.Node(l.Stmt)
	if ls, ok := loopCursor.Parent().Node().(*ast.LabeledStmt); ok {
		loopStmt, loopCursor = ls, loopCursor.Parent()
	}
	if !nilMatters && movable(decl, loopCursor) {
		p.advice = fmt.Sprintf("declare it just before the loop as %s := %s", name, made)
		p.fix = &analysis.SuggestedFix{
			Message: fmt.Sprintf("Preallocate %s next to the loop", name),
			TextEdits: []analysis.TextEdit{
				ef.DeleteStmt(decl.stmt),
				ef.InsertLinesBefore(loopStmt, fmt.Sprintf("%s := %s", name, made)),
			},
		}
		return p
	}
	if g.isMap {
		p.whyNot = "the count is not known where " + name + " is declared"
		return p
	}
	if !nilMatters && decl.nilInit {
		// Nothing tells nil from empty: a plain make before the loop, no
		// import, and the same as the declaration moved.
		p.advice = fmt.Sprintf("make it just before the loop with %s = %s", name, made)
		p.fix = &analysis.SuggestedFix{
			Message:   fmt.Sprintf("Make %s before the loop", name),
			TextEdits: []analysis.TextEdit{ef.InsertLinesBefore(loopStmt, fmt.Sprintf("%s = %s", name, made))},
		}
		return p
	}
	grow := fmt.Sprintf("%s = slices.Grow(%s, %s)", name, name, capacity)
	p.advice = "grow it just before the loop with " + grow
	if nilMatters {
		p.advice += fmt.Sprintf(" (unlike make, this keeps %s nil when the loop does not run)", name)
	}
	if !goVersionAtLeast(pass, file, "go1.21") {
		p.whyNot = "slices.Grow needs Go 1.21"
		return p
	}
	slicesName, edits, ok := ef.Import("slices", loopStmt.Pos())
	if !ok {
		p.whyNot = `the name "slices" is taken here`
		return p
	}
	edits = append(edits, ef.InsertLinesBefore(loopStmt, fmt.Sprintf("%s = %s.Grow(%s, %s)", name, slicesName, name, capacity)))
	p.fix = &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Grow %s before the loop", name),
		TextEdits: edits,
	}
	return p
}

// movable reports whether the declaration can move to just before the
// loop: it is an earlier statement of the loop's own statement list (and,
// by the caller's checks, nothing between uses the collection).
func movable(decl *declaration, loop inspector.Cursor) bool {
	return decl.cursor.Parent() == loop.Parent() && query.InStatementList(decl.cursor)
}

// nilUnobservable reports whether no code can tell a nil v from an empty
// non-nil one: every use of v is len, cap, range, indexing, appending to
// itself, or an argument of a function that treats nil and empty alike
// (nilBlind: strings.Join, sort.Strings, slices.Sort, ...).
func nilUnobservable(pass *analysis.Pass, fn ast.Node, v *types.Var, g *growth) bool {
	ok := true
	ast.PreorderStack(fn, nil, func(n ast.Node, ancestors []ast.Node) bool {
		if !ok {
			return false
		}
		id, isIdent := n.(*ast.Ident)
		if !isIdent || pass.TypesInfo.Uses[id] != v {
			return true
		}
		switch p := ancestors[len(ancestors)-1].(type) {
		case *ast.CallExpr:
			if nilBlindCall(pass.TypesInfo, p) ||
				(query.IsBuiltin(pass.TypesInfo, p.Fun, "len") || query.IsBuiltin(pass.TypesInfo, p.Fun, "cap")) ||
				query.IsBuiltin(pass.TypesInfo, p.Fun, "append") && p.Args[0] == ast.Expr(id) && isSelfAssign(pass.TypesInfo, ancestors, v) {
				return true
			}
		case *ast.RangeStmt:
			if p.X == ast.Expr(id) {
				return true
			}
		case *ast.IndexExpr:
			if p.X == ast.Expr(id) {
				return true
			}
		case *ast.AssignStmt:
			if p == g.stmt {
				return true
			}
		}
		ok = false
		return false
	})
	return ok
}

// nilBlind are functions that treat a nil slice argument as an empty one.
var nilBlind = []string{
	"strings.Join", "bytes.Join", "sort.Strings", "sort.Ints", "sort.Float64s", "sort.Slice", "sort.SliceStable",
	"slices.Sort", "slices.SortFunc", "slices.SortStableFunc", "slices.Contains", "slices.Index", "slices.Max", "slices.Min",
	"copy",
}

func nilBlindCall(info *types.Info, call *ast.CallExpr) bool {
	for _, name := range nilBlind {
		if query.IsCallTo(info, call, name) {
			return true
		}
	}
	return false
}

// isSelfAssign reports whether the append call last in ancestors is
// assigned back to v.
func isSelfAssign(info *types.Info, ancestors []ast.Node, v *types.Var) bool {
	if len(ancestors) < 2 {
		return false
	}
	as, ok := ancestors[len(ancestors)-2].(*ast.AssignStmt)
	if !ok || len(as.Lhs) != 1 {
		return false
	}
	_, isIdent := as.Lhs[0].(*ast.Ident)
	return isIdent && query.Is(info, as.Lhs[0], v)
}

func goVersionAtLeast(pass *analysis.Pass, file *ast.File, want string) bool {
	v := pass.TypesInfo.FileVersions[file]
	if v == "" {
		v = pass.Pkg.GoVersion()
	}
	return v == "" || version.Compare(v, want) >= 0
}
