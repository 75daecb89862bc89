// Command perfvet reports performance anti-patterns in Go code.
//
// It runs standalone (perfvet ./...) or as a go vet tool
// (go vet -vettool=$(command -v perfvet) ./...). Run perfvet -help for the
// analyzers, flags and exit codes.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/verdict"
)

const usage = `perfvet reports performance anti-patterns in Go code.

Usage:
  perfvet [flags] packages...                  standalone, e.g. perfvet ./... or perfvet std
  go vet -vettool=$(command -v perfvet) [flags] packages...
  perfvet -vet [flags] packages...             the same through go vet, for hooks that
                                               cannot run a shell (pre-commit)
  perfvet explain [flags] packages...          the costliest lines of a profile, each
                                               with the compiler's reason and the fix
                                               (perfvet explain -help)
  perfvet lsp                                  a language server on stdin and stdout, for
                                               editors (docs/integrations.md)

Packages are analysed one at a time per core, each type-checked against its
dependencies' export data from the build cache, so memory stays that of a few
packages; -ir-checks loads everything at once instead.

Findings are printed on stdout as file:line:col: message (analyzer); the
run's own messages (errors, the line counting what looks cold) on stderr.
Under go vet, go vet prints them on stderr, still naming the analyzer.
Suppress one with //nolint:NAME (or //nolint:perfvet for all of perfvet,
//nolint:staticcheck for the SA checks; any case) on
its line or above its statement or function, or with
//lint:ignore NAME reason; a whole file with //lint:file-ignore NAME reason.
Generated files are never reported; _test.go files only inside the timed
loop of a Benchmark function (for b.Loop(), for range b.N, for pb.Next()),
unless -tests is given.

Two kinds of finding: bugs (a goroutine that leaks, pool memory used after
Put, a type assertion that can panic) are always listed; cost findings
(allocation, growth, copying, reflection, boxing) are listed where nothing
shows the code is cold, hottest first, followed by one line counting the
rest. -cold lists those too, each with the evidence that set it aside.
-format=json and sarif always carry every finding with its heat and reason.

Exit codes (standalone):
  0  no findings (or only findings in code that looks cold, without -cold)
  1  packages failed to load or to analyse, or fixes failed to apply
     (even if there are findings too)
  2  bad flags or arguments, or patterns that match no package (with the
     go command's reason: outside a module, "go.mod file not found")
  3  findings reported; with -fix, findings left without a fix; with
     -fix -diff, fixes pending (a diff was printed)
Under go vet, go vet prints the findings and exits 1 if there are any.
`

// allAtOnce selects the driver from before streaming; only a build with
// -tags perfvet_allatonce sets it (driver_allatonce.go).
var allAtOnce bool

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "lsp" {
		os.Exit(runLSP(args[1:]))
	}
	if len(args) > 0 && args[0] == "explain" {
		os.Exit(runExplain(args[1:], os.Stdout, os.Stderr))
	}
	inv := preparse(args)
	cfg := analyzers.NewConfig()
	cfg.IRChecks = inv.opts.IRChecks
	suite := analyzers.New(cfg)
	switch inv.mode {
	case modeGoVet:
		os.Exit(runGoVet(inv))
	case modeVetTool:
		// go vet speaks the unitchecker protocol: -flags and -V=full
		// handshakes, then one call per package with a .cfg file.
		analyzers.RegisterFlags(flag.CommandLine, cfg)
		if err := prepareVet(inv, cfg); err != nil {
			fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
			if errors.Is(err, hot.ErrUsage) {
				os.Exit(driver.ExitUsage)
			}
			os.Exit(driver.ExitError)
		}
		named(suite)
		unitchecker.Main(suite...)
		return // unreachable: unitchecker.Main exits
	}
	// Standalone, the driver decides what is shown (report.Shown) after
	// the analysis, to count what it sets aside and to give JSON and SARIF
	// every finding.
	cfg.Policy.Collect = true
	var bench profile.BenchOptions
	cmd := newCommand(suite, cfg, &bench)
	cmd.Validate = cfg.Hot.Prepare
	cmd.Cold = &cfg.Policy.Cold
	cmd.Prepare = func(patterns []string) error {
		if bench.Regexp != "" {
			if err := benchProfiles(patterns, &bench, &cfg.Hot); err != nil {
				return err
			}
		}
		if !cfg.Escape {
			return nil
		}
		t, err := verdict.Build(".", patterns)
		if err != nil {
			return fmt.Errorf("-escape: %v", err)
		}
		cfg.Policy.Compiler = t
		return nil
	}
	code := cmd.Main(args)
	if m, ok := cfg.Hot.Profiles.(*profile.Matched); ok {
		if w := m.Warning(modulePath(".")); w != "" {
			fmt.Fprintf(os.Stderr, "perfvet: %s\n", w)
		}
	}
	os.Exit(code)
}

