package driver_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// oldCode is the first commit: one concatloop finding (Old).
const oldCode = `package a

func Old(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

// newCode is the second commit: Old untouched, New added, and a line of
// Old's loop changed in the work tree only (uncommitted changes are new).
const newCode = `package a

func Old(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func New(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

// gitRepo writes a module, commits it, commits newCode over it, and
// returns the work tree. An untracked file with a finding is added after.
func gitRepo(t *testing.T) string {
	t.Helper()
	dir := tree.Write(t, map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a/a.go": oldCode,
	})
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	git("init", "-q", "-b", "main")
	git("add", ".")
	git("commit", "-q", "-m", "old")
	git("checkout", "-q", "-b", "topic")
	if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte(newCode), 0o644); err != nil {
		t.Fatal(err)
	}
	git("commit", "-q", "-am", "new")
	return dir
}

func TestNewFromRev(t *testing.T) {
	dir := gitRepo(t)
	t.Chdir(dir)

	// Everything: two findings.
	_, stderr, code := run(t, false, "-concatloop", "./...")
	if code != driver.ExitFindings || strings.Count(stderr, "(concatloop)") != 2 {
		t.Fatalf("whole tree: exit %d, want 2 findings:\n%s", code, stderr)
	}
	for _, flag := range []string{"-new-from-rev=HEAD~1", "-new-from-rev=main", "-new-from-merge-base=main"} {
		_, stderr, code = run(t, false, "-concatloop", flag, "./...")
		if code != driver.ExitFindings || strings.Count(stderr, "(concatloop)") != 1 || !strings.Contains(stderr, "a.go:14:") {
			t.Errorf("%s: exit %d, want the one finding at a.go:14:\n%s", flag, code, stderr)
		}
		if !strings.Contains(stderr, "1 more finding on lines not changed since") {
			t.Errorf("%s: no summary of what was left out:\n%s", flag, stderr)
		}
	}
	// Since HEAD nothing changed: no finding, exit 0, both left out.
	_, stderr, code = run(t, false, "-concatloop", "-new-from-rev=HEAD", "./...")
	if code != driver.ExitClean || !strings.Contains(stderr, "2 more findings on lines not changed since HEAD") {
		t.Errorf("-new-from-rev=HEAD: exit %d:\n%s", code, stderr)
	}

	// An uncommitted change to Old's loop and an untracked file are new.
	changed := strings.Replace(newCode, "\t\ts += p\n", "\t\ts += p + \"\"\n", 1)
	if err := os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "b.go"), []byte(strings.ReplaceAll(oldCode, "Old", "Untracked")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, false, "-concatloop", "-new-from-rev=HEAD", "./...")
	if code != driver.ExitFindings || !strings.Contains(stderr, "a.go:6:") || !strings.Contains(stderr, "b.go:6:") || strings.Contains(stderr, "a.go:14:") {
		t.Errorf("-new-from-rev=HEAD after edits: exit %d, want a.go:6 and b.go:6 only:\n%s", code, stderr)
	}
}

