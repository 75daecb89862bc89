package leakysend

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/chanflow"
	"github.com/perfvet/perfvet/internal/passes/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports goroutines that can block forever on a send, with the
// default report policy.
var Analyzer = New(report.Default)

// New returns a leakysend analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "leakysend",
		Doc:      analyzerdoc.Extract(docSource, "leakysend"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/leakysend",
		Requires: []*analysis.Analyzer{chanflow.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	flow := pass.ResultOf[chanflow.Analyzer].(*chanflow.Info)
	rep := report.For(pass)
	editFiles := fixes.NewFiles(pass)
	for _, ch := range flow.Chans {
		if ch.Other || ch.Cap < 0 {
			continue
		}
		for _, s := range ch.Senders {
			if s.Guarded {
				continue // the sender selects on a way out
			}
			if d, ok := check(pass, editFiles, ch, s); ok {
				// The runtime's word, when a goroutine leak profile
				// was given: how many leaked there (issue #27).
				rep.ConfirmLeak(&d, s.Body.Pos(), s.Body.End())
				rep.ReportBug(d) // a leak costs whatever the heat
			}
		}
	}
	return nil, nil
}

// check decides whether the goroutines of one go statement can be left
// blocked on a send, and builds the finding.
func check(pass *analysis.Pass, editFiles *fixes.Files, ch *chanflow.Chan, s *chanflow.Sender) (analysis.Diagnostic, bool) {
	name := ch.Var.Name()
	var (
		pending  string // how many values can be left unreceived, as Go source ("1", "len(items)")
		why      string // how the function leaves them
		exitNode ast.Node
	)
	switch {
	case s.Loop == nil && s.Repeats && !s.Guarded && len(ch.Receives) == 1 && !ch.Receives[0].Range && ch.Receives[0].Loop == nil:
		// One goroutine that may send many times, one receive: the second
		// send blocks forever (issue #16: two bad records hung a program).
		r := ch.Receives[0]
		line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
		return analysis.Diagnostic{
			Pos: s.Go.Pos(), End: s.Go.End(),
			Message: fmt.Sprintf("the goroutine started here may send on %s more than once (line %d is in a loop and does not return), but the function receives from %s only once (line %d); its second send blocks forever (its stack, ≥ 2 KiB, and all it references stay alive); receive until the channel is closed, or return after the first send; no automatic fix: the number of sends is not known",
				name, line(s.Repeated), name, line(r.Node)),
			Related: []analysis.RelatedInformation{
				{Pos: s.Repeated.Pos(), End: s.Repeated.End(), Message: "may send again here"},
				{Pos: r.Node.Pos(), End: r.Node.End(), Message: "the only receive"},
			},
		}, true
	case s.Loop == nil:
		// One goroutine. Leaking needs a way out that skips every receive,
		// or, for one that sends many values, a receiving range that can
		// stop before the channel is closed.
		if exit, ok := ch.Abandons(pass, s.Go); ok {
			why, exitNode = describe(pass, ch, exit)
		} else if w, n, ok := stopsDraining(pass, ch, s); ok {
			why, exitNode = w, n
		} else {
			return analysis.Diagnostic{}, false
		}
		pending = "1"
		if !s.Once {
			pending = ""
		}
	case s.Once && s.Loop.ExactCount():
		// n goroutines, one send each: the function must receive n values.
		w, n, ok := receivesTooFew(pass, ch, s)
		if !ok {
			return analysis.Diagnostic{}, false
		}
		why, exitNode, pending = w, n, s.Loop.Count
	default:
		return analysis.Diagnostic{}, false
	}
	if pending == "1" && ch.Cap >= 1 {
		return analysis.Diagnostic{}, false // the one value fits in the buffer
	}
	if s.Loop != nil && s.Loop.ConstKnown && ch.Cap >= s.Loop.Const {
		return analysis.Diagnostic{}, false
	}
	buffer := "unbuffered " + name
	if ch.Cap > 0 {
		buffer = fmt.Sprintf("%s (buffer %d)", name, ch.Cap)
	}
	who := "goroutine started here sends"
	if s.Loop != nil {
		who = fmt.Sprintf("the %s goroutines started in this loop each send", s.Loop.Count)
	}
	msg := fmt.Sprintf("%s on %s, but %s; the goroutine then blocks forever (its stack, ≥ 2 KiB, and all it references stay alive)",
		who, buffer, why)
	d := analysis.Diagnostic{
		Pos:     s.Go.Pos(),
		End:     s.Go.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: s.Sends[0].Pos(), End: s.Sends[0].End(), Message: "blocks here"}},
	}
	if exitNode != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: exitNode.Pos(), End: exitNode.End(), Message: "leaves without receiving"})
	}
	if pending == "" {
		d.Message += "; select on ctx.Done() (or a done channel) in the sender; no automatic fix: the number of sends is not known, so no buffer size is safe"
		return d, true
	}
	if fix := ch.BufferFix(pass, editFiles, s, pending); fix != nil {
		d.Message += fmt.Sprintf("; give %s a buffer of %s", name, pending)
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	} else {
		d.Message += fmt.Sprintf("; give %s a buffer of %s; no automatic fix: %s", name, pending, ch.WhyNoBufferFix(pass, s))
	}
	return d, true
}

