package unbufio_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/unbufio"
)

func TestUnbufio(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unbufio.Analyzer, "unbufio")
}
