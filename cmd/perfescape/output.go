package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"honnef.co/go/tools/sarif"

	"github.com/perfvet/perfvet/escape"
	"github.com/perfvet/perfvet/internal/annotate"
	"github.com/perfvet/perfvet/internal/profile"
)

// totals are the counts a text report ends with.
type totals struct {
	heap, static, notInlinable, almost, bounds, funcs int
}

func count(rep *escape.Report, almost int) totals {
	var t totals
	funcs := map[[2]string]bool{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		switch f.Kind {
		case escape.Heap:
			t.heap++
			funcs[[2]string{f.Package, f.Func}] = true
		case escape.Static:
			t.static++
		case escape.NotInlinable:
			t.notInlinable++
			if f.AlmostInlinable(almost) {
				t.almost++
			}
		case escape.BoundsChecked:
			t.bounds++
		}
	}
	t.funcs = len(funcs)
	return t
}

func writeReport(cfg *config, w io.Writer, rep *escape.Report, files *paths) error {
	switch cfg.format {
	case "json":
		return writeJSON(w, rep)
	case "sarif":
		return writeSARIF(w, reportResults(rep, cfg.almost, files))
	case "github":
		writeGitHub(w, reportResults(rep, cfg.almost, files))
		return nil
	}
	writeText(w, rep, cfg.almost, files)
	if rep.Stats.Unknown > 0 {
		fmt.Fprintf(cfg.stderr, "perfescape: warning: %d lines matched no known compiler message (a new Go release?); -format=json lists them\n", rep.Stats.Unknown)
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeText prints the report per package and function: heap allocations
// and bounds checks under their function, then the functions that cannot
// be inlined, then totals.
func writeText(w io.Writer, rep *escape.Report, almost int, files *paths) {
	var pkg, fn string
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Kind != escape.Heap && f.Kind != escape.BoundsChecked {
			continue
		}
		if f.Package != pkg {
			pkg, fn = f.Package, ""
			fmt.Fprintf(w, "%s\n", pkg)
		}
		if f.Func != fn {
			fn = f.Func
			if f.CPU > 0 {
				fmt.Fprintf(w, "  %s (hot: %s of CPU)\n", fn, profile.Percent(f.CPU))
			} else {
				fmt.Fprintf(w, "  %s\n", fn)
			}
		}
		if f.Kind == escape.BoundsChecked {
			fmt.Fprintf(w, "    %s: bounds check (%s)\n", files.pos(f.Pos), f.Subject)
			continue
		}
		fmt.Fprintf(w, "    %s: %s%s\n", files.pos(f.Pos), f.Message, because(f, files))
	}
	var not, near []*escape.Finding
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if f.Kind != escape.NotInlinable {
			continue
		}
		if f.AlmostInlinable(almost) {
			near = append(near, f)
		} else {
			not = append(not, f)
		}
	}
	byPos := func(a, b *escape.Finding) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	}
	slices.SortStableFunc(near, byPos)
	slices.SortStableFunc(not, byPos)
	if len(near) > 0 {
		fmt.Fprintf(w, "almost inlinable (cost at most %d over budget):\n", almost)
		for _, f := range near {
			fmt.Fprintf(w, "  %s: %s: cost %d, budget %d (+%d)\n", files.pos(f.Pos), qualified(f), f.Cost, f.Budget, f.Cost-f.Budget)
		}
	}
	if len(not) > 0 {
		fmt.Fprintf(w, "not inlinable:\n")
		for _, f := range not {
			fmt.Fprintf(w, "  %s: %s: %s\n", files.pos(f.Pos), qualified(f), f.Reason)
		}
	}
	for _, fs := range rep.Foreign {
		fmt.Fprintf(w, "%s (instantiated or inlined here, not shown; -all lists them): %d heap allocations, %d functions not inlinable, %d bounds checks\n",
			fs.Origin, fs.Heap, fs.NotInlinable, fs.BoundsChecks)
	}
	t := count(rep, almost)
	fmt.Fprintf(w, "total: %d heap allocations in %d functions (%d constant boxings not counted), %d functions not inlinable (%d almost), %d bounds checks, %d unknown lines\n",
		t.heap, t.funcs, t.static, t.notInlinable, t.almost, t.bounds, rep.Stats.Unknown)
}

func qualified(f *escape.Finding) string {
	return f.Package + "." + f.Subject
}

// because renders the first reason of an allocation.
func because(f *escape.Finding, files *paths) string {
	if f.Why == "" {
		return ""
	}
	s := " (" + f.Why
	if f.WhyAt.IsKnown() {
		s += " at " + files.pos(f.WhyAt)
	}
	if f.Sink != "" {
		s += "; flows to " + f.Sink
	}
	return s + ")"
}

