package pooluse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/pooluse"
	"github.com/perfvet/perfvet/internal/passes/report"
)

func TestPooluse(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), pooluse.Analyzer, "pooluse")
}

func TestMaxCap(t *testing.T) {
	a := pooluse.New(report.Default)
	if err := a.Flags.Set("maxcap", "65536"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "poolusemaxcap")
}
