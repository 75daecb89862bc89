package profile

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// AutoSource finds the profile go build -pgo=auto would use for a package
// (-hot.profile=auto). go build takes default.pgo from the main package's
// directory and applies it to every package that main package builds. A
// linter sees one package at a time, not the command that will link it,
// so: the package's own default.pgo if it is a main package with one; else
// every default.pgo beside a main package of the same module, merged (a
// library's heat is the sum of its commands'). No profile found is not an
// error: heat is then static only.
//
// The module is walked once per process (the go vet tool runs one process
// per package, so there it is walked once per package).
type AutoSource struct{}

// For returns the default.pgo profiles for the package in dir.
func (AutoSource) For(_, dir string) (*Set, error) {
	if isMainDir(dir) && exists(filepath.Join(dir, "default.pgo")) {
		return LoadFiles([]string{filepath.Join(dir, "default.pgo")})
	}
	root := moduleRoot(dir)
	if root == "" {
		return nil, nil
	}
	return autoFound.get(root, func() (*Set, error) {
		if found := findDefaultPGO(root); len(found) > 0 {
			return LoadFiles(found)
		}
		return nil, nil
	})
}

// autoFound caches, per module root, the profile set of the default.pgo
// files found there.
var autoFound setCache

func exists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// moduleRoot returns the directory of the go.mod above dir, or "".
func moduleRoot(dir string) string {
	for d := dir; ; {
		if exists(filepath.Join(d, "go.mod")) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// findDefaultPGO lists the default.pgo files beside main packages of the
// module at root, skipping what the go command skips (testdata, vendor,
// directories starting with . or _) and nested modules.
func findDefaultPGO(root string) []string {
	var found []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable directories hold no profile we could use
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || exists(filepath.Join(path, "go.mod"))) {
			return filepath.SkipDir
		}
		if exists(filepath.Join(path, "default.pgo")) && isMainDir(path) {
			found = append(found, filepath.Join(path, "default.pgo"))
		}
		return nil
	})
	slices.Sort(found)
	return found
}

// isMainDir reports whether the Go files of dir (tests aside) are package main.
func isMainDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.PackageClauseOnly)
		if err == nil {
			return f.Name.Name == "main"
		}
	}
	return false
}
