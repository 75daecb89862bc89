package concatloop_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/internal/passes/report"
)

func TestConcatloop(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), concatloop.Analyzer, "concatloop")
}

// TestKind: a concatenation over a stream is a bug (shown whatever the
// heat); over a Scan method of a type that does not read a stream, or a
// range over a channel, a cost.
func TestKind(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), concatloop.Analyzer, "concatkind")
	want := map[string]string{"s": report.Bug, "msg": "", "out": ""}
	seen := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for name, category := range want {
				if strings.HasPrefix(d.Message, name+" += ") {
					seen++
					if d.Category != category {
						t.Errorf("%s: category %q, want %q", d.Message, d.Category, category)
					}
				}
			}
		}
	}
	if seen != 3 {
		t.Errorf("saw %d findings, want 3", seen)
	}
}
