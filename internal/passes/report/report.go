// Package report is the one way perfvet's analyzers report findings.
//
// Nothing in go/analysis suppresses diagnostics: go vet prints all that an
// analyzer reports. So perfvet filters inside the analysis itself, through a
// shared non-reporting analyzer that indexes each package's directives once,
// and a Reporter that every analyzer calls instead of pass.Report. It drops
// findings in generated files, keeps findings in _test.go files only inside
// the timed loops of benchmarks (unless Policy.TestFiles), and honours
//
//	//nolint, //nolint:all, //nolint:perfvet, //nolint:<analyzer>[,<analyzer>...]
//	//nolint:staticcheck (the bundled SA checks; names compare in any case)
//	//lint:ignore <analyzer>[,<analyzer>...] reason
//	//lint:file-ignore <analyzer>[,<analyzer>...] reason
//
// //nolint follows golangci-lint: it covers the lines of its comment group,
// and the whole node when the group stands alone on the lines just above a
// node starting in the same column (a directive above a func covers the
// func). //lint:ignore follows staticcheck: it covers the first line of the
// node it is attached to, and needs a reason; names are matched as globs.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/typeshape"
	"github.com/perfvet/perfvet/internal/verdict"
)

// Suite is the name that stands for every perfvet analyzer in directives.
const Suite = "perfvet"

// Staticcheck is the name that stands for the bundled staticcheck checks
// (SA6005, ...) in //nolint directives, as golangci-lint users write it:
// golangci-lint runs those checks in its linter of that name.
const Staticcheck = "staticcheck"

// Policy says which findings the reporter keeps. Drivers bind it to flags;
// each analyzer suite gets its own, so the go vet tool and a golangci-lint
// plugin in one process never share it.
type Policy struct {
	// TestFiles keeps findings anywhere in _test.go files. By default only
	// those inside the timed loop of a Benchmark function (for b.Loop(),
	// for range b.N, for pb.Next() ...) are kept: test code and benchmark
	// setup are rarely hot.
	TestFiles bool
	// IgnoreNolint leaves //nolint to drivers such as golangci-lint that
	// apply it themselves (and whose nolintlint reports a directive as
	// unused if perfvet consumed it first). Only directives that name a
	// bundled staticcheck check, or staticcheck, are still applied to
	// those checks' findings: golangci-lint files them under the plugin's
	// linter name, so its own //nolint:staticcheck cannot match them.
	// //lint:ignore is always honoured.
	IgnoreNolint bool
	// Compiler, if set (-escape), gives the compiler's escape-analysis
	// verdicts on the package: an allocation finding reported with
	// ReportEscape is dropped when the compiler keeps the value on the
	// stack and says so when it moves it to the heap. Drivers build it;
	// analyzers never run the compiler (see package verdict).
	Compiler verdict.Source
	// DropRelated removes related information from findings, for drivers
	// such as golangci-lint that print each related position as an issue
	// of its own. perfvet's messages name those positions already.
	DropRelated bool
	// Cold keeps cost findings in code that looks cold (hot.Heat.LooksCold:
	// init, package main, String methods, configuration decoding, error
	// paths, small loops, ...; with a profile, code it never saw), each
	// message gaining the reason. By default they are set aside. Bugs are
	// always kept. The -cold flag and the plugin setting "cold".
	Cold bool
	// Collect keeps every finding whatever its heat, for drivers that
	// decide visibility themselves with Shown after the analysis (to count
	// what they set aside, and to give JSON and SARIF every finding).
	Collect bool
}

// Bug is the Diagnostic.Category of bug-class findings (ReportBug).
const Bug = "bug"

// IsBug reports whether d was reported with ReportBug: a finding that
// costs whatever the heat (a goroutine that leaks, pool memory used after
// Put, a type assertion that can panic), shown even in cold code.
func IsBug(d analysis.Diagnostic) bool { return d.Category == Bug }

// HotOnly is the Diagnostic.Category of findings made by rules that speak
// only where a profile shows heat (ReportIfHot).
const HotOnly = "hot-only"

// IsHotOnly reports whether d was reported with ReportIfHot.
func IsHotOnly(d analysis.Diagnostic) bool { return d.Category == HotOnly }

// Shown is the one visibility decision of perfvet: a bug is always shown;
// a hot-only finding (ReportIfHot) only where a profile shows its place
// hot (ProfileShowsHot), never on static heat alone; a cost finding when
// its code does not look cold (h.LooksCold: the profile decides when there
// is one, else the static cold evidence). With cold set (-cold), all are.
func Shown(d analysis.Diagnostic, h hot.Heat, cold bool) bool {
	switch {
	case cold || IsBug(d):
		return true
	case IsHotOnly(d):
		return ProfileShowsHot(h)
	}
	return !h.LooksCold()
}

