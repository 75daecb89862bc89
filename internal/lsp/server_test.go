package lsp

import (
	"bytes"
	"context"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"
)

// fixture copies testdata/mod to a temporary directory (the tests write
// to it) and returns its path.
func fixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := os.CopyFS(dst, os.DirFS("testdata/mod"))
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// openFixture copies the fixture, starts a server on it and opens the file
// rel (e.g. concat/concat.go) in it.
func openFixture(t *testing.T, rel string, options any) (c *client, path string, text []byte) {
	t.Helper()
	root := fixture(t)
	path = filepath.Join(root, filepath.FromSlash(rel))
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c = newClient(t)
	if msg := c.initialize(root, options); msg != "" {
		t.Fatal(msg)
	}
	c.open(path, text)
	return c, path, text
}

func TestDiagnosticFixHover(t *testing.T) {
	c, path, text := openFixture(t, "concat/concat.go", nil)
	diags := c.waitDiagnostics(pathURI(path))
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want concatloop's one: %+v", len(diags), diags)
	}
	d := diags[0]
	if d.Source == nil || *d.Source != "concatloop" || d.CodeDescription == nil || !strings.Contains(d.CodeDescription.HRef, "analyzers/concatloop") {
		t.Errorf("diagnostic's source and code description: %+v", d)
	}
	if !strings.Contains(d.Message, "strings.Builder") || d.Range.Start.Line != 8 || d.Range.Start.Character != 2 {
		t.Errorf("diagnostic: %q at %+v, want concatloop's at 9:3", d.Message, d.Range.Start)
	}

	var actions []protocol.CodeAction
	if msg := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": pathURI(path)},
		"range":        protocol.Range{Start: d.Range.Start, End: d.Range.Start},
		"context":      map[string]any{"diagnostics": diags},
	}, &actions); msg != "" {
		t.Fatal(msg)
	}
	if len(actions) != 1 || actions[0].Edit == nil || actions[0].Kind == nil || *actions[0].Kind != protocol.CodeActionKindQuickFix {
		t.Fatalf("code actions: %+v", actions)
	}
	fixed := applyEdits(t, text, actions[0].Edit.Changes[pathURI(path)])
	golden, err := os.ReadFile("testdata/mod/concat/concat.go.golden")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("the quick fix gives\n%s\nwant (concat.go.golden, perfvet -fix's output)\n%s", fixed, golden)
	}

	var h protocol.Hover
	if msg := c.call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": pathURI(path)},
		"position":     protocol.Position{Line: 8, Character: 5},
	}, &h); msg != "" {
		t.Fatal(msg)
	}
	contents, _ := h.Contents.(protocol.MarkupContent)
	hover := contents.Value
	for _, want := range []string{"**Heat**: in Join; static heat 1 (", "in a range over slice of len(parts)", "**Cost**", "BenchmarkConcatLoop"} {
		if !strings.Contains(hover, want) {
			t.Errorf("hover lacks %q:\n%s", want, hover)
		}
	}

	// The editor's text changes without a save: the fix's positions would
	// be stale, so it is not offered.
	c.change(path, 2, "// edited\n"+string(text))
	if msg := c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": pathURI(path)},
		"range":        protocol.Range{Start: d.Range.Start, End: d.Range.Start},
		"context":      map[string]any{"diagnostics": diags},
	}, &actions); msg != "" || len(actions) != 0 {
		t.Errorf("after an unsaved change: actions %+v, error %q; want none", actions, msg)
	}
}

// applyEdits applies LSP text edits (UTF-16 positions; the fixture is
// ASCII, so characters are bytes) to text.
func applyEdits(t *testing.T, text []byte, edits []protocol.TextEdit) []byte {
	t.Helper()
	offset := func(p protocol.Position) int {
		lines := strings.SplitAfter(string(text), "\n")
		n := 0
		for _, l := range lines[:p.Line] {
			n += len(l)
		}
		return n + int(p.Character)
	}
	slices.SortFunc(edits, func(a, b protocol.TextEdit) int { return offset(b.Range.Start) - offset(a.Range.Start) })
	out := string(text)
	for _, e := range edits {
		out = out[:offset(e.Range.Start)] + e.NewText + out[offset(e.Range.End):]
	}
	return []byte(out)
}

func TestSaveUnchangedCostsNothing(t *testing.T) {
	c, path, text := openFixture(t, "concat/concat.go", nil)
	if e := c.waitAnalysis(); e.cached {
		t.Fatal("the first analysis came from the cache")
	}
	c.save(path)
	if e := c.waitAnalysis(); !e.cached {
		t.Error("saving an unchanged file analysed the package again")
	}
	// A change saved to disk is analysed.
	changed := strings.Replace(string(text), `","`, `";"`, 1)
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	c.change(path, 2, changed)
	c.save(path)
	if e := c.waitAnalysis(); e.cached {
		t.Error("a changed file was answered from the cache")
	}
}

func TestTypeErrorIsOneDiagnostic(t *testing.T) {
	c, path, _ := openFixture(t, "broken/broken.go", nil)
	diags := c.waitDiagnostics(pathURI(path))
	if len(diags) != 1 || diags[0].Severity == nil || *diags[0].Severity != protocol.DiagnosticSeverityError ||
		!strings.Contains(diags[0].Message, "cannot use") || diags[0].Range.Start.Line != 4 {
		t.Errorf("diagnostics of a package that does not type-check: %+v", diags)
	}
}