// benchProfiles runs the benchmarks of the packages patterns match
// (-hot.bench) and makes their profiles the run's heat: with -hot.profile
// files, merged with them; instead of auto's default.pgo. A benchmark that
// fails is reported once and left out; a package whose benchmarks all
// failed, or timed out, is reported once and gets static heat; a package
// the benchmarks never reach is cold, as code a profile never saw.
func benchProfiles(patterns []string, opts *profile.BenchOptions, into *hot.Options) error {
	if profile.IsTerminal(os.Stderr) {
		opts.Progress = os.Stderr
	}
	run, err := profile.Bench(context.Background(), patterns, *opts)
	if err != nil {
		return err
	}
	failed := run.Failed()
	for _, r := range run.Results {
		switch {
		case r.Err != nil:
			fmt.Fprintf(os.Stderr, "perfvet: -hot.bench: %s: %v; static heat there\n", r.Pkg, r.Err)
		case r.Skipped != "":
			fmt.Fprintf(os.Stderr, "perfvet: -hot.bench: %s: %s; profiled by its other benchmarks\n", r.Pkg, r.Skipped)
		}
	}
	files := run.Files()
	if spec := into.Profile; spec != profile.Auto && spec != profile.Off && spec != "" {
		files = append(files, profile.SplitPaths(spec)...)
	}
	if len(files) == 0 {
		if len(failed) > 0 {
			// Their benchmarks matched, and failed (said above).
			fmt.Fprintf(os.Stderr, "perfvet: -hot.bench: no package's benchmarks finished (%d failed, timed out or were not run: above); static heat\n", len(failed))
		} else {
			fmt.Fprintf(os.Stderr, "perfvet: -hot.bench: no benchmark matching %q in %s; static heat\n", opts.Regexp, strings.Join(patterns, " "))
		}
		into.Profiles = nil
		return nil
	}
	set, err := profile.OpenFiles(files)
	if err != nil {
		return err
	}
	if !reachesAny(set, run.Results) {
		// Too short a run samples only the runtime: with such a profile
		// every cost finding would be set aside, silently (issue #26 item 9).
		fmt.Fprintf(os.Stderr, "perfvet: -hot.bench: the benchmarks' profiles have no samples in the analysed packages' own code (a longer -hot.benchtime?); static heat\n")
		into.Profiles = nil
		return nil
	}
	// Not profile.Matched: the benchmarks are the module's own statement of
	// its hot path, so a package they never reach is cold by that
	// statement (its findings set aside and counted, like code a profile
	// never saw), not a package of another program's profile.
	into.Profiles = &profile.BenchSource{Set: set, Failed: failed}
	return nil
}

// reachesAny reports whether the CPU or allocation profile of set has
// samples (at least profile.TinyShare) in one of the benchmarked
// packages' own functions.
func reachesAny(set *profile.Set, results []profile.BenchResult) bool {
	for _, r := range results {
		for _, k := range []profile.Kind{profile.CPU, profile.Alloc} {
			if p := set.Of(k); p != nil && p.PackageShare(r.Pkg, false) >= profile.TinyShare {
				return true
			}
		}
	}
	return false
}

// registerBenchFlags registers -hot.bench and its limits, bound to opts.
func registerBenchFlags(fs *flag.FlagSet, opts *profile.BenchOptions) {
	fs.Var(profile.BenchFlag{Regexp: &opts.Regexp}, "hot.bench", "profile first from the analysed packages' own benchmarks: run those matching `regexp` (the flag alone: all) with go test -cpuprofile and -memprofile before analysis, in parallel, and rank findings by the merged profiles; cached in the user cache directory until a package or what it imports changes. Code the benchmarks never reach is set aside as cold (counted; -cold lists it); a benchmark that fails is left out (said once, the others run again without it); a package whose benchmarks all fail, or time out, gets static heat")
	fs.StringVar(&opts.BenchTime, "hot.benchtime", profile.DefaultBenchTime, "with -hot.bench, go test's -benchtime for each benchmark; a package's benchmarks run for ten times as long together at least (at 100ms, each of 4 for 250ms), so that its CPU profile has about 100 samples; a count (20x) is taken as given")
	fs.DurationVar(&opts.PerPkg, "hot.benchlimit", profile.DefaultPerPkg, "with -hot.bench, the time limit of one package's benchmarks")
	fs.DurationVar(&opts.Total, "hot.benchtotal", profile.DefaultTotal, "with -hot.bench, the time limit of all the benchmarks; packages not started by then get static heat")
}

