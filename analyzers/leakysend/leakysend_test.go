package leakysend_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/leakysend"
)

func TestLeakysend(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.RunWithSuggestedFixes(t, testdata, leakysend.Analyzer, "leakysend")
}
