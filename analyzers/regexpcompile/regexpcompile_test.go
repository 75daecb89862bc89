package regexpcompile_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/regexpcompile"
)

func TestRegexpcompile(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), regexpcompile.Analyzer, "regexpcompile")
}