// ProfileShowsHot reports whether a profile saw the place of h: samples in
// its function and, for an allocation finding measured by an allocation
// profile, allocations on its own lines (a loop that allocates elsewhere
// while these lines allocate nothing is a branch that rarely runs, such as
// an error path) amounting to at least -hot.min of all bytes by the
// lines' own code, calls on them aside (what the rule's change would save: a conversion in a hot loop whose own box is a
// sliver of the loop's bytes is not worth a signature change), and that it
// did not set aside (Heat.Aside: a share under -hot.min, or test code).
func ProfileShowsHot(h hot.Heat) bool {
	return h.Profiled && h.Func != "" && h.Seen && h.Aside == "" && (h.Alloc == nil || h.Alloc.OwnBytes > 0 && ownSure(h))
}

// ownSure reports whether the bytes of an allocation finding's own lines
// are surely at least -hot.min (hot.SurelyAtLeast).
func ownSure(h hot.Heat) bool {
	return hot.SurelyAtLeast(h.Alloc.OwnShare, h.SamplesOf(h.Alloc.OwnBytes), h.Min)
}

// Reason says in one line why a finding is shown or set aside, for -cold,
// JSON and SARIF.
func Reason(d analysis.Diagnostic, h hot.Heat) string {
	switch {
	case IsBug(d):
		return "bug: shown whatever the heat; " + h.Reason()
	case IsHotOnly(d) && !h.Profiled:
		return "hot-only: shown where a profile shows heat, and no profile was given (-hot.profile)"
	case IsHotOnly(d) && h.Aside == "" && h.Alloc != nil && h.Alloc.OwnBytes > 0 && h.Alloc.OwnShare < h.Min:
		return fmt.Sprintf("hot-only: its own lines allocated %s of all bytes, under -hot.min=%g%%", profile.Percent(h.Alloc.OwnShare), h.Min)
	case IsHotOnly(d) && h.Aside == "" && h.Alloc != nil && h.Alloc.OwnBytes > 0 && !ownSure(h):
		return fmt.Sprintf("hot-only: its own lines allocated %s of all bytes, from %s, too few to tell it from a share under -hot.min=%g%%", profile.Percent(h.Alloc.OwnShare), hot.SamplesText(h.SamplesOf(h.Alloc.OwnBytes)), h.Min)
	case IsHotOnly(d) && !ProfileShowsHot(h):
		return "hot-only: the profile does not show this place hot; " + h.Reason()
	}
	return h.Reason()
}

// ColdMessage is d's message as shown under -cold when Shown would set
// it aside: it gains the reason (Reason for a hot-only finding, before its
// "; no automatic fix: ..." part; the static cold evidence, "; looks cold:
// ...", for a cost finding). With a profile a cost finding's message
// already says the profile never saw its code (the heat's Suffix). A
// finding Shown keeps is unchanged. The reporter (go vet, the plugin) and
// the standalone driver's text output both write the note through here.
func ColdMessage(d analysis.Diagnostic, h hot.Heat) string {
	switch {
	case Shown(d, h, false):
		return d.Message
	case IsHotOnly(d):
		note := Reason(d, h)
		if s := strings.TrimPrefix(h.Suffix(), "; "); s != "" && strings.Contains(d.Message, s) {
			// The message already carries the heat (withHeat): say only
			// why that heat does not show the finding.
			note = "hot-only: the profile does not show this place hot"
			if h.Aside != "" {
				note += "; set aside: " + h.Aside
			}
		}
		return insertNote(d.Message, "; "+note)
	case h.Profiled && h.Aside != "":
		return d.Message + "; set aside: " + h.Aside
	case h.Profiled:
		return d.Message // withHeat's suffix says the profile never saw it
	}
	return d.Message + "; " + h.Reason()
}

// NewAnalyzer returns the non-reporting analyzer that indexes directives
// and applies policy p. Every perfvet analyzer of a suite requires the same
// instance, so the index is built once per package.
//
// heat, if not nil, is the suite's heat analyzer (hot.New): with a profile,
// each finding's message gains its heat ("; hot: 12.4% of CPU in F") and
// findings under -hot.min are dropped.
func NewAnalyzer(p *Policy, heat *analysis.Analyzer) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name: "perfvetreport",
		Doc:  "indexes perfvet suppression directives and the generated/test file policy",
		Run: func(pass *analysis.Pass) (any, error) {
			ix := newIndex(pass, *p)
			if heat != nil {
				ix.heat = pass.ResultOf[heat].(*hot.Result)
				ix.allocs = make(map[token.Pos]places)
				ix.verdicts = make(map[token.Pos]hot.Verdict)
				ix.locks = make(map[token.Pos]hot.Range)
				ix.times = make(map[token.Pos]places)
			}
			if p.Compiler != nil && len(pass.Files) > 0 {
				dir := filepath.Dir(pass.Fset.File(pass.Files[0].FileStart).Name())
				v, err := p.Compiler.Verdicts(pass.Pkg.Path(), dir)
				if err != nil {
					return nil, err
				}
				ix.compiler = v
			}
			return ix, nil
		},
		ResultType:       reflect.TypeFor[*Index](),
		RunDespiteErrors: true,
	}
	if heat != nil {
		a.Requires = []*analysis.Analyzer{heat}
	}
	return a
}

