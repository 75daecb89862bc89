package lsp

import (
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// testSuite is the suite cmd/perfvet hands the server.
func testSuite(options []byte, root string) ([]*analysis.Analyzer, error) {
	return analyzers.FromJSON(options, root, report.Policy{})
}
