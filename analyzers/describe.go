package analyzers

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Summary is the first line of an analyzer's Doc, without the "NAME: "
// that the x/tools convention puts before it: what documentation generated
// from the suite (docs/flags.md) says the analyzer reports.
func Summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n")
	first = strings.TrimPrefix(first, a.Name+": ")
	return strings.TrimSpace(first)
}
