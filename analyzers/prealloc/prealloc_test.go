package prealloc_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/prealloc"
	"github.com/perfvet/perfvet/internal/report"
)

func testdata() string {
	dir, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	return dir
}

func TestPrealloc(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(), prealloc.Analyzer, "prealloc")
}

func TestConditional(t *testing.T) {
	a := prealloc.New(report.Default)
	if err := a.Flags.Set("conditional", "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testdata(), a, "preallocconditional")
	// Instances do not share options: the package-level analyzer is unchanged.
	if f := prealloc.Analyzer.Flags.Lookup("conditional"); f.Value.String() != "false" {
		t.Errorf("setting one instance's -conditional changed another's")
	}
}