// Default is the report analyzer with the default policy and static heat
// only, used by the package-level analyzer variables (and so by
// analysistest).
var Default = NewAnalyzer(&Policy{}, hot.Default)

// A Reporter reports the findings of one pass through the policy.
type Reporter struct {
	pass  *analysis.Pass
	index *Index
	// standsFor is the staticcheck check the findings stand in for (As).
	standsFor string
}

// As returns a reporter whose findings stand in for staticcheck's check
// (pooluse's rule 7 is SA6002, which the suite then does not bundle):
// a directive that names the check (//nolint:staticcheck,
// //nolint:SA6002, //lint:ignore SA6002) suppresses them too, as it
// would staticcheck's own, so a line its maintainers silenced for that
// check is not reported again under another name.
func (r *Reporter) As(check string) *Reporter {
	c := *r
	c.standsFor = check
	return &c
}

// keeps reports whether the policy and the directives keep a finding of
// r's at pos.
func (r *Reporter) keeps(pos token.Pos) bool {
	return r.index.keeps(r.pass.Analyzer.Name, pos) && (r.standsFor == "" || r.index.keeps(r.standsFor, pos))
}

// For returns the reporter of pass, whose analyzer must require a report
// analyzer (NewAnalyzer or Default).
func For(pass *analysis.Pass) *Reporter {
	for _, res := range pass.ResultOf {
		if ix, ok := res.(*Index); ok {
			return &Reporter{pass: pass, index: ix}
		}
	}
	panic("report.For: analyzer " + pass.Analyzer.Name + " does not require a report analyzer")
}

// Report reports d, a cost finding, unless the policy or a directive
// suppresses it or its code looks cold (Shown).
func (r *Reporter) Report(d analysis.Diagnostic) {
	if r.index.policy.DropRelated {
		d.Related = nil
	}
	if r.keeps(d.Pos) && r.index.withHeat(&d) && r.index.visible(&d) {
		r.pass.Report(d)
	}
}

// ReportBug reports d as a bug: a finding that costs whatever the heat of
// its code (a goroutine leak, memory used after it went back to a pool, a
// type assertion that can panic), so it is shown even in code that looks
// cold. It must be right: reserve it for findings that are certain.
func (r *Reporter) ReportBug(d analysis.Diagnostic) {
	d.Category = Bug
	r.Report(d)
}

// visible applies Shown when the analysis itself must decide (go vet, the
// golangci-lint plugin, analysistest): cold cost findings are dropped, or
// with Policy.Cold kept with their reason. Drivers that Collect decide
// later, with the same function.
func (ix *Index) visible(d *analysis.Diagnostic) bool {
	if ix.policy.Collect || IsBug(*d) {
		return true
	}
	if ix.heat == nil && !IsHotOnly(*d) {
		return true // no heat analyzer: nothing looks cold
	}
	h := ix.HeatOf(d.Pos)
	if Shown(*d, h, false) {
		return true
	}
	if !ix.policy.Cold {
		return false
	}
	d.Message = ColdMessage(*d, h)
	return true
}

// ReportAlloc reports d, a finding about an allocation, unless the policy
// or a directive suppresses it. With an allocation profile its heat, and
// so -hot.min and the message's suffix, come from that profile: what it
// attributes to the finding's lines and loop.
func (r *Reporter) ReportAlloc(d analysis.Diagnostic) {
	r.reportAlloc(d, hot.Range{Pos: d.Pos, End: d.End})
}

// ReportAllocAt is ReportAlloc for a finding whose allocations happen in
// the code at rather than in its own range: prealloc reports a slice's
// declaration, and the slice grows in its append; poolbuf reports a
// buffer's declaration, and the buffer grows in the calls that write to
// it. The first range places the loop that repeats the allocations. With
// an allocation profile the finding is measured by what these lines
// allocate (calls on them included), which is what its change would save.
func (r *Reporter) ReportAllocAt(d analysis.Diagnostic, at ...analysis.Range) {
	r.reportAlloc(d, placesOf(at)...)
}

