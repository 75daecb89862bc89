package hot_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestColdEvidence lists (-cold) findings in code with each kind of cold
// evidence, with the reason, beside hot-looking twins that carry none.
func TestColdEvidence(t *testing.T) {
	a := concatloop.New(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(&hot.Options{})))
	analysistest.Run(t, analysistest.TestData(), a, "coldevidence", "coldmain", "example.com/x/tools/lib", "example.com/x/tools/cmd/tool", "example.com/x/y/tool/gen", "example.com/x/pkg/test/resource", "example.com/x/assert", "example.com/x/examples/shipping")
}

// TestColdHidden: without -cold, the cold finding is set aside and the hot
// one reported.
func TestColdHidden(t *testing.T) {
	a := concatloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{})))
	analysistest.Run(t, analysistest.TestData(), a, "coldhidden")
}

// TestTestCodeEvidence: a finding in a _test.go file (a benchmark's timed
// loop, the only place the reporter keeps one without -tests) is cold;
// with -tests, which links hot's TestFiles to the policy's, it is judged
// as code and shown.
func TestTestCodeEvidence(t *testing.T) {
	a := concatloop.New(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(&hot.Options{})))
	analysistest.Run(t, analysistest.TestData(), a, "coldtests")
	p := &report.Policy{TestFiles: true}
	asked := concatloop.New(report.NewAnalyzer(p, hot.New(&hot.Options{TestFiles: &p.TestFiles})))
	analysistest.Run(t, analysistest.TestData(), asked, "coldtestsasked")
}
