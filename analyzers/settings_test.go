package analyzers_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestSettingsDefaultPGO checks that a suite built from Settings with no
// hot.profile (the golangci-lint plugin's and the language server's way)
// ranks by the default.pgo beside a main package, as the binary does, and
// that "off" does not; so does the language server's (FromJSON).
func TestSettingsDefaultPGO(t *testing.T) {
	src := "package main\n\nfunc main() { _ = hot(nil) }\n\nfunc hot(parts []string) string {\n\ts := \"\"\n\tfor _, p := range parts {\n\t\ts += p // want `; hot: 100.0% of CPU in hot, 100.0% in this loop`\n\t}\n\treturn s\n}\n"
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", "pgomain")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pgo := proftest.CPU(t, proftest.Sample{Func: "main.hot", Start: 5, Line: 8, Count: 100})
	data, err := os.ReadFile(pgo)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pkg, "default.pgo"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	// The plugin builds from Settings; the language server from its
	// initializationOptions (FromJSON), none given here.
	plugin, err := (&analyzers.Settings{Enable: []string{"concatloop"}}).Build(report.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	lsp, err := analyzers.FromJSON(nil, dir, report.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	for _, suite := range [][]*analysis.Analyzer{plugin, lsp} {
		for _, a := range suite {
			if a.Name == "concatloop" {
				analysistest.Run(t, dir, a, "pgomain")
			}
		}
	}

	off := &analyzers.Settings{Enable: []string{"concatloop"}, Values: map[string]string{"hot.profile": "off"}}
	suite, err := off.Build(report.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range suite {
		if a.Name == "concatloop" {
			for _, r := range analysistest.Run(ignore{}, dir, a, "pgomain") {
				if len(r.Diagnostics) != 0 {
					t.Errorf("off: %d findings, want none (package main is cold without a profile)", len(r.Diagnostics))
				}
			}
		}
	}
}

type ignore struct{}

func (ignore) Errorf(string, ...any) {}
