package analyzers_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestMessageShape checks every finding of every analyzer of the suite on
// its fixtures (with every option on, so the optional rules speak too)
// against the one shape of a perfvet message: what happens and what it
// costs, then "; " and what to do; a finding without a fix says why, as
// its last clause, "; no automatic fix: <why>"; a finding with a fix never
// claims to have none.
func TestMessageShape(t *testing.T) {
	suite := analyzers.New(&analyzers.Config{Policy: report.Policy{TestFiles: true}})
	// Hot-only findings need a profile, or -cold to be listed; the
	// message gains why it is hot-only, before any "no automatic fix".
	coldSuite := analyzers.New(&analyzers.Config{Policy: report.Policy{TestFiles: true, Cold: true}})
	for i, a := range suite[:len(analyzers.Own())] {
		enableOptions(t, a)
		enableOptions(t, coldSuite[i])
		testdata, err := filepath.Abs(filepath.Join(a.Name, "testdata"))
		if err != nil {
			t.Fatal(err)
		}
		pkgs, err := os.ReadDir(filepath.Join(testdata, "src"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, pkg := range pkgs {
			// A directory without Go files is the start of a stub's
			// import path (src/github.com/jackc/pgx/v5): not a fixture.
			if gofiles, _ := filepath.Glob(filepath.Join(testdata, "src", pkg.Name(), "*.go")); len(gofiles) > 0 {
				names = append(names, pkg.Name())
			}
		}
		checked := 0
		check := func(a *analysis.Analyzer) {
			// The fixtures' // want lines were written for the default
			// options; only the messages matter here.
			for _, res := range analysistest.Run(ignoreWants{t}, testdata, a, names...) {
				if res.Err != nil {
					t.Errorf("%s on %s: %v", a.Name, res.Pass.Pkg.Path(), res.Err)
				}
				for _, d := range res.Diagnostics {
					checked++
					if why := messageShape(d); why != "" {
						t.Errorf("%s: %s: %q", a.Name, why, d.Message)
					}
				}
			}
		}
		check(a)
		if checked == 0 {
			check(coldSuite[i]) // a hot-only analyzer: nothing without a profile
		}
		if checked == 0 {
			t.Errorf("%s: no findings on its fixtures; the test checks nothing", a.Name)
		}
	}
}

// messageShape says what is wrong with d's message, or "".
func messageShape(d analysis.Diagnostic) string {
	m := d.Message
	const noFix = "; no automatic fix: "
	switch {
	case m == "" || strings.ContainsAny(m, "\n\t"):
		return "empty, or more than one line"
	case strings.HasSuffix(m, "."):
		return "ends with a period"
	case !strings.Contains(m, "; "):
		return "no second clause (\"; what to do\")"
	case strings.Contains(m, "(no automatic fix"):
		return "says why there is no fix in parentheses, not as \"; no automatic fix: <why>\""
	case strings.Count(m, "no automatic fix") > 1:
		return "says twice that there is no fix"
	}
	i := strings.Index(m, "no automatic fix")
	if i < 0 {
		if len(d.SuggestedFixes) == 0 {
			return "no fix, and does not say why (\"; no automatic fix: <why>\")"
		}
		return ""
	}
	switch why := m[i+len(noFix)-2:]; {
	case i < 2 || !strings.HasPrefix(m[i-2:], noFix):
		return "no automatic fix is not its own clause, \"; no automatic fix: <why>\""
	case strings.TrimSpace(why) == "":
		return "no automatic fix, without a reason"
	case strings.Contains(why, "; "):
		return "the reason for no fix is not the last clause"
	case len(d.SuggestedFixes) > 0:
		return "carries a fix, yet says it has none"
	}
	return ""
}

// enableOptions turns on a's optional rules: bool flags true, numeric
// ones off by default (0) a typical limit. A threshold that is on by
// default (-bigcopy.size) stays as it is.
func enableOptions(t *testing.T, a *analysis.Analyzer) {
	a.Flags.VisitAll(func(f *flag.Flag) {
		value := "65536"
		if f.DefValue != "0" && f.DefValue != "false" {
			return
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			value = "true"
		}
		if err := f.Value.Set(value); err != nil {
			t.Fatalf("-%s.%s=%s: %v", a.Name, f.Name, value, err)
		}
	})
}

// ignoreWants passes on analysistest's errors but those about // want
// expectations.
type ignoreWants struct{ t *testing.T }

func (w ignoreWants) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !strings.Contains(msg, "unexpected diagnostic") && !strings.Contains(msg, "no diagnostic was reported") {
		w.t.Errorf("%s", msg)
	}
}

// TestMessageShapeRules shows what messageShape rejects.
func TestMessageShapeRules(t *testing.T) {
	fix := []analysis.SuggestedFix{{Message: "Fix"}}
	for _, tc := range []struct {
		msg  string
		fix  bool
		good bool
	}{
		{"s += x in a loop copies s on every iteration (O(n²) bytes); build it with a strings.Builder", true, true},
		{"s += x in a loop copies s; build it with a strings.Builder; no automatic fix: s is a field", false, true},
		{"s += x in a loop copies s; build it with a strings.Builder (no automatic fix: s is a field)", false, false},
		{"s += x in a loop copies s; build it with a strings.Builder; no automatic fix: s is a field", true, false},
		{"s += x in a loop copies s; no automatic fix: s is a field; build it with a strings.Builder", false, false},
		{"s += x in a loop copies s; build it with a strings.Builder, no automatic fix: s is a field", false, false},
		{"s += x in a loop copies s; build it with a strings.Builder; no automatic fix: ", false, false},
		{"s += x in a loop copies s on every iteration", false, false},
		{"s += x in a loop copies s on every iteration (O(n²) bytes); build it with a strings.Builder", false, false},
		{"s += x in a loop copies s; build it with a strings.Builder.", true, false},
	} {
		d := analysis.Diagnostic{Message: tc.msg}
		if tc.fix {
			d.SuggestedFixes = fix
		}
		if why := messageShape(d); (why == "") != tc.good {
			t.Errorf("messageShape(%q, fix %v) = %q, want good = %v", tc.msg, tc.fix, why, tc.good)
		}
	}
}
