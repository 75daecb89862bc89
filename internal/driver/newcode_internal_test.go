package driver

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestParsePatch checks the lines a patch marks new: hunk counts are
// followed (a removed line reading "--- x" is not a header), context lines
// advance the new line number, deleted files add nothing, and quoted or
// timestamped names are read as git and diff -u write them.
func TestParsePatch(t *testing.T) {
	root := t.TempDir()
	patch := `From 1 Mon Sep 17 00:00:00 2001
Subject: free text before the diff

diff --git a/x.go b/x.go
index 1..2 100644
--- a/x.go
+++ b/x.go
@@ -1,4 +1,4 @@ func F() {
 a
--- a comment line removed
+++ a comment line added
 b
-c
+C
@@ -10,0 +11,2 @@
+one
+two
\ No newline at end of file
diff --git a/gone.go b/gone.go
deleted file mode 100644
--- a/gone.go
+++ /dev/null
@@ -1 +0,0 @@
-x
--- "a/sp ace.go"	2026-01-01
+++ "b/sp ace.go"	2026-01-01
@@ -0,0 +1 @@
+new
`
	c, err := parsePatch(strings.NewReader(patch), root)
	if err != nil {
		t.Fatal(err)
	}
	got := func(name string) []int {
		var lines []int
		for l := range c.lines[canonical(filepath.Join(root, name))] {
			lines = append(lines, l)
		}
		slices.Sort(lines)
		return lines
	}
	if want := []int{2, 4, 11, 12}; !slices.Equal(got("x.go"), want) {
		t.Errorf("x.go: new lines %v, want %v", got("x.go"), want)
	}
	if want := []int{1}; !slices.Equal(got("sp ace.go"), want) {
		t.Errorf("sp ace.go: new lines %v, want %v", got("sp ace.go"), want)
	}
	if len(c.lines) != 2 {
		t.Errorf("files %v, want x.go and sp ace.go", c.lines)
	}
	for _, bad := range []string{
		"@@ -1 +1 @@\n+x\n",                                  // no file header
		"+++ b/x.go\n@@ -1 +1 @@\n+x\n+y\n",                  // more lines than the header says
		"+++ b/x.go\n@@ -1,2 +1,2 @@\n x\nnot a hunk line\n", // hunk ends early
		"+++ b/x.go\n@@ -a +1 @@\n",                          // malformed header
	} {
		if _, err := parsePatch(strings.NewReader(bad), root); err == nil {
			t.Errorf("parsePatch(%q): no error", bad)
		}
	}
}
