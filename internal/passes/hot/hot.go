// Package hot is a non-reporting analyzer that gives every place of a
// package a heat, so that findings in hot code can be told from findings
// in code that runs once.
//
// Static heat needs nothing but the source: how many loops that are not
// provably short repeat the place (internal/passes/loops), whether its function
// serves HTTP requests, and whether a loop elsewhere in the package calls
// it. Profile heat comes from CPU and allocation profiles in pprof format
// (the -hot.profile flag), which the driver layer opens (internal/profile)
// and hands over as Options.Profiles: the share of samples in the place's
// function and in its innermost loop. Functions are matched by
// their full symbol name (package path, receiver, closure suffix), and
// lines by their distance from the start of their top-level function, which
// pprof records, so a profile taken a few commits ago still matches after
// code above the function moved.
//
// Heat is computed when asked (Result.At), for the few places that have a
// finding; without a profile the analyzer's run costs nothing.
package hot

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/query"
)

// Options configure heat. Drivers bind Profile and Min to the flags
// -hot.profile and -hot.min, and open the profiles with Prepare before
// analysis; the analyzer reads Profiles and Min when it runs and reads no
// file itself.
type Options struct {
	// Profile is -hot.profile as given: pprof files (comma-separated),
	// "auto" for the default.pgo that go build -pgo=auto would use, or ""
	// for none. Prepare opens it into Profiles.
	Profile string
	// Profiles gives each package its profiles (internal/profile); nil:
	// static heat only. The driver layer sets it (Prepare), as it sets the
	// compiler's verdict.
	Profiles profile.Source
	// Min drops findings in code with a smaller share of the profile's
	// samples, in percent. 0 keeps all (findings in code the profile never
	// saw are marked cold).
	Min float64
	// TestFiles, when it points to true, judges test code as code: a
	// finding in a _test.go file gets no cold evidence for being there.
	// It is the report policy's TestFiles (-tests), shared by pointer
	// because drivers set flags after the suite is built (analyzers.New
	// links the two); nil is false.
	TestFiles *bool
}

// DefaultMin is -hot.min's default, in percent: a kept finding must hold
// at least 1% of the profile that measures it. In the judged runs on real
// modules' benchmark profiles (docs/judging.md, "Profile mode") every
// finding under 1% was not worth fixing (toml's boxing at 0.5% of its
// loop, 0.1% of all bytes), as was issue #26's "<0.1% of all bytes".
const DefaultMin = 1

// ErrUsage marks option errors: a bad threshold, or a profile file that
// cannot be read or is not a pprof profile.
var ErrUsage = errors.New("bad -hot option")

// checkMin checks -hot.min. Without a profile it has nothing to measure
// and is no error: it has a default (DefaultMin), and a profile may be
// found per package (auto) or not at all.
func (o *Options) checkMin() error {
	if o.Min < 0 || o.Min > 100 {
		return fmt.Errorf("%w: -hot.min=%g: want a percentage from 0 to 100", ErrUsage, o.Min)
	}
	return nil
}

// Prepare checks the options and opens the profiles Profile names
// (profile.Open: files are read now, once per process; auto is resolved
// per package when the analyzer asks), so a driver can refuse bad ones
// before analysing anything. Drivers call it once flags are parsed.
func (o *Options) Prepare() error {
	if err := o.checkMin(); err != nil {
		return err
	}
	src, err := profile.Open(o.Profile)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUsage, err)
	}
	o.Profiles = src
	return nil
}

// PrepareIn is Prepare for the package in dir: it also loads the profile
// that auto finds for it. The go vet tool calls it before analysing, so a
// bad profile is reported as such rather than as a failed prerequisite.
func (o *Options) PrepareIn(dir string) error {
	if err := o.Prepare(); err != nil {
		return err
	}
	if o.Profile == profile.Auto {
		if _, err := o.Profiles.For("", dir); err != nil {
			return fmt.Errorf("%w: -hot.profile=auto: %v", ErrUsage, err)
		}
	}
	return nil
}

