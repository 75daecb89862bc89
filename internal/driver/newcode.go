package driver

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/internal/passes/report"
)

// New code only (-new-from-rev, -new-from-merge-base, -new-from-patch), with
// golangci-lint's meaning: a finding is reported only if its line was added
// or changed since a revision (or by a patch). The diff is git's, taken in
// the repository of the directory perfvet runs in, against the work tree:
// committed, staged and unstaged changes all count, and untracked files are
// new in full.

// newCodeFlags are the three ways to say what is new; at most one is set.
type newCodeFlags struct {
	rev, mergeBase, patch string
}

func (n *newCodeFlags) set() bool { return n.rev != "" || n.mergeBase != "" || n.patch != "" }

// changedLines is the set of new or changed lines, by absolute file name
// (symbolic links resolved) and line.
type changedLines struct {
	since string                  // what the lines changed since, for the summary
	lines map[string]map[int]bool // nil map for a file: every line is new
	whole map[string]bool         // files new in full (untracked)
}

// loadNewCode computes the changed lines the flags ask for, in the
// repository containing dir. Every error is a usage error: a revision that
// does not exist, a directory outside a git work tree, a patch that does
// not parse.
func loadNewCode(n *newCodeFlags, dir string) (*changedLines, error) {
	count := 0
	for _, v := range []string{n.rev, n.mergeBase, n.patch} {
		if v != "" {
			count++
		}
	}
	if count > 1 {
		return nil, errors.New("-new-from-rev, -new-from-merge-base and -new-from-patch exclude each other: give one")
	}
	if n.patch != "" {
		return patchLines(n.patch, dir)
	}
	root, err := gitOutput(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not in a git work tree, so there is no revision to compare with (%v)", dir, err)
	}
	root = strings.TrimSpace(root)
	flag, rev := "-new-from-rev", n.rev
	if n.mergeBase != "" {
		flag = "-new-from-merge-base"
		base, err := gitOutput(root, "merge-base", "--end-of-options", n.mergeBase, "HEAD")
		if err != nil {
			return nil, fmt.Errorf("%s=%s: no merge base of %s and HEAD (%v)", flag, n.mergeBase, n.mergeBase, err)
		}
		rev = strings.TrimSpace(base)
	}
	if _, err := gitOutput(root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%s=%s: no such revision in the repository at %s", flag, n.rev+n.mergeBase, root)
	}
	diff, err := gitOutput(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
		"--src-prefix=a/", "--dst-prefix=b/", "-U0", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("%s: git diff: %v", flag, err)
	}
	c, err := parsePatch(strings.NewReader(diff), root)
	if err != nil {
		return nil, fmt.Errorf("%s: reading git diff: %v", flag, err)
	}
	c.since = rev
	if n.mergeBase != "" {
		c.since = "the merge base with " + n.mergeBase
	}
	untracked, err := gitOutput(root, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, fmt.Errorf("%s: git ls-files: %v", flag, err)
	}
	for name := range strings.SplitSeq(untracked, "\x00") {
		if name != "" {
			c.whole[canonical(filepath.Join(root, filepath.FromSlash(name)))] = true
		}
	}
	return c, nil
}

// gitOutput runs git in dir and returns its standard output; an error
// carries git's own message.
func gitOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(firstLine(msg))
		}
		return "", err
	}
	return string(out), nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// patchLines reads a unified diff from file. Its paths are relative to the
// top of the git work tree containing dir, as git diff writes them, or to
// dir outside a work tree.
func patchLines(file, dir string) (*changedLines, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("-new-from-patch: %v", err)
	}
	root := dir
	if top, err := gitOutput(dir, "rev-parse", "--show-toplevel"); err == nil {
		root = strings.TrimSpace(top)
	}
	c, err := parsePatch(bytes.NewReader(data), root)
	if err != nil {
		return nil, fmt.Errorf("-new-from-patch=%s: %v", file, err)
	}
	if len(c.lines) == 0 && len(bytes.TrimSpace(data)) > 0 {
		return nil, fmt.Errorf("-new-from-patch=%s: not a unified diff (no \"+++ \" file header)", file)
	}
	c.since = "the patch " + filepath.Base(file)
	return c, nil
}

