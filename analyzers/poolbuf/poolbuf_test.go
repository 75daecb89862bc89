package poolbuf_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/poolbuf"
)

func TestPoolbuf(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.RunWithSuggestedFixes(t, testdata, poolbuf.Analyzer, "poolbuf")
}
