package lsp

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestHotOnly: a hot-only finding (bigcopy's range copy in Total) is
// published only when the profile in the initialization options shows
// Total hot; without a profile it is not, and cold: true lists it with
// the reason.
func TestHotOnly(t *testing.T) {
	// The copy is made on the range statement's line (11).
	prof := proftest.CPU(t, proftest.Sample{Func: "example.com/lspfixture/copies.Total", Start: 9, Line: 11, Count: 40},
		proftest.Sample{Func: "example.com/lspfixture/copies.Total", Start: 9, Line: 12, Count: 10})
	for _, tc := range []struct {
		name    string
		options any
		want    string // a part of the one diagnostic's message; "" for none
	}{
		{"profile", map[string]any{"hot": map[string]any{"profile": prof}}, "; hot: 80.0% of CPU here, 100.0% in Total"},
		{"no profile", nil, ""},
		{"no profile, cold", map[string]any{"cold": true}, "; hot-only: shown where a profile shows heat, and no profile was given"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, path, _ := openFixture(t, "copies/copies.go", tc.options)
			if tc.want == "" {
				c.waitAnalysis()
				c.server.mu.Lock()
				defer c.server.mu.Unlock()
				if n := len(c.server.pkgs[filepath.Dir(path)].result.findings[path]); n != 0 {
					t.Errorf("%d findings, want none", n)
				}
				return
			}
			diags := c.waitDiagnostics(pathURI(path))
			if len(diags) != 1 || !strings.Contains(diags[0].Message, "range copies each element of records") || !strings.Contains(diags[0].Message, tc.want) {
				t.Errorf("got %+v, want bigcopy's one finding saying %q", diags, tc.want)
			}
		})
	}
}
