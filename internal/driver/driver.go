// Package driver runs an analyzer suite standalone: it lists packages with
// go/packages, type-checks and analyses them one at a time per core against
// their dependencies' export data (stream.go), runs the suite on each with
// go/analysis/checker, and prints findings as text, JSON, SARIF or GitHub
// annotations, or applies their fixes. (Under go vet the unitchecker
// protocol applies instead; see cmd/perfvet.)
package driver

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/profile"
)

// Exit codes, documented in the usage text.
const (
	ExitClean    = 0 // no findings
	ExitError    = 1 // packages failed to load or analyse, or fixes failed to apply (outranks 3)
	ExitUsage    = 2 // bad flags or arguments
	ExitFindings = 3 // findings reported (or, with -fix -diff, fixes pending)
)

// Command describes the program to the driver.
type Command struct {
	Name  string // program name, for messages
	Usage string // text printed before the flag list by -help
	// Version, if set, is what -version prints.
	Version func() string
	Suite   []*analysis.Analyzer
	// SuiteFlags registers flags that configure the whole suite.
	SuiteFlags func(fs *flag.FlagSet)
	// Validate, if set, checks the suite's options once flags are parsed;
	// an error is a usage error (exit 2), e.g. a -hot.profile that is not
	// a pprof profile.
	Validate func() error
	// Cold, if set, is the suite's -cold setting (report.Policy.Cold):
	// findings in code that looks cold are listed too. The suite's policy
	// must Collect, so that the driver sees them to count them.
	Cold *bool
	// Prepare, if set, runs once flags are parsed, with the package
	// patterns, before anything is loaded: work the suite needs that
	// analyzers may not do themselves (perfvet's -escape build). An error
	// is a failure (exit 1).
	Prepare func(patterns []string) error
	Stdout  io.Writer
	Stderr  io.Writer
	// AllAtOnce loads every matched package with go/packages and analyses
	// them together, as the driver did before it streamed packages: the
	// memory of all packages at once. For comparisons (scripts/perf, the
	// tests); a suite with facts always runs this way.
	AllAtOnce bool
}

type options struct {
	json, fix, diff bool
	version         bool
	format          string
	sort            string
	cpuprofile      string
	memprofile      string
	enabled         map[*analysis.Analyzer]*triState
	newCode         newCodeFlags
	changed         *changedLines // from newCode, once flags are parsed
}

// Main runs the command on args (without the program name) and returns the
// exit code.
func (cmd *Command) Main(args []string) int {
	fs := flag.NewFlagSet(cmd.Name, flag.ContinueOnError)
	// The flag package prints the error, then the usage: 100 lines that
	// scroll the error away. Print the error and where help is instead.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	opts := cmd.registerFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cmd.usage(fs)
			return ExitClean
		}
		fmt.Fprintf(cmd.Stderr, "%s: %v\nRun '%s -h' for the flags.\n", cmd.Name, err, cmd.Name)
		return ExitUsage
	}
	if opts.version && cmd.Version != nil {
		fmt.Fprintln(cmd.Stdout, cmd.Version())
		return ExitClean
	}
	if opts.json {
		opts.format = formatJSON
	}
	if !slices.Contains(formats, opts.format) {
		fmt.Fprintf(cmd.Stderr, "%s: -format=%s: want one of %s\n", cmd.Name, opts.format, strings.Join(formats, ", "))
		return ExitUsage
	}
	if opts.sort != sortFile && opts.sort != sortHeat {
		fmt.Fprintf(cmd.Stderr, "%s: -sort=%s: want %s or %s\n", cmd.Name, opts.sort, sortFile, sortHeat)
		return ExitUsage
	}
	if cmd.Validate != nil {
		if err := cmd.Validate(); err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitUsage
		}
	}
	if opts.diff && !opts.fix {
		fmt.Fprintf(cmd.Stderr, "%s: -diff needs -fix\n", cmd.Name)
		return ExitUsage
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		fmt.Fprintf(cmd.Stderr, "%s: no packages given; try %s ./...\n", cmd.Name, cmd.Name)
		return ExitUsage
	}
	if opts.newCode.set() {
		wd, err := os.Getwd()
		if err == nil {
			opts.changed, err = loadNewCode(&opts.newCode, wd)
		}
		if err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitUsage
		}
	}
	if opts.cpuprofile != "" {
		f, err := os.Create(opts.cpuprofile)
		if err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitError
		}
		defer func() {
			if err := f.Close(); err != nil {
				fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			}
		}()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitError
		}
		defer pprof.StopCPUProfile()
	}
	if cmd.Prepare != nil {
		if err := cmd.Prepare(patterns); err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitError
		}
	}
	code := cmd.run(patterns, cmd.selected(opts), opts)
	if opts.memprofile != "" {
		if err := writeHeapProfile(opts.memprofile); err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			return ExitError
		}
	}
	return code
}

