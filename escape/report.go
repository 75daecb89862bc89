package escape

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"
)

// A FindingKind is what a report finding is about.
type FindingKind string

// The kinds of finding a report keeps.
const (
	// Heap is a heap allocation: a variable moved to the heap, or an
	// expression that escapes and is not served from static data.
	Heap FindingKind = "heap"
	// Static is an "escapes to heap" of a constant or a zero-sized value:
	// the compiler points the interface at read-only data and allocates
	// nothing, so it is kept but not counted as an allocation.
	Static FindingKind = "static"
	// NotInlinable is a function the compiler cannot inline (-m=2).
	NotInlinable FindingKind = "cannot-inline"
	// Inlinable is a function the compiler can inline.
	Inlinable FindingKind = "can-inline"
	// InlinedCall is a call inlined into the enclosing function.
	InlinedCall FindingKind = "inlined-call"
	// BoundsChecked is a bounds check left in the code (needs
	// -d=ssa/check_bce/debug=1 or the -json output).
	BoundsChecked FindingKind = "bounds-check"
)

// A Finding is one fact of a report, attributed to its package and
// enclosing function.
type Finding struct {
	Package string      `json:"package"`
	Func    string      `json:"func"`
	Kind    FindingKind `json:"kind"`
	// Subject is the allocated variable or expression, the function that
	// is (not) inlinable, the inlined callee, or the bounds-check op.
	Subject string `json:"subject"`
	// Index numbers findings with the same package, function, kind and
	// normalised subject in position order, from 0.
	Index int `json:"index"`
	Pos   Pos `json:"pos"`
	// Message is the compiler's message.
	Message string `json:"message"`
	// Why and WhyAt are the first reason of the -m=2 explanation of a
	// heap allocation ("return: return &T{...}") and its position; Sink
	// is where the value finally flows ("{heap}", "~r0").
	Why   string `json:"why,omitempty"`
	WhyAt Pos    `json:"whyAt,omitzero"`
	Sink  string `json:"sink,omitempty"`
	// Reason is why a function cannot be inlined; Cost and Budget its
	// inlining cost and budget when the compiler gave them (else 0).
	Reason string `json:"reason,omitempty"`
	Cost   int    `json:"cost,omitempty"`
	Budget int    `json:"budget,omitempty"`
	// CPU is Func's share of a CPU profile's samples, with what it calls,
	// in percent, when the report was ranked by one (perfescape -profile).
	CPU float64 `json:"cpu,omitempty"`
}

// Key identifies a finding across builds: it does not contain the
// position, so edits elsewhere in the file do not change it.
type Key struct {
	Package, Func string
	Kind          FindingKind
	Subject       string
	Index         int
}

// Key returns f's key.
func (f *Finding) Key() Key {
	return Key{Package: f.Package, Func: f.Func, Kind: f.Kind, Subject: f.keySubject(), Index: f.Index}
}

// keySubject is the subject as keys use it: allocations' subjects
// normalised (function names have no temporaries to renumber).
func (f *Finding) keySubject() string {
	if f.Kind == Heap || f.Kind == Static {
		return NormalizeSubject(f.Subject)
	}
	return f.Subject
}

// AlmostInlinable reports whether f is a function that missed the
// inlining budget by at most within cost units.
func (f *Finding) AlmostInlinable(within int) bool {
	return f.Kind == NotInlinable && f.Budget > 0 && f.Cost > f.Budget && f.Cost-f.Budget <= within
}

// A Report is the summary of one build's compiler output.
type Report struct {
	// Tool is "perfescape"; Version the format version (1).
	Tool    string `json:"tool"`
	Version int    `json:"version"`
	// FuncNames says where function names came from: "source", "compiler"
	// (the fallback from can/cannot inline lines) or "mixed".
	FuncNames string    `json:"funcNames"`
	Findings  []Finding `json:"findings"`
	// Unknown holds the lines no template matched (the first 100 of them;
	// Stats.Unknown counts all).
	Unknown []Diagnostic `json:"unknown,omitempty"`
	// Foreign counts, per origin, the findings in code from outside the
	// user's packages (generics of std instantiated here, bodies inlined
	// here) that the report left out (see [ReportBuilder.Origin]).
	Foreign []ForeignSummary `json:"foreign,omitempty"`
	Stats   Stats            `json:"stats"`
}

