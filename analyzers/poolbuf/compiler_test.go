package poolbuf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/escapetest"
)

// TestCompilerAgrees checks the fixtures' byte-slice cases against the
// compiler: every make([]byte) finding is a heap allocation, and every
// make marked "// stays on the stack" (a constant size that reaches nothing
// dynamic) is not one.
func TestCompilerAgrees(t *testing.T) {
	escapetest.Check(t, filepath.Join("testdata", "src", "poolbuf"), "poolbuf",
		func(line string) bool { return strings.Contains(line, "make(") && strings.Contains(line, "// want `") })
}
