package concatloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
)

func TestConcatloop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), concatloop.Analyzer, "concatloop")
}
