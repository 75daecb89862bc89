package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestEditAnalysesWithoutGoList: an edit that keeps the package's files
// and imports is analysed from the editor's text without running go list
// (the cost of a save is a parse, a type-check and the suite), after the
// typing pauses and without a save; an edit that adds an import lists the
// package again and is analysed correctly.
func TestEditAnalysesWithoutGoList(t *testing.T) {
	c, path, text := openFixture(t, "concat/concat.go", nil)
	if diags := c.waitDiagnostics(pathURI(path)); len(diags) != 1 {
		t.Fatalf("first analysis: %+v", diags)
	}
	lists := c.server.loader.lists.Load()
	if lists != 1 {
		t.Fatalf("the first analysis listed the package %d times, want 1", lists)
	}

	second := string(text) + `
// Quote quotes the parts.
func Quote(parts []string) string {
	s := ""
	for _, p := range parts {
		s += "'" + p + "'"
	}
	return s
}
`
	c.change(path, 2, second) // no save: the pause in typing starts the analysis
	if diags := c.waitDiagnostics(pathURI(path)); len(diags) != 2 {
		t.Fatalf("after an edit adding a second concatenation: %d diagnostics, want 2: %+v", len(diags), diags)
	}
	if got := c.server.loader.lists.Load(); got != lists {
		t.Errorf("an edit that kept the imports ran go list (%d lists, want %d)", got, lists)
	}

	third := strings.Replace(second, "package concat\n", "package concat\n\nimport \"strconv\"\n", 1) + `
// Numbers formats the numbers, one per line.
func Numbers(ns []int) string {
	s := ""
	for _, n := range ns {
		s += strconv.Itoa(n) + "\n"
	}
	return s
}
`
	c.change(path, 3, third)
	if diags := c.waitDiagnostics(pathURI(path)); len(diags) != 3 {
		t.Fatalf("after an edit adding an import: %d diagnostics, want 3: %+v", len(diags), diags)
	}
	if got := c.server.loader.lists.Load(); got != lists+1 {
		t.Errorf("an edit adding an import: %d lists, want %d", got, lists+1)
	}
}

// TestFastPathMatchesGoPackages: the package type-checked from its
// metadata and export data gets the same findings, fixes and hover texts
// as the same package loaded by go/packages, with internal and external
// test files and a workspace import.
func TestFastPathMatchesGoPackages(t *testing.T) {
	dir, _ := writeLinesPackage(t, 600)
	files := map[string]string{
		"gen_test.go": "package bench\n\nimport \"testing\"\n\nfunc TestParse(t *testing.T) {\n\ts := \"\"\n\tfor _, r := range parse0(\"a=1\") {\n\t\ts += r.key\n\t}\n\t_ = s\n}\n",
		"x_test.go":   "package bench_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/bench\"\n\t\"example.com/bench/sub\"\n)\n\nfunc TestX(t *testing.T) { _ = bench.Exported(sub.Parts()) }\n",
		"export.go":   "package bench\n\n// Exported joins parts.\nfunc Exported(parts []string) string {\n\ts := \"\"\n\tfor _, p := range parts {\n\t\ts += p\n\t}\n\treturn s\n}\n",
		"sub/sub.go":  "package sub\n\n// Parts lists three parts.\nfunc Parts() []string { return []string{\"a\", \"b\", \"c\"} }\n",
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	texts := make(map[string][]byte)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			path := filepath.Join(dir, e.Name())
			texts[path], _ = os.ReadFile(path)
		}
	}
	analyse := func(l *loader) []string {
		suite, err := new(analyzers.Settings).Build(report.Policy{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := analysePackage(context.Background(), l, dir, nil, texts, suite, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for file, fs := range res.findings {
			for _, f := range fs {
				out = append(out, fmt.Sprintf("%s:%d:%d: %s [%d fixes] %s", filepath.Base(file), f.diag.Range.Start.Line, f.diag.Range.Start.Character, f.diag.Message, len(f.fixes), f.hover))
			}
		}
		slices.Sort(out)
		return out
	}
	fast := new(loader)
	got := analyse(fast)
	if fast.lists.Load() != 1 {
		t.Fatalf("the fast path was not taken (%d lists)", fast.lists.Load())
	}
	want := analyse(&loader{slow: true})
	if len(want) < 3 {
		t.Fatalf("the comparison needs findings; go/packages gave %d: %q", len(want), want)
	}
	if !slices.Equal(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("finding %d differs:\nfast path:   %s\ngo/packages: %s", i, g, w)
				break
			}
		}
	}
}