// New returns the heat analyzer reading opts at run time. Each suite
// builds its own, like the report analyzer, so suites never share options.
func New(opts *Options) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "hot",
		Doc:      "gives each function and loop a heat, static and from a CPU profile (-hot.profile), for perfvet's reporter",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			o := *opts
			if err := o.checkMin(); err != nil {
				return nil, err
			}
			prof, err := profilesFor(o.Profiles, pass)
			if err != nil {
				return nil, err
			}
			return &Result{
				pass:  pass,
				in:    pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
				loops: pass.ResultOf[loops.Analyzer].(*loops.Info),
				profs: prof,
				min:   o.Min,
				// A command's code is named by its import path in a
				// test binary's profile (pkgPrefix).
				testBinaries: profile.FromTestBinaries(o.Profiles),
				tests:        o.TestFiles != nil && *o.TestFiles,
				regions:      make(map[regionKey]*profile.Region),
			}, nil
		},
		ResultType:       reflect.TypeFor[*Result](),
		RunDespiteErrors: true,
	}
}

// Default has no profile: static heat only.
var Default = New(&Options{})

// profilesFor asks src for the profiles of the package: by its path and
// the directory of its first Go file.
func profilesFor(src profile.Source, pass *analysis.Pass) (*profile.Set, error) {
	if src == nil {
		return nil, nil
	}
	for _, f := range pass.Files {
		if name := pass.Fset.File(f.FileStart).Name(); strings.HasSuffix(name, ".go") {
			return src.For(pass.Pkg.Path(), filepath.Dir(name))
		}
	}
	return nil, nil
}

// A Result answers heat questions about one package.
type Result struct {
	pass  *analysis.Pass
	in    *inspector.Inspector
	loops *loops.Info
	profs *profile.Set // nil without a profile
	// testBinaries: the profiles are of test binaries (-hot.bench).
	testBinaries bool
	min          float64
	tests        bool // test code judged as code (-tests)

	once  sync.Once
	sites map[ast.Node]*fnSite
	cold  *coldIndex // built with sites

	mu      sync.Mutex
	regions map[regionKey]*profile.Region

	callersOnce sync.Once
	callers     map[*types.Func]ast.Node // see CalledInLoop
}

// A Range is a range of source: code whose allocations an allocation
// finding is about (AtAlloc).
type Range struct {
	Pos, End token.Pos
	// Via, if set, counts only what went below the lines through the
	// function so named, or through the runtime alone (profile.Span.Via).
	Via string
	// Size and NotSizes count only the objects of one size, or all but
	// those (profile.Span.Size).
	Size     int64
	NotSizes []int64
}

// allocAt is the code whose allocations an allocation finding is about:
// its first range places the loop that repeats them.
type allocAt []Range

type regionKey struct {
	kind profile.Kind
	top  string
}

// Profiled reports whether a profile that measures heat was given (and
// found, for auto): CPU or allocation. A goroutine leak or contention
// profile alone says nothing of the heat of other code (runtime.go).
func (r *Result) Profiled() bool {
	return r.profs.Of(profile.CPU) != nil || r.profs.Of(profile.Alloc) != nil
}

// A Verdict is the compiler's escape-analysis verdict (-escape) on the
// value an allocation finding is about.
type Verdict struct {
	// Heap: the compiler moves the value to the heap.
	Heap bool
	// Reason is the compiler's first reason for it (-m=2), if it gave one.
	Reason string
}

