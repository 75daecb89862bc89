package bigcopy_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/bigcopy"
	"github.com/perfvet/perfvet/internal/testkit/hotonlytest"
)

// TestBigcopy checks the fixture with a profile in which every function
// but the cold* ones runs, without a profile (nothing), and without one
// under -cold (everything, saying why).
func TestBigcopy(t *testing.T) {
	hotonlytest.Run(t, analysistest.TestData(), bigcopy.New, "bigcopy")
}
