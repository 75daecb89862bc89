package escape

import (
	"context"
	"path/filepath"
	"testing"
)

// TestCompile builds a module from a subdirectory: diagnostics name the
// module's files relative to its root and std's as $GOROOT, Canonical
// maps an absolute path to the same name, Display is relative to the
// working directory, and Origin tells the user's code from std's.
func TestCompile(t *testing.T) {
	dir, err := filepath.Abs("testdata/mod/sub")
	if err != nil {
		t.Fatal(err)
	}
	var heap []*Diagnostic
	files := map[string]bool{}
	c, err := Compile(context.Background(), &Config{Dir: dir, BCE: true}, func(d *Diagnostic) {
		files[d.Pos.File] = true
		if IsAllocation(d) {
			heap = append(heap, d)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Module != "example.com/mod" || len(c.Packages) != 1 || c.Packages[0].ImportPath != "example.com/mod/sub" {
		t.Fatalf("module %q, packages %+v", c.Module, c.Packages)
	}
	if !files["sub/sub.go"] {
		t.Errorf("no diagnostic names sub/sub.go; files: %v", files)
	}
	std := ""
	for f := range files {
		if Origin(f) == "std" {
			std = f
		}
		if filepath.IsAbs(f) {
			t.Errorf("absolute file name %q", f)
		}
	}
	if std == "" || c.Origin(std) != "std" || c.Origin("sub/sub.go") != "" {
		t.Errorf("origins: std file %q is %q, sub/sub.go is %q", std, c.Origin(std), c.Origin("sub/sub.go"))
	}
	want := map[int]bool{13: false, 16: false} // &T{n}, and errors.New's &errorString on the user's line
	for _, d := range heap {
		if d.Pos.File == "sub/sub.go" {
			if _, ok := want[d.Pos.Line]; ok {
				want[d.Pos.Line] = true
			}
		}
	}
	for line, seen := range want {
		if !seen {
			t.Errorf("no allocation at sub/sub.go:%d; heap: %v", line, heap)
		}
	}
	if got := c.Options.Canonical(filepath.Join(dir, "sub.go")); got != "sub/sub.go" {
		t.Errorf("Canonical = %q", got)
	}
	if got := c.Options.Display("sub/sub.go", dir); got != "sub.go" {
		t.Errorf("Display from sub/ = %q", got)
	}
	if got := c.Options.Display("sub/sub.go", filepath.Dir(dir)); got != "sub/sub.go" {
		t.Errorf("Display from the root = %q", got)
	}
}

func TestCompileNoPackage(t *testing.T) {
	_, err := Compile(context.Background(), &Config{Dir: "testdata/mod", Patterns: []string{"./nosuch"}}, func(*Diagnostic) {})
	if _, ok := err.(*PatternError); !ok {
		t.Errorf("err = %v (%T), want a PatternError", err, err)
	}
}
