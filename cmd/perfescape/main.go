// Command perfescape reports the compiler's heap allocations and inlining
// decisions per function, and compares two builds so CI can fail on new
// allocations. Run perfescape -help for flags and exit codes.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/perfvet/perfvet/escape"
	"github.com/perfvet/perfvet/internal/profile"
)

const usage = `perfescape reports the Go compiler's heap allocations and inlining decisions.

Usage:
  perfescape [flags] [packages]         build the packages (default ".") and report
  perfescape -in FILE [flags]           report from a saved log ("-" for stdin)
  perfescape diff [flags] OLD NEW       compare two saved reports or logs
  perfescape diff -base=REV [flags] [packages]
                                        compare revision REV with the working tree
  perfescape check [flags] [packages]   check the //perf:noalloc, //perf:inline and
                                        //perf:nobce assertions in the source
  perfescape why [flags] FILE:LINE      the compiler's full explanation of the
                                        heap allocations on one line

perfescape builds, in the module root, with
  go build -o /dev/null -gcflags='PKG=-m=2 -d=ssa/check_bce/debug=1' PKG...
and your own flags (GOFLAGS, -tags): only the named packages are compiled
again, every dependency comes from the build cache that go build filled.
Nothing is written to your tree. File names are printed relative to the
current directory; in JSON reports they are relative to the module root
($GOROOT/... and $GOMODCACHE/... outside it), the same in every checkout.

-in reads the text of go build -gcflags=-m or -m=2 (with "# pkg" headers),
the go build -json event stream, a -gcflags=-json=0,DIR directory, or a
report saved with -format=json. Logs of -m=3 and above are refused.

The report lists, per package and function, the heap allocations (with
the first reason the compiler gives at -m=2), the functions that cannot be
inlined and those within -almost cost units of the budget, and the bounds
checks left, in the named packages' own code. What the compiler reports
inside code of other modules (std generics instantiated here, std bodies
inlined here) is counted in one line per origin; -all lists it. An
allocation your line causes through an inlined call (errors.New,
fmt.Errorf, append) is reported at your line. Constants boxed into interfaces ("5 escapes to heap") are
served from static data and are not counted. Function names come from the
source files when they can be found, else from the compiler's lines.

diff matches findings by package, function, kind, subject and occurrence
in the function, not by line, so code that only moves is not reported. It
lists new heap allocations, functions no longer inlinable, calls no
longer inlined and new bounds checks as regressions, and the reverse as
improvements. Save OLD with -format=json (or keep the raw log); compare
reports made from the same toolchain and flags.

check reads the assertions of the named packages (default ".") and builds
the packages that have any:
  //perf:noalloc   in a function's doc comment: no heap allocation in the
                   function (its body, closures and the calls inlined into
                   it); at the end of a line: none on that line
  //perf:inline    in a doc comment: the function is inlinable; at the end
                   of a line: every call on the line is inlined
  //perf:nobce     no bounds check left in the function, or on the line
Several can share a comment (//perf:noalloc,nobce). Each violation is
printed with the compiler's reason (the -m=2 flow of an allocation, the
cost and budget of a function too complex to inline). A misspelt or
misplaced directive, a line //perf:inline on a line without calls, and a
function the compiler said nothing about (excluded by build tags, or a
generic never instantiated) are errors too: an assertion never passes
without being checked.

Exit codes:
  0  report written; diff: no regressions; check: all assertions hold
  1  diff: regressions found; check: assertions violated or invalid
  2  bad flags or arguments (no such package), unreadable or unrecognised input
  3  go build failed (compile errors)

Flags:
`

