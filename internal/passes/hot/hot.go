// Package hot is a non-reporting analyzer that gives every place of a
// package a heat, so that findings in hot code can be told from findings
// in code that runs once.
//
// Static heat needs nothing but the source: how many loops that are not
// provably short repeat the place (internal/passes/loops), whether its function
// serves HTTP requests, and whether a loop elsewhere in the package calls
// it. Profile heat comes from a CPU profile in pprof format
// (Options.Profile, the -hot.profile flag): the share of samples in the
// place's function and in its innermost loop. Functions are matched by
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
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// Options configure heat. Drivers bind them to the flags -hot.profile and
// -hot.min; they are read when the analyzer runs.
type Options struct {
	// Profile is a CPU profile file in pprof format, "auto" for the
	// default.pgo that go build -pgo=auto would use, or "" for none.
	Profile string
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

// paths returns the profile files named by Profile (comma-separated).
func (o *Options) paths() []string { return SplitPaths(o.Profile) }

// A ProfileFlag is the -hot.profile flag: comma-separated files, and each
// repetition of the flag adds its files to the list.
type ProfileFlag struct{ Spec *string }

func (f ProfileFlag) String() string {
	if f.Spec == nil {
		return ""
	}
	return *f.Spec
}

func (f ProfileFlag) Set(v string) error {
	if *f.Spec != "" && v != "" {
		v = *f.Spec + "," + v
	}
	*f.Spec = v
	return nil
}

// Auto is the Profile value that finds default.pgo as go build -pgo=auto does.
const Auto = "auto"

// ErrUsage marks option errors: a bad threshold, or a profile file that
// cannot be read or is not a pprof profile.
var ErrUsage = errors.New("bad -hot option")

// Validate checks the options and loads an explicitly named profile (once
// per process), so a driver can refuse bad ones before analysing anything.
func (o *Options) Validate() error {
	if o.Min < 0 || o.Min > 100 {
		return fmt.Errorf("%w: -hot.min=%g: want a percentage from 0 to 100", ErrUsage, o.Min)
	}
	if o.Min > 0 && o.Profile == "" {
		return fmt.Errorf("%w: -hot.min needs a profile (-hot.profile=FILE or auto)", ErrUsage)
	}
	paths := o.paths()
	if len(paths) > 1 && slices.Contains(paths, Auto) {
		return fmt.Errorf("%w: -hot.profile=auto stands alone: it finds the package's default.pgo", ErrUsage)
	}
	if len(paths) > 0 && o.Profile != Auto {
		if _, err := loadCached(paths); err != nil {
			hint := ""
			if errors.Is(err, fs.ErrNotExist) && slices.ContainsFunc(paths, func(p string) bool { return !filepath.IsAbs(p) }) {
				hint = " (go vet runs the tool in each package's directory: give an absolute path)"
			}
			return fmt.Errorf("%w: -hot.profile: %v%s", ErrUsage, err, hint)
		}
	}
	return nil
}

// ValidateIn is Validate for the package in dir: it also loads the profile
// that auto finds for it. The go vet tool calls it before analysing, so a
// bad profile is reported as such rather than as a failed prerequisite.
func (o *Options) ValidateIn(dir string) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.Profile == Auto {
		if _, err := autoProfile(dir); err != nil {
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
			if err := o.Validate(); err != nil {
				return nil, err
			}
			prof, err := o.profileFor(pass)
			if err != nil {
				return nil, err
			}
			return &Result{
				pass:     pass,
				in:       pass.ResultOf[inspect.Analyzer].(*inspector.Inspector),
				loops:    pass.ResultOf[loops.Analyzer].(*loops.Info),
				profs:    prof,
				min:      o.Min,
				tests:    o.TestFiles != nil && *o.TestFiles,
				regions:  make(map[regionKey]*region),
				allocs:   make(map[token.Pos]allocAt),
				verdicts: make(map[token.Pos]Verdict),
			}, nil
		},
		ResultType:       reflect.TypeFor[*Result](),
		RunDespiteErrors: true,
	}
}

// Default has no profile: static heat only.
var Default = New(&Options{})

func (o *Options) profileFor(pass *analysis.Pass) (*Set, error) {
	switch o.Profile {
	case "":
		return nil, nil
	case Auto:
		for _, f := range pass.Files {
			if name := pass.Fset.File(f.FileStart).Name(); strings.HasSuffix(name, ".go") {
				return autoProfile(filepath.Dir(name))
			}
		}
		return nil, nil
	}
	return loadCached(o.paths())
}

// A Result answers heat questions about one package.
type Result struct {
	pass  *analysis.Pass
	in    *inspector.Inspector
	loops *loops.Info
	profs *Set // nil without a profile
	min   float64
	tests bool // test code judged as code (-tests)

	once  sync.Once
	sites map[ast.Node]*fnSite
	cold  *coldIndex // built with sites

	mu       sync.Mutex
	regions  map[regionKey]*region
	allocs   map[token.Pos]allocAt // allocation findings by position
	verdicts map[token.Pos]Verdict // the compiler's verdicts on findings, by position
}

