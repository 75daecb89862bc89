package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/perfvet/perfvet/internal/profile"
)

// maxFlowLines bounds the compiler's explanation in the text output; JSON
// and HTML carry it whole.
const maxFlowLines = 8

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for a terminal.
func (r *Report) WriteText(w io.Writer) error {
	tw := &textWriter{w: w}
	for _, p := range r.Profiles {
		tw.printf("%s profile %s: %s, %s of it on lines of these packages\n", profileName(p.Kind), p.Path,
			amount(p.Kind, p.Total), profile.Percent(100*float64(p.Own)/float64(max(p.Total, 1))))
	}
	for _, warning := range r.Warnings {
		tw.printf("warning: %s\n", warning)
	}
	tw.section("allocated bytes", "alloc", r.Alloc, r.Profiles)
	tw.section("CPU", "cpu", r.CPU, r.Profiles)
	if len(r.Directives) > 0 {
		tw.printf("\nDirectives for hot functions, ready to paste above each func (perfescape check enforces them):\n")
		for _, d := range r.Directives {
			tw.printf("  %s:%d: %s\n      %s\n", d.File, d.Line, d.Why, d.Text)
		}
	}
	return tw.err
}

type textWriter struct {
	w   io.Writer
	err error
}

func (tw *textWriter) printf(format string, args ...any) {
	if tw.err == nil {
		_, tw.err = fmt.Fprintf(tw.w, format, args...)
	}
}

func (tw *textWriter) section(title, kind string, lines []*Line, profiles []ProfileInfo) {
	has := false
	for _, p := range profiles {
		has = has || p.Kind == kind
	}
	if !has {
		return
	}
	tw.printf("\nTop %d lines by %s (flat in your code: with the library and runtime work they call)\n", len(lines), title)
	if len(lines) == 0 {
		tw.printf("  none: the profile saw none of these packages' code\n")
	}
	for _, l := range lines {
		tw.line(l)
	}
}

func (tw *textWriter) line(l *Line) {
	cost := amount(l.Kind, l.Value)
	if l.Objects > 0 {
		cost += ", " + profile.Objects(l.Objects)
	}
	tw.printf("\n%2d. %s:%d  %s  %s (%s)\n", l.Rank, l.File, l.Line, l.Func, cost, profile.Percent(l.Share))
	tw.printf("      %s\n", l.Code)
	for _, c := range l.Calls {
		inl := ""
		if c.Inlined {
			inl = ", inlined"
		}
		tw.printf("    in call: %s (%s of the line%s)\n", c.Func, profile.Percent(c.Share), inl)
	}
	for _, c := range l.Leaves {
		tw.printf("      in: %s (%s of the line)\n", c.Func, profile.Percent(c.Share))
	}
	for _, f := range l.Findings {
		where := ""
		if f.Where == "loop" {
			where = " in the loop around it"
		}
		tw.printf("    finding%s: %s: %s (%s)\n", where, f.Pos, f.Message, f.Analyzer)
		if f.Diff != "" {
			tw.printf("%s", indent(f.Diff, "        "))
		}
	}
	for _, a := range l.Compiler {
		tw.printf("    compiler: %s escapes to heap", a.Subject)
		if a.Reason != "" {
			tw.printf(" (%s)", a.Reason)
		}
		if len(a.Inlined) > 0 {
			tw.printf("; inlined here: %s", strings.Join(a.Inlined, ", "))
		}
		tw.printf("\n")
		for i, f := range a.Flow {
			if i == maxFlowLines {
				tw.printf("          ... %d more lines (-format=json or html)\n", len(a.Flow)-i)
				break
			}
			tw.printf("          %s\n", f)
		}
	}
	for _, rw := range l.Runtime {
		tw.printf("    runtime: %s: %s (%s): %s\n", rw.Kind, rw.Expr, rw.Runtime, rw.What)
	}
	if in := l.Inlining; in != nil && !in.Inlinable {
		tw.printf("    not inlined: %s: %s\n", in.Func, in.Reason)
	}
	if len(l.Explained) == 0 {
		tw.printf("    no known pattern\n")
	}
}

func indent(s, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		b.WriteString(prefix)
		b.WriteString(line)
	}
	return b.String()
}

func profileName(kind string) string {
	if kind == "alloc" {
		return "allocation"
	}
	return "CPU"
}

// amount formats a profile value: bytes, or CPU time.
func amount(kind string, v int64) string {
	if kind == "alloc" {
		return profile.Bytes(v)
	}
	return time.Duration(v).Round(time.Millisecond).String()
}