// Heat is what is known of how often a place runs.
type Heat struct {
	// Func is the function holding the place as profiles name it, without
	// the package: parseRecord, (*T).M, F.func1. Empty at package level.
	Func string
	// Static counts the reasons the place is hot without a profile: each
	// enclosing loop that is not provably short, a per-request handler, a
	// function called in a loop of the package. 0 for code that runs once
	// per program (init, package-level initialisers).
	Static    int
	StaticWhy []string
	// ColdWhy lists the evidence, without a profile, that the place runs
	// rarely (cold.go): package main, init, a String method, configuration
	// decoding, an error path, a loop over a small domain, ... Any one is
	// enough for the reporter to set a cost finding aside by default.
	ColdWhy []string
	// Profiled: a profile was given; the fields below mean something.
	Profiled bool
	// Measure is the kind of profile the fields below come from: the one
	// that measures the finding's cost (CPU time, or allocation for the
	// findings, AtAlloc), else the one that was given.
	Measure profile.Kind
	// Seen: the profile has samples in Func.
	Seen bool
	// PerSample is the measuring profile's value per recorded sample
	// (profile.Profile.PerSample: the allocation sampler's rate, the CPU
	// profiler's period), 0 when it does not say; Samples is then about
	// how many samples measured the share -hot.min compares (score). A share from a handful of samples moves from run to
	// run: SurelyAtLeast weighs it.
	PerSample float64
	Samples   float64
	// Flat and Cum are Func's share of all samples, in percent: in its own
	// code, and with what it calls.
	Flat, Cum float64
	// InLoop: the place is in a loop of Func; Loop is the share of samples
	// that pass through the loop's lines.
	InLoop bool
	Loop   float64
	// Alloc is what an allocation profile attributes to an allocation
	// finding's own lines and loop; nil otherwise.
	Alloc *AllocSite
	// Verdict is the compiler's verdict on the finding's allocation
	// (-escape), set by the reporter (report.Index.HeatOf); nil without
	// one. It rides with the heat
	// because both are the evidence drivers read per finding.
	Verdict *Verdict
	// Own is what a CPU profile measured in the own code of the lines of a
	// finding about time spent there (AtTime: deferloop's defer record),
	// the runtime below them included and calls of other Go code not: what
	// its change would save. nil otherwise.
	Own *OwnTime
	// Aside says why a profile that saw the place still sets it aside as
	// cold: its share is under -hot.min, or it is test code (a benchmark's
	// harness is not the product) without -tests. "" otherwise.
	Aside string
	// Min is the -hot.min in force (with a profile), for rules that
	// measure more than the innermost code's share (report.ProfileShowsHot:
	// a hot-only allocation finding's own lines).
	Min float64
	// Contention is what a mutex or block profile measured on the lock of
	// a finding reported with report.ReportContended; nil when it measured
	// nothing there or no such profile was given.
	Contention *profile.Amounts
}

// An AllocSite is what an allocation profile attributes to a finding.
type AllocSite struct {
	// Bytes and Objects were allocated on the finding's lines (by the
	// code there and what it calls); Share is Bytes as a percentage of
	// all bytes of the profile.
	Bytes, Objects int64
	Share          float64
	// Size, if set, is the size of the only objects counted (a box's),
	// NotSizes those of objects not counted (a map's first group):
	// Range.Size.
	Size     int64
	NotSizes []int64
	// OwnBytes and OwnShare are what the lines' own code allocated (the
	// runtime below it, no call of other Go code: a conversion's box, not
	// a slice a function called on the line made).
	OwnBytes int64
	OwnShare float64
	// LoopBytes and LoopObjects were allocated in the finding's innermost
	// loop (when InLoop).
	LoopBytes, LoopObjects int64
}

// OwnTime is the CPU a finding's own lines took (Heat.Own).
type OwnTime struct {
	Value int64   // in the profile's unit (nanoseconds for a CPU profile)
	Share float64 // of all samples, in percent
}

// score is what -hot.min and the ranking compare: the share of samples
// of what the finding's change would save where the profile measured it
// (the bytes of an allocation finding's lines, the CPU of a time
// finding's own code), else of the innermost code around the place, its
// loop if it is in one, else its function. Without a profile it is 0.
func (h Heat) score() float64 {
	switch {
	case h.Alloc != nil:
		return h.Alloc.Share
	case h.Own != nil:
		return h.Own.Share
	case h.InLoop:
		return h.Loop
	}
	return h.Cum
}

// NeverSampled reports whether a profile was given and has no sample in
// the place's function: a fact about the profile. LooksCold is the
// verdict that uses it.
func (h Heat) NeverSampled() bool { return h.Profiled && !h.Seen }