// ReportEscape reports d, a finding about the allocation of alloc (an
// interface conversion's operand, a make, a composite literal), under the
// compiler's verdict when -escape gave one: dropped if the compiler keeps
// the value on the stack; if it moves it to the heap, the message says so
// with the compiler's reason (verdict.Package.JudgeExpr matches the
// expression where the compiler places it). Under -escape, a finding with
// no verdict says why none could be matched; without -escape it is
// ReportAllocAt(d, alloc).
func (r *Reporter) ReportEscape(d analysis.Diagnostic, alloc ast.Node) {
	var size int64
	if c, ok := alloc.(Conversion); ok {
		alloc, size = c.Value, c.Size
	}
	if e, ok := alloc.(ast.Expr); ok && r.index.policy.Compiler != nil {
		out := r.index.compiler.JudgeExpr(r.pass.Fset, e)
		switch {
		case out.Stack:
			return
		case out.Heap != nil:
			note := "; the compiler confirms it escapes to the heap"
			if out.Heap.Reason != "" {
				note += " (" + out.Heap.Reason + ")"
			}
			d.Message = insertNote(d.Message, note)
			r.index.mark(d.Pos, nil, &hot.Verdict{Heap: true, Reason: out.Heap.Reason})
		default:
			d.Message = insertNote(d.Message, "; no compiler verdict: "+out.NoVerdict)
		}
	}
	r.reportAlloc(d, hot.Range{Pos: alloc.Pos(), End: alloc.End(), Size: size})
}

// A Conversion is an interface conversion's operand, given to ReportEscape
// or ReportIfHot as the allocation: an allocation profile measures it by
// the objects of its box's size on its lines (typeshape.BoxSize), so that
// the other allocations of its line are not counted as its own, and an
// integer boxed from the runtime's static values (under 256), which
// allocates nothing, is seen to.
type Conversion struct {
	Value ast.Expr
	Size  int64 // 0 counts every allocation on the value's lines
}

// Boxed is the conversion of value, of type t, to an interface.
func Boxed(pass *analysis.Pass, value ast.Expr, t types.Type) Conversion {
	return Conversion{value, typeshape.BoxSize(pass.TypesSizes, t)}
}

func (c Conversion) Pos() token.Pos { return c.Value.Pos() }
func (c Conversion) End() token.Pos { return c.Value.End() }

// ReportIfHot reports d, a finding made by a rule that speaks only in hot
// code (boxing's conversions into APIs that take any, reflectloop's
// lookups on each element's type, the hot-only analyzers: bigcopy, ...),
// as a hot-only finding (category HotOnly): shown only where a profile
// says the place is hot (Shown, ProfileShowsHot: the profile saw it, with
// a share of at least -hot.min, and an allocation profile, if given, saw
// its own lines allocate at least -hot.min of all bytes), never on static
// heat alone; listed with
// -cold otherwise, with the reason. Without a profile such findings are
// everywhere and rarely matter: most conversions are cheap or required by
// their API, most copies small next to the work around them. (The
// compiler's heap verdict alone is not evidence enough: on perfvet's own
// code it made 19 boxing findings, every one a fmt call building a
// message or a line of output.)
//
// alloc is the allocating expression of an allocation finding, whose
// compiler verdict then applies under -escape (ReportEscape: a value it
// keeps on the stack is dropped); nil for a finding about time.
func (r *Reporter) ReportIfHot(d analysis.Diagnostic, alloc ast.Node) {
	d.Category = HotOnly
	if !r.ListsHotOnly() {
		return
	}
	if alloc == nil {
		r.Report(d)
		return
	}
	r.ReportEscape(d, alloc)
}

// ReportIfHotAt is ReportIfHot for a finding about time spent in the own
// code of the lines at (deferloop: the defer record the runtime pushes at
// the defer statement): with a CPU profile it is measured by what those
// lines' own code took (Heat.Own), the saving its change would bring,
// not by the loop's work around it.
func (r *Reporter) ReportIfHotAt(d analysis.Diagnostic, at ...analysis.Range) {
	d.Category = HotOnly
	if !r.ListsHotOnly() {
		return
	}
	if ix := r.index; ix.heat != nil {
		ix.mu.Lock()
		ix.times[d.Pos] = placesOf(at)
		ix.mu.Unlock()
	}
	r.Report(d)
}

// Lines is a range of source that is not a node: a function's closing
// brace, where the runtime runs its deferred calls.
type Lines struct{ From, To token.Pos }

func (l Lines) Pos() token.Pos { return l.From }
func (l Lines) End() token.Pos { return l.To }

