package driver

import (
	"bytes"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/report"
)

// A Finding is one diagnostic of the suite, for programs built on the
// driver (perfvet explain) rather than its printed output.
type Finding struct {
	Analyzer string
	// Pos and End are where the finding is; file names are absolute.
	Pos, End token.Position
	Message  string
	// Bug is true for bug findings (report.IsBug), false for cost ones.
	Bug bool
	// Related are the positions the finding points to besides its own.
	Related []token.Position
	// Fix is the first suggested fix's message and Diff the change it
	// makes, as a gofmt-clean unified diff of the file relative to the
	// working directory; both empty when the finding has no fix.
	Fix, Diff string
}

// Analyze runs the suite, with extra analyzers beside it (they may
// record what they see; their diagnostics are dropped), on the packages
// the patterns match, and returns every finding, shown or cold, in file
// order. Load errors are printed on cmd.Stderr; analyzers that fail are
// returned as an error only when nothing could be analysed.
func (cmd *Command) Analyze(patterns []string, extra ...*analysis.Analyzer) ([]Finding, error) {
	suite := append(slices.Clip(cmd.Suite), extra...)
	findings, _, _, _, err := cmd.loadAndAnalyze(patterns, suite)
	if err != nil {
		return nil, err
	}
	wd, _ := os.Getwd()
	sources := make(map[string][]byte)
	var out []Finding
	for i := range findings {
		f := &findings[i]
		if slices.Contains(extra, f.analyzer) {
			continue
		}
		fset := f.pkg.Fset
		pos := fset.Position(f.diag.Pos)
		if abs, err := filepath.Abs(pos.Filename); err == nil {
			pos.Filename = abs
		}
		ef := Finding{Analyzer: f.analyzer.Name, Pos: pos, Message: f.diag.Message, Bug: report.IsBug(f.diag)}
		if f.diag.End.IsValid() {
			ef.End = fset.Position(f.diag.End)
		}
		for _, r := range f.diag.Related {
			ef.Related = append(ef.Related, fset.Position(r.Pos))
		}
		if len(f.diag.SuggestedFixes) > 0 {
			fix := f.diag.SuggestedFixes[0]
			ef.Fix = fix.Message
			ef.Diff = fixDiff(fset, fix, sources, wd)
		}
		out = append(out, ef)
	}
	return out, nil
}

// fixDiff returns the unified diff of one suggested fix, file by file,
// each file gofmt-formatted as -fix writes it; "" if an edit falls outside
// a readable file or the result does not parse.
func fixDiff(fset *token.FileSet, fix analysis.SuggestedFix, sources map[string][]byte, wd string) string {
	byFile := make(map[string][]edit)
	var order []string
	for _, e := range fix.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return ""
		}
		name := tf.Name()
		if _, ok := byFile[name]; !ok {
			order = append(order, name)
		}
		byFile[name] = append(byFile[name], edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
	}
	slices.Sort(order)
	var b strings.Builder
	for _, name := range order {
		old, ok := sources[name]
		if !ok {
			var err error
			if old, err = os.ReadFile(name); err != nil {
				return ""
			}
			sources[name] = old
		}
		fixed, err := applyEdits(old, byFile[name])
		if err != nil {
			return ""
		}
		formatted, err := format.Source(fixed)
		if err != nil || bytes.Equal(formatted, old) {
			continue
		}
		display := name
		if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
			display = rel
		}
		b.WriteString(unifiedDiff(display, old, formatted))
	}
	return b.String()
}
