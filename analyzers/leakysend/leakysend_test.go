package leakysend_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/leakysend"
)

func TestLeakysend(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), leakysend.Analyzer, "leakysend")
}