func TestInitializationOptions(t *testing.T) {
	root := fixture(t)
	c := newClient(t)
	if msg := c.initialize(root, map[string]any{"nosuch": true}); !strings.Contains(msg, `unknown field "nosuch"`) {
		t.Errorf("an unknown option: got %q", msg)
	}
	if msg := c.initialize(root, map[string]any{"concatloop": true}); !strings.Contains(msg, "settings of concatloop: want an object of its flags") {
		t.Errorf("an analyzer's settings that are not an object: got %q", msg)
	}
	if msg := c.initialize(root, map[string]any{"disable": []string{"nosuch"}}); !strings.Contains(msg, "unknown analyzer") {
		t.Errorf("an unknown analyzer: got %q", msg)
	}

	c, path, _ := openFixture(t, "concat/concat.go", map[string]any{"disable": []string{"concatloop"}, "prealloc": map[string]any{"conditional": true}})
	c.waitAnalysis()
	c.server.mu.Lock()
	defer c.server.mu.Unlock()
	if n := len(c.server.pkgs[filepath.Dir(path)].result.findings[path]); n != 0 {
		t.Errorf("with concatloop disabled: %d findings", n)
	}
}

// TestSupersededAnalysisNeverPublishes saves a fixed file while the first
// analysis may still run: whatever the timing, the last diagnostics
// published are the fixed file's (none), never the stale finding.
func TestSupersededAnalysisNeverPublishes(t *testing.T) {
	golden, _ := os.ReadFile("testdata/mod/concat/concat.go.golden")
	c, path, _ := openFixture(t, "concat/concat.go", nil)
	if err := os.WriteFile(path, golden, 0o644); err != nil {
		t.Fatal(err)
	}
	c.change(path, 2, string(golden))
	c.save(path)
	// Analyses end in order of start or are dropped; wait for the one of
	// the fixed text.
	for {
		c.waitAnalysis()
		c.server.mu.Lock()
		st := c.server.pkgs[filepath.Dir(path)]
		done := st.running == nil && bytes.Equal(st.result.texts[path], golden)
		n := len(st.result.findings[path])
		c.server.mu.Unlock()
		if done {
			if n != 0 {
				t.Errorf("the fixed file has %d findings", n)
			}
			break
		}
	}
	var last []protocol.Diagnostic
	for len(c.diags) > 0 {
		if p := <-c.diags; p.URI == pathURI(path) {
			last = p.Diagnostics
		}
	}
	if len(last) != 0 {
		t.Errorf("the last diagnostics published are stale: %+v", last)
	}
}

// TestPanicIsADiagnostic: an analyzer that panics gives a diagnostic
// naming it; the server goes on.
func TestPanicIsADiagnostic(t *testing.T) {
	root := fixture(t)
	boom := &analysis.Analyzer{Name: "boom", Doc: "panics", Run: func(*analysis.Pass) (any, error) { panic("boom") }}
	guard(boom, log.New(io.Discard, "", 0))
	dir := filepath.Join(root, "concat")
	text, _ := os.ReadFile(filepath.Join(dir, "concat.go"))
	res, err := analysePackage(context.Background(), new(loader), dir, nil, map[string][]byte{filepath.Join(dir, "concat.go"): text}, []*analysis.Analyzer{boom}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fs := res.findings[filepath.Join(dir, "concat.go")]
	if len(fs) != 1 || !strings.Contains(fs[0].diag.Message, "boom failed: panic: boom") {
		t.Errorf("findings: %+v", fs)
	}
}

// TestPositionCountsUTF16: LSP columns count UTF-16 code units, Go's
// token positions bytes.
func TestPositionCountsUTF16(t *testing.T) {
	line := "\ts := \"é😀\" + t\n"
	res := &pkgResult{texts: map[string][]byte{"f.go": []byte("package p\n" + line)}}
	col := strings.Index(line, "+") + 1 // 1-based byte column
	got := res.position("f.go", 2, col)
	// tab, `s := "` (6), é (1 unit), 😀 (2 units), `" ` (2)
	if want := (protocol.Position{Line: 1, Character: 12}); got != want {
		t.Errorf("position of + = %+v, want %+v", got, want)
	}
}

// TestChangeInvalidatesImporters: after a change to concat, saving the
// unchanged uses (which imports it) analyses uses again.
func TestChangeInvalidatesImporters(t *testing.T) {
	c, concatPath, text := openFixture(t, "concat/concat.go", nil)
	c.waitAnalysis()
	usesPath := filepath.Join(filepath.Dir(filepath.Dir(concatPath)), "uses", "uses.go")
	usesText, err := os.ReadFile(usesPath)
	if err != nil {
		t.Fatal(err)
	}
	c.open(usesPath, usesText)
	c.waitAnalysis()
	c.save(usesPath)
	if e := c.waitAnalysis(); !e.cached {
		t.Fatal("saving uses unchanged analysed it again")
	}
	changed := strings.Replace(string(text), "func Join(", "func JoinAll(", 1)
	if err := os.WriteFile(concatPath, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	c.change(concatPath, 2, changed)
	c.save(concatPath)
	c.waitAnalysis()
	c.save(usesPath)
	if e := c.waitAnalysis(); e.cached {
		t.Fatal("uses was answered from the cache after concat changed")
	}
	diags := c.waitDiagnostics(pathURI(usesPath))
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "undefined: concat.Join") {
		t.Errorf("uses after concat lost Join: %+v", diags)
	}
}