// LooksCold is the verdict on the place: with a profile, the profile
// never saw its function (NeverSampled), or saw it but sets it aside
// (Aside: under -hot.min, or test code); the profile decides. Without
// one, some cold evidence was found (ColdWhy). A cost finding in code
// that looks cold is set aside (report.Shown).
func (h Heat) LooksCold() bool {
	if h.Contention != nil {
		return false // the lock was measured contended
	}
	if h.Profiled && h.Func != "" {
		return h.NeverSampled() || h.Aside != ""
	}
	return len(h.ColdWhy) > 0
}

// Reason says in one line why the place counts as hot or cold: the
// evidence a reader needs to judge whether the verdict is right.
func (h Heat) Reason() string {
	switch {
	case h.Contention != nil:
		return strings.TrimPrefix(h.Contention.ContentionNote(), "; ")
	case h.Profiled && h.Func != "" && h.Aside != "":
		return strings.TrimPrefix(h.Suffix(), "; ") + "; set aside: " + h.Aside
	case h.Profiled && h.Func != "":
		return strings.TrimPrefix(h.Suffix(), "; ")
	case len(h.ColdWhy) > 0:
		return "looks cold: " + strings.Join(h.ColdWhy, "; ")
	case h.Static > 0:
		return "hot: " + strings.Join(h.StaticWhy, ", ")
	}
	return "no evidence of heat or cold"
}

// Rank orders places hottest first: the profile's share, else static
// heat; places that look cold rank below all others.
func (h Heat) Rank() float64 {
	rank := h.score()*1000 + float64(h.Static)
	if h.LooksCold() {
		rank -= 1e9
	}
	return rank
}

// Suffix is what a finding's message gains: "; hot: 12.4% of CPU in
// parseRecord, 9.8% in this loop", or "; cold: ... never ran in the CPU
// profile". Empty without a profile.
//
// Measured by an allocation profile: "; hot: allocated 1.3 GB in 2.1 M
// objects here (8.2% of all bytes), 9.0% in this loop, 20.1% in
// parseRecord", or "; cold: the allocation profile has no allocation in
// parseRecord".
func (h Heat) Suffix() string {
	if !h.Profiled || h.Func == "" {
		return ""
	}
	if h.Measure == profile.Alloc {
		return h.allocSuffix()
	}
	if !h.Seen {
		return fmt.Sprintf("; cold: %s never ran in the CPU profile", h.Func)
	}
	if o := h.Own; o != nil && o.Value > 0 {
		// As for allocations: here, then the loop, then the function.
		s := fmt.Sprintf("; hot: %s of CPU here", profile.Percent(o.Share))
		if h.InLoop {
			s += fmt.Sprintf(", %s in this loop", profile.Percent(h.Loop))
		}
		return s + fmt.Sprintf(", %s in %s", profile.Percent(h.Cum), h.Func)
	}
	s := fmt.Sprintf("; hot: %s of CPU in %s", profile.Percent(h.Cum), h.Func)
	if h.InLoop {
		s += fmt.Sprintf(", %s in this loop", profile.Percent(h.Loop))
	}
	return s
}

func (h Heat) allocSuffix() string {
	if !h.Seen {
		return "; cold: the allocation profile has no allocation in " + h.Func
	}
	if a := h.Alloc; a != nil && a.Bytes > 0 {
		s := fmt.Sprintf("; hot: allocated %s in %s here (%s of all bytes)", profile.Bytes(a.Bytes), profile.Objects(a.Objects), profile.Percent(a.Share))
		if h.InLoop {
			s += fmt.Sprintf(", %s in this loop", profile.Percent(h.Loop))
		}
		return s + fmt.Sprintf(", %s in %s", profile.Percent(h.Cum), h.Func)
	}
	s := fmt.Sprintf("; hot: %s of allocated bytes in %s", profile.Percent(h.Cum), h.Func)
	if h.InLoop {
		s += fmt.Sprintf(", %s in this loop", profile.Percent(h.Loop))
	}
	return s
}

