package pooluse_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/pooluse"
	"github.com/perfvet/perfvet/internal/report"
)

func TestPooluse(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.RunWithSuggestedFixes(t, testdata, pooluse.Analyzer, "pooluse")
}

func TestMaxCap(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	a := pooluse.New(report.Default)
	if err := a.Flags.Set("maxcap", "65536"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, a, "poolusemaxcap")
}
