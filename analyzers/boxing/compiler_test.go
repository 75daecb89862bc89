package boxing_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/escapetest"
)

// TestCompilerAgrees checks the analyzer's expectations against the
// compiler's escape analysis: every line where a finding is expected must
// hold a value the compiler moves to the heap, and every line marked
// "// stays on the stack" one it keeps there.
func TestCompilerAgrees(t *testing.T) {
	escapetest.Check(t, filepath.Join("testdata", "src", "boxing"), "boxing",
		func(line string) bool { return strings.Contains(line, "// want `converting") })
}
