// Command perfvet reports performance anti-patterns in Go code.
//
// It runs standalone (perfvet ./...) or as a go vet tool
// (go vet -vettool=$(command -v perfvet) ./...). Run perfvet -help for the
// analyzers, flags and exit codes.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/verdict"
)

const usage = `perfvet reports performance anti-patterns in Go code.

Usage:
  perfvet [flags] packages...                  standalone, e.g. perfvet ./... or perfvet std
  go vet -vettool=$(command -v perfvet) [flags] packages...
  perfvet -vet [flags] packages...             the same through go vet, for hooks that
                                               cannot run a shell (pre-commit)
  perfvet lsp                                  a language server on stdin and stdout, for
                                               editors (docs/editors.md)

Packages are analysed one at a time per core, each type-checked against its
dependencies' export data from the build cache, so memory stays that of a few
packages; -ir-checks loads everything at once instead.

Findings are printed on stderr as file:line:col: message (analyzer).
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
  2  bad flags or arguments
  3  findings reported; with -fix, findings left without a fix; with
     -fix -diff, fixes pending (a diff was printed)
Under go vet, go vet prints the findings and exits 1 if there are any.
`

// allAtOnce selects the driver from before streaming; only a build with
// -tags perfvet_allatonce sets it (driver_allatonce.go).
var allAtOnce bool

// sharedDecode selects the streaming driver's shared decoding of
// dependencies; only a build with -tags perfvet_shareddecode sets it.
var sharedDecode bool

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "lsp" {
		os.Exit(runLSP(args[1:]))
	}
	cfg := &analyzers.Config{IRChecks: wantsIRChecks(args)}
	suite := analyzers.New(cfg)
	var escape bool
	suiteFlags := func(fs *flag.FlagSet) {
		fs.BoolVar(&escape, "escape", false, "ask the compiler: one go build -gcflags=PKG=-m=2 of the analysed packages (dependencies from the build cache) before analysis; an allocation finding whose value the compiler keeps on the stack is dropped, one it moves to the heap says so with the compiler's reason. Costs one compile of the analysed packages (see README)")
		fs.BoolVar(&cfg.Policy.TestFiles, "tests", false, "judge test code as code: report findings anywhere in _test.go files, shown by default (without it only those in benchmarks' timed loops are kept, set aside as cold: -cold lists them)")
		fs.Var((*invertedBool)(&cfg.Policy.IgnoreNolint), "nolint", "honour //nolint directives (set -nolint=false when golangci-lint applies them)")
		fs.Var(hot.ProfileFlag{Spec: &cfg.Hot.Profile}, "hot.profile", "rank findings by pprof profile `files` (comma-separated, or the flag repeated): CPU profiles (runtime/pprof, go test -cpuprofile, a fleet's default.pgo) and allocation profiles (go test -memprofile, /debug/pprof/allocs or /heap); several of one kind are merged. Each message gains the share of its function and loop: of CPU for time findings, of allocated bytes (and the bytes and objects on its lines) for allocation findings. auto finds default.pgo as go build -pgo=auto does. Under go vet give absolute paths")
		fs.Float64Var(&cfg.Hot.Min, "hot.min", 0, "with -hot.profile, drop findings in code (the innermost loop, else the function) with less than `percent` of the samples of the profile that measures their cost (the allocation profile for allocation findings, the CPU profile for the others; the one given if only one is); 0 keeps all and marks those in code the profile never saw as cold")
		fs.BoolVar(&cfg.Policy.Cold, "cold", false, "also list cost findings in code that looks cold (init, package main and cmd/, configuration decoding, String and debug methods, error paths, tests' support code, loops over a few items; with -hot.profile, code the profile never saw), each with the reason; bugs are always listed")
		fs.Bool("ir-checks", false, "also run staticcheck's SA6000-SA6003; they need staticcheck's IR, whose facts make the driver load every matched package and every dependency from source and keep them all to the end, instead of streaming packages one at a time (on golang.org/x/tools: 15 s and 2.0 GB instead of 2-4 s and 0.35 GB)")
	}
	if i := slices.Index(args, "-vet"); i >= 0 {
		os.Exit(runGoVet(append(slices.Clone(args[:i]), args[i+1:]...)))
	}
	if vetMode(args) {
		// go vet speaks the unitchecker protocol: -flags and -V=full
		// handshakes, then one call per package with a .cfg file.
		suiteFlags(flag.CommandLine)
		if err := validateHot(args); err != nil {
			// Reported here, the error names the profile; inside the
			// analysis it would read "failed prerequisites".
			fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
			os.Exit(driver.ExitUsage)
		}
		if err := vetEscape(args, &cfg.Policy); err != nil {
			fmt.Fprintf(os.Stderr, "perfvet: -escape: %v\n", err)
			os.Exit(driver.ExitError)
		}
		unitchecker.Main(suite...)
		return // unreachable: unitchecker.Main exits
	}
	// Standalone, the driver decides what is shown (report.Shown) after
	// the analysis, to count what it sets aside and to give JSON and SARIF
	// every finding.
	cfg.Policy.Collect = true
	cmd := &driver.Command{
		Name:       "perfvet",
		Usage:      usage,
		Suite:      suite,
		SuiteFlags: suiteFlags,
		Validate:   cfg.Hot.Validate,
		Cold:       &cfg.Policy.Cold,
		Prepare: func(patterns []string) error {
			if !escape {
				return nil
			}
			t, err := verdict.Build(".", patterns)
			if err != nil {
				return fmt.Errorf("-escape: %v", err)
			}
			cfg.Policy.Compiler = t
			return nil
		},
		Stdout:       os.Stdout,
		Stderr:       os.Stderr,
		AllAtOnce:    allAtOnce,
		SharedDecode: sharedDecode,
	}
	os.Exit(cmd.Main(args))
}

