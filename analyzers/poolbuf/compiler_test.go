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
// dynamic) is not one. A make marked "// heap by size" is one the compiler
// calls non-escaping though it allocates (TestVariableSizeAllocates).
func TestCompilerAgrees(t *testing.T) {
	escapetest.Check(t, filepath.Join("testdata", "src", "poolbuf"), "poolbuf",
		func(line string) bool {
			return strings.Contains(line, "make(") && strings.Contains(line, "// want `") && !strings.Contains(line, "// heap by size")
		})
}

var seedSize = 4096

//go:noinline
func joinEach(words []string) int {
	n := 0
	for _, w := range words {
		buf := make([]byte, 0, seedSize+len(w))
		buf = append(buf, w...)
		n += len(buf)
	}
	return n
}

// TestVariableSizeAllocates: the fixture's joinEach, which -gcflags=-m
// reports as "does not escape", still allocates once per word: Go keeps a
// make of variable size on the stack only when it fits 32 bytes. So
// poolbuf reports a non-escaping make sized to each item, and the
// compiler's "does not escape" is not evidence against it.
func TestVariableSizeAllocates(t *testing.T) {
	words := []string{"aab", "b", "ab", "aaab"}
	if n := testing.AllocsPerRun(100, func() { joinEach(words) }); n < float64(len(words)) {
		t.Errorf("joinEach: %v allocations per call, want one per word (%d)", n, len(words))
	}
}
