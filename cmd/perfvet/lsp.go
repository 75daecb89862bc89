package main

import (
	"context"
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/lsp"
	"github.com/perfvet/perfvet/internal/passes/report"
)

const lspUsage = `usage: perfvet lsp

perfvet lsp is a language server speaking LSP on stdin and stdout. It
analyses the package of each Go file the editor opens or saves, publishes
the findings as diagnostics, offers their fixes as quick fixes and shows
their heat and cost on hover. It is configured by the client's
initializationOptions, with the names of the golangci-lint plugin's
settings (e.g. {"tests": true, "disable": ["SA6005"], "hot": {"profile":
"cpu.pprof"}}); docs/integrations.md has the editors' settings.

Exit codes: 0 after the client's shutdown and exit; 1 when the stream
ends or is not LSP (no shutdown first, a message without Content-Length);
2 for arguments (perfvet lsp takes none).
`

// runLSP serves the language server protocol until the client exits. The
// exit code follows LSP: 0 after shutdown and exit, 1 otherwise.
func runLSP(args []string) int {
	if len(args) > 0 {
		fmt.Fprint(os.Stderr, lspUsage)
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
			return driver.ExitClean
		}
		return driver.ExitUsage
	}
	if err := lsp.New(lspSuite, os.Stdout, os.Stderr).Serve(context.Background(), os.Stdin); err != nil {
		fmt.Fprintf(os.Stderr, "perfvet lsp: %v\n", err)
		return driver.ExitError
	}
	return driver.ExitClean
}

// lspSuite builds the language server's suite from the client's
// initializationOptions (the golangci-lint plugin's settings).
func lspSuite(options []byte, root string) ([]*analysis.Analyzer, error) {
	return analyzers.FromJSON(options, root, report.Policy{})
}
