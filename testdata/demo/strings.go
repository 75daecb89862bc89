// Package demo holds the anti-patterns of "Go Mastery Part 8: Performance
// Optimization & Profiling" that perfvet checks, in the article's own words,
// so `go run ./cmd/perfvet ./testdata/demo/...` shows real findings at once.
// It grows with every analyzer.
package demo

import (
	"fmt"
	"io"
	"strings"
)

// buildStringBad is the article's "String concatenation in loop" example:
// each += copies the whole result so far (concatloop).
func buildStringBad(parts []string) string {
	result := ""
	for _, part := range parts {
		result += part // Creates new string each iteration
	}
	return result
}

// buildStringGood is the article's fix; perfvet is silent on it.
func buildStringGood(parts []string) string {
	var sb strings.Builder
	sb.Grow(len(parts) * 10)
	for _, part := range parts {
		sb.WriteString(part)
	}
	return sb.String()
}

// report rebuilds a string with Sprintf on every row (concatloop).
func report(rows map[string]int) string {
	out := "report:"
	for name, n := range rows {
		out = fmt.Sprintf("%s %s=%d", out, name, n)
	}
	return out
}

// sameUser compares case-insensitively by allocating two lowered copies
// (staticcheck SA6005, bundled).
func sameUser(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b)
}

// writeAll converts bytes to a string only to write them (staticcheck
// SA6006, bundled).
func writeAll(w io.Writer, data []byte) error {
	_, err := io.WriteString(w, string(data))
	return err
}

var _ = []any{buildStringBad, buildStringGood, report, sameUser, writeAll}