func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		_ = f.Close() // the write error is the one to report
		return err
	}
	return f.Close()
}

// RegisterFlags registers the command's flags on fs, bound to values
// that nothing reads: for programs that read their command line before
// running the command (to know which flags take a value) and for
// documentation.
func (cmd *Command) RegisterFlags(fs *flag.FlagSet) { cmd.registerFlags(fs) }

func (cmd *Command) registerFlags(fs *flag.FlagSet) *options {
	opts := &options{enabled: make(map[*analysis.Analyzer]*triState)}
	fs.StringVar(&opts.format, "format", formatText, "output `format`: text (file:line:col: message (analyzer)), json (x/tools' analysis-driver shape), sarif (SARIF 2.1.0) or github (Actions workflow annotations), on stdout; the run's own messages go to stderr")
	if cmd.Version != nil {
		fs.BoolVar(&opts.version, "version", false, "print the version (from the build information, as go version -m shows it) and exit")
	}
	fs.BoolVar(&opts.json, "json", false, "same as -format=json")
	fs.StringVar(&opts.sort, "sort", sortHeat, "order of text, github and sarif findings: heat (hottest first: by share of -hot.profile's samples, then by static heat, code that looks cold last; ties by position) or file (by position)")
	fs.BoolVar(&opts.fix, "fix", false, "apply the suggested fixes to the source files, then report the findings that have none")
	fs.BoolVar(&opts.diff, "diff", false, "with -fix, print the fixes as a unified diff instead of writing files")
	fs.StringVar(&opts.cpuprofile, "cpuprofile", "", "write a CPU profile of perfvet itself to `file`")
	fs.StringVar(&opts.memprofile, "memprofile", "", "write a heap profile of perfvet itself to `file` when analysis ends")
	fs.StringVar(&opts.newCode.rev, "new-from-rev", "", "report only findings on lines added or changed since `rev` (git diff against the work tree, in the current directory's repository; untracked files are new); the summary counts what is left out")
	fs.StringVar(&opts.newCode.mergeBase, "new-from-merge-base", "", "report only findings on lines added or changed since the merge base of `ref` and HEAD (a pull request's own changes: -new-from-merge-base=origin/main)")
	fs.StringVar(&opts.newCode.patch, "new-from-patch", "", "report only findings on lines a unified diff `file` adds or changes (paths relative to the repository's top, as git diff writes them)")
	// -load-batch traded time for memory before packages were streamed;
	// scripts that pass it keep working.
	fs.Int("load-batch", 0, "deprecated and ignored: packages are now analysed one at a time per core (`n` is not used)")
	if cmd.SuiteFlags != nil {
		cmd.SuiteFlags(fs)
	}
	for _, a := range cmd.Suite {
		ts := new(triState)
		opts.enabled[a] = ts
		fs.Var(ts, a.Name, fmt.Sprintf("enable %s (%s); naming any analyzer with -NAME runs only the named ones, -NAME=false disables one", a.Name, summary(a)))
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	return opts
}

// selected applies go vet's convention: if any -NAME is true, run only
// those; otherwise run all but those set to false.
func (cmd *Command) selected(opts *options) []*analysis.Analyzer {
	only := slices.ContainsFunc(cmd.Suite, func(a *analysis.Analyzer) bool { return *opts.enabled[a] == setTrue })
	var run []*analysis.Analyzer
	for _, a := range cmd.Suite {
		switch *opts.enabled[a] {
		case setTrue:
			run = append(run, a)
		case unset:
			if !only {
				run = append(run, a)
			}
		}
	}
	return run
}

func (cmd *Command) usage(fs *flag.FlagSet) {
	w := cmd.Stderr
	fs.SetOutput(w)
	fmt.Fprint(w, cmd.Usage)
	fmt.Fprintf(w, "\nAnalyzers:\n")
	width := 0
	for _, a := range cmd.Suite {
		width = max(width, len(a.Name))
	}
	for _, a := range cmd.Suite {
		fmt.Fprintf(w, "  %-*s %s\n", width, a.Name, summary(a))
	}
	fmt.Fprintf(w, "\nFlags:\n")
	fs.PrintDefaults()
}

func summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n")
	first = strings.TrimPrefix(first, a.Name+": ")
	return strings.TrimSpace(first)
}

