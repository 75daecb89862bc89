package driver

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The expected outputs below were produced by GNU diffutils 3.8 with
// diff -u --label a/f.go --label b/f.go.
var unifiedDiffTests = []struct {
	name, old, new, want string
}{
	{
		name: "identical",
		old:  "a\nb\nc\n",
		new:  "a\nb\nc\n",
		want: "",
	},
	{
		name: "both empty",
		old:  "",
		new:  "",
		want: "",
	},
	{
		name: "insert at start",
		old:  "a\nb\nc\nd\ne\n",
		new:  "new\na\nb\nc\nd\ne\n",
		want: `--- a/f.go
+++ b/f.go
@@ -1,3 +1,4 @@
+new
 a
 b
 c
`,
	},
	{
		name: "insert in middle",
		old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
		new:  "1\n2\n3\n4\n5\nnew1\nnew2\n6\n7\n8\n9\n10\n",
		want: `--- a/f.go
+++ b/f.go
@@ -3,6 +3,8 @@
 3
 4
 5
+new1
+new2
 6
 7
 8
`,
	},
	{
		name: "insert at end",
		old:  "a\nb\nc\nd\ne\n",
		new:  "a\nb\nc\nd\ne\nnew\n",
		want: `--- a/f.go
+++ b/f.go
@@ -3,3 +3,4 @@
 c
 d
 e
+new
`,
	},
	{
		name: "delete",
		old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
		new:  "1\n2\n3\n4\n7\n8\n9\n10\n",
		want: `--- a/f.go
+++ b/f.go
@@ -2,8 +2,6 @@
 2
 3
 4
-5
-6
 7
 8
 9
`,
	},
	{
		name: "replace",
		old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
		new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n",
		want: `--- a/f.go
+++ b/f.go
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
`,
	},
	{
		name: "single line replaced",
		old:  "a\n",
		new:  "b\n",
		want: `--- a/f.go
+++ b/f.go
@@ -1 +1 @@
-a
+b
`,
	},
	{
		name: "hunks merged",
		old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n",
		new:  "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\neleven\n12\n13\n14\n15\n16\n17\n18\n19\n20\n",
		want: `--- a/f.go
+++ b/f.go
@@ -1,14 +1,14 @@
 1
 2
 3
-4
+four
 5
 6
 7
 8
 9
 10
-11
+eleven
 12
 13
 14
`,
	},
	{
		name: "hunks separate",
		old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n",
		new:  "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n11\ntwelve\n13\n14\n15\n16\n17\n18\n19\n20\n",
		want: `--- a/f.go
+++ b/f.go
@@ -1,7 +1,7 @@
 1
 2
 3
-4
+four
 5
 6
 7
@@ -9,7 +9,7 @@
 9
 10
 11
-12
+twelve
 13
 14
 15
`,
	},
	{
		name: "empty old",
		old:  "",
		new:  "a\nb\nc\n",
		want: `--- a/f.go
+++ b/f.go
@@ -0,0 +1,3 @@
+a
+b
+c
`,
	},
	{
		name: "empty new",
		old:  "a\nb\nc\n",
		new:  "",
		want: `--- a/f.go
+++ b/f.go
@@ -1,3 +0,0 @@
-a
-b
-c
`,
	},
	{
		name: "no newline old",
		old:  "a\nb\nc",
		new:  "a\nb\nc\n",
		want: `--- a/f.go
+++ b/f.go
@@ -1,3 +1,3 @@
 a
 b
-c
\ No newline at end of file
+c
`,
	},
	{
		name: "no newline new",
		old:  "a\nb\nc\n",
		new:  "a\nb\nc",
		want: `--- a/f.go
+++ b/f.go
@@ -1,3 +1,3 @@
 a
 b
-c
+c
\ No newline at end of file
`,
	},
	{
		name: "no newline both, last line changed",
		old:  "a\nb\nc",
		new:  "a\nb\nd",
		want: `--- a/f.go
+++ b/f.go
@@ -1,3 +1,3 @@
 a
 b
-c
\ No newline at end of file
+d
\ No newline at end of file
`,
	},
	{
		name: "no newline both, last line kept",
		old:  "1\n2\n3\n4",
		new:  "1\ntwo\n3\n4",
		want: `--- a/f.go
+++ b/f.go
@@ -1,4 +1,4 @@
 1
-2
+two
 3
 4
\ No newline at end of file
`,
	},
	{
		name: "no newline old, empty new",
		old:  "a",
		new:  "",
		want: `--- a/f.go
+++ b/f.go
@@ -1 +0,0 @@
-a
\ No newline at end of file
`,
	},
}

