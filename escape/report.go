package escape

import (
	"cmp"
	"path"
	"regexp"
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
	return Key{Package: f.Package, Func: f.Func, Kind: f.Kind, Subject: NormalizeSubject(f.Subject), Index: f.Index}
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
	Stats   Stats        `json:"stats"`
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

	pending  []Finding
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
	switch d.Kind {
	case CanInline, CannotInline:
		if d.Subject != "" {
			if b.decls == nil {
				b.decls = make(map[string]*declIndex)
			}
			di := b.decls[d.Package]
			if di == nil {
				di = &declIndex{}
				b.decls[d.Package] = di
			}
			di.add(d.Pos, CleanFuncName(d.Subject, pkgName(d.Package)))
		}
	case Unknown:
		if len(b.unknown) < maxUnknown {
			b.unknown = append(b.unknown, *d)
		}
		return
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
	b.pending = append(b.pending, f)
}

// Report resolves enclosing functions, numbers the findings and returns
// the report. stats are the scanner's counts.
func (b *ReportBuilder) Report(stats *Stats) *Report {
	for i := range b.pending {
		f := &b.pending[i]
		f.Func = b.funcOf(f)
		if f.Subject == "" && (f.Kind == Inlinable || f.Kind == NotInlinable) {
			// -json=0,DIR records do not name the function; the source does.
			f.Subject = f.Func
		}
	}
	slices.SortFunc(b.pending, compareFindings)
	counts := map[Key]int{}
	for i := range b.pending {
		f := &b.pending[i]
		k := f.Key()
		k.Index = 0
		f.Index = counts[k]
		counts[k]++
	}
	r := &Report{Tool: "perfescape", Version: 1, Findings: b.pending, Unknown: b.unknown}
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
		for _, r := range di.byFile[file] {
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

func compareFindings(a, b Finding) int {
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
	if !strings.Contains(s, "~") && !strings.Contains(s, ".autotmp_") {
		return s
	}
	return numberedTemp.ReplaceAllString(s, "$1")
}

var numberedTemp = regexp.MustCompile(`(\.autotmp|~[rp])_?[0-9]+`)
