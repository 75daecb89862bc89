package driver

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A NoPackagesError says that the patterns matched no package, with the go
// command's reason (outside a module: "go.mod file not found ..."). It is
// a usage error (exit 2), as in perfescape.
type NoPackagesError struct {
	Patterns []string
	Reason   string // the go command's, "" if it gave none
}

func (e *NoPackagesError) Error() string {
	msg := strings.Join(e.Patterns, " ") + " matched no packages"
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// matchedNone returns a *NoPackagesError when the listing holds no package:
// nothing, or only the stand-ins go/packages makes for patterns the go
// command could not resolve (no files, the error as their one content).
func matchedNone(patterns []string, roots []*packages.Package) error {
	var reasons []string
	for _, p := range roots {
		if p.Name != "" || len(p.GoFiles)+len(p.CompiledGoFiles)+len(p.OtherFiles)+len(p.IgnoredFiles) > 0 {
			return nil
		}
		for _, e := range p.Errors {
			reasons = append(reasons, e.Msg)
		}
	}
	if len(reasons) == 0 {
		// go/packages drops the go command's complaint when it lists
		// nothing (outside a module, for instance): ask go list again.
		var stderr bytes.Buffer
		cmd := exec.Command("go", append([]string{"list", "-find", "--"}, patterns...)...)
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			reasons = append(reasons, strings.TrimSpace(stderr.String()))
		}
	}
	return &NoPackagesError{Patterns: patterns, Reason: strings.Join(reasons, "; ")}
}

// isCompileReport reports whether a package error is the go command's
// report of a failed compile ("# pkg" then the compiler's lines), which
// go/packages gives the position "-".
func isCompileReport(e packages.Error) bool {
	return (e.Pos == "" || e.Pos == "-") && strings.HasPrefix(e.Msg, "# ")
}

// compileReported reports whether the listing already holds the compiler's
// report on the package's own files: then perfvet's parse and type errors
// for them would only say it again, in other words (go/parser's, and type
// errors that follow from the syntax error).
func compileReported(p *packages.Package) bool {
	for _, e := range p.Errors {
		if isCompileReport(e) && strings.HasPrefix(e.Msg, fmt.Sprintf("# %s\n", p.PkgPath)) {
			return true
		}
	}
	return false
}

// ownErrors returns what to print of a package's errors, as the go command
// would say it once: the compiler's report as go build prints it; with
// syntax errors, the first of each file and no type errors (which follow
// from the broken syntax: "declared and not used"); positions relative to
// the working directory where they are inside it.
func ownErrors(errs []packages.Error) []string {
	wd, _ := os.Getwd()
	syntax := slices.ContainsFunc(errs, func(e packages.Error) bool { return e.Kind == packages.ParseError })
	seenFile := make(map[string]bool)
	var out []string
	for _, e := range errs {
		switch {
		case isCompileReport(e):
			out = append(out, e.Msg)
			continue
		case syntax && e.Kind == packages.TypeError:
			continue
		}
		file, rest, _ := strings.Cut(e.Pos, ":")
		if e.Kind == packages.ParseError {
			if seenFile[file] {
				continue
			}
			seenFile[file] = true
		}
		if rel, err := filepath.Rel(wd, file); err == nil && filepath.IsAbs(file) && !strings.HasPrefix(rel, "..") {
			e.Pos = rel
			if rest != "" {
				e.Pos += ":" + rest
			}
		}
		out = append(out, e.Error())
	}
	return out
}