func (cmd *Command) run(patterns []string, suite []*analysis.Analyzer, opts *options) int {
	// An error outranks findings: exit 3 must mean that everything was
	// analysed and something was found.
	exit := ExitClean
	raise := func(code int) { // code is ExitError or ExitFindings
		if exit != ExitError {
			exit = code
		}
	}
	if len(suite) == 0 {
		fmt.Fprintf(cmd.Stderr, "%s: every analyzer is disabled\n", cmd.Name)
		return ExitUsage
	}
	findings, failures, missed, loadErrors, err := cmd.loadAndAnalyze(patterns, suite)
	if err != nil {
		fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
		if errors.As(err, new(*NoPackagesError)) {
			return ExitUsage
		}
		return ExitError
	}
	if opts.sort == sortHeat {
		sortByHeat(findings)
	}
	cold := cmd.Cold != nil && *cmd.Cold
	leftOut := 0
	if opts.changed != nil {
		listAll := opts.format == formatJSON || opts.format == formatSARIF
		findings, leftOut = opts.changed.keepNew(findings, cold, listAll && !opts.fix)
	}
	defer printNewCodeSummary(cmd.Stderr, opts.changed, leftOut)
	defer printMissedLeaks(cmd.Stderr, missed)
	shown, _ := visible(findings, cold)
	if loadErrors > 0 {
		raise(ExitError)
	}
	skipped := make(map[string]bool)
	for _, f := range failures {
		raise(ExitError)
		// One line per package that has errors: not one per analyzer, nor
		// one per analyzer whose prerequisite was skipped for them.
		if strings.Contains(f.err, "analysis skipped due to errors in package") || strings.Contains(f.err, "failed prerequisites") {
			if !skipped[f.pkg] && opts.format != formatJSON {
				fmt.Fprintf(cmd.Stderr, "%s: %s: not analysed: the package has errors (see above)\n", cmd.Name, f.pkg)
			}
			skipped[f.pkg] = true
			continue
		}
		if opts.format != formatJSON {
			fmt.Fprintf(cmd.Stderr, "%s: %s: %s: %s\n", cmd.Name, f.pkg, f.analyzer, f.err)
		}
	}
	switch {
	case opts.fix:
		remaining, pending, err := applyFixes(shown, opts.diff, cmd.Stdout)
		if err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			raise(ExitError)
		}
		// With -diff, stdout holds the patch; what has no fix goes beside it.
		out := cmd.Stdout
		if opts.diff {
			out = cmd.Stderr
		}
		printText(out, remaining, cold)
		printColdSummary(cmd.Stderr, findings, cold)
		if len(remaining) > 0 || pending {
			raise(ExitFindings)
		}
	case opts.format != formatText:
		var err error
		switch opts.format {
		case formatJSON:
			err = printJSON(cmd.Stdout, findings, failures, cold)
		case formatSARIF:
			err = printSARIF(cmd.Stdout, cmd.Name, suite, findings)
		case formatGitHub:
			printGitHub(cmd.Stdout, shown)
		}
		if err != nil {
			fmt.Fprintf(cmd.Stderr, "%s: %v\n", cmd.Name, err)
			raise(ExitError)
		}
		if len(shown) > 0 {
			raise(ExitFindings)
		}
	default:
		printText(cmd.Stdout, shown, cold)
		printColdSummary(cmd.Stderr, findings, cold)
		if len(shown) > 0 {
			raise(ExitFindings)
		}
	}
	return exit
}

