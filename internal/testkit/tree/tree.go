// Package tree writes small source trees (a go.mod and a few packages) for
// tests that run the go command or perfvet on a real module.
package tree

import (
	"os"
	"path/filepath"
	"testing"
)

// Write writes files, keyed by slash-separated paths relative to a new
// temporary directory, and returns the directory.
func Write(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
