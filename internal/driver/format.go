package driver

import (
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/sarif"

	"github.com/perfvet/perfvet/internal/annotate"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// visible splits findings into those the text, github and -fix outputs
// show (report.Shown: bugs, and cost findings in code that does not look
// cold, or all with -cold) and the number set aside. Hot-only findings
// without a profile are not counted: without one they say nothing.
func visible(findings []finding, cold bool) (shown []finding, hidden int) {
	shown = make([]finding, 0, len(findings))
	for i := range findings {
		switch f := &findings[i]; {
		case report.Shown(f.diag, f.heat, cold):
			shown = append(shown, *f)
		case report.IsHotOnly(f.diag) && !f.heat.Profiled:
		default:
			hidden++
		}
	}
	return shown, hidden
}

// printColdSummary prints the one line that says what the default output
// left out and how to see it: how many findings look cold, and how many
// of those a profile set aside (it never saw their code, or saw it under
// -hot.min). When no finding was measured by a profile it says, once,
// that the ranking is static and the three ways to get a profile. Like
// visible, it leaves out hot-only findings without a profile, which say
// nothing.
func printColdSummary(w io.Writer, findings []finding, cold bool) {
	hidden, byProfile, counted, profiled := 0, 0, 0, false
	for i := range findings {
		f := &findings[i]
		profiled = profiled || f.heat.Profiled
		switch {
		case report.Shown(f.diag, f.heat, cold):
			counted++
		case report.IsHotOnly(f.diag) && !f.heat.Profiled:
		default:
			counted++
			hidden++
			if f.heat.Profiled {
				byProfile++
			}
		}
	}
	if hidden > 0 {
		aside := ""
		if byProfile > 0 {
			aside = fmt.Sprintf(", %d of them set aside by the profile", byProfile)
		}
		fmt.Fprintf(w, "%d more in code that looks cold (config, startup, CLI, debug, tests%s); -cold lists them\n", hidden, aside)
	}
	if counted > 0 && !profiled {
		fmt.Fprintf(w, "%s\n", NoProfile)
	}
}

// NoProfile is the summary's line when no profile measured any finding.
const NoProfile = "ranked by static heat: no CPU or allocation profile. Profile first: commit a default.pgo beside a main package, add -hot.bench (the packages' own benchmarks), or pass -hot.profile=FILE or URL (/debug/pprof/profile, /allocs, /heap)"

// textMessage is a finding's message as the text output prints it: with
// -cold, report.ColdMessage.
func textMessage(f *finding, cold bool) string {
	if cold {
		return report.ColdMessage(f.diag, f.heat)
	}
	return f.diag.Message
}

// kindOf names a finding's kind for JSON and SARIF: "bug" or "cost".
func kindOf(f *finding) string {
	if report.IsBug(f.diag) {
		return "bug"
	}
	return "cost"
}

// Output formats of -format.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatSARIF  = "sarif"
	formatGitHub = "github"
)

var formats = []string{formatText, formatJSON, formatSARIF, formatGitHub}

// printGitHub prints findings as GitHub Actions workflow commands, which
// the runner turns into annotations on the pull request.
func printGitHub(w io.Writer, findings []finding) {
	for i := range findings {
		f := &findings[i]
		p := f.pkg.Fset.Position(f.diag.Pos)
		annotate.GitHub(w, "warning", relative(p.Filename), p.Line, p.Column, f.analyzer.Name, f.diag.Message)
	}
}

// relative returns name relative to the working directory when it lies
// below it: SARIF consumers and GitHub want repository-relative paths, and
// perfvet is run from the repository root.
func relative(name string) string {
	wd, err := os.Getwd()
	if err != nil {
		return name
	}
	if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return name
}

// sarifURI returns a repository-relative URI for a file below the working
// directory, and a file URI for anything else.
func sarifURI(name string) sarif.ArtifactLocation {
	if rel := relative(name); rel != name || !filepath.IsAbs(name) {
		return sarif.ArtifactLocation{URI: rel, URIBaseID: "%SRCROOT%"}
	}
	return sarif.ArtifactLocation{URI: "file://" + filepath.ToSlash(name)}
}

