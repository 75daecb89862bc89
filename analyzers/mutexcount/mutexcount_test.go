package mutexcount_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/mutexcount"
)

func TestMutexcount(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), mutexcount.Analyzer, "mutexcount")
}