// A ForeignSummary counts the findings a report left out for one origin:
// "std", "module@version" or "other".
type ForeignSummary struct {
	Origin       string `json:"origin"`
	Heap         int    `json:"heap,omitempty"`
	NotInlinable int    `json:"notInlinable,omitempty"`
	BoundsChecks int    `json:"boundsChecks,omitempty"`
}

// A ReportBuilder turns diagnostics into a [Report].
type ReportBuilder struct {
	// Funcs names enclosing functions from source when it can; where it
	// cannot, names from the compiler's own lines are used.
	Funcs *FuncIndex
	// TrustSource skips checking that a source file is the one the log
	// was made from. Leave it false for saved logs: their relative file
	// names may well resolve to some other file of the same name, so a
	// file is used only if every plain function the compiler declared in
	// it ("can inline F" at a position) is named F there by the source.
	TrustSource bool
	// Origin, when set, says where the code at a file comes from: "" for
	// the user's own code, else an origin such as "std" (see [Origin] and
	// [Compilation.Origin]). Findings in other code are counted per
	// origin in [Report.Foreign] instead of kept, unless All is set. An
	// allocation that the user's line causes through an inlined call
	// (errors.New, fmt.Errorf, append) is reported at the user's line by
	// the compiler, so it stays.
	Origin func(file string) string
	// All keeps the findings in foreign code too.
	All bool

	// pending holds the findings in blocks that never move: growing one
	// slice of these large structs copied them over and over.
	pending  [][]Finding
	npending int
	foreign  map[string]*ForeignSummary
	origins  map[string]string     // file -> origin, memoised
	decls    map[string]*declIndex // by package
	unknown  []Diagnostic
	verified map[string]bool // by file: source matches the log
	fromSrc  int
	fromComp int
}

// maxUnknown bounds how many unknown lines a report keeps verbatim.
const maxUnknown = 100

// Add records d if the report uses it.
func (b *ReportBuilder) Add(d *Diagnostic) {
	if d.Kind == Unknown {
		if len(b.unknown) < maxUnknown {
			b.unknown = append(b.unknown, *d)
		}
		return
	}
	if b.Origin != nil && !b.All && d.Pos.File != "" && d.Pos.File[0] != '<' {
		// Foreign code is counted, not kept, not even as a declaration:
		// declarations name the findings of their own file only.
		if origin := b.originOf(d.Pos.File); origin != "" {
			b.countForeign(origin, d)
			return
		}
	}
	if (d.Kind == CanInline || d.Kind == CannotInline) && d.Subject != "" {
		if b.decls == nil {
			b.decls = make(map[string]*declIndex)
		}
		di := b.decls[d.Package]
		if di == nil {
			di = &declIndex{pkgName: pkgName(d.Package)}
			b.decls[d.Package] = di
		}
		di.add(d.Pos, d.Subject)
	}
	f := Finding{Package: d.Package, Pos: d.Pos, Message: d.Text, Subject: d.Subject}
	switch d.Kind {
	case MovedToHeap, EscapesToHeap, EscapeHeader:
		f.Kind = Heap
		if d.Kind == EscapesToHeap && IsStatic(d.Subject) {
			f.Kind = Static
		}
		if d.Kind == EscapeHeader {
			// A block without summary: the compiler prints none for the
			// closures of go and defer statements, which are allocated.
			f.Message = strings.TrimSuffix(d.Subject+" escapes to heap", ":")
		}
		if why, sink := d.Reason(); why.Kind == From {
			f.Why, f.WhyAt, f.Sink = why.Detail+": "+why.Subject, why.At, sink
		}
	case CanInline:
		f.Kind, f.Cost = Inlinable, max(d.Cost, 0)
	case CannotInline:
		f.Kind, f.Reason, f.Cost, f.Budget = NotInlinable, d.Detail, max(d.Cost, 0), max(d.Budget, 0)
	case InliningCall:
		f.Kind = InlinedCall
	case BoundsCheck:
		f.Kind = BoundsChecked
	default:
		return
	}
	// Names from explanation headers ("x escapes to heap in F:") are the
	// compiler's best word on the function when there is no source.
	if len(d.Explanations) > 0 && d.Explanations[0].Header.Func != "" {
		f.Func = "\x00" + d.Explanations[0].Header.Func
	}
	if n := len(b.pending); n == 0 || len(b.pending[n-1]) == cap(b.pending[n-1]) {
		b.pending = append(b.pending, make([]Finding, 0, 1024))
	}
	last := &b.pending[len(b.pending)-1]
	*last = append(*last, f)
	b.npending++
}

