package chanflow_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/chanflow"
	"github.com/perfvet/perfvet/internal/passes/loops"
)

// describe reports what chanflow knows of each channel (at its make), each
// sender (at its go statement: its shape, whether the function can leave
// without receiving, and the buffer fix for its count) and each receive.
// The fixture's // want comments are the expectations.
var describe = &analysis.Analyzer{
	Name:     "describe",
	Doc:      "reports chanflow's facts for tests",
	Requires: []*analysis.Analyzer{chanflow.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	info := pass.ResultOf[chanflow.Analyzer].(*chanflow.Info)
	files := fixes.NewFiles(pass)
	for _, ch := range info.Chans {
		pass.Reportf(ch.Make.Pos(), "chan %s cap=%d senders=%d receives=%d other=%v closed=%v",
			ch.Var.Name(), ch.Cap, len(ch.Senders), len(ch.Receives), ch.Other, ch.Closed)
		for _, s := range ch.Senders {
			msg := fmt.Sprintf("sends on %s: sends=%d once=%v guarded=%v repeats=%v loop=%s",
				ch.Var.Name(), len(s.Sends), s.Once, s.Guarded, s.Repeats, loopName(s.Loop))
			if exit, ok := ch.Abandons(pass, s.Go); ok {
				msg += "; abandons at " + exitText(ch, exit)
			} else {
				msg += "; always receives"
			}
			n := "1"
			if s.Loop != nil {
				n = s.Loop.Count
			}
			if fix := ch.BufferFix(pass, files, s, n); fix != nil {
				msg += "; fix " + string(fix.TextEdits[0].NewText)
			} else {
				msg += "; no fix: " + ch.WhyNoBufferFix(pass, s)
			}
			pass.Reportf(s.Go.Pos(), "%s", msg)
		}
		for _, r := range ch.Receives {
			pass.Reportf(r.Node.Pos(), "receives from %s: range=%v select=%v loop=%s",
				ch.Var.Name(), r.Range, r.Select != nil, loopName(r.Loop))
		}
	}
	return nil, nil
}

// loopName names a loop by its header, so that fixtures need no line
// numbers.
func loopName(l *loops.Loop) string {
	if l == nil {
		return "none"
	}
	switch s := l.Stmt.(type) {
	case *ast.RangeStmt:
		return "range " + types.ExprString(s.X)
	case *ast.ForStmt:
		if s.Cond == nil {
			return "for"
		}
		return "for " + types.ExprString(s.Cond)
	}
	return "?"
}

// exitText says how the function leaves: "return" (or "end" at the closing
// brace of ch's function), the no-return call, and the select it skipped on
// the way.
func exitText(ch *chanflow.Chan, exit chanflow.Exit) string {
	var s string
	switch n := exit.Node.(type) {
	case *ast.ReturnStmt:
		s = "return"
		if n.Return == ch.Body.Rbrace {
			s = "end"
		}
	case *ast.ExprStmt:
		s = types.ExprString(n.X)
	default:
		s = fmt.Sprintf("%T", n)
	}
	if exit.Select != nil {
		if exit.Case == nil {
			s += " via the select's default"
		} else {
			s += " via the select's case " + commText(exit.Case.Comm)
		}
	}
	return s
}

func commText(comm ast.Stmt) string {
	switch c := comm.(type) {
	case *ast.ExprStmt:
		return types.ExprString(c.X)
	case *ast.AssignStmt:
		return types.ExprString(c.Rhs[0])
	case *ast.SendStmt:
		return types.ExprString(c.Chan) + " <- " + types.ExprString(c.Value)
	}
	return fmt.Sprintf("%T", comm)
}

func TestChanflow(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), describe, "chanflowinfo")
}