// ListsHotOnly reports whether a hot-only finding (ReportIfHot) can be
// kept: a profile was given, or -cold lists what is set aside, or the
// driver decides later (Policy.Collect). An analyzer whose rules are all
// hot-only may skip the package otherwise.
func (r *Reporter) ListsHotOnly() bool {
	return r.HasProfile() || r.index.policy.Cold || r.index.policy.Collect
}

// HasProfile reports whether a profile was given, without which no
// hot-only finding (ReportIfHot) is shown by default.
func (r *Reporter) HasProfile() bool {
	return r.index.heat != nil && r.index.heat.Profiled()
}

// ConfirmLeak adds to a leak finding what the goroutine leak profile says
// of the goroutines started running the code from pos to end (a function
// literal's body, or a named function's): "; confirmed: N goroutines
// leaked here (goroutine leak profile)". The reporter records the claim,
// so that the driver does not list those goroutines as leaks no rule
// found (LeakClaims).
func (r *Reporter) ConfirmLeak(d *analysis.Diagnostic, pos, end token.Pos) {
	ix := r.index
	if ix.heat == nil || ix.heat.LeakProfile() == nil {
		return
	}
	from, to := r.pass.Fset.Position(pos), r.pass.Fset.Position(end)
	ix.mu.Lock()
	ix.claims = append(ix.claims, LeakClaim{from.Filename, from.Line, to.Line})
	ix.mu.Unlock()
	if n := ix.heat.Leaked(pos, end); n > 0 {
		s := "s"
		if n == 1 {
			s = ""
		}
		d.Message = insertNote(d.Message, fmt.Sprintf("; confirmed: %d goroutine%s leaked here (goroutine leak profile)", n, s))
	}
}

// LeakClaims returns the code whose goroutines the package's findings
// named (ConfirmLeak), for the driver's list of leaks no finding named.
func (ix *Index) LeakClaims() []LeakClaim {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return slices.Clone(ix.claims)
}

// LeakProfile returns the package's goroutine leak profile, or nil.
func (ix *Index) LeakProfile() *profile.Profile {
	if ix.heat == nil {
		return nil
	}
	return ix.heat.LeakProfile()
}

// ReportContended reports d, a finding about the lock taken from at to end
// (its critical section): a mutex or block profile that measured
// contention there says so in the message, and makes the finding hot
// whatever the static cold evidence says (HeatOf gives its Contention).
func (r *Reporter) ReportContended(d analysis.Diagnostic, at, end token.Pos) {
	if ix := r.index; ix.heat != nil {
		ix.mu.Lock()
		ix.locks[d.Pos] = hot.Range{Pos: at, End: end}
		ix.mu.Unlock()
		if c := ix.heat.Contention(at, end); c != nil {
			d.Message = insertNote(d.Message, c.ContentionNote())
		}
	}
	r.Report(d)
}

// insertNote adds note to msg before its "; no automatic fix: ..." part,
// which stays last.
func insertNote(msg, note string) string {
	if i := strings.Index(msg, noFix); i >= 0 {
		return msg[:i] + note + msg[i:]
	}
	return msg + note
}

const noFix = "; no automatic fix:"

func (r *Reporter) reportAlloc(d analysis.Diagnostic, at ...hot.Range) {
	r.index.mark(d.Pos, at, nil)
	r.Report(d)
}

// places is the code a finding's cost is measured by: the lines whose
// allocations (ReportAlloc and the like) or own time (ReportIfHotAt) its
// change would save.
type places []hot.Range

func placesOf(at []analysis.Range) places {
	out := make(places, len(at))
	for i, a := range at {
		out[i] = hot.Range{Pos: a.Pos(), End: a.End()}
		switch a := a.(type) {
		case Via:
			out[i].Via, out[i].Size, out[i].NotSizes = a.Func, a.Size, a.NotSizes
		case Conversion:
			out[i].Size = a.Size
		}
	}
	return out
}

// Via is a range of ReportAllocAt whose allocations count only when they
// went through the function Func below its lines (profile.ViaRuntime: the
// lines' own code): a bytes.Buffer used on a line grows there only in
// bytes.(*Buffer).grow; the line's other calls are not the buffer's.
type Via struct {
	analysis.Range
	Func string
	// Size and NotSizes count only the objects of one size, or all but
	// them (hot.Range): a map's first group is allocated however the map
	// is sized (typeshape.MapGroupSize).
	Size     int64
	NotSizes []int64
}

// OwnCode is the range r measured by its own code only: the runtime below
// its lines (an append's growslice, a concatenation's concatstrings), not
// the calls on them, whose allocations the finding's change does not save.
func OwnCode(r analysis.Range) Via { return Via{Range: r, Func: profile.ViaRuntime} }

