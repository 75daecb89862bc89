package chanflow

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
	"github.com/perfvet/perfvet/internal/fixes"
)

// BufferFix gives the channel a buffer of n values (Go source: "1",
// "len(items)"), when n, the count of s's loop, can be computed where the
// channel is made.
func (ch *Chan) BufferFix(pass *analysis.Pass, editFiles *fixes.Files, s *Sender, n string) *analysis.SuggestedFix {
	if n != "1" && (s.Loop == nil || !exprs.SameValue(pass, ch.Body, s.Loop.CountExprs, ch.MakeStmt, s.Loop.Stmt)) {
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
