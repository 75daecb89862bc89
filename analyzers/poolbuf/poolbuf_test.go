package poolbuf_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/poolbuf"
)

func TestPoolbuf(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), poolbuf.Analyzer, "poolbuf")
}
