package sqlperrow_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/sqlperrow"
)

func TestSqlperrow(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), sqlperrow.Analyzer, "sqlperrow")
}