// runGoVet runs go vet with this executable as the vet tool, passing args
// on, and returns go vet's exit code.
func runGoVet(args []string) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "perfvet: %v\n", err)
		return driver.ExitError
	}
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + self}, absProfile(args)...)...)
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

// absProfile makes a relative -hot.profile absolute: go vet runs the tool
// in each package's directory, where the relative path would not resolve.
func absProfile(args []string) []string {
	out := slices.Clone(args)
	abs := func(v string) string {
		paths := hot.SplitPaths(v)
		for i, p := range paths {
			if p == hot.Auto || filepath.IsAbs(p) {
				continue
			}
			if a, err := filepath.Abs(p); err == nil {
				paths[i] = a
			}
		}
		return strings.Join(paths, ",")
	}
	for i, a := range out {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch {
		case !strings.HasPrefix(a, "-") || name != "hot.profile":
		case hasValue:
			out[i] = "-hot.profile=" + abs(value)
		case i+1 < len(out):
			out[i+1] = abs(out[i+1])
		}
	}
	return out
}

// validateHot checks -hot.profile and -hot.min before go vet's call for
// one package (args ending in its .cfg file) is analysed.
func validateHot(args []string) error {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return nil // the -flags or -V handshake
	}
	fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opts hot.Options
	fs.Var(hot.ProfileFlag{Spec: &opts.Profile}, "hot.profile", "")
	fs.Float64Var(&opts.Min, "hot.min", 0, "")
	var hotArgs []string
	for i, a := range args {
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (name == "hot.profile" || name == "hot.min") {
			hotArgs = append(hotArgs, a)
			if !hasValue && i+1 < len(args) {
				hotArgs = append(hotArgs, args[i+1])
			}
		}
	}
	if err := fs.Parse(hotArgs); err != nil {
		return err
	}
	var cfg struct {
		Dir      string
		VetxOnly bool
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return nil // unitchecker reports it
	}
	if err := json.Unmarshal(data, &cfg); err != nil || cfg.VetxOnly {
		// go vet calls the tool on every dependency for facts only; perfvet
		// has none, reports nothing there and needs no profile.
		return nil
	}
	return opts.ValidateIn(cfg.Dir)
}

// vetEscape builds the package go vet asks about (args ending in its .cfg
// file) with -m=2 when -escape is among args, before unitchecker analyses
// it: go vet starts the tool once per package, so this is one go build per
// package. go vet caches results by the tool, its flags and the package's
// inputs, and the compiler's verdict is a function of the same inputs.
func vetEscape(args []string, policy *report.Policy) error {
	on := false
	for _, a := range args {
		name, value, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name == "escape" {
			on = value == "" || value == "true" || value == "1" || value == "t"
		}
	}
	if !on || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return nil
	}
	var cfg struct {
		Dir        string
		ImportPath string
		VetxOnly   bool
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil || json.Unmarshal(data, &cfg) != nil || cfg.VetxOnly {
		return nil // unitchecker reports a bad .cfg; facts-only calls report nothing
	}
	path, _, _ := strings.Cut(cfg.ImportPath, " ") // "p [p.test]" builds as p
	if strings.HasSuffix(path, "_test") {
		return nil // an external test package (go vet calls it "p_test"): go build cannot build it
	}
	t, err := verdict.Build(cfg.Dir, []string{path})
	if err != nil {
		return err
	}
	policy.Compiler = t
	return nil
}

// vetMode reports whether go vet is calling: with the -flags or -V
// handshake, or with a single .cfg file.
func vetMode(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	return slices.ContainsFunc(args, func(a string) bool {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		return strings.HasPrefix(a, "-") && (name == "flags" || name == "V")
	})
}

// wantsIRChecks looks for -ir-checks before flags are parsed: the suite's
// membership depends on it, and go vet needs the suite to list its flags.
func wantsIRChecks(args []string) bool {
	on := false
	for _, a := range args {
		if a == "--" || !strings.HasPrefix(a, "-") {
			if filepath.Ext(a) != ".cfg" {
				break
			}
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "ir-checks" {
			continue
		}
		on = true
		if hasValue {
			on, _ = strconv.ParseBool(value)
		}
	}
	return on
}

// invertedBool is a flag that sets its target to the opposite of its value.
type invertedBool bool

func (b *invertedBool) IsBoolFlag() bool { return true }
func (b *invertedBool) String() string {
	if b == nil {
		return "true"
	}
	return strconv.FormatBool(!bool(*b))
}
func (b *invertedBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	*b = invertedBool(!v)
	return err
}