// mark records what the reporter learnt of the finding at pos: that it is
// about the allocations of the code at (ReportAlloc, ReportAllocAt,
// ReportEscape, ReportIfHot), and the compiler's verdict on it
// (ReportEscape). HeatOf reads them back, for the reporter itself and for
// drivers after the analysis.
func (ix *Index) mark(pos token.Pos, at places, v *hot.Verdict) {
	if ix.heat == nil {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if at != nil {
		ix.allocs[pos] = at
	}
	if v != nil {
		ix.verdicts[pos] = *v
	}
}

// HeatOf returns the heat of the finding reported at pos as the reporter
// judged it: measured by the allocation profile for a finding about an
// allocation (ReportAlloc and the like), with the compiler's verdict
// (Heat.Verdict) under -escape, and the contention a mutex or block profile
// measured on a ReportContended finding's lock, and the CPU the own code
// of a ReportIfHotAt finding's lines took. It is the interface through which drivers
// read a finding's heat after the analysis (the standalone driver's JSON,
// SARIF and -sort=heat, the language server's hover): they run the report
// analyzer (Find) as a root and ask its result. Without a heat analyzer it
// is the zero Heat. Safe for concurrent use.
func (ix *Index) HeatOf(pos token.Pos) hot.Heat {
	if ix.heat == nil {
		return hot.Heat{}
	}
	ix.mu.Lock()
	at, alloc := ix.allocs[pos]
	spent, timed := ix.times[pos]
	v, judged := ix.verdicts[pos]
	lock, contended := ix.locks[pos]
	ix.mu.Unlock()
	var h hot.Heat
	switch {
	case alloc:
		h = ix.heat.AtAlloc(pos, at...)
	case timed:
		h = ix.heat.AtTime(pos, spent...)
	default:
		h = ix.heat.At(pos)
	}
	if judged {
		h.Verdict = &v
	}
	if contended {
		h.Contention = ix.heat.Contention(lock.Pos, lock.End)
	}
	return h
}

// Find returns the report analyzer that a suite requires, or nil. Drivers
// run it as a root as well, so its result (*Index) outlives the analysis
// and each finding's heat can be asked of it (HeatOf).
func Find(suite []*analysis.Analyzer) *analysis.Analyzer {
	return hot.FindByResult(suite, reflect.TypeFor[*Index]())
}

// withHeat appends the heat of d to its message when a profile was given,
// and reports whether d survives -hot.min. Without a profile it costs
// nothing: static heat is left to drivers that sort or print it.
func (ix *Index) withHeat(d *analysis.Diagnostic) bool {
	if ix.heat == nil || !ix.heat.Profiled() {
		return true
	}
	h := ix.HeatOf(d.Pos)
	// A place under -hot.min, or test code, is not dropped here: its heat
	// says it is set aside (Heat.Aside), so it looks cold, is counted
	// and listed with -cold like other cold findings.
	d.Message = insertNote(d.Message, h.Suffix()) // "; no automatic fix: why" stays last
	return true
}

// Heat returns the heat of the code at pos and whether a CPU profile was
// given, for analyzers whose rules depend on how hot code is (poolbuf's
// per-call rule).
func (r *Reporter) Heat(pos token.Pos) (hot.Heat, bool) {
	if r.index.heat == nil || !r.index.heat.Profiled() {
		return hot.Heat{}, false
	}
	return r.index.HeatOf(pos), true
}

// Skips reports whether no finding in file can be kept, so an analyzer may
// pass over it without looking.
func (r *Reporter) Skips(file *ast.File) bool {
	fi := r.index.files[r.pass.Fset.File(file.FileStart)]
	return fi == nil || fi.generated || fi.fileIgnoresAll
}

// Filtered returns a copy of a (an analyzer that calls pass.Report itself,
// such as staticcheck's) whose findings go through the same policy as
// perfvet's own. rep is the suite's report analyzer.
func Filtered(a, rep *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.Requires = append(slices.Clip(a.Requires), rep)
	b.Run = func(pass *analysis.Pass) (any, error) {
		ix := pass.ResultOf[rep].(*Index)
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if ix.keeps(a.Name, d.Pos) && ix.withHeat(&d) && ix.visible(&d) {
				report(d)
			}
		}
		return a.Run(pass)
	}
	return &b
}