// allocAt is the code whose allocations an allocation finding is about.
type allocAt struct{ pos, end token.Pos }

type regionKey struct {
	kind Kind
	top  string
}

// Profiled reports whether a profile was given (and found, for auto).
func (r *Result) Profiled() bool {
	return r.profs != nil && (r.profs.CPU != nil || r.profs.Alloc != nil)
}

// MarkAlloc records that the finding at pos is about the allocations of
// the code from at to end (its own range, or the append that grows the
// slice it reports): its heat (At) is then measured by the allocation
// profile, when one was given, and says what that profile attributes to
// those lines. The reporter marks a finding before it asks for its heat;
// drivers that ask again later get the same answer.
func (r *Result) MarkAlloc(pos, at, end token.Pos) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.allocs[pos] = allocAt{at, end}
}

// A Verdict is the compiler's escape-analysis verdict (-escape) on the
// value an allocation finding is about.
type Verdict struct {
	// Heap: the compiler moves the value to the heap.
	Heap bool
	// Reason is the compiler's first reason for it (-m=2), if it gave one.
	Reason string
}

// MarkVerdict records the compiler's verdict on the finding at pos, for
// drivers that print it as a field (JSON, SARIF) besides the message.
func (r *Result) MarkVerdict(pos token.Pos, v Verdict) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.verdicts[pos] = v
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
	// findings marked with MarkAlloc), else the one that was given.
	Measure Kind
	// Seen: the profile has samples in Func.
	Seen bool
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
	// (MarkVerdict, -escape); nil without one. It rides with the heat
	// because both are the evidence drivers read per finding.
	Verdict *Verdict
}

// An AllocSite is what an allocation profile attributes to a finding.
type AllocSite struct {
	// Bytes and Objects were allocated on the finding's lines (by the
	// code there and what it calls); Share is Bytes as a percentage of
	// all bytes of the profile.
	Bytes, Objects int64
	Share          float64
	// LoopBytes and LoopObjects were allocated in the finding's innermost
	// loop (when InLoop).
	LoopBytes, LoopObjects int64
}

// score is the share of samples in the innermost code around the place:
// its loop if it is in one, else its function. Without a profile it is 0.
func (h Heat) score() float64 {
	if h.InLoop {
		return h.Loop
	}
	return h.Cum
}

// Cold reports whether a profile was given and never saw the function.
func (h Heat) Cold() bool { return h.Profiled && !h.Seen }

// LooksCold reports whether the place looks cold: with a profile, the
// profile never saw its function (the profile decides); without one, some
// cold evidence was found.
func (h Heat) LooksCold() bool {
	if h.Profiled && h.Func != "" {
		return h.Cold()
	}
	return len(h.ColdWhy) > 0
}

// Reason says in one line why the place counts as hot or cold: the
// evidence a reader needs to judge whether the verdict is right.
func (h Heat) Reason() string {
	switch {
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
	if h.Measure == Alloc {
		return h.allocSuffix()
	}
	if !h.Seen {
		return fmt.Sprintf("; cold: %s never ran in the CPU profile", h.Func)
	}
	s := fmt.Sprintf("; hot: %s of CPU in %s", Percent(h.Cum), h.Func)
	if h.InLoop {
		s += fmt.Sprintf(", %s in this loop", Percent(h.Loop))
	}
	return s
}

func (h Heat) allocSuffix() string {
	if !h.Seen {
		return "; cold: the allocation profile has no allocation in " + h.Func
	}
	if a := h.Alloc; a != nil && a.Bytes > 0 {
		s := fmt.Sprintf("; hot: allocated %s in %s here (%s of all bytes)", Bytes(a.Bytes), Objects(a.Objects), Percent(a.Share))
		if h.InLoop {
			s += fmt.Sprintf(", %s in this loop", Percent(h.Loop))
		}
		return s + fmt.Sprintf(", %s in %s", Percent(h.Cum), h.Func)
	}
	s := fmt.Sprintf("; hot: %s of allocated bytes in %s", Percent(h.Cum), h.Func)
	if h.InLoop {
		s += fmt.Sprintf(", %s in this loop", Percent(h.Loop))
	}
	return s
}

// Bytes formats a byte count with a decimal unit: 512 B, 12.4 kB, 1.3 GB.
func Bytes(n int64) string {
	return scaled(n, " B", []string{" kB", " MB", " GB", " TB"})
}

// Objects formats an object count: 7 objects, 12.4 k objects, 2.1 M objects.
func Objects(n int64) string {
	if n == 1 {
		return "1 object"
	}
	return scaled(n, " objects", []string{" k objects", " M objects", " G objects"})
}

func scaled(n int64, unit string, units []string) string {
	if n < 1000 {
		return fmt.Sprintf("%d%s", n, unit)
	}
	f := float64(n)
	i := -1
	for f >= 1000 && i < len(units)-1 {
		f /= 1000
		i++
	}
	return fmt.Sprintf("%.1f%s", f, units[i])
}

// Percent formats a share as 12.4%, keeping a small non-zero share visible.
func Percent(p float64) string {
	if p > 0 && p < 0.05 {
		return "<0.1%"
	}
	return fmt.Sprintf("%.1f%%", p)
}

// Keeps reports whether a finding with heat h survives -hot.min.
func (r *Result) Keeps(h Heat) bool {
	return r.min <= 0 || !h.Profiled || h.Func == "" || h.score() >= r.min
}

// At returns the heat of the place pos. It is safe for concurrent use by
// the analyzers of the package.
func (r *Result) At(pos token.Pos) Heat {
	h := Heat{Profiled: r.Profiled()}
	r.mu.Lock()
	if v, ok := r.verdicts[pos]; ok {
		h.Verdict = &v
	}
	r.mu.Unlock()
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
		r.mu.Lock()
		at, alloc := r.allocs[pos]
		r.mu.Unlock()
		r.fromProfile(&h, c, site, alloc, pos, at)
	}
	return h
}