// Keeps reports whether a finding with heat h survives -hot.min: its
// share is at least min, and surely so for the samples that measured it.
func (r *Result) Keeps(h Heat) bool {
	return r.min <= 0 || !h.Profiled || h.Func == "" || SurelyAtLeast(h.score(), h.scoreSamples(), r.min)
}

// scoreSamples is Samples, or +Inf when the profile does not say.
func (h Heat) scoreSamples() float64 {
	if h.PerSample <= 0 {
		return math.Inf(1)
	}
	return h.Samples
}

// SamplesOf returns about how many samples measured the value v of the
// profile that measured h (+Inf when it does not say).
func (h Heat) SamplesOf(v int64) float64 {
	if h.PerSample <= 0 {
		return math.Inf(1)
	}
	return float64(v) / h.PerSample
}

// SurelyAtLeast reports whether a share (in percent) that a profile
// measured from about samples samples is at least min, beyond the
// sampling's chance: its lower bound at 95% (one-sided) is. A sampling
// profiler's count is Poisson: from k samples the share is known to about
// ±1/√k of itself, so 1.1% from 4 samples says little more than "about
// 1%" (a judged run's 1.0% from 4 samples, issue #26), while 1.1% from
// 500 is 1.1%. The bound is the square-root approximation,
// (√k − z/2)² / k of the share, with z = 1.645.
func SurelyAtLeast(share, samples, min float64) bool {
	if share < min {
		return false
	}
	return LowerShare(share, samples) >= min
}

// LowerShare is the lower bound SurelyAtLeast compares.
func LowerShare(share, samples float64) float64 {
	const z = 1.645
	if math.IsInf(samples, 1) {
		return share
	}
	root := math.Sqrt(samples) - z/2
	if root <= 0 || samples <= 0 {
		return 0
	}
	return share * root * root / samples
}

// At returns the heat of the place pos. It is safe for concurrent use by
// the analyzers of the package.
func (r *Result) At(pos token.Pos) Heat {
	return r.at(pos, measurePlace, nil)
}

// What a finding's heat measures: its place (its loop, else its
// function), the allocations of some lines, or the time of some lines.
type measure int

const (
	measurePlace measure = iota
	measureAlloc
	measureTime
)

// AtAlloc returns the heat of a finding at pos about the allocations of
// the code at (its own range; the append that grows the slice it reports;
// a buffer's declaration and the calls that write to it, which grow it):
// it is measured by the allocation profile, when one was given, and says
// what that profile attributes to those lines (Heat.Alloc). The first
// range places the loop that repeats the allocations.
func (r *Result) AtAlloc(pos token.Pos, at ...Range) Heat {
	return r.at(pos, measureAlloc, at)
}

// AtTime returns the heat of a finding at pos about time spent in the own
// code of the lines at (a defer statement's record, pushed by the
// runtime): it is measured by the CPU profile, when one was given, and
// Heat.Own says what that profile attributes to those lines' own code.
func (r *Result) AtTime(pos token.Pos, at ...Range) Heat {
	return r.at(pos, measureTime, at)
}

func (r *Result) at(pos token.Pos, what measure, at allocAt) Heat {
	h := Heat{Profiled: r.Profiled()}
	c, ok := r.in.Root().FindByPos(pos, pos)
	if !ok {
		return h
	}
	r.once.Do(r.index)
	fn := query.EnclosingFunc(c)
	if id, ok := c.Node().(*ast.FuncDecl); ok {
		fn = id // a finding on a declaration is about that function
	}
	site := r.sites[fn]
	if site == nil {
		h.ColdWhy = r.coldAt(c, nil)
		h.ColdWhy = append(h.ColdWhy, "package-level: runs once")
		return h
	}
	h.Func = site.name
	r.static(&h, c, site)
	h.ColdWhy = r.coldAt(c, site)
	if h.Profiled {
		r.fromProfile(&h, c, site, what, pos, at)
		h.Aside = r.aside(h)
		h.Min = r.min
	}
	return h
}