// modulePath returns the path of the module holding dir, from its go.mod,
// or "".
func modulePath(dir string) string {
	cmd := exec.Command("go", "list", "-m")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

// newCommand describes the standalone program to the driver: the suite,
// its options bound to cfg, and -hot.bench's flags bound to bench (only
// the standalone driver runs benchmarks: go vet starts the tool once per
// package).
func newCommand(suite []*analysis.Analyzer, cfg *analyzers.Config, bench *profile.BenchOptions) *driver.Command {
	return &driver.Command{
		Name:    "perfvet",
		Usage:   usage,
		Version: version,
		Suite:   suite,
		SuiteFlags: func(fs *flag.FlagSet) {
			analyzers.RegisterFlags(fs, cfg)
			registerBenchFlags(fs, bench)
		},
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		AllAtOnce: allAtOnce,
	}
}

// named makes each analyzer end its messages with its name, as the
// standalone driver prints them: go vet prints the message alone, and the
// reader needs the name for //nolint:NAME. (go vet always asks the tool
// for JSON, so the tool cannot tell text from go vet -json: there the
// message carries the name it is filed under too.)
func named(suite []*analysis.Analyzer) {
	for _, a := range suite {
		run, name := a.Run, a.Name
		a.Run = func(pass *analysis.Pass) (any, error) {
			report := pass.Report
			pass.Report = func(d analysis.Diagnostic) {
				d.Message += " (" + name + ")"
				report(d)
			}
			return run(pass)
		}
	}
}

// runGoVet runs go vet with this executable as the vet tool, passing args
// on, and returns go vet's exit code.
func runGoVet(inv *invocation) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
		return driver.ExitError
	}
	tmp, err := os.MkdirTemp("", "perfvet-vet-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
		return driver.ExitError
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	args, err := fetchProfiles(inv, tmp)
	if err != nil {
		fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
		return driver.ExitUsage
	}
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + self}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
		return driver.ExitError
	}
	return driver.ExitClean
}

// fetchProfiles returns inv.args with the profile URLs among the path
// options' values (found by preparse) fetched once, into files in dir, and
// named instead: go vet runs the tool once per package, which must not
// fetch a 30-second CPU profile each time.
func fetchProfiles(inv *invocation, dir string) ([]string, error) {
	out := slices.Clone(inv.args)
	for _, at := range inv.paths {
		paths := profile.SplitPaths(strings.TrimPrefix(out[at.index], at.prefix))
		for j, p := range paths {
			if !profile.IsURL(p) {
				continue
			}
			file, err := profile.Fetch(context.Background(), p, dir, profile.DefaultFetchTimeout)
			if err != nil {
				return nil, err
			}
			paths[j] = file
		}
		out[at.index] = at.prefix + strings.Join(paths, ",")
	}
	return out, nil
}

// prepareVet does, before go vet's call for one package (inv.cfgFile) is
// analysed, what analyzers may not: it checks -hot.profile and -hot.min
// (reported here, the error names the profile; inside the analysis it
// would read "failed prerequisites"), and with -escape builds the package
// with -m=2. go vet starts the tool once per package, so this is one go
// build per package; go vet caches results by the tool, its flags and the
// package's inputs, and the compiler's verdict is a function of the same
// inputs.
func prepareVet(inv *invocation, cfg *analyzers.Config) error {
	if inv.cfgFile == "" {
		return nil // the -flags or -V handshake
	}
	var pkg struct {
		Dir        string
		ImportPath string
		VetxOnly   bool
	}
	data, err := os.ReadFile(inv.cfgFile)
	if err != nil || json.Unmarshal(data, &pkg) != nil || pkg.VetxOnly {
		// unitchecker reports a bad .cfg. go vet calls the tool on every
		// dependency for facts only; perfvet has none, reports nothing
		// there and needs no profile.
		return nil
	}
	if err := inv.opts.Hot.PrepareIn(pkg.Dir); err != nil {
		return err
	}
	// unitchecker sets the flags' values on cfg but opens no profile: the
	// heat analyzer reads the profiles opened here.
	cfg.Hot.Profiles = inv.opts.Hot.Profiles
	if !inv.opts.Escape {
		return nil
	}
	path, _, _ := strings.Cut(pkg.ImportPath, " ") // "p [p.test]" builds as p
	if strings.HasSuffix(path, "_test") {
		return nil // an external test package (go vet calls it "p_test"): go build cannot build it
	}
	t, err := verdict.Build(pkg.Dir, []string{path})
	if err != nil {
		return fmt.Errorf("-escape: %v", err)
	}
	cfg.Policy.Compiler = t
	return nil
}