// parsePatch reads a unified diff (git's or diff -u's) and records the
// lines each hunk adds or changes in the new file, under root. A deleted
// file contributes nothing. Hunk line counts are followed, so a removed
// line that reads "--- x" is not taken for a header.
func parsePatch(r io.Reader, root string) (*changedLines, error) {
	c := &changedLines{lines: make(map[string]map[int]bool), whole: make(map[string]bool)}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64<<20)
	var file map[int]bool // lines of the current file; nil after +++ /dev/null
	haveFile := false
	oldLeft, newLeft, next := 0, 0, 0 // lines left in the hunk; next new line
	lineNo := 0
	for sc.Scan() {
		line := sc.Text()
		lineNo++
		if oldLeft > 0 || newLeft > 0 {
			switch {
			case strings.HasPrefix(line, "+"):
				if newLeft == 0 {
					return nil, fmt.Errorf("line %d: hunk adds more lines than its header says", lineNo)
				}
				if file != nil {
					file[next] = true
				}
				next++
				newLeft--
			case strings.HasPrefix(line, "-"):
				if oldLeft == 0 {
					return nil, fmt.Errorf("line %d: hunk removes more lines than its header says", lineNo)
				}
				oldLeft--
			case strings.HasPrefix(line, " ") || line == "":
				if oldLeft == 0 || newLeft == 0 {
					return nil, fmt.Errorf("line %d: hunk has more context than its header says", lineNo)
				}
				oldLeft--
				newLeft--
				next++
			case strings.HasPrefix(line, `\`): // "\ No newline at end of file"
			default:
				return nil, fmt.Errorf("line %d: hunk ends early: %d old and %d new lines missing", lineNo, oldLeft, newLeft)
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "+++ "):
			name, err := patchPath(line[len("+++ "):])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", lineNo, err)
			}
			haveFile = true
			file = nil
			if name != "/dev/null" {
				key := canonical(filepath.Join(root, filepath.FromSlash(name)))
				if c.lines[key] == nil {
					c.lines[key] = make(map[int]bool)
				}
				file = c.lines[key]
			}
		case strings.HasPrefix(line, "@@ "):
			if !haveFile {
				return nil, fmt.Errorf("line %d: hunk before any \"+++ \" file header", lineNo)
			}
			var err error
			oldLeft, newLeft, next, err = hunkHeader(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", lineNo, err)
			}
		}
		// Anything else outside a hunk is a header line (diff --git,
		// index, ---, mode and rename lines, "Binary files differ") or
		// free text before the diff, as git format-patch writes it.
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if oldLeft > 0 || newLeft > 0 {
		return nil, fmt.Errorf("the last hunk ends early: %d old and %d new lines missing", oldLeft, newLeft)
	}
	return c, nil
}

// patchPath is the file name of a "+++ " header: unquoted as git quotes
// unusual names, without a trailing timestamp (diff -u) or the "b/" prefix.
func patchPath(s string) (string, error) {
	if strings.HasPrefix(s, `"`) {
		end := strings.LastIndexByte(s, '"')
		q, err := strconv.Unquote(s[:end+1])
		if err != nil {
			return "", fmt.Errorf("bad quoted file name %s", s)
		}
		s = q
	} else if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(s, " ")
	if s == "" {
		return "", errors.New("\"+++ \" header without a file name")
	}
	if s == "/dev/null" {
		return s, nil
	}
	return strings.TrimPrefix(s, "b/"), nil
}

// hunkHeader parses "@@ -a[,b] +c[,d] @@" into the old and new line counts
// and the first new line.
func hunkHeader(line string) (oldCount, newCount, start int, err error) {
	fields := strings.Fields(line)
	if len(fields) < 4 || fields[3] != "@@" || !strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	_, oldCount, err = parseHunkRange(fields[1][1:])
	if err == nil {
		start, newCount, err = parseHunkRange(fields[2][1:])
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("malformed hunk header %q", line)
	}
	return oldCount, newCount, start, nil
}

func parseHunkRange(s string) (start, count int, err error) {
	count = 1
	if i := strings.IndexByte(s, ','); i >= 0 {
		if count, err = strconv.Atoi(s[i+1:]); err != nil || count < 0 {
			return 0, 0, errors.New("bad count")
		}
		s = s[:i]
	}
	if start, err = strconv.Atoi(s); err != nil || start < 0 {
		return 0, 0, errors.New("bad start")
	}
	return start, count, nil
}

// canonical is an absolute file name with symbolic links resolved, so that
// git's names and the loader's compare equal.
func canonical(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		name = abs
	}
	if real, err := filepath.EvalSymlinks(name); err == nil {
		return real
	}
	// A file that does not exist (deleted since): resolve its directory.
	if dir, err := filepath.EvalSymlinks(filepath.Dir(name)); err == nil {
		return filepath.Join(dir, filepath.Base(name))
	}
	return filepath.Clean(name)
}

// keepNew returns the findings on new lines and how many of those left out
// the output would have listed: all of them with listAll (JSON and SARIF
// carry the findings in cold code too), else those shown. The canonical
// name of each file is computed once.
func (c *changedLines) keepNew(findings []finding, cold, listAll bool) (kept []finding, leftOut int) {
	names := make(map[string]string)
	kept = findings[:0:0]
	for i := range findings {
		f := &findings[i]
		posn := f.pkg.Fset.Position(f.diag.Pos)
		key, ok := names[posn.Filename]
		if !ok {
			key = canonical(posn.Filename)
			names[posn.Filename] = key
		}
		if c.whole[key] || c.lines[key][posn.Line] {
			kept = append(kept, *f)
		} else if listAll || report.Shown(f.diag, f.heat, cold) {
			leftOut++
		}
	}
	return kept, leftOut
}

// printNewCodeSummary prints the one line that says how many findings
// -new-from-* left out.
func printNewCodeSummary(w io.Writer, c *changedLines, leftOut int) {
	if c != nil && leftOut > 0 {
		s := "s"
		if leftOut == 1 {
			s = ""
		}
		fmt.Fprintf(w, "%d more finding%s on lines not changed since %s left out (new code only)\n", leftOut, s, c.since)
	}
}