// aside says why a profile sets a place it saw aside: its share under
// -hot.min, or test code without -tests (under a profile the cold
// evidence is otherwise the profile's to decide, but a benchmark's
// harness, run in every benchmark, is not what the benchmark measures).
func (r *Result) aside(h Heat) string {
	if !h.Seen {
		return ""
	}
	if !r.tests {
		for _, why := range h.ColdWhy {
			if isTestEvidence(why) {
				return "test code (" + why + ")"
			}
		}
	}
	// A finding measured by what its change would save (score): the
	// bytes of its own lines, calls on them included (a buffer grows in
	// its Write), or its own code's CPU (a defer record, pushed by the
	// runtime); not its loop's, which may be hot while the finding's
	// branch never runs or its share is a sliver.
	switch {
	case h.Alloc != nil && h.Alloc.Bytes == 0 && h.Alloc.Size != 0:
		return fmt.Sprintf("the allocation profile saw no %d-byte object allocated on its lines", h.Alloc.Size)
	case h.Alloc != nil && h.Alloc.Bytes == 0 && len(h.Alloc.NotSizes) > 0:
		sizes := make([]string, len(h.Alloc.NotSizes))
		for i, n := range h.Alloc.NotSizes {
			sizes[i] = fmt.Sprintf("%d-byte", n)
		}
		return fmt.Sprintf("the allocation profile saw no allocation on its lines but of %s objects, which its change would not save", strings.Join(sizes, " and "))
	case h.Alloc != nil && h.Alloc.Bytes == 0:
		return "the allocation profile saw no allocation on its lines"
	case h.Own != nil && h.Own.Value == 0:
		return "the CPU profile saw no time in its own code"
	case r.Keeps(h):
		return ""
	}
	share, under := floorShare(h.score(), r.min), fmt.Sprintf("is under -hot.min=%g%%", r.min)
	if h.score() >= r.min {
		// Above min, but measured by too few samples to say so.
		under = fmt.Sprintf("is from %s, too few to tell it from a share under -hot.min=%g%% (a longer profile samples more)", SamplesText(h.Samples), r.min)
	}
	switch {
	case h.Alloc != nil:
		return fmt.Sprintf("its lines allocated %s of all bytes, %s", share, strings.TrimPrefix(under, "is "))
	case h.Own != nil:
		return fmt.Sprintf("its own code took %s of the CPU, %s", share, strings.TrimPrefix(under, "is "))
	}
	return fmt.Sprintf("%s %s", share, under)
}

// SamplesText says about how many samples measured a share.
func SamplesText(n float64) string {
	switch k := math.Round(n); {
	case k < 1:
		return "less than one sample"
	case k == 1:
		return "about 1 sample"
	default:
		return fmt.Sprintf("about %g samples", k)
	}
}

// floorShare writes share as a percentage, floored to two decimals where
// rounding would show it at min: 0.99% would read "1.0% is under
// -hot.min=1%".
func floorShare(share, min float64) string {
	s := profile.Percent(share)
	if s == profile.Percent(min) {
		s = fmt.Sprintf("%.2f%%", math.Floor(share*100)/100)
	}
	return s
}

// isTestEvidence reports whether a cold reason says the place is test code
// or test support (cold.go's wording).
func isTestEvidence(why string) bool {
	return why == testCodeEvidence || strings.HasSuffix(why, ": test support") ||
		strings.Contains(why, ": test support (") || strings.Contains(why, ": test assertions") ||
		why == "called only from tests"
}

