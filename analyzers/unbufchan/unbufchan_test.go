package unbufchan_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/unbufchan"
)

func TestUnbufchan(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unbufchan.Analyzer, "unbufchan")
}
