package hot_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
)

// describeCold reports, for every loop, the cold verdict of loopRules
// (hot.LoopCold: what the analyzers see) or, for a rule that is evidence
// for heat only, that evidence.
var describeCold = &analysis.Analyzer{
	Name:     "describecold",
	Doc:      "reports each loop's cold verdict for tests",
	Requires: []*analysis.Analyzer{loops.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, l := range pass.ResultOf[loops.Analyzer].(*loops.Info).Loops {
			msg := fmt.Sprintf("%s count=%q", l.Kind, l.Count)
			if l.ConstKnown {
				msg += fmt.Sprintf(" const=%d", l.Const)
			}
			if why := hot.LoopCold(l); why != "" {
				msg += " cold: " + why
			} else if ev := hot.HeatEvidence(l); ev != "" {
				msg += " heat only: " + ev
			}
			pass.Reportf(l.Stmt.Pos(), "%s", msg)
		}
		return nil, nil
	},
}

// TestLoopRules checks the ordered table of loop rules on its fixtures,
// and that every rule has its cases there: a "// rule: NAME." comment
// above them.
func TestLoopRules(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), describeCold, "coldloops")
	files, _ := filepath.Glob(filepath.Join(analysistest.TestData(), "src", "coldloops", "*.go"))
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	for _, name := range hot.LoopRuleNames() {
		if !strings.Contains(all.String(), "// rule: "+name+".") {
			t.Errorf("loop rule %q has no cases in testdata/src/coldloops (a // rule: %s. comment above them)", name, name)
		}
	}
}
