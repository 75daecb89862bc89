// Package annotate formats GitHub Actions workflow commands
// (::warning file=...,line=...::message), which the runner turns into
// annotations on a pull request. perfvet's and perfescape's -format=github
// print them.
package annotate

import (
	"fmt"
	"io"
	"strings"
)

// GitHub prints one annotation. level is "error", "warning" or
// "notice"; line and col are 1-based (0 leaves col out).
func GitHub(w io.Writer, level, file string, line, col int, title, msg string) {
	loc := fmt.Sprintf("file=%s,line=%d", property(file), line)
	if col > 0 {
		loc += fmt.Sprintf(",col=%d", col)
	}
	fmt.Fprintf(w, "::%s %s,title=%s::%s\n", level, loc, property(title), data(msg))
}

// data escapes a command's message, as GitHub's actions/toolkit does
// (command.ts).
func data(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// property escapes a command's property value (file, title).
func property(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