// Index holds the directives and file facts of one package.
type Index struct {
	fset   *token.FileSet
	policy Policy
	files  map[*token.File]*fileInfo
	heat   *hot.Result // nil without a heat analyzer
	// compiler holds the compiler's verdicts on the package (-escape).
	compiler *verdict.Package

	mu       sync.Mutex
	allocs   map[token.Pos]places      // allocation findings by position
	verdicts map[token.Pos]hot.Verdict // the compiler's verdicts on findings, by position
	times    map[token.Pos]places      // findings about time spent in some lines' own code, by position
	locks    map[token.Pos]hot.Range   // contention findings by position: the critical section
	claims   []LeakClaim               // code whose leaked goroutines a finding named
}

// A LeakClaim is code whose leaked goroutines a finding named: the lines
// of the function a go statement starts (ConfirmLeak).
type LeakClaim struct {
	File     string
	From, To int
}

type fileInfo struct {
	generated      bool
	test           bool
	timedLoops     []ast.Node // bodies of the timed loops of a _test.go file's benchmarks
	fileIgnores    []string   // lint:file-ignore patterns
	fileIgnoresAll bool       // a file-ignore matches the whole suite
	nolint         []lineRange
	lineIgnores    []lineIgnore
}

type lineRange struct {
	from, to int
	names    []string // nil: every analyzer
}

type lineIgnore struct {
	line     int
	patterns []string
}

// keeps reports whether a finding of the named analyzer at pos survives.
func (ix *Index) keeps(analyzer string, pos token.Pos) bool {
	tf := ix.fset.File(pos)
	fi := ix.files[tf]
	if fi == nil {
		return tf != nil // outside the package's syntax (cgo, //line): keep
	}
	if fi.generated {
		return false
	}
	if fi.test && !ix.policy.TestFiles && !slices.ContainsFunc(fi.timedLoops, func(n ast.Node) bool {
		return n.Pos() <= pos && pos < n.End()
	}) {
		return false
	}
	if globMatch(fi.fileIgnores, analyzer) {
		return false
	}
	line := tf.Line(pos)
	for _, li := range fi.lineIgnores {
		if li.line == line && globMatch(li.patterns, analyzer) {
			return false
		}
	}
	if !ix.policy.IgnoreNolint || isStaticcheck(analyzer) {
		for _, r := range fi.nolint {
			if r.from <= line && line <= r.to && nolintNames(r.names, analyzer, ix.policy.IgnoreNolint) {
				return false
			}
		}
	}
	return true
}

// nolintNames reports whether a //nolint directive's names (lower-cased;
// nil for a bare //nolint) cover the analyzer: names compare without
// regard to case, perfvet covers the suite and staticcheck its checks.
// With onlyStaticcheck (golangci-lint applies the rest) only the names
// that golangci-lint cannot match count: the check's own and staticcheck.
func nolintNames(names []string, analyzer string, onlyStaticcheck bool) bool {
	if names == nil {
		return !onlyStaticcheck
	}
	for _, name := range names {
		switch {
		case strings.EqualFold(name, analyzer):
			return true
		case name == Staticcheck && isStaticcheck(analyzer):
			return true
		case name == Suite && !onlyStaticcheck:
			return true
		}
	}
	return false
}

// isStaticcheck reports whether analyzer is one of staticcheck's checks
// (SA6005: "SA" and digits), not one of perfvet's lower-case names.
func isStaticcheck(analyzer string) bool {
	if len(analyzer) < 3 || !strings.HasPrefix(analyzer, "SA") {
		return false
	}
	for _, r := range analyzer[2:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func globMatch(patterns []string, analyzer string) bool {
	name := strings.ToLower(analyzer)
	for _, p := range patterns {
		if p == Suite {
			return true
		}
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}

func newIndex(pass *analysis.Pass, p Policy) *Index {
	ix := &Index{fset: pass.Fset, policy: p, files: make(map[*token.File]*fileInfo, len(pass.Files))}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		fi := &fileInfo{generated: ast.IsGenerated(f), test: strings.HasSuffix(tf.Name(), "_test.go")}
		if fi.test {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil && strings.HasPrefix(fd.Name.Name, "Benchmark") {
					fi.timedLoops = append(fi.timedLoops, timedLoops(fd.Body)...)
				}
			}
		}
		if !fi.generated {
			indexDirectives(tf, f, fi)
		}
		ix.files[tf] = fi
	}
	return ix
}

// timedLoops returns the bodies of a benchmark's timed loops: for b.Loop(),
// for range b.N, for i := 0; i < b.N; i++, and for pb.Next() in
// RunParallel, also inside sub-benchmarks. Setup code outside them runs
// once per benchmark and is not worth a finding.
func timedLoops(body *ast.BlockStmt) []ast.Node {
	var out []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt:
			if n.Cond != nil && mentionsTimer(n.Cond) {
				out = append(out, n.Body)
				return false
			}
		case *ast.RangeStmt:
			if mentionsTimer(n.X) {
				out = append(out, n.Body)
				return false
			}
		}
		return true
	})
	return out
}

