// Package analyzerdoc extracts an analyzer's documentation from its doc.go,
// so the text users read in go doc and in perfvet -help is one text.
package analyzerdoc

import (
	"fmt"
	"strings"
)

// Extract returns the part of doc.go's block comment (src is the file's
// source, embedded with go:embed) that follows the "# Analyzer NAME"
// heading. Its first line is the analyzer's one-line summary. It panics if
// the heading is missing: that is a bug in the analyzer's package.
func Extract(src, name string) string {
	heading := "# Analyzer " + name
	start := strings.Index(src, heading)
	end := strings.LastIndex(src, "*/")
	if start < 0 || end < start {
		panic(fmt.Sprintf("analyzerdoc: doc.go of %s lacks a %q section", name, heading))
	}
	return strings.TrimSpace(src[start+len(heading) : end])
}
