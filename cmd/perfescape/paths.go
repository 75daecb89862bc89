package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"honnef.co/go/tools/sarif"

	"github.com/perfvet/perfvet/escape"
)

// paths turns the file names of a report into names to print and files
// on disk. A built report names files canonically (module-relative,
// $GOROOT/..., $GOMODCACHE/...); they are printed relative to the current
// directory, as go vet prints them, and given to SARIF relative to the
// repository. A saved log's names are printed as the log has them.
type paths struct {
	opts *escape.Options // nil for saved logs and reports
	cwd  string
	disk func(string) string
}

func newPaths(c *escape.Compilation) *paths {
	return &paths{opts: &c.Options, cwd: c.Dir, disk: c.Options.Disk}
}

// show returns the name to print for file.
func (p *paths) show(file string) string {
	if p == nil || p.opts == nil {
		return file
	}
	return p.opts.Display(file, p.cwd)
}

// pos formats a position with the printed file name.
func (p *paths) pos(pos escape.Pos) string {
	if !pos.IsKnown() {
		return ""
	}
	s := pos.String()
	return p.show(pos.File) + s[len(pos.File):]
}

// onDisk returns file's path on disk, or "".
func (p *paths) onDisk(file string) string {
	if p == nil || p.disk == nil {
		return ""
	}
	return p.disk(file)
}

// artifact names a file for code scanning: relative to the repository
// root (git's top level, else the working directory) when its source lies
// below it, else a file URI, else the name as the report has it.
func (p *paths) artifact(file string) sarif.ArtifactLocation {
	disk := p.onDisk(file)
	if disk == "" {
		return sarif.ArtifactLocation{URI: file}
	}
	abs, err := filepath.Abs(disk)
	if err != nil {
		return sarif.ArtifactLocation{URI: file}
	}
	if rel, err := filepath.Rel(repoRoot(), abs); err == nil && !strings.HasPrefix(rel, "..") {
		return sarif.ArtifactLocation{URI: filepath.ToSlash(rel), URIBaseID: "%SRCROOT%"}
	}
	return sarif.ArtifactLocation{URI: "file://" + filepath.ToSlash(abs)}
}

// repoRoot is the top level of the git repository around the working
// directory, or the working directory.
var repoRoot = sync.OnceValue(func() string {
	wd, _ := os.Getwd()
	out, err := exec.Command("git", "-C", wd, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return wd
	}
	return strings.TrimSpace(string(out))
})
