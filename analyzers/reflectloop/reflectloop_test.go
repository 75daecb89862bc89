package reflectloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/reflectloop"
)

func TestReflectloop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), reflectloop.Analyzer, "reflectloop")
}