func needFacts(suite []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(as []*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				if len(a.FactTypes) > 0 || visit(a.Requires) {
					return true
				}
			}
		}
		return false
	}
	return visit(suite)
}

// printLoadErrors prints each package error not printed before (a package
// and its test variant share most; batches share dependencies) and returns
// how many it printed.
func printLoadErrors(w io.Writer, pkgs []*packages.Package, printed map[string]bool) int {
	n := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, msg := range ownErrors(p.Errors) {
			if !printed[msg] {
				printed[msg] = true
				fmt.Fprintln(w, msg)
				n++
			}
		}
	})
	return n
}

// A finding is one diagnostic of one analyzer, with its package.
type finding struct {
	analyzer *analysis.Analyzer
	pkg      *packages.Package
	diag     analysis.Diagnostic
	posn     string   // file:line:col, relative to the working directory where possible
	heat     hot.Heat // zero without a heat analyzer
}

// loadAndAnalyze analyses the packages the patterns match and returns
// the findings, the failures and the number of load errors printed.
//
// A suite without facts is streamed (see stream.go): each package is
// type-checked against its dependencies' export data, analysed and dropped.
// A suite with facts (staticcheck's IR checks, -ir-checks) needs every
// dependency analysed from source, so it loads everything at once with
// go/packages and runs the checker on the whole graph; so does
// AllAtOnce, the driver before streaming, kept for comparisons.
func (cmd *Command) loadAndAnalyze(patterns []string, suite []*analysis.Analyzer) ([]finding, []failure, []string, int, error) {
	c := newCollector()
	// The report analyzer is a root so that its result, which gives each
	// finding's heat (report.Index.HeatOf), outlives the analysis; its
	// own failures show as its dependents'. The heat analyzer stays a
	// root so that a failure of its own is reported under its name.
	if rep := report.Find(suite); rep != nil && !slices.Contains(suite, rep) {
		c.report = rep
		suite = append(slices.Clip(suite), rep)
	}
	if h := hot.Find(suite); h != nil && !slices.Contains(suite, h) {
		c.heat = h
		suite = append(slices.Clip(suite), h)
	}
	var loadErrors int
	var err error
	if facts := needFacts(suite); facts || cmd.AllAtOnce {
		loadErrors, err = cmd.loadAllAtOnce(patterns, suite, facts, c)
	} else {
		loadErrors, err = cmd.stream(patterns, suite, c)
	}
	if err != nil {
		return nil, nil, nil, 0, err
	}
	findings, failures := c.result()
	return findings, failures, c.leaks.missed(c.wd), loadErrors, nil
}