// describe says how the function leaves without receiving.
func describe(pass *analysis.Pass, ch *chanflow.Chan, exit chanflow.Exit) (string, ast.Node) {
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	var leave string
	end := false
	switch n := exit.Node.(type) {
	case *ast.ReturnStmt:
		// go/cfg ends a body that falls off its end with an implicit return
		// at the closing brace.
		end = n.Pos() == ch.Body.Rbrace
		leave = fmt.Sprintf("returns at line %d", line(n))
	case *ast.ExprStmt:
		leave = fmt.Sprintf("stops at line %d (%s)", line(n), types.ExprString(n.X))
	default:
		end = true
	}
	if end {
		leave = "reaches its end"
	}
	if exit.Select != nil {
		what := "its default case"
		if exit.Case != nil {
			what = "case " + caseText(exit.Case)
		}
		return fmt.Sprintf("the select at line %d can take %s first, and the function then %s without receiving", line(exit.Select), what, leave), exit.Select
	}
	if end {
		return "the function can reach its end without receiving from " + ch.Var.Name(), nil
	}
	return fmt.Sprintf("the function %s without receiving from %s", leave, ch.Var.Name()), exit.Node
}

func caseText(c *ast.CommClause) string {
	var text string
	switch comm := c.Comm.(type) {
	case *ast.ExprStmt:
		text = types.ExprString(comm.X)
	case *ast.AssignStmt:
		text = types.ExprString(comm.Rhs[0])
	case *ast.SendStmt:
		text = types.ExprString(comm.Chan) + " <- ..."
	}
	return text
}

// stopsDraining checks, for one goroutine that may send more than once,
// that the function receives in a range over the channel that can stop
// early (a return, break or goto in its body): the values sent after
// that are never received (issue #32: a producer over a slice, a
// consumer returning at the first error). A range ended by the close is
// the drain itself; other receiving loops usually leave on a condition
// this analysis cannot follow, and are left alone.
func stopsDraining(pass *analysis.Pass, ch *chanflow.Chan, s *chanflow.Sender) (string, ast.Node, bool) {
	if s.Once {
		return "", nil, false
	}
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	for _, r := range ch.Receives {
		if !r.Range || r.Loop == nil || r.Loop.Func != ch.Func || r.Loop.Stmt != r.Node {
			continue
		}
		if stop := r.Loop.EarlyExit(pass.TypesInfo); stop != nil {
			return fmt.Sprintf("the range over %s at line %d can stop early (line %d) while the goroutine may still send", ch.Var.Name(), line(r.Node), line(stop)), stop, true
		}
	}
	return "", nil, false
}

// receivesTooFew checks that the function receives fewer values than the
// goroutines of s send on some path: it receives outside any loop (the
// first answer wins), or in a loop that can stop early. It returns the
// explanation and the place that stops receiving.
func receivesTooFew(pass *analysis.Pass, ch *chanflow.Chan, s *chanflow.Sender) (string, ast.Node, bool) {
	name := ch.Var.Name()
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	if len(ch.Receives) == 0 {
		if len(ch.Senders) == 1 {
			return "the function never receives from " + name, nil, true
		}
		return "", nil, false
	}
	inLoop := false
	for _, r := range ch.Receives {
		if r.Loop == nil || r.Loop.Func != ch.Func {
			continue
		}
		inLoop = true
		if !r.Range && !r.Loop.ExactCount() {
			// for { select { ... } } and other loops of unknown length
			// usually leave on a counter ("return when activeWorkers == 0")
			// that this analysis cannot follow: say nothing.
			return "", nil, false
		}
		if stop := r.Loop.EarlyExit(pass.TypesInfo); stop != nil {
			return fmt.Sprintf("the receiving loop at line %d can stop early (line %d)", line(r.Loop.Stmt), line(stop)), stop, true
		}
	}
	if inLoop {
		return "", nil, false // a receiving loop that runs to the end: unbufchan's concern, if any
	}
	if len(ch.Senders) != 1 {
		return "", nil, false
	}
	r := ch.Receives[0]
	return fmt.Sprintf("the function receives only %d value(s) (line %d) and then leaves", len(ch.Receives), line(r.Node)), r.Node, true
}