func TestUnifiedDiff(t *testing.T) {
	for _, tt := range unifiedDiffTests {
		t.Run(tt.name, func(t *testing.T) {
			got := unifiedDiff("f.go", []byte(tt.old), []byte(tt.new))
			if got != tt.want {
				t.Errorf("unifiedDiff(%q, %q) =\n%s\nwant:\n%s", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestUnifiedDiffHunkRange(t *testing.T) {
	tests := []struct {
		start, count int
		want         string
	}{
		{0, 0, "0,0"}, // empty file
		{5, 0, "5,0"}, // nothing, after line 5
		{4, 1, "5"},
		{0, 3, "1,3"},
		{9, 7, "10,7"},
	}
	for _, tt := range tests {
		if got := hunkRange(tt.start, tt.count); got != tt.want {
			t.Errorf("hunkRange(%d, %d) = %q, want %q", tt.start, tt.count, got, tt.want)
		}
	}
}

// TestUnifiedDiffRandom checks, without the diff tool, that the output is a
// valid patch from old to new and that it is as short as possible.
func TestUnifiedDiffRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		old, new := randomPair(r)
		d := unifiedDiff("f.go", []byte(old), []byte(new))
		if err := checkDiff(d, "f.go", old, new); err != nil {
			t.Fatalf("old %q, new %q: %v\n%s", old, new, err, d)
		}
		if got, want := countEdits(d), editDistance(splitLines(old), splitLines(new)); got != want {
			t.Fatalf("old %q, new %q: %d lines added or removed, want %d\n%s", old, new, got, want, d)
		}
	}
}

// TestUnifiedDiffMinimalLikeGNU uses diff -u as an independent oracle of
// minimality: where several shortest scripts exist the two may align lines
// differently, but both must add and remove the same number of lines.
func TestUnifiedDiffMinimalLikeGNU(t *testing.T) {
	diffTool := "/usr/bin/diff"
	if _, err := os.Stat(diffTool); err != nil {
		t.Skipf("diff not available: %v", err)
	}
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200 {
		old, new := randomPair(r)
		want := runDiff(t, diffTool, dir, "f.go", old, new)
		got := unifiedDiff("f.go", []byte(old), []byte(new))
		if err := checkDiff(got, "f.go", old, new); err != nil {
			t.Errorf("case %d: old %q, new %q: %v\n%s", i, old, new, err, got)
		}
		if countEdits(got) != countEdits(want) {
			t.Errorf("case %d: old %q, new %q: %d lines changed, diff -u changes %d:\ngot:\n%s\ndiff -u:\n%s",
				i, old, new, countEdits(got), countEdits(want), got, want)
		}
	}
}

// TestUnifiedDiffLarge checks that a few edits in a large file are found
// quickly (an O(N*M) algorithm would take minutes) and placed correctly.
func TestUnifiedDiffLarge(t *testing.T) {
	var old, new strings.Builder
	const n = 100000
	for i := range n {
		line := "line " + strconv.Itoa(i%1000) + "\n" // repeated lines, as in real code
		old.WriteString(line)
		switch i {
		case 10, 50000:
			new.WriteString("changed\n")
		case 70000:
			// deleted
		default:
			new.WriteString(line)
		}
		if i == 99990 {
			new.WriteString("inserted\n")
		}
	}
	d := unifiedDiff("big.go", []byte(old.String()), []byte(new.String()))
	if err := checkDiff(d, "big.go", old.String(), new.String()); err != nil {
		t.Fatalf("%v\n%s", err, d)
	}
	if got := countEdits(d); got != 6 {
		t.Errorf("%d lines added or removed, want 6:\n%s", got, d)
	}
}

// randomPair returns two short texts made of lines from a small alphabet,
// so that most lines have several equal partners and the choice among
// equally short scripts matters. Half the time new is an edit of old,
// which gives the separate and merged hunks that unrelated texts rarely
// have. Either text may lack its final newline.
func randomPair(r *rand.Rand) (old, new string) {
	alphabet := 2 + r.IntN(4)
	line := func() string { return string(rune('a' + r.IntN(alphabet))) }
	var a []string
	for range r.IntN(16) {
		a = append(a, line())
	}
	var b []string
	if r.IntN(2) == 0 {
		for range r.IntN(16) {
			b = append(b, line())
		}
	} else {
		for range 8 {
			a = append(a, line())
		}
		for _, l := range a {
			switch r.IntN(8) {
			case 0: // delete
			case 1:
				b = append(b, line())
			case 2:
				b = append(b, line(), l)
			default:
				b = append(b, l)
			}
		}
	}
	return joinLines(a, r.IntN(4) == 0), joinLines(b, r.IntN(4) == 0)
}

func joinLines(lines []string, noFinalNewline bool) string {
	s := strings.Join(lines, "\n")
	if len(lines) > 0 && !noFinalNewline {
		s += "\n"
	}
	return s
}

func runDiff(t *testing.T, tool, dir, name, old, new string) string {
	t.Helper()
	oldFile, newFile := filepath.Join(dir, "old"), filepath.Join(dir, "new")
	if err := os.WriteFile(oldFile, []byte(old), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(newFile, []byte(new), 0o666); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-u", "--label", "a/"+name, "--label", "b/"+name, oldFile, newFile).Output()
	// Exit status 1 only means that the files differ.
	if exitErr := (*exec.ExitError)(nil); err != nil && (!errors.As(err, &exitErr) || exitErr.ExitCode() != 1) {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// checkDiff applies the unified diff d to old, checking every context and
// deleted line and every hunk header on the way, and compares the result
// with new.
func checkDiff(d, name, old, new string) error {
	if d == "" {
		if old != new {
			return errors.New("empty diff for different texts")
		}
		return nil
	}
	lines := strings.SplitAfter(d, "\n")
	if lines[len(lines)-1] != "" {
		return errors.New("diff does not end with a newline")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 2 || lines[0] != "--- a/"+name+"\n" || lines[1] != "+++ b/"+name+"\n" {
		return fmt.Errorf("bad headers %q", lines[:min(2, len(lines))])
	}
	lines = lines[2:]

	src := splitLines(old)
	var out []string
	pos := 0 // next line of src to use
	for len(lines) > 0 {
		var oldStart, oldCount, newStart, newCount int
		if _, err := fmt.Sscanf(normalizeHunkHeader(lines[0]), "@@ -%d,%d +%d,%d @@\n", &oldStart, &oldCount, &newStart, &newCount); err != nil {
			return fmt.Errorf("bad hunk header %q: %v", lines[0], err)
		}
		lines = lines[1:]
		// A range of no lines names the line before it.
		first := oldStart - 1
		if oldCount == 0 {
			first = oldStart
		}
		if first < pos || first > len(src) {
			return fmt.Errorf("hunk at old line %d out of order", oldStart)
		}
		out = append(out, src[pos:first]...)
		pos = first
		if want := len(out) + 1; (newCount > 0 && newStart != want) || (newCount == 0 && newStart != want-1) {
			return fmt.Errorf("hunk at new line %d, want %d", newStart, want)
		}

		seenOld, seenNew := 0, 0
		for len(lines) > 0 && !strings.HasPrefix(lines[0], "@@") {
			op, text := lines[0][0], lines[0][1:]
			lines = lines[1:]
			if len(lines) > 0 && lines[0] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				lines = lines[1:]
			}
			if op == ' ' || op == '-' {
				if pos >= len(src) || src[pos] != text {
					return fmt.Errorf("old line %d is not %q", pos+1, text)
				}
				pos++
				seenOld++
			}
			if op == ' ' || op == '+' {
				out = append(out, text)
				seenNew++
			}
			if op != ' ' && op != '-' && op != '+' {
				return fmt.Errorf("bad line %q", op)
			}
		}
		if seenOld != oldCount || seenNew != newCount {
			return fmt.Errorf("hunk has %d old and %d new lines, header says %d and %d", seenOld, seenNew, oldCount, newCount)
		}
	}
	out = append(out, src[pos:]...)
	if got := strings.Join(out, ""); got != new {
		return fmt.Errorf("patch gives %q, want %q", got, new)
	}
	return nil
}

// normalizeHunkHeader adds the ",1" that diff leaves out of one-line ranges.
func normalizeHunkHeader(h string) string {
	f := strings.Fields(h)
	if len(f) != 4 {
		return h
	}
	for i := 1; i <= 2; i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ") + "\n"
}

func countEdits(d string) int {
	n := 0
	for _, l := range strings.Split(d, "\n") {
		if (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) &&
			!strings.HasPrefix(l, "--- a/") && !strings.HasPrefix(l, "+++ b/") {
			n++
		}
	}
	return n
}

// editDistance is the length of a shortest script of line insertions and
// deletions turning a into b, computed the slow, obvious way.
func editDistance(a, b []string) int {
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	return len(a) + len(b) - 2*lcs[0][0]
}
