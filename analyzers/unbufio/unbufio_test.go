package unbufio_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/unbufio"
	"github.com/perfvet/perfvet/internal/passes/report"
)

func TestUnbufio(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), unbufio.Analyzer, "unbufio")
}

func TestUnbufioStdout(t *testing.T) {
	a := unbufio.New(report.Default)
	if err := a.Flags.Set("stdout", "true"); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, analysistest.TestData(), a, "unbufiostdout")
}