func TestNewFromRevFormats(t *testing.T) {
	dir := gitRepo(t)
	t.Chdir(dir)

	stdout, _, code := run(t, false, "-concatloop", "-new-from-rev=HEAD~1", "-format=json", "./...")
	var doc map[string]map[string][]struct{ Posn string }
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	var posns []string
	for _, byAnalyzer := range doc {
		for _, ds := range byAnalyzer {
			for _, d := range ds {
				posns = append(posns, d.Posn)
			}
		}
	}
	if code != driver.ExitFindings || len(posns) != 1 || !strings.Contains(posns[0], "a.go:14:") {
		t.Errorf("json: exit %d, findings %v, want a.go:14 only", code, posns)
	}

	stdout, _, _ = run(t, false, "-concatloop", "-new-from-rev=HEAD~1", "-format=sarif", "./...")
	if n := strings.Count(stdout, `"ruleId"`); n != 1 || !strings.Contains(stdout, `"startLine": 14`) {
		t.Errorf("sarif: %d results, want the one at line 14:\n%s", n, stdout)
	}
	stdout, _, _ = run(t, false, "-concatloop", "-new-from-rev=HEAD~1", "-format=github", "./...")
	if n := strings.Count(stdout, "::warning"); n != 1 || !strings.Contains(stdout, "line=14") {
		t.Errorf("github: want one annotation at line 14:\n%s", stdout)
	}

	// -fix fixes only the new finding.
	stdout, _, _ = run(t, false, "-concatloop", "-new-from-rev=HEAD~1", "-fix", "-diff", "./...")
	if !strings.Contains(stdout, "strings.Builder") || strings.Count(stdout, "@@ ") != 2 || !strings.Contains(stdout, "@@ -10,") {
		// Two hunks: the import and New's body; Old's lines untouched.
		t.Errorf("-fix -diff: want New's fix only:\n%s", stdout)
	}
}

func TestNewFromPatch(t *testing.T) {
	dir := gitRepo(t)
	t.Chdir(dir)
	out, err := exec.Command("git", "diff", "HEAD~1", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	patch := filepath.Join(t.TempDir(), "change.patch")
	if err := os.WriteFile(patch, out, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := run(t, false, "-concatloop", "-new-from-patch="+patch, "./...")
	if code != driver.ExitFindings || strings.Count(stderr, "(concatloop)") != 1 || !strings.Contains(stderr, "a.go:14:") ||
		!strings.Contains(stderr, "1 more finding on lines not changed since the patch change.patch") {
		t.Errorf("-new-from-patch: exit %d, want the one finding at a.go:14:\n%s", code, stderr)
	}
	// An empty patch (git diff with nothing to say) leaves everything out.
	empty := filepath.Join(t.TempDir(), "empty.patch")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, false, "-concatloop", "-new-from-patch="+empty, "./...")
	if code != driver.ExitClean || !strings.Contains(stderr, "2 more findings") {
		t.Errorf("empty patch: exit %d:\n%s", code, stderr)
	}
}

func TestNewCodeErrors(t *testing.T) {
	dir := gitRepo(t)
	notDiff := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notDiff, []byte("package a\n\nfunc F() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badHunk := filepath.Join(t.TempDir(), "bad.patch")
	if err := os.WriteFile(badHunk, []byte("--- a/a/a.go\n+++ b/a/a.go\n@@ -1,2 +1,3 @@\n+x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := tree.Write(t, map[string]string{"go.mod": "module example.com/n\n\ngo 1.26\n", "a/a.go": oldCode})
	for _, tc := range []struct {
		dir, flag, want string
	}{
		{dir, "-new-from-rev=nosuchrev", "-new-from-rev=nosuchrev: no such revision"},
		{dir, "-new-from-merge-base=nosuchbranch", "-new-from-merge-base=nosuchbranch: no merge base"},
		{outside, "-new-from-rev=HEAD", "is not in a git work tree"},
		{outside, "-new-from-merge-base=main", "is not in a git work tree"},
		{dir, "-new-from-patch=" + notDiff, "not a unified diff"},
		{dir, "-new-from-patch=" + badHunk, "the last hunk ends early"},
		{dir, "-new-from-patch=" + filepath.Join(dir, "missing.patch"), "no such file"},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			t.Chdir(tc.dir)
			_, stderr, code := run(t, false, "-concatloop", tc.flag, "./...")
			if code != driver.ExitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d and %q:\n%s", code, driver.ExitUsage, tc.want, stderr)
			}
		})
	}
	t.Chdir(dir)
	_, stderr, code := run(t, false, "-concatloop", "-new-from-rev=HEAD", "-new-from-patch="+notDiff, "./...")
	if code != driver.ExitUsage || !strings.Contains(stderr, "exclude each other") {
		t.Errorf("two modes: exit %d:\n%s", code, stderr)
	}
}
