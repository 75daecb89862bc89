//go:build integration

// Package integration holds slow end-to-end tests that need tools outside
// Go. .ci/run installs them and runs: go test -tags integration ./internal/testkit/integration/
package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommit installs perfvet's hooks (.pre-commit-hooks.yaml at the
// repository's HEAD) into a throwaway git repository with the pre-commit
// tool, and shows a commit blocked by a finding and allowed once the
// finding is fixed.
func TestPreCommit(t *testing.T) {
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatalf("pre-commit is not installed (apt-get install pre-commit): %v", err)
	}
	repo, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	head := strings.TrimSpace(run(t, repo, nil, "git", "rev-parse", "HEAD"))

	dir := t.TempDir()
	env := []string{
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"PRE_COMMIT_HOME=" + filepath.Join(t.TempDir(), "cache"),
	}
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/hooked\n\ngo 1.26\n")
	write(".pre-commit-config.yaml", "repos:\n  - repo: "+repo+"\n    rev: "+head+"\n    hooks:\n      - id: perfvet\n      - id: perfvet-vet\n")
	write("join.go", `package hooked

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`)
	run(t, dir, env, "git", "init", "-q")
	run(t, dir, env, "pre-commit", "install")
	run(t, dir, env, "git", "add", "-A")

	out, err := command(dir, env, "git", "commit", "-m", "add Join")
	if err == nil {
		t.Fatalf("the commit went through despite a finding:\n%s", out)
	}
	if !strings.Contains(out, "s += p in a loop") || !strings.Contains(out, "perfvet") {
		t.Errorf("the blocked commit does not show the finding:\n%s", out)
	}

	write("join.go", `package hooked

import "strings"

func Join(parts []string) string {
	return strings.Join(parts, "")
}
`)
	run(t, dir, env, "git", "add", "-A")
	if out, err := command(dir, env, "git", "commit", "-m", "add Join"); err != nil {
		t.Fatalf("the commit was blocked after the fix: %v\n%s", err, out)
	}
}

func command(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := command(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return out
}