// printSARIF prints a SARIF 2.1.0 log with one rule per analyzer of the
// suite (its documentation and help URI) and the findings, with their
// related locations and fixes.
//
// Every finding is in the log; those the text output sets aside as cold
// have level note, and each result's properties give its kind, heat and
// the reason.
func printSARIF(w io.Writer, tool string, suite []*analysis.Analyzer, findings []finding) error {
	run := sarif.Run{
		Tool: sarif.Tool{Driver: sarif.ToolComponent{
			Name:           tool,
			InformationURI: "https://pkg.go.dev/github.com/perfvet/perfvet",
		}},
		Results: []sarif.Result{},
	}
	props := make([]sarifProperties, 0, len(findings))
	for _, a := range suite {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarif.ReportingDescriptor{
			ID:                   a.Name,
			ShortDescription:     sarif.Message{Text: summary(a)},
			Help:                 sarif.Message{Text: a.Doc},
			HelpURI:              a.URL,
			DefaultConfiguration: sarif.ReportingConfiguration{Enabled: true, Level: sarif.Warning},
		})
	}
	for i := range findings {
		f := &findings[i]
		fset := f.pkg.Fset
		start, end := positionOf(fset, f.diag.Pos), positionOf(fset, f.diag.End)
		r := sarif.Result{
			RuleID:       f.analyzer.Name,
			Kind:         sarif.Fail,
			Level:        sarif.Warning,
			Message:      sarif.Message{Text: f.diag.Message},
			Locations:    []sarif.Location{sarifLocation(start, end)},
			Suppressions: []sarif.Suppression{},
		}
		for _, rel := range f.diag.Related {
			loc := sarifLocation(positionOf(fset, rel.Pos), positionOf(fset, rel.End))
			loc.Message = &sarif.Message{Text: rel.Message}
			r.RelatedLocations = append(r.RelatedLocations, loc)
		}
		for _, fix := range f.diag.SuggestedFixes {
			byFile := make(map[string][]sarif.Replacement)
			var order []string
			for _, e := range fix.TextEdits {
				s, en := positionOf(fset, e.Pos), positionOf(fset, e.End)
				if _, ok := byFile[s.file]; !ok {
					order = append(order, s.file)
				}
				byFile[s.file] = append(byFile[s.file], sarif.Replacement{
					DeletedRegion:   sarif.Region{StartLine: s.line, StartColumn: s.col, EndLine: en.line, EndColumn: en.col},
					InsertedContent: sarif.ArtifactContent{Text: string(e.NewText)},
				})
			}
			sf := sarif.Fix{Description: sarif.Message{Text: fix.Message}}
			for _, file := range order {
				sf.ArtifactChanges = append(sf.ArtifactChanges, sarif.ArtifactChange{
					ArtifactLocation: sarifURI(file),
					Replacements:     byFile[file],
				})
			}
			r.Fixes = append(r.Fixes, sf)
		}
		if !report.Shown(f.diag, f.heat, false) {
			r.Level = sarif.Note
		}
		run.Results = append(run.Results, r)
		p := sarifProperties{"kind": kindOf(f), "reason": report.Reason(f.diag, f.heat)}
		if h := heatJSON(f); h != nil {
			p["heat"] = h
		}
		if v := verdictJSON(f); v != nil {
			p["verdict"] = v
		}
		props = append(props, p)
	}
	// honnef.co/go/tools/sarif has no property bags; perfvet's wrappers add
	// one to each result, holding its heat.
	results := make([]sarifResult, len(run.Results))
	for i := range run.Results {
		results[i] = sarifResult{run.Results[i], props[i]}
	}
	log := sarifLog{
		Log:  sarif.Log{Version: sarif.Version, Schema: sarif.Schema},
		Runs: []sarifRun{{run, results}},
	}
	out, err := json.MarshalIndent(log, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// SARIF property bag (§3.8): perfvet puts a finding's kind, reason, heat
// and the compiler's verdict there.
type sarifProperties map[string]any

type sarifResult struct {
	sarif.Result
	Properties sarifProperties `json:"properties,omitempty"`
}

type sarifRun struct {
	sarif.Run
	Results []sarifResult `json:"results"` // shadows Run.Results
}

type sarifLog struct {
	sarif.Log
	Runs []sarifRun `json:"runs"` // shadows Log.Runs
}

// A place in a file, as SARIF counts it (1-based lines and columns).
type place struct {
	file      string
	line, col int
}

func positionOf(fset *token.FileSet, pos token.Pos) place {
	if !pos.IsValid() {
		return place{}
	}
	p := fset.Position(pos)
	return place{p.Filename, p.Line, p.Column}
}

func sarifLocation(start, end place) sarif.Location {
	region := sarif.Region{StartLine: start.line, StartColumn: start.col}
	if end.line > 0 {
		region.EndLine, region.EndColumn = end.line, end.col
	}
	return sarif.Location{PhysicalLocation: sarif.PhysicalLocation{
		ArtifactLocation: sarifURI(start.file),
		Region:           region,
	}}
}
