// Package house checks rules of the house that span the repository rather
// than one package: docs/architecture.md's imports column, file and function
// sizes, and no absolute machine paths in tracked files.
package house

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/perfvet/perfvet"

// root is the repository's top directory: two levels above this package.
func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("no go.mod at the repository root %s: %v", dir, err)
	}
	return dir
}

// tracked lists the repository's files (tracked, or new and not ignored;
// slash-separated, relative to the root) with git, or every file under the
// root when git or the repository is missing (a source archive), .git aside.
func tracked(t *testing.T, dir string) []string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = dir
	if out, err := cmd.Output(); err == nil {
		var files []string
		for _, f := range bytes.Split(out, []byte{0}) {
			if len(f) > 0 {
				files = append(files, string(f))
			}
		}
		return files
	}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// goFiles is the tracked Go files, less those under testdata (fixtures) and
// those a file name rule excludes.
func goFiles(t *testing.T, dir string) []string {
	var files []string
	for _, f := range tracked(t, dir) {
		if !strings.HasSuffix(f, ".go") || inTestdata(f) {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			continue // deleted in the work tree, not yet committed
		}
		files = append(files, f)
	}
	return files
}

func inTestdata(f string) bool {
	return strings.HasPrefix(f, "testdata/") || strings.Contains(f, "/testdata/")
}
