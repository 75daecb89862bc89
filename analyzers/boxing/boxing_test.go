package boxing_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/boxing"
)

func TestBoxing(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), boxing.Analyzer, "boxing")
}