// static fills in static heat.
func (r *Result) static(h *Heat, c inspector.Cursor, site *fnSite) {
	if site.top != nil && site.top.Recv == nil && site.top.Name.Name == "init" {
		return // cold evidence says why
	}
	for l := r.loops.Innermost(c); l != nil; l = l.Parent {
		if IsCold(l) {
			continue
		}
		h.Static++
		if l.Count != "" {
			h.StaticWhy = append(h.StaticWhy, fmt.Sprintf("%s %s of %s", article(l.Kind.String()), l.Kind, l.Count))
		} else {
			h.StaticWhy = append(h.StaticWhy, article(l.Kind.String())+" "+l.Kind.String())
		}
	}
	for anc := range c.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if r.perCallOf(anc.Node()).handler {
			h.Static++
			h.StaticWhy = append(h.StaticWhy, "per-request handler")
			break
		}
	}
	if site.top == nil {
		return // a closure in a package-level initialiser: called by name nowhere
	}
	if p := r.perCallOf(site.top); p.called && r.cold.realCaller(r.pass.TypesInfo, p.caller) {
		name := "package-level code"
		if site := r.sites[p.caller]; site != nil {
			name = site.name
		}
		h.Static++
		h.StaticWhy = append(h.StaticWhy, "called in a loop by "+name)
	}
}

// fromProfile fills in profile heat from the profile that measures the
// finding: the allocation profile for an allocation finding (alloc; the
// allocating code is at), else the CPU profile; the other when only one was
// given.
func (r *Result) fromProfile(h *Heat, c inspector.Cursor, site *fnSite, what measure, pos token.Pos, at allocAt) {
	alloc := what == measureAlloc
	kind := profile.CPU
	if alloc {
		kind = profile.Alloc
	}
	prof := r.profs.Of(kind)
	if prof == nil { // one kind given: it measures every finding
		if kind == profile.CPU {
			kind = profile.Alloc
		} else {
			kind = profile.CPU
		}
		prof = r.profs.Of(kind)
	}
	h.Measure = kind
	prefix := pkgPrefix(r.pass.Pkg, r.testBinaries) + "."
	reg := r.region(prof, prefix+site.topName)
	fset := r.pass.Fset
	topStart := int64(fset.Position(site.topPos()).Line)
	fns := reg.Top()
	if _, ok := site.node.(*ast.FuncLit); ok {
		off := int64(fset.Position(site.node.Pos()).Line) - topStart
		// Closures of package-level initialisers live in the synthetic
		// init function, whose start says nothing: match them by name.
		fns = reg.Closure(off, prefix+site.name, site.top == nil)
	}
	if what != measurePlace && len(at) > 0 && at[0].Pos != pos {
		// The loop that repeats the allocation, not the finding's node
		// (prealloc's declaration sits outside the loop that grows it).
		if ac, ok := r.in.Root().FindByPos(at[0].Pos, at[0].Pos); ok {
			c = ac
		}
	}
	loop := profile.NoSpan
	if l := r.loops.Innermost(c); l != nil && l.Func == site.node {
		h.InLoop = true
		loop = profile.Span{From: int64(fset.Position(l.Stmt.Pos()).Line) - topStart, To: int64(fset.Position(l.Stmt.End()).Line) - topStart}
	}
	var here profile.Spans
	if reg.KnowsLines() && (alloc && kind == profile.Alloc || what == measureTime && kind == profile.CPU) {
		// Without the function's start line no line can be placed, and
		// "nothing on its lines" would be a fact about the profile's
		// format, not the code: such a finding keeps its function's share.
		here = make(profile.Spans, 0, len(at))
		for _, a := range at {
			from := int64(fset.Position(a.Pos).Line)
			to := from
			if a.End.IsValid() {
				to = max(from, int64(fset.Position(a.End).Line))
			}
			here = append(here, profile.Span{From: from - topStart, To: to - topStart, Via: a.Via, Size: a.Size, NotSizes: a.NotSizes})
		}
	}
	m := reg.Measure(fns, loop, here)
	h.PerSample = prof.PerSample
	h.Seen = m.Cum.Value > 0
	h.Flat = prof.Share(m.Flat.Value)
	h.Cum = prof.Share(m.Cum.Value)
	h.Loop = prof.Share(m.Loop.Value)
	if len(here) > 0 && what == measureTime {
		h.Own = &OwnTime{Value: m.HereOwn.Value, Share: prof.Share(m.HereOwn.Value)}
	}
	if len(here) > 0 && alloc {
		h.Alloc = &AllocSite{
			Bytes: m.Here.Value, Objects: m.Here.Objects, Share: prof.Share(m.Here.Value),
			OwnBytes: m.HereOwn.Value, OwnShare: prof.Share(m.HereOwn.Value),
			LoopBytes: m.Loop.Value, LoopObjects: m.Loop.Objects,
		}
		h.Alloc.Size, h.Alloc.NotSizes = onlySizes(at)
	}
	v := m.Cum.Value // the value whose share score picks
	switch {
	case h.Alloc != nil:
		v = h.Alloc.Bytes
	case h.Own != nil:
		v = h.Own.Value
	case h.InLoop:
		v = m.Loop.Value
	}
	h.Samples = h.SamplesOf(v)
}