// mentionsTimer reports whether e uses b.N, b.Loop() or pb.Next().
func mentionsTimer(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			switch sel.Sel.Name {
			case "N", "Loop", "Next":
				found = true
			}
		}
		return !found
	})
	return found
}

// A pending directive waits for the node it attaches to.
type pending struct {
	group    *ast.CommentGroup
	line     int // line of the comment holding the directive
	nolint   *lineRange
	patterns []string // lint:ignore
	trailing ast.Node // outermost node ending on the directive's line before it
	next     ast.Node // outermost node starting after the group
}

func indexDirectives(tf *token.File, f *ast.File, fi *fileInfo) {
	var waiting []*pending
	for _, g := range f.Comments {
		for _, c := range g.List {
			text := strings.TrimPrefix(c.Text, "//")
			switch {
			case strings.HasPrefix(text, "lint:"):
				fields := strings.Fields(text)
				if len(fields) < 3 { // a reason is mandatory, as in staticcheck
					continue
				}
				patterns := strings.Split(strings.ToLower(fields[1]), ",")
				switch fields[0] {
				case "lint:file-ignore":
					fi.fileIgnores = append(fi.fileIgnores, patterns...)
					fi.fileIgnoresAll = fi.fileIgnoresAll || slices.Contains(patterns, Suite) || slices.Contains(patterns, "*")
				case "lint:ignore":
					waiting = append(waiting, &pending{group: g, line: tf.Line(c.Pos()), patterns: patterns})
				}
			default:
				if r, ok := parseNolint(text); ok {
					r.from, r.to = tf.Line(g.Pos()), tf.Line(g.End())
					waiting = append(waiting, &pending{group: g, line: tf.Line(c.Pos()), nolint: &r})
				}
			}
		}
	}
	if len(waiting) == 0 {
		return
	}
	attach(tf, f, waiting)
	for _, w := range waiting {
		if w.nolint != nil {
			// golangci-lint: a group alone on the lines above a node that
			// starts in its column covers the whole node.
			if w.trailing == nil && w.next != nil && tf.Line(w.next.Pos()) == w.nolint.to+1 &&
				tf.Position(w.next.Pos()).Column == tf.Position(w.group.Pos()).Column {
				w.nolint.to = tf.Line(w.next.End())
			}
			fi.nolint = append(fi.nolint, *w.nolint)
			continue
		}
		line := w.line
		switch {
		case w.trailing != nil:
			line = tf.Line(w.trailing.Pos())
		case w.next != nil:
			line = tf.Line(w.next.Pos())
		}
		fi.lineIgnores = append(fi.lineIgnores, lineIgnore{line, w.patterns})
	}
}

// attach finds, in one walk of the file, the nodes each directive refers
// to. Preorder visits nodes in order of their start, so one cursor into the
// (source-ordered) directives finds every "next" node; "trailing" nodes are
// looked up by the line they end on.
func attach(tf *token.File, f *ast.File, waiting []*pending) {
	byLine := make(map[int][]*pending, len(waiting))
	for _, w := range waiting {
		byLine[w.line] = append(byLine[w.line], w)
	}
	next := 0
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.CommentGroup, *ast.Comment:
			return false
		case *ast.File:
			return true
		}
		for next < len(waiting) && n.Pos() >= waiting[next].group.End() {
			waiting[next].next = n
			next++
		}
		end := n.End()
		if end < token.Pos(tf.Base()) || end > token.Pos(tf.Base()+tf.Size()) {
			return true // a node with a bogus end (from broken syntax)
		}
		for _, w := range byLine[tf.Line(end)] {
			if w.trailing == nil && n.End() <= w.group.Pos() {
				w.trailing = n
			}
		}
		return true
	})
}

// parseNolint parses golangci-lint's //nolint[:a,b] [// reason].
func parseNolint(text string) (lineRange, bool) {
	text = strings.TrimLeft(text, "/ ")
	if !strings.HasPrefix(text, "nolint") {
		return lineRange{}, false
	}
	rest := text[len("nolint"):]
	if rest != "" && rest[0] != ':' && rest[0] != ' ' {
		return lineRange{}, false // e.g. //nolintlint
	}
	if !strings.HasPrefix(rest, ":") {
		return lineRange{}, true
	}
	list := rest[1:]
	if i := strings.IndexAny(list, " \t"); i >= 0 {
		list = list[:i]
	}
	var names []string
	for name := range strings.SplitSeq(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "all" {
			return lineRange{}, true
		}
		if name != "" {
			names = append(names, name)
		}
	}
	if names == nil {
		return lineRange{}, true
	}
	return lineRange{names: names}, true
}
