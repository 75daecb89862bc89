package chanflow

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
)

// BufferFix gives the channel a buffer of n values (Go source: "1",
// "len(items)"), when n, the count of s's loop, can be computed where the
// channel is made.
func (ch *Chan) BufferFix(pass *analysis.Pass, editFiles *fixes.Files, s *Sender, n string) *analysis.SuggestedFix {
	if n != "1" && (s.Loop == nil || !exprs.SameValue(pass.TypesInfo, ch.Body, s.Loop.CountExprs, ch.MakeStmt, s.Loop.Stmt)) {
		return nil
	}
	ef, err := editFiles.For(ch.Make.Pos())
	if err != nil {
		return nil
	}
	return &analysis.SuggestedFix{
		Message: fmt.Sprintf("Buffer %s for %s values", ch.Var.Name(), n),
		TextEdits: []analysis.TextEdit{fixes.Replace(ch.Make,
			fmt.Sprintf("%s(%s, %s)", ef.Source(ch.Make.Fun), ef.Source(ch.Make.Args[0]), n))},
	}
}

// WhyNoBufferFix says why BufferFix gave no fix for a buffer of s's loop
// count: a variable of the count is declared after the make, or it may
// change between the make and the loop.
func (ch *Chan) WhyNoBufferFix(pass *analysis.Pass, s *Sender) string {
	if s.Loop == nil {
		// BufferFix fails for one goroutine's send only when the file's
		// source cannot be read.
		return "the source of the file cannot be read"
	}
	count := "the count"
	{
		count = s.Loop.Count
		for _, e := range s.Loop.CountExprs {
			late := ""
			ast.Inspect(e, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && late == "" {
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok && v.Pos() > ch.MakeStmt.Pos() && v.Pos() < ch.Body.End() {
						late = id.Name
					}
				}
				return late == ""
			})
			if late != "" {
				return fmt.Sprintf("%s is declared after %s is made", late, ch.Var.Name())
			}
		}
	}
	return fmt.Sprintf("%s may change between the make of %s (line %d) and the loop (line %d)",
		count, ch.Var.Name(), pass.Fset.Position(ch.Make.Pos()).Line, pass.Fset.Position(s.Loop.Stmt.Pos()).Line)
}