// loadAllAtOnce loads every matched package (with facts, every dependency
// too) from source with go/packages, and analyses them all in one checker
// graph.
func (cmd *Command) loadAllAtOnce(patterns []string, suite []*analysis.Analyzer, facts bool, c *collector) (loadErrors int, err error) {
	mode := packages.LoadSyntax | packages.NeedModule
	if facts {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: true}, patterns...)
	if err != nil {
		return 0, err
	}
	// Test main packages are generated; they hold nothing to report.
	pkgs = slices.DeleteFunc(pkgs, func(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") })
	if err := matchedNone(patterns, pkgs); err != nil {
		return 0, err
	}
	loadErrors = printLoadErrors(cmd.Stderr, pkgs, make(map[string]bool))
	graph, err := checker.Analyze(suite, pkgs, nil)
	if err != nil {
		return 0, err
	}
	c.merge(c.extract(graph, nil))
	return loadErrors, nil
}

// Orders of -sort.
const (
	sortFile = "file"
	sortHeat = "heat"
)

// sortByHeat orders findings hottest first (hot.Heat.Rank: code that
// looks cold last), keeping file order among equals.
func sortByHeat(findings []finding) {
	slices.SortStableFunc(findings, func(a, b finding) int {
		return cmp.Compare(b.heat.Rank(), a.heat.Rank())
	})
}

// A collector gathers the root diagnostics of one or more graphs, dropping
// the copies that a package and its test variant both report. Its extract
// may be called concurrently; merge may not.
type collector struct {
	report   *analysis.Analyzer // the report analyzer, a root of each graph (for each finding's heat); nil if none
	heat     *analysis.Analyzer // the heat analyzer, a root of each graph; nil if none
	seen     map[string]bool
	failed   map[failure]bool
	wd       string
	findings []finding
	failures []failure
	leaks    leakList // goroutine leak profile and the findings' claims (leaks.go)
}

func newCollector() *collector {
	wd, _ := os.Getwd()
	return &collector{seen: make(map[string]bool), failed: make(map[failure]bool), wd: wd}
}

// extract returns the root diagnostics of graph as findings, and the
// failures, without removing copies. pkgOf, if not nil, gives the package
// a finding at a position is reported under (see unit.extends).
func (c *collector) extract(graph *checker.Graph, pkgOf func(token.Pos) *packages.Package) ([]finding, []failure) {
	var findings []finding
	var failures []failure
	reports := make(map[*packages.Package]*report.Index)
	for _, act := range graph.Roots {
		if act.Analyzer == c.report && act.Err == nil {
			reports[act.Package], _ = act.Result.(*report.Index)
		}
	}
	defer func() {
		for _, ix := range reports {
			c.leaks.add(ix)
		}
	}()
	for _, act := range graph.Roots {
		if act.Analyzer == c.report || act.Analyzer == c.heat && act.Err == nil {
			continue
		}
		if act.Err != nil {
			failures = append(failures, failure{act.Package.ID, act.Analyzer.Name, act.Err.Error()})
			continue
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			if rel, err := filepath.Rel(c.wd, posn.Filename); err == nil && !strings.HasPrefix(rel, "..") {
				posn.Filename = rel
			}
			f := finding{analyzer: act.Analyzer, pkg: act.Package, diag: d, posn: posn.String()}
			if pkgOf != nil {
				f.pkg = pkgOf(d.Pos)
			}
			if ix := reports[act.Package]; ix != nil {
				f.heat = ix.HeatOf(d.Pos)
			}
			findings = append(findings, f)
		}
	}
	return findings, failures
}

// merge adds findings and failures, dropping the copies that a package and
// its test variant both report.
func (c *collector) merge(findings []finding, failures []failure) {
	for i := range findings {
		f := &findings[i]
		key := fmt.Sprintf("%s\x00%s\x00%s", f.analyzer.Name, f.posn, f.diag.Message)
		if !c.seen[key] {
			c.seen[key] = true
			c.findings = append(c.findings, *f)
		}
	}
	for _, fail := range failures {
		if !c.failed[fail] {
			c.failed[fail] = true
			c.failures = append(c.failures, fail)
		}
	}
}

// result returns the findings in file order, and the failures.
func (c *collector) result() ([]finding, []failure) {
	findings, failures := c.findings, c.failures
	slices.SortStableFunc(findings, func(a, b finding) int {
		pa, pb := a.pkg.Fset.Position(a.diag.Pos), b.pkg.Fset.Position(b.diag.Pos)
		return cmp.Or(cmp.Compare(pa.Filename, pb.Filename), cmp.Compare(pa.Offset, pb.Offset),
			cmp.Compare(a.analyzer.Name, b.analyzer.Name))
	})
	slices.SortFunc(failures, func(a, b failure) int {
		return cmp.Or(cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.analyzer, b.analyzer))
	})
	return findings, failures
}