func (b *ReportBuilder) originOf(file string) string {
	origin, ok := b.origins[file]
	if !ok {
		origin = b.Origin(file)
		if b.origins == nil {
			b.origins = make(map[string]string)
		}
		b.origins[file] = origin
	}
	return origin
}

// countForeign counts a finding in foreign code without keeping it.
func (b *ReportBuilder) countForeign(origin string, d *Diagnostic) {
	if b.foreign == nil {
		b.foreign = make(map[string]*ForeignSummary)
	}
	fs := b.foreign[origin]
	if fs == nil {
		fs = &ForeignSummary{Origin: origin}
		b.foreign[origin] = fs
	}
	switch d.Kind {
	case MovedToHeap, EscapeHeader:
		fs.Heap++
	case EscapesToHeap:
		if !IsStatic(d.Subject) {
			fs.Heap++
		}
	case CannotInline:
		fs.NotInlinable++
	case BoundsCheck:
		fs.BoundsChecks++
	}
}

// Report resolves enclosing functions, numbers the findings and returns
// the report. stats are the scanner's counts.
func (b *ReportBuilder) Report(stats *Stats) *Report {
	// Sort pointers: a Finding is twenty words, and sorting moves each
	// element many times.
	ptrs := make([]*Finding, 0, b.npending)
	for _, block := range b.pending {
		for i := range block {
			f := &block[i]
			f.Func = b.funcOf(f)
			if f.Subject == "" && (f.Kind == Inlinable || f.Kind == NotInlinable) {
				// -json=0,DIR records do not name the function; the source does.
				f.Subject = f.Func
			}
			ptrs = append(ptrs, f)
		}
	}
	findings := make([]Finding, 0, len(ptrs))
	for _, group := range sortFindings(ptrs) {
		// Number the findings of one key in position order; keys never
		// span packages, so the counts start afresh with each one.
		counts := make(map[indexKey]int)
		for i, r := range group {
			findings = append(findings, *r.f)
			f := &findings[len(findings)-1]
			if f.Kind == Inlinable || f.Kind == NotInlinable {
				// A function is declared at one position: its repeats
				// are adjacent, and counting them needs no map (these
				// are most findings, with long names to hash).
				if i > 0 && compareRanked(group[i-1], r) == 0 {
					f.Index = findings[len(findings)-2].Index + 1
				}
				continue
			}
			k := indexKey{fn: r.fn, kind: f.Kind, subject: f.keySubject()}
			f.Index = counts[k]
			counts[k]++
		}
	}
	b.pending, b.npending = nil, 0
	r := &Report{Tool: "perfescape", Version: 1, Findings: findings, Unknown: b.unknown}
	for _, fs := range b.foreign {
		if *fs != (ForeignSummary{Origin: fs.Origin}) {
			r.Foreign = append(r.Foreign, *fs)
		}
	}
	slices.SortFunc(r.Foreign, func(a, b ForeignSummary) int { return cmp.Compare(a.Origin, b.Origin) })
	if stats != nil {
		r.Stats = *stats
	}
	switch {
	case b.fromComp == 0:
		r.FuncNames = "source"
	case b.fromSrc == 0:
		r.FuncNames = "compiler"
	default:
		r.FuncNames = "mixed"
	}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	return r
}

