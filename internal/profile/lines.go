package profile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/google/pprof/profile"
)

// Line-level queries, for perfvet explain: what a profile measures on each
// line of the user's own code. Heat asks about functions and loops and
// never needs these; explain ranks lines by them.

// An Owner tells the user's code from the rest: given a profile
// function's symbol and the file the profile names, it returns the path
// of that file on disk, or "" for code that is not the user's (the
// runtime, the standard library, dependencies, test files).
type Owner func(symbol, file string) string

// A LineCost is what a profile measures on one line of the user's code:
// the samples whose innermost frame in the user's code is that line. It
// is the line's flat cost in the user's code: its own work and that of
// the library and runtime code it calls, but not that of the user's
// functions it calls, which count on their own lines.
type LineCost struct {
	File string // path on disk, as the Owner returned it
	Line int
	// Func is the function's symbol, as the profile names it
	// ("example.com/p.(*T).M").
	Func string
	// Value is CPU nanoseconds (or samples) or allocated bytes; Objects
	// the objects allocated (allocation profiles).
	Value, Objects int64
	// Callees are the functions outside the user's code that the line
	// called directly and that did the work, most first; Leaves the
	// innermost functions of those stacks (where the allocation or the
	// time was), most first.
	Callees, Leaves []Callee
}

// A Callee is a function outside the user's code called from a line, with
// the part of the line's cost spent below it.
type Callee struct {
	Func  string
	Value int64
	// Inlined says the compiler inlined the call into the line.
	Inlined bool
}

// A LineTable is a profile's cost per line of the user's code.
type LineTable struct {
	Kind Kind
	// Total is the profile's whole value; Own the part on the user's
	// lines (the rest ran outside the user's code only: the runtime's
	// own work, test harness, other goroutines).
	Total, Own int64
	// Lines are every measured line, most costly first (ties in file
	// and line order).
	Lines  []*LineCost
	byLine map[lineKey]*LineCost
}

type lineKey struct {
	file string
	line int
}

// At returns the cost of file:line, or nil if the profile never saw it.
func (t *LineTable) At(file string, line int) *LineCost {
	if t == nil {
		return nil
	}
	return t.byLine[lineKey{file, line}]
}

// Share returns v as a percentage of the profile's total.
func (t *LineTable) Share(v int64) float64 {
	return 100 * float64(v) / float64(max(t.Total, 1))
}

// Lines reads p's files again (with file names and inlining, which heat
// does not keep) and measures each line of the user's code that own
// recognises. Several files of one kind are summed, as merged.
func (p *Profile) Lines(own Owner) (*LineTable, error) {
	t := &LineTable{Kind: p.Kind, byLine: make(map[lineKey]*LineCost)}
	callees := make(map[*LineCost]map[Callee]int64)
	leaves := make(map[*LineCost]map[Callee]int64)
	for _, path := range SplitPaths(p.Path) {
		pp, err := parseFile(path)
		if err != nil {
			return nil, err
		}
		vi, oi := sampleIndex(pp, "cpu"), -1
		if vi < 0 {
			vi = sampleIndex(pp, "samples")
		}
		if p.Kind == Alloc {
			vi, oi = sampleIndex(pp, "alloc_space"), sampleIndex(pp, "alloc_objects")
		}
		if vi < 0 {
			continue
		}
		t.addSamples(pp, vi, oi, own, callees, leaves)
	}
	for lc, m := range callees {
		lc.Callees = sortedCallees(m)
	}
	for lc, m := range leaves {
		lc.Leaves = sortedCallees(m)
	}
	slices.SortFunc(t.Lines, func(a, b *LineCost) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return t, nil
}

func sortedCallees(m map[Callee]int64) []Callee {
	out := make([]Callee, 0, len(m))
	for c, v := range m {
		c.Value = v
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Callee) int {
		return cmp.Or(cmp.Compare(b.Value, a.Value), cmp.Compare(a.Func, b.Func))
	})
	return out
}

// A lineFrame is one frame of a sample's stack with what heat's frames
// leave out: the file, and whether the frame was inlined into the next.
type lineFrame struct {
	fn      *profile.Function
	line    int
	inlined bool
}

func (t *LineTable) addSamples(pp *profile.Profile, vi, oi int, own Owner, callees, leaves map[*LineCost]map[Callee]int64) {
	owned := make(map[*profile.Function]string)
	ownFile := func(f *profile.Function) string {
		file, ok := owned[f]
		if !ok {
			file = own(normalizeName(f.Name), f.Filename)
			owned[f] = file
		}
		return file
	}
	var frames []lineFrame
	for _, s := range pp.Sample {
		if vi >= len(s.Value) || s.Value[vi] <= 0 {
			continue
		}
		v, objects := s.Value[vi], int64(0)
		if oi >= 0 && oi < len(s.Value) {
			objects = s.Value[oi]
		}
		t.Total += v
		frames = frames[:0]
		for _, loc := range s.Location {
			for i, ln := range loc.Line { // innermost first
				if ln.Function != nil {
					frames = append(frames, lineFrame{ln.Function, int(ln.Line), i < len(loc.Line)-1})
				}
			}
		}
		for j, fr := range frames {
			file := ownFile(fr.fn)
			if file == "" {
				continue
			}
			k := lineKey{file, fr.line}
			lc := t.byLine[k]
			if lc == nil {
				lc = &LineCost{File: file, Line: fr.line, Func: normalizeName(fr.fn.Name)}
				t.byLine[k] = lc
				t.Lines = append(t.Lines, lc)
			}
			lc.Value += v
			lc.Objects += objects
			t.Own += v
			if j > 0 && !strings.HasPrefix(frames[j-1].fn.Name, "runtime.asyncPreempt") {
				// asyncPreempt is the preemption signal landing on the
				// line, not a call it made.
				c := Callee{Func: normalizeName(frames[j-1].fn.Name), Inlined: frames[j-1].inlined}
				if callees[lc] == nil {
					callees[lc] = make(map[Callee]int64)
				}
				callees[lc][c] += v
				if leaves[lc] == nil {
					leaves[lc] = make(map[Callee]int64)
				}
				leaves[lc][Callee{Func: normalizeName(frames[0].fn.Name), Inlined: frames[0].inlined}] += v
			}
			break
		}
	}
}

// Resolve returns the profiles a -hot.profile value names, for code in
// dir: the files, or with auto the default.pgo that go build -pgo=auto
// would use there; nil for none. For drivers (perfvet explain) that read
// the profile themselves rather than through heat.
func Resolve(spec, dir string) (*Set, error) {
	src, err := Open(spec)
	if err != nil || src == nil {
		return nil, err
	}
	return src.For("", dir)
}