func writeDiff(cfg *config, w io.Writer, changes []escape.Change, files *paths) error {
	switch cfg.format {
	case "json":
		if changes == nil {
			changes = []escape.Change{}
		}
		return writeJSON(w, changes)
	case "sarif", "github":
		var results []sarifResult
		for i := range changes {
			c := &changes[i]
			if c.Regression {
				results = append(results, sarifResult{rule: ruleOf(c.Kind), finding: &c.Finding, text: c.What + ": " + c.Message, level: sarif.Warning})
			}
		}
		if cfg.format == "github" {
			writeGitHub(w, sarifResults{results: results, files: files})
			return nil
		}
		return writeSARIF(w, sarifResults{results: results, files: files})
	}
	var regressions, improvements int
	for i := range changes {
		c := &changes[i]
		if c.Regression {
			regressions++
		} else {
			improvements++
		}
		sign := "+"
		if !c.Regression {
			sign = "-"
		}
		fmt.Fprintf(w, "%s %s: %s.%s: %s: %s%s\n", sign, files.pos(c.Pos), c.Package, c.Func, c.What, c.Message, because(&c.Finding, files))
	}
	fmt.Fprintf(w, "%d regressions, %d improvements\n", regressions, improvements)
	return nil
}

// SARIF: one rule per kind of finding.

type sarifResult struct {
	rule    string
	finding *escape.Finding
	text    string
	level   string
}

type sarifResults struct {
	results []sarifResult
	files   *paths
}

var rules = []sarif.ReportingDescriptor{
	{ID: "heap", ShortDescription: sarif.Message{Text: "heap allocation reported by the compiler's escape analysis"}},
	{ID: "almost-inlinable", ShortDescription: sarif.Message{Text: "function whose inlining cost is just over the budget"}},
	{ID: "not-inlinable", ShortDescription: sarif.Message{Text: "function or call that the compiler no longer inlines"}},
	{ID: "bounds-check", ShortDescription: sarif.Message{Text: "bounds check left in the compiled code"}},
}

func ruleOf(k escape.FindingKind) string {
	switch k {
	case escape.Heap:
		return "heap"
	case escape.BoundsChecked:
		return "bounds-check"
	}
	return "not-inlinable"
}

func reportResults(rep *escape.Report, almost int, files *paths) sarifResults {
	var rs []sarifResult
	for i := range rep.Findings {
		f := &rep.Findings[i]
		switch {
		case f.Kind == escape.Heap:
			rs = append(rs, sarifResult{rule: "heap", finding: f, text: f.Func + ": " + f.Message + because(f, files), level: sarif.Note})
		case f.AlmostInlinable(almost):
			rs = append(rs, sarifResult{rule: "almost-inlinable", finding: f,
				text:  fmt.Sprintf("%s: inlining cost %d exceeds the budget %d by %d", f.Subject, f.Cost, f.Budget, f.Cost-f.Budget),
				level: sarif.Note})
		case f.Kind == escape.BoundsChecked:
			rs = append(rs, sarifResult{rule: "bounds-check", finding: f, text: f.Func + ": bounds check (" + f.Subject + ")", level: sarif.Note})
		}
	}
	return sarifResults{results: rs, files: files}
}

func writeSARIF(w io.Writer, rs sarifResults) error {
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.ToolComponent{
			Name:           "perfescape",
			InformationURI: "https://pkg.go.dev/github.com/perfvet/perfvet/cmd/perfescape",
			Rules:          rules,
		}},
		Results: make([]sarif.Result, 0, len(rs.results)),
	}
	for _, r := range rs.results {
		region := sarif.Region{StartLine: max(r.finding.Pos.Line, 1), StartColumn: r.finding.Pos.Col}
		run.Results = append(run.Results, sarif.Result{
			RuleID:  r.rule,
			Kind:    sarif.Fail,
			Level:   r.level,
			Message: sarif.Message{Text: r.text},
			Locations: []sarif.Location{{PhysicalLocation: sarif.PhysicalLocation{
				ArtifactLocation: rs.files.artifact(r.finding.Pos.File),
				Region:           region,
			}}},
			Suppressions: []sarif.Suppression{},
		})
	}
	return writeJSON(w, sarif.Log{Version: sarif.Version, Schema: sarif.Schema, Runs: []sarif.Run{run}})
}

// writeGitHub prints results as GitHub Actions workflow commands, which
// the runner turns into annotations on the pull request.
func writeGitHub(w io.Writer, rs sarifResults) {
	for _, r := range rs.results {
		level := "notice"
		if r.level == sarif.Warning || r.level == sarif.Error {
			level = r.level
		}
		p := r.finding.Pos
		annotate.GitHub(w, level, rs.files.show(p.File), max(p.Line, 1), max(p.Col, 1), "perfescape "+r.rule, r.text)
	}
}