// onlySizes are the sizes of the only objects the ranges count and of
// those they skip, where they agree on them.
func onlySizes(at allocAt) (size int64, notSizes []int64) {
	size, notSizes = at[0].Size, at[0].NotSizes
	for _, a := range at {
		if a.Size != size {
			size = 0
		}
		if !slices.Equal(a.NotSizes, notSizes) {
			notSizes = nil
		}
	}
	return size, notSizes
}

func (r *Result) region(p *profile.Profile, top string) *profile.Region {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := regionKey{p.Kind, top}
	reg := r.regions[key]
	if reg == nil {
		reg = p.Region(top)
		r.regions[key] = reg
	}
	return reg
}

// topPos is where the top-level function starts: its func keyword, the
// line pprof records as the function's start.
func (s *fnSite) topPos() token.Pos {
	if s.top != nil {
		return s.top.Pos()
	}
	return s.node.Pos()
}

// index names every function of the package as the compiler does and
// finds the functions that loops of the package call.
func (r *Result) index() {
	r.buildCold()
	r.sites = make(map[ast.Node]*fnSite)
	inits := 0
	globals := &fnSite{name: "init", topName: "init"} // package-level initialisers' closures: init.funcN
	for _, f := range r.pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				name := declName(d)
				if d.Recv == nil && d.Name.Name == "init" {
					name = fmt.Sprintf("init.%d", inits)
					inits++
				}
				site := &fnSite{top: d, topName: name, node: d, name: name}
				r.sites[d] = site
				if d.Body != nil {
					r.nameClosures(d.Body, site)
				}
			case *ast.GenDecl:
				r.nameClosures(d, globals)
			}
		}
	}
}

// nameClosures names the function literals under n, whose nearest
// enclosing function is parent.
func (r *Result) nameClosures(n ast.Node, parent *fnSite) {
	ast.Inspect(n, func(m ast.Node) bool {
		lit, ok := m.(*ast.FuncLit)
		if !ok {
			return true
		}
		site := &fnSite{top: parent.top, topName: parent.topName, node: lit, name: closureName(parent)}
		r.sites[lit] = site
		r.nameClosures(lit.Body, site)
		return false
	})
}

// article is "in a" or "in an" before word.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "in an"
	}
	return "in a"
}

// Find returns the heat analyzer that a suite requires (through its report
// analyzer), or nil. Drivers run it as a root as well, so its result
// outlives the analysis and each finding's heat can be looked up.
func Find(suite []*analysis.Analyzer) *analysis.Analyzer {
	return FindByResult(suite, reflect.TypeFor[*Result]())
}

// FindByResult returns the first analyzer of suite, or of what they
// require (depth first), whose result is of type want; nil if none is.
func FindByResult(suite []*analysis.Analyzer, want reflect.Type) *analysis.Analyzer {
	seen := make(map[*analysis.Analyzer]bool)
	var find func(as []*analysis.Analyzer) *analysis.Analyzer
	find = func(as []*analysis.Analyzer) *analysis.Analyzer {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if a.ResultType == want {
				return a
			}
			if h := find(a.Requires); h != nil {
				return h
			}
		}
		return nil
	}
	return find(suite)
}