// A failure is an analyzer that could not run on a package.
type failure struct {
	pkg, analyzer, err string
}

func printText(w io.Writer, findings []finding, cold bool) {
	for i := range findings {
		f := &findings[i]
		fmt.Fprintf(w, "%s: %s (%s)\n", f.posn, textMessage(f, cold), f.analyzer.Name)
	}
}

// The JSON shape is that of golang.org/x/tools' drivers (multichecker -json),
// so tools that parse it (editors, CI scripts) read perfvet's too:
// {"<package>": {"<analyzer>": [diagnostic...] | {"error": "..."}}}.
type jsonDiagnostic struct {
	Category       string             `json:"category,omitempty"`
	Posn           string             `json:"posn"`
	End            string             `json:"end,omitempty"`
	Message        string             `json:"message"`
	SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
	Related        []jsonRelatedInfo  `json:"related,omitempty"`
	// Heat is perfvet's addition to the shape: how hot the finding's code is.
	Heat *jsonHeat `json:"heat,omitempty"`
	// Kind is "bug" or "cost"; Shown says whether the text output lists
	// the finding (bugs always; cost findings unless the code looks cold
	// and -cold is off); Reason says why (report.Reason).
	Kind   string `json:"kind"`
	Shown  bool   `json:"shown"`
	Reason string `json:"reason"`
	// Verdict is the compiler's escape verdict on the finding's
	// allocation, under -escape, when it gave one.
	Verdict *jsonVerdict `json:"verdict,omitempty"`
}

// jsonVerdict is the compiler's verdict in JSON and in SARIF's result
// properties: heap is true when the compiler moves the value to the
// heap, reason is its first reason (-m=2).
type jsonVerdict struct {
	Heap   bool   `json:"heap"`
	Reason string `json:"reason"`
}

func verdictJSON(f *finding) *jsonVerdict {
	if v := f.heat.Verdict; v != nil {
		return &jsonVerdict{v.Heap, v.Reason}
	}
	return nil
}

// jsonHeat is a finding's heat in JSON and in SARIF's result properties.
type jsonHeat struct {
	Func      string       `json:"func,omitempty"`
	Static    int          `json:"static"`
	StaticWhy []string     `json:"static_why,omitempty"`
	ColdWhy   []string     `json:"cold_why,omitempty"`
	Profile   *jsonProfile `json:"profile,omitempty"`
}

// jsonProfile gives shares of the profile's samples, in percent.
type jsonProfile struct {
	// Measure is the profile the shares are of: "cpu", or "alloc" (of
	// allocated bytes) for allocation findings given an allocation profile.
	Measure string   `json:"measure"`
	Flat    float64  `json:"flat"`
	Cum     float64  `json:"cum"`
	Loop    *float64 `json:"loop,omitempty"` // in the finding's innermost loop
	Cold    bool     `json:"cold,omitempty"` // the profile never saw the function
	// Alloc is what the allocation profile attributes to an allocation
	// finding's lines and loop.
	Alloc *jsonAlloc `json:"alloc,omitempty"`
	// Own is what the CPU profile attributes to the own code of a time
	// finding's lines (deferloop's defer records: hot.Heat.Own).
	Own *jsonOwn `json:"own,omitempty"`
}

// jsonOwn is hot.OwnTime: the CPU (nanoseconds, and percent of all
// samples) of the own code of a finding's lines.
type jsonOwn struct {
	Nanoseconds int64   `json:"ns"`
	Share       float64 `json:"share"`
}

