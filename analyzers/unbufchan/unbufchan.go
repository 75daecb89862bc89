package unbufchan

import (
	_ "embed"
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/chanflow"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports worker-result channels with too small a buffer, with the
// default report policy.
var Analyzer = New(report.Default)

// New returns an unbufchan analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "unbufchan",
		Doc:      analyzerdoc.Extract(docSource, "unbufchan"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/unbufchan",
		Requires: []*analysis.Analyzer{chanflow.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Info)
	rep := report.For(pass)
	editFiles := fixes.NewFiles(pass)
	for _, ch := range flow.Chans {
		if ch.Other || ch.Cap < 0 || len(ch.Senders) != 1 || isSignal(ch) {
			continue
		}
		s := ch.Senders[0]
		if s.Loop == nil || !s.Once || !s.Loop.ExactCount() || hot.IsCold(s.Loop) {
			continue
		}
		if s.Loop.ConstKnown && ch.Cap >= s.Loop.Const || !s.Loop.ConstKnown && ch.Cap > 0 {
			continue // buffered for every sender, or a buffer we cannot compare
		}
		collector := collectsAfter(pass.TypesInfo, ch, s)
		if collector == nil {
			continue
		}
		name := ch.Var.Name()
		d := analysis.Diagnostic{
			Pos: ch.Make.Pos(),
			End: ch.Make.End(),
			Message: fmt.Sprintf("the %s goroutines started in the loop at line %d each send one value on %s, which is received only after that loop (line %d): "+
				"each sender stays blocked, keeping its stack (≥ 2 KiB) and data alive, until the collector reaches it; "+
				"give %s a buffer of %s so they finish at once",
				s.Loop.Count, pass.Fset.Position(s.Loop.Stmt.Pos()).Line, describe(ch), pass.Fset.Position(collector.Node.Pos()).Line, name, s.Loop.Count),
			Related: []analysis.RelatedInformation{
				{Pos: s.Sends[0].Pos(), End: s.Sends[0].End(), Message: "each goroutine blocks here"},
				{Pos: collector.Node.Pos(), End: collector.Node.End(), Message: "values are received here"},
			},
		}
		if fix := ch.BufferFix(pass, editFiles, s, s.Loop.Count); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		} else {
			d.Message += "; no automatic fix: " + ch.WhyNoBufferFix(pass, s)
		}
		rep.Report(d)
	}
	return nil, nil
}

// isSignal reports a chan struct{}: a signal, not a result.
func isSignal(ch *chanflow.Chan) bool {
	c, ok := ch.Var.Type().Underlying().(*types.Chan)
	if !ok {
		return false
	}
	st, ok := c.Elem().Underlying().(*types.Struct)
	return ok && st.NumFields() == 0
}

func describe(ch *chanflow.Chan) string {
	if ch.Cap == 0 {
		return "unbuffered " + ch.Var.Name()
	}
	return fmt.Sprintf("%s (buffer %d)", ch.Var.Name(), ch.Cap)
}

// collectsAfter returns the loop that receives every value, when it runs
// after the spawning loop: a range over the channel (closed once the
// senders are done) or a loop with the same count, neither able to stop
// early. Receiving while spawning, or stopping early, is not this
// analyzer's pattern (the latter is leakysend's).
func collectsAfter(info *types.Info, ch *chanflow.Chan, s *chanflow.Sender) *chanflow.Receive {
	var collector *chanflow.Receive
	for _, r := range ch.Receives {
		if r.Loop == nil || r.Loop.Func != ch.Func || r.Loop.EarlyExit(info) != nil || r.Select != nil {
			return nil
		}
		if r.Loop.Stmt.Pos() < s.Loop.Stmt.End() {
			return nil // received while spawning
		}
		covers := r.Range && ch.Closed || r.Loop.ExactCount() && r.Loop.Count == s.Loop.Count
		if !covers {
			return nil
		}
		collector = r
	}
	return collector
}
