package poolbuf_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/poolbuf"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestHotFunction checks the per-call rule's third reason: with a CPU
// profile, a function holding at least poolbuf.HotShare of the samples is
// per item, and one the profile never saw is not.
func TestHotFunction(t *testing.T) {
	path := proftest.CPU(t,
		proftest.Sample{Func: "poolbufhot.Encode", Start: 9, Line: 11, Count: 30},
		proftest.Sample{Func: "example.com/other.Work", Start: 1, Line: 3, Count: 70})
	a := poolbuf.New(report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{Profiles: proftest.Open(t, path)})))
	analysistest.Run(t, analysistest.TestData(), a, "poolbufhot")
}