// funcOf names f's enclosing function: from source when possible, else
// from the compiler's lines.
func (b *ReportBuilder) funcOf(f *Finding) string {
	header, _ := strings.CutPrefix(f.Func, "\x00")
	switch f.Pos.File {
	case "<autogenerated>":
		return "<autogenerated>"
	case "":
		if header != "" {
			return CleanFuncName(header, pkgName(f.Package))
		}
		return "<unknown>"
	}
	if b.Funcs != nil && b.sourceMatches(f.Package, f.Pos.File) {
		if name, ok := b.Funcs.Lookup(f.Pos); ok {
			b.fromSrc++
			return name
		}
	}
	b.fromComp++
	if header != "" {
		return CleanFuncName(header, pkgName(f.Package))
	}
	if di := b.decls[f.Package]; di != nil {
		if name, ok := di.lookup(f.Pos); ok {
			return name
		}
	}
	return "<unknown>"
}

// sourceMatches reports whether the source of file can be used for the
// findings of pkg (see TrustSource).
func (b *ReportBuilder) sourceMatches(pkg, file string) bool {
	if b.TrustSource {
		return true
	}
	if ok, seen := b.verified[file]; seen {
		return ok
	}
	checked, ok := 0, true
	if di := b.decls[pkg]; di != nil {
		di.index()
		for _, r := range di.byFile[file] {
			if r.raw {
				r.name = CleanFuncName(r.name, di.pkgName)
			}
			if strings.Contains(r.name, ".func") || strings.ContainsAny(r.name, "-.") && !strings.Contains(r.name, ").") {
				continue // closures, wrappers and qualified names are not checkable
			}
			name, found := b.Funcs.Lookup(Pos{File: file, Line: r.start.Line, Col: r.start.Col})
			checked++
			// A generic from another package keeps its qualifier (gen.(*T).M).
			if !found || name != r.name && !strings.HasSuffix(r.name, "."+name) {
				ok = false
				break
			}
		}
	}
	ok = ok && checked > 0
	if b.verified == nil {
		b.verified = make(map[string]bool)
	}
	b.verified[file] = ok
	return ok
}

// indexKey is a finding's [Key] within its package, with the function
// ranked.
type indexKey struct {
	fn      int32
	kind    FindingKind
	subject string
}

// rankedFinding is a finding with its package, function and file ranked.
type rankedFinding struct {
	pkg, fn, file, line, col int32
	f                        *Finding
}

// sortFindings sorts findings as compareFindings orders them, and returns
// them grouped by package. Package, function and file names repeat across
// thousands of findings: they are ranked once, so that the sort compares
// integers, one package at a time, and reads strings only on ties.
func sortFindings(fs []*Finding) [][]rankedFinding {
	// Consecutive findings mostly share these names: the previous one is
	// checked before the map.
	rank := func(get func(*Finding) string) func(*Finding) int32 {
		seen := map[string]int32{}
		var names []string
		last := "\x00"
		for _, f := range fs {
			if s := get(f); s != last && !hasKey(seen, s) {
				seen[s] = 0
				names = append(names, s)
				last = s
			}
		}
		slices.Sort(names)
		for i, s := range names {
			seen[s] = int32(i)
		}
		var lastRank int32
		last = "\x00"
		return func(f *Finding) int32 {
			if s := get(f); s != last {
				last, lastRank = s, seen[s]
			}
			return lastRank
		}
	}
	pkgOf := rank(func(f *Finding) string { return f.Package })
	fnOf := rank(func(f *Finding) string { return f.Func })
	fileOf := rank(func(f *Finding) string { return f.Pos.File })
	sizes := map[int32]int{}
	for _, f := range fs {
		sizes[pkgOf(f)]++
	}
	groups := make([][]rankedFinding, len(sizes))
	for p, n := range sizes {
		groups[p] = make([]rankedFinding, 0, n)
	}
	for _, f := range fs {
		p := pkgOf(f)
		groups[p] = append(groups[p], rankedFinding{p, fnOf(f), fileOf(f), int32(f.Pos.Line), int32(f.Pos.Col), f})
	}
	for _, g := range groups {
		slices.SortFunc(g, compareRanked)
	}
	return groups
}

