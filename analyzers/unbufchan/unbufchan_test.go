package unbufchan_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/unbufchan"
)

func TestUnbufchan(t *testing.T) {
	testdata, _ := filepath.Abs(filepath.Join("..", "..", "testdata"))
	analysistest.RunWithSuggestedFixes(t, testdata, unbufchan.Analyzer, "unbufchan")
}
