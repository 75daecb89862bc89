package deferloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/deferloop"
	"github.com/perfvet/perfvet/internal/testkit/hotonlytest"
)

// TestDeferloop checks the fixture with a profile in which every function
// but the cold* ones runs, without a profile (only the bugs), and without
// one under -cold (everything, saying why).
func TestDeferloop(t *testing.T) {
	hotonlytest.Run(t, analysistest.TestData(), deferloop.New, "deferloop")
}