// compareRanked orders findings of one package. Not cmp.Or: it would
// compare the strings of every pair, where integers nearly always decide.
func compareRanked(a, b rankedFinding) int {
	switch {
	case a.fn != b.fn:
		return cmp.Compare(a.fn, b.fn)
	case a.file != b.file:
		return cmp.Compare(a.file, b.file)
	case a.line != b.line:
		return cmp.Compare(a.line, b.line)
	case a.col != b.col:
		return cmp.Compare(a.col, b.col)
	}
	if ka, kb := kindRank(a.f.Kind), kindRank(b.f.Kind); ka != kb {
		return cmp.Compare(ka, kb)
	}
	return cmp.Or(
		strings.Compare(a.f.Subject, b.f.Subject),
		strings.Compare(a.f.Message, b.f.Message),
		strings.Compare(a.f.Why, b.f.Why),
	)
}

// kindRank orders finding kinds as their names sort, without comparing
// the strings.
//
//perf:inline
func kindRank(k FindingKind) int {
	switch k {
	case BoundsChecked:
		return 0
	case Inlinable:
		return 1
	case NotInlinable:
		return 2
	case Heap:
		return 3
	case InlinedCall:
		return 4
	case Static:
		return 5
	}
	return 6
}

func hasKey(m map[string]int32, k string) bool {
	_, ok := m[k]
	return ok
}

func compareFindings(a, b *Finding) int {
	return cmp.Or(
		cmp.Compare(a.Package, b.Package),
		cmp.Compare(a.Func, b.Func),
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Subject, b.Subject),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Why, b.Why),
	)
}

// pkgName guesses a package's name from its import path as go prints it:
// the last element, without a test-variant suffix or a /vN major version.
func pkgName(importPath string) string {
	p, _, _ := strings.Cut(importPath, " ")
	p = strings.TrimSuffix(p, "_test")
	name := path.Base(p)
	if len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = path.Base(path.Dir(p))
	}
	return name
}

// IsStatic reports whether an escaping expression, as the compiler prints
// it, is a constant or a zero-sized value: boxing those into an interface
// points at read-only data and does not allocate (the compiler's
// -d=escapedebug=1 says "using global for interface value"). Boxing of
// small non-constant integers and single bytes also avoids allocation at
// run time, but that cannot be seen in the output and is counted.
func IsStatic(subject string) bool {
	s := subject
	switch {
	case s == "":
		return false
	case s == "true" || s == "false" || s == "nil" || s == "struct {}{}":
		return true
	case s[0] == '"' || s[0] == '`' || s[0] == '\'':
		_, err := strconv.Unquote(s)
		return err == nil
	case s[0] == '-' || s[0] == '+':
		s = s[1:]
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && c != '.' && c != '_' && c != '+' && c != '-' {
			return false
		}
	}
	return true
}

// NormalizeSubject removes what changes in a subject between builds
// without a change in meaning: the numbers of compiler temporaries
// (".autotmp_12") and of unnamed results and parameters ("~r0", "~p1").
func NormalizeSubject(s string) string {
	i := strings.IndexByte(s, '~')
	j := strings.Index(s, ".autotmp_")
	if i < 0 && j < 0 {
		return s
	}
	// Drop the digits after each "~r", "~p" and ".autotmp" (and its "_").
	b := make([]byte, 0, len(s))
	for k := 0; k < len(s); {
		var skip int
		switch {
		case s[k] == '~' && k+1 < len(s) && (s[k+1] == 'r' || s[k+1] == 'p'):
			skip = 2
		case strings.HasPrefix(s[k:], ".autotmp"):
			skip = len(".autotmp")
		}
		if skip == 0 {
			b = append(b, s[k])
			k++
			continue
		}
		b = append(b, s[k:k+skip]...)
		k += skip
		d := k
		if d < len(s) && s[d] == '_' {
			d++
		}
		e := d
		for e < len(s) && '0' <= s[e] && s[e] <= '9' {
			e++
		}
		if e > d {
			k = e
		}
	}
	return string(b)
}
