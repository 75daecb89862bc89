package prealloc_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/prealloc"
	"github.com/perfvet/perfvet/internal/passes/report"
)

func TestPrealloc(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), prealloc.Analyzer, "prealloc")
}

func TestConditional(t *testing.T) {
	a := prealloc.New(report.Default)
	if err := a.Flags.Set("conditional", "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), a, "preallocconditional")
	// Instances do not share options: the package-level analyzer is unchanged.
	if f := prealloc.Analyzer.Flags.Lookup("conditional"); f.Value.String() != "false" {
		t.Errorf("setting one instance's -conditional changed another's")
	}
}