// static fills in static heat.
func (r *Result) static(h *Heat, c inspector.Cursor, site *fnSite) {
	if site.top != nil && site.top.Recv == nil && site.top.Name.Name == "init" {
		return // cold evidence says why
	}
	for l := r.loops.Innermost(c); l != nil; l = l.Parent {
		if l.Cold {
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
		if query.IsHTTPHandler(r.pass.TypesInfo, anc.Node()) {
			h.Static++
			h.StaticWhy = append(h.StaticWhy, "per-request handler")
			break
		}
	}
	if site.top == nil {
		return // a closure in a package-level initialiser: called by name nowhere
	}
	if fn, ok := r.pass.TypesInfo.Defs[site.top.Name].(*types.Func); ok {
		if caller, ok := r.loops.CalledInLoop(fn); ok && r.cold.realCaller(r.pass.TypesInfo, caller) {
			name := "package-level code"
			if site := r.sites[caller]; site != nil {
				name = site.name
			}
			h.Static++
			h.StaticWhy = append(h.StaticWhy, "called in a loop by "+name)
		}
	}
}

// fromProfile fills in profile heat from the profile that measures the
// finding: the allocation profile for an allocation finding (alloc; the
// allocating code is at), else the CPU profile; the other when only one was
// given.
func (r *Result) fromProfile(h *Heat, c inspector.Cursor, site *fnSite, alloc bool, pos token.Pos, at allocAt) {
	kind := CPU
	if alloc {
		kind = Alloc
	}
	prof := r.profs.Of(kind)
	if prof == nil {
		kind = 1 - kind
		prof = r.profs.Of(kind)
	}
	h.Measure = kind
	prefix := pkgPrefix(r.pass.Pkg) + "."
	reg := r.region(prof, prefix+site.topName)
	fset := r.pass.Fset
	topStart := int64(fset.Position(site.topPos()).Line)
	fns := reg.exact
	if _, ok := site.node.(*ast.FuncLit); ok {
		off := int64(fset.Position(site.node.Pos()).Line) - topStart
		// Closures of package-level initialisers live in the synthetic
		// init function, whose start says nothing: match them by name.
		fns = reg.closure(off, prefix+site.name, site.top == nil)
	}
	if alloc && at.pos != pos {
		// The loop that repeats the allocation, not the finding's node
		// (prealloc's declaration sits outside the loop that grows it).
		if ac, ok := r.in.Root().FindByPos(at.pos, at.pos); ok {
			c = ac
		}
	}
	loop := noSpan
	if l := r.loops.Innermost(c); l != nil && l.Func == site.node {
		h.InLoop = true
		loop = span{int64(fset.Position(l.Stmt.Pos()).Line) - topStart, int64(fset.Position(l.Stmt.End()).Line) - topStart}
	}
	here := noSpan
	if alloc && kind == Alloc {
		from := int64(fset.Position(at.pos).Line)
		to := from
		if at.end.IsValid() {
			to = max(from, int64(fset.Position(at.end).Line))
		}
		here = span{from - topStart, to - topStart}
	}
	m := reg.measure(fns, loop, here)
	h.Seen = m.cum.value > 0
	h.Flat = prof.share(m.flat.value)
	h.Cum = prof.share(m.cum.value)
	h.Loop = prof.share(m.loop.value)
	if here != noSpan {
		h.Alloc = &AllocSite{
			Bytes: m.here.value, Objects: m.here.objects, Share: prof.share(m.here.value),
			LoopBytes: m.loop.value, LoopObjects: m.loop.objects,
		}
	}
}

func (r *Result) region(p *Profile, top string) *region {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := regionKey{p.Kind, top}
	reg := r.regions[key]
	if reg == nil {
		reg = p.region(top)
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
	want := reflect.TypeFor[*Result]()
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
