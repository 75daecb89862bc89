package hot_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/internal/hot"
	"github.com/perfvet/perfvet/internal/report"
)

func coldTestdata() string {
	dir, _ := filepath.Abs("testdata")
	return dir
}

// TestColdEvidence lists (-cold) findings in code with each kind of cold
// evidence, with the reason, beside hot-looking twins that carry none.
func TestColdEvidence(t *testing.T) {
	a := concatloop.New(report.NewAnalyzer(&report.Policy{Cold: true}, hot.New(&hot.Options{})))
	analysistest.Run(t, coldTestdata(), a, "coldevidence", "coldmain")
}

// TestColdHidden: without -cold, the cold finding is set aside and the hot
// one reported.
func TestColdHidden(t *testing.T) {
	a := concatloop.New(report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{})))
	analysistest.Run(t, coldTestdata(), a, "coldhidden")
}