// jsonAlloc is hot.AllocSite: bytes and objects allocated on the finding's
// lines (share: percent of all bytes) and in its innermost loop.
type jsonAlloc struct {
	Bytes       int64   `json:"bytes"`
	Objects     int64   `json:"objects"`
	Share       float64 `json:"share"`
	LoopBytes   int64   `json:"loop_bytes,omitempty"`
	LoopObjects int64   `json:"loop_objects,omitempty"`
}

func heatJSON(f *finding) *jsonHeat {
	h := f.heat
	if h.Func == "" && h.Static == 0 && !h.Profiled && len(h.ColdWhy) == 0 {
		return nil
	}
	jh := &jsonHeat{Func: h.Func, Static: h.Static, StaticWhy: h.StaticWhy, ColdWhy: h.ColdWhy}
	if h.Profiled && h.Func != "" {
		measure := "cpu"
		if h.Measure == profile.Alloc {
			measure = "alloc"
		}
		jh.Profile = &jsonProfile{Measure: measure, Flat: round1(h.Flat), Cum: round1(h.Cum), Cold: h.NeverSampled()}
		if h.InLoop {
			loop := round1(h.Loop)
			jh.Profile.Loop = &loop
		}
		if a := h.Alloc; a != nil {
			jh.Profile.Alloc = &jsonAlloc{a.Bytes, a.Objects, round1(a.Share), a.LoopBytes, a.LoopObjects}
		}
		if o := h.Own; o != nil {
			jh.Profile.Own = &jsonOwn{o.Value, round1(o.Share)}
		}
	}
	return jh
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

type jsonSuggestedFix struct {
	Message string         `json:"message"`
	Edits   []jsonTextEdit `json:"edits"`
}

type jsonTextEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonRelatedInfo struct {
	Posn    string `json:"posn"`
	End     string `json:"end,omitempty"`
	Message string `json:"message"`
}

func printJSON(w io.Writer, findings []finding, failures []failure, cold bool) error {
	tree := make(map[string]map[string]any)
	node := func(pkg string) map[string]any {
		if tree[pkg] == nil {
			tree[pkg] = make(map[string]any)
		}
		return tree[pkg]
	}
	for i := range findings {
		f := &findings[i]
		fset := f.pkg.Fset
		jd := jsonDiagnostic{Category: f.diag.Category, Posn: fset.Position(f.diag.Pos).String(), Message: f.diag.Message, Heat: heatJSON(f)}
		jd.Kind, jd.Shown, jd.Reason = kindOf(f), report.Shown(f.diag, f.heat, cold), report.Reason(f.diag, f.heat)
		jd.Verdict = verdictJSON(f)
		if f.diag.End.IsValid() {
			jd.End = fset.Position(f.diag.End).String()
		}
		for _, fix := range f.diag.SuggestedFixes {
			jf := jsonSuggestedFix{Message: fix.Message, Edits: []jsonTextEdit{}}
			for _, e := range fix.TextEdits {
				tf := fset.File(e.Pos)
				jf.Edits = append(jf.Edits, jsonTextEdit{tf.Name(), tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)})
			}
			jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
		}
		for _, r := range f.diag.Related {
			jr := jsonRelatedInfo{Posn: fset.Position(r.Pos).String(), Message: r.Message}
			if r.End.IsValid() {
				jr.End = fset.Position(r.End).String()
			}
			jd.Related = append(jd.Related, jr)
		}
		n := node(f.pkg.ID)
		list, _ := n[f.analyzer.Name].([]jsonDiagnostic)
		n[f.analyzer.Name] = append(list, jd)
	}
	for _, fail := range failures {
		node(fail.pkg)[fail.analyzer] = map[string]string{"error": fail.err}
	}
	out, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", out)
	return err
}

// triState is a boolean flag that remembers whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }

func (ts *triState) String() string {
	switch *ts {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

func (ts *triState) Set(value string) error {
	on, err := strconv.ParseBool(value)
	if err != nil {
		return fmt.Errorf("want true or false, not %q", value)
	}
	*ts = setFalse
	if on {
		*ts = setTrue
	}
	return nil
}