// Exit codes.
const (
	exitOK         = 0
	exitRegression = 1
	exitUsage      = 2
	exitBuild      = 3
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// config holds the flags shared by both modes.
type config struct {
	format  string
	almost  int
	profile string
	in      string
	base    string
	bce     bool
	all     bool
	tags    string
	stderr  io.Writer
}

// buildFlags are the user's build flags perfescape passes on to go list
// and go build.
func (cfg *config) buildFlags() []string {
	if cfg.tags == "" {
		return nil
	}
	return []string{"-tags=" + cfg.tags}
}

// An exitError carries the exit code of a failure whose message is
// already printed, or is printed by run.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func fail(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	mode := ""
	if len(args) > 0 && (args[0] == "diff" || args[0] == "check" || args[0] == "why") {
		mode, args = args[0], args[1:]
	}
	diffMode := mode == "diff"
	cfg := &config{stderr: stderr}
	fs := flag.NewFlagSet("perfescape", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.format, "format", "text", "output `format`: text, json, sarif or github (workflow annotations)")
	fs.BoolVar(&cfg.all, "all", false, "also list what the compiler reports inside code of other modules (std generics instantiated here, bodies inlined here)")
	fs.StringVar(&cfg.tags, "tags", "", "build `tags`, as for go build (GOFLAGS applies too)")
	fs.IntVar(&cfg.almost, "almost", 10, "report functions whose inlining cost exceeds the budget by at most `N` as almost inlinable")
	fs.BoolVar(&cfg.bce, "bce", true, "also ask the compiler for the bounds checks it leaves (-d=ssa/check_bce/debug=1)")
	if diffMode {
		fs.StringVar(&cfg.base, "base", "", "build git revision `REV` in a temporary worktree and compare it with the working tree")
	} else if mode == "" {
		fs.StringVar(&cfg.profile, "profile", "", "rank heap allocations by their function's share of the CPU profile in pprof `FILE` (hottest first; runtime/pprof, go test -cpuprofile, default.pgo)")
		fs.StringVar(&cfg.in, "in", "", "read a saved log or report from `FILE` (\"-\" for stdin, or a -json=0,DIR directory) instead of building")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	switch cfg.format {
	case "text", "json", "sarif", "github":
	default:
		fmt.Fprintf(stderr, "perfescape: unknown -format %q (want text, json, sarif or github)\n", cfg.format)
		return exitUsage
	}
	var err error
	switch mode {
	case "diff":
		err = runDiff(cfg, fs.Args(), stdin, stdout)
	case "check":
		err = runCheck(cfg, fs.Args(), stdout)
	case "why":
		err = runWhy(cfg, fs.Args(), stdout)
	default:
		err = runReport(cfg, fs.Args(), stdin, stdout)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(stderr, "perfescape: %s\n", ee.msg)
		}
		return ee.code
	}
	if err != nil {
		fmt.Fprintf(stderr, "perfescape: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func runReport(cfg *config, pkgs []string, stdin io.Reader, stdout io.Writer) error {
	var (
		rep   *escape.Report
		files *paths
		err   error
	)
	if cfg.in != "" {
		if len(pkgs) > 0 {
			return fail(exitUsage, "-in takes no packages (got %s)", strings.Join(pkgs, " "))
		}
		rep, files, err = load(cfg, cfg.in, stdin)
	} else {
		rep, files, err = build(cfg, ".", pkgs)
	}
	if err != nil {
		return err
	}
	if cfg.profile != "" {
		prof, err := profile.Load(cfg.profile)
		if err != nil {
			return fail(exitUsage, "-profile: %v", err)
		}
		rankByProfile(rep, prof)
	}
	return writeReport(cfg, stdout, rep, files)
}

// rankByProfile sets each finding's CPU share from its function and puts
// the heap allocations and bounds checks of the hottest functions first.
// Functions are matched by symbol: the package path as the linker escapes
// it (or "main": a report does not say which packages are commands) and
// the function's name from the source (F, (*T).M, F.func1).
func rankByProfile(rep *escape.Report, prof *profile.Profile) {
	share := make(map[[2]string]float64)
	for i := range rep.Findings {
		f := &rep.Findings[i]
		key := [2]string{f.Package, f.Func}
		cpu, ok := share[key]
		if !ok {
			_, cpu = prof.FuncShare(profile.PathToPrefix(f.Package) + "." + f.Func)
			if cpu == 0 {
				_, cpu = prof.FuncShare("main." + f.Func)
			}
			share[key] = cpu
		}
		f.CPU = cpu
	}
	slices.SortStableFunc(rep.Findings, func(a, b escape.Finding) int {
		return cmp.Compare(b.CPU, a.CPU)
	})
}

func runDiff(cfg *config, args []string, stdin io.Reader, stdout io.Writer) error {
	var old, cur *escape.Report
	var files *paths
	if cfg.base != "" {
		var err error
		if old, err = buildRevision(cfg, cfg.base, args); err != nil {
			return err
		}
		if cur, files, err = build(cfg, ".", args); err != nil {
			return err
		}
	} else {
		if len(args) != 2 {
			return fail(exitUsage, "diff needs OLD and NEW (or -base=REV); run perfescape -help")
		}
		var err error
		if old, _, err = load(cfg, args[0], stdin); err != nil {
			return err
		}
		if cur, files, err = load(cfg, args[1], stdin); err != nil {
			return err
		}
	}
	if old.FuncNames != cur.FuncNames {
		fmt.Fprintf(cfg.stderr, "perfescape: warning: function names of OLD come from %s, of NEW from %s; findings may not match\n", old.FuncNames, cur.FuncNames)
	}
	changes := escape.Diff(old, cur)
	if err := writeDiff(cfg, stdout, changes, files); err != nil {
		return err
	}
	for i := range changes {
		if changes[i].Regression {
			return &exitError{code: exitRegression}
		}
	}
	return nil
}

// load reads a saved report, a log or a -json=0,DIR directory.
func load(cfg *config, name string, stdin io.Reader) (*escape.Report, *paths, error) {
	files := &paths{disk: sourceOnDisk}
	var r io.Reader
	if name == "-" {
		r = stdin
	} else {
		st, err := os.Stat(name)
		if err != nil {
			return nil, nil, fail(exitUsage, "%v", err)
		}
		if st.IsDir() {
			b := &escape.ReportBuilder{Funcs: &escape.FuncIndex{Open: sourceOnDisk}}
			stats, err := escape.ScanDir(os.DirFS(name), nil, b.Add)
			if err != nil {
				return nil, nil, fail(exitUsage, "%s: %v", name, err)
			}
			rep := b.Report(stats)
			return rep, files, checkInput(cfg, name, rep)
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, nil, fail(exitUsage, "%v", err)
		}
		defer func() { _ = f.Close() }()
		r = f
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(256)
	if isReport(head) {
		var rep escape.Report
		if err := json.NewDecoder(br).Decode(&rep); err != nil {
			return nil, nil, fail(exitUsage, "%s: bad perfescape report: %v", name, err)
		}
		return &rep, files, nil
	}
	b := &escape.ReportBuilder{Funcs: &escape.FuncIndex{Open: sourceOnDisk}}
	sc := escape.NewScanner(br, nil)
	for sc.Scan() {
		b.Add(sc.Diagnostic())
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fail(exitUsage, "%s: %v", name, err)
	}
	rep := b.Report(sc.Stats())
	return rep, files, checkInput(cfg, name, rep)
}

// isReport tells a saved report from a go build -json stream by its first
// field.
func isReport(head []byte) bool {
	compact := bytes.Join(bytes.Fields(head), nil)
	return bytes.HasPrefix(compact, []byte(`{"tool":"perfescape"`))
}

// checkInput refuses input that is not a usable compiler log, and warns
// about truncation.
func checkInput(cfg *config, name string, rep *escape.Report) error {
	st := &rep.Stats
	switch {
	case st.IRDump > 0:
		return fail(exitUsage, "%s: has %d lines of -m=3 IR dumps, which are not parseable; use -gcflags=-m=2", name, st.IRDump)
	case st.Lines > 0 && st.Unknown == st.Lines:
		return fail(exitUsage, "%s: not a compiler log: none of its %d lines is a known compiler message", name, st.Lines)
	}
	if st.Truncated {
		fmt.Fprintf(cfg.stderr, "perfescape: warning: %s ends in the middle of a line; the log may be truncated (read up to the last whole line)\n", name)
	}
	return nil
}

// sourceOnDisk finds the source of a file named in a saved log: the name
// itself, relative to the working directory, with $GOROOT expanded.
// goroot is the GOROOT of the go command perfescape runs, which is the one
// whose source the compiler's $GOROOT paths name.
var goroot = sync.OnceValue(func() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

func sourceOnDisk(file string) string {
	if rest, ok := strings.CutPrefix(file, "$GOROOT"); ok {
		file = filepath.Join(goroot(), rest)
	}
	if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
		return file
	}
	return ""
}

// build builds pkgs in dir with the compiler's reports on and returns the
// report and the names of its files.
func build(cfg *config, dir string, pkgs []string) (*escape.Report, *paths, error) {
	b, c, err := compile(cfg, dir, pkgs, nil)
	if err != nil {
		return nil, nil, err
	}
	return b.Report(c.Stats), newPaths(c), nil
}

// compile builds pkgs and feeds a report builder; visit, when set, sees
// every diagnostic too.
func compile(cfg *config, dir string, pkgs []string, visit func(*escape.Diagnostic)) (*escape.ReportBuilder, *escape.Compilation, error) {
	c, err := startPackages(cfg, dir, pkgs)
	if err != nil {
		return nil, nil, err
	}
	b := &escape.ReportBuilder{Funcs: &escape.FuncIndex{Open: c.Options.Disk}, TrustSource: true, Origin: c.Origin, All: cfg.all}
	err = c.Run(context.Background(), func(d *escape.Diagnostic) {
		b.Add(d)
		if visit != nil {
			visit(d)
		}
	})
	if err := buildFailure(cfg, err, dir); err != nil {
		return nil, nil, err
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(cfg.stderr, "perfescape: warning: %s\n", w)
	}
	return b, c, nil
}

// buildRevision builds pkgs at git revision rev in a temporary worktree,
// from the directory that corresponds to the working directory.
func buildRevision(cfg *config, rev string, pkgs []string) (*escape.Report, error) {
	top, err := git(".", "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fail(exitUsage, "-base needs a git repository: %v", err)
	}
	prefix, err := git(".", "rev-parse", "--show-prefix")
	if err != nil {
		return nil, fail(exitUsage, "%v", err)
	}
	tmp, err := os.MkdirTemp("", "perfescape-base-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	wt := filepath.Join(tmp, "wt")
	if _, err := git(top, "worktree", "add", "--detach", wt, rev); err != nil {
		return nil, fail(exitUsage, "-base=%s: %v", rev, err)
	}
	defer func() {
		if _, err := git(top, "worktree", "remove", "--force", wt); err != nil {
			fmt.Fprintf(cfg.stderr, "perfescape: removing worktree %s: %v\n", wt, err)
		}
	}()
	rep, _, err := build(cfg, filepath.Join(wt, filepath.FromSlash(prefix)), pkgs)
	return rep, err
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
