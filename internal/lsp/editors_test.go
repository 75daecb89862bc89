//go:build editors

package lsp

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestEditors drives perfvet lsp from real editors: Neovim's built-in LSP
// client (headless) and Emacs's eglot (batch). Each opens the fixture,
// waits for concatloop's diagnostic, checks the hover, applies the quick
// fix and saves; the file must then equal perfvet -fix's output. It needs
// Debian's neovim, emacs-nox and elpa-eglot (.ci/run installs them):
//
//	go test -tags editors ./internal/lsp
func TestEditors(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "perfvet")
	build := exec.Command("go", "build", "-o", bin, "github.com/perfvet/perfvet/cmd/perfvet")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building perfvet: %v\n%s", err, out)
	}
	scripts, err := filepath.Abs("testdata/editors")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/mod/concat/concat.go.golden")
	if err != nil {
		t.Fatal(err)
	}
	editors := map[string][]string{
		"neovim": {"nvim", "--headless", "--clean", "-c", "luafile " + filepath.Join(scripts, "nvim.lua")},
		"eglot":  {"emacs", "--batch", "-Q", "-l", filepath.Join(scripts, "eglot.el")},
	}
	for name, argv := range editors {
		t.Run(name, func(t *testing.T) {
			root := fixture(t)
			file := filepath.Join(root, "concat", "concat.go")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "PERFVET="+bin, "FIXTURE="+file, "ROOT="+root)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", argv[0], err, out)
			}
			t.Logf("%s: diagnostic, hover and quick fix in %v", name, time.Since(start).Round(time.Millisecond))
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(golden) {
				t.Errorf("after %s applied the quick fix:\n%s\nwant (concat.go.golden)\n%s", name, got, golden)
			}
		})
	}
}
