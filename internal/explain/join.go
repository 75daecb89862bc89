package explain

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/perfvet/perfvet/escape"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/profile"
)

// A joiner puts the profile, the compiler and the findings together, line
// by line.
type joiner struct {
	src      *sourceIndex
	ci       *compilerIndex
	findings []driver.Finding
	files    map[string][]string // source lines, by absolute path
	wd       string
}

// excerptRadius is how many lines around a ranked line its excerpt shows
// (within its function).
const excerptRadius = 6

// line explains one ranked line lc of table t; other is the other
// profile's table, whose costs the excerpt does not show.
func (j *joiner) line(rank int, kind string, lc *profile.LineCost, t, _ *profile.LineTable) *Line {
	l := &Line{Rank: rank, Kind: kind, File: j.rel(lc.File), Line: lc.Line, Func: shortSymbol(lc.Func),
		Value: lc.Value, Objects: lc.Objects, Share: round1(t.Share(lc.Value))}
	src := j.source(lc.File)
	if lc.Line-1 < len(src) {
		l.Code = strings.TrimSpace(src[lc.Line-1])
	}
	l.Calls = calls(lc.Callees, lc.Value)
	// Where an allocation was says what allocated; where CPU time was is
	// mostly the runtime's own internals, so CPU lines keep the calls.
	if leaves := calls(lc.Leaves, lc.Value); kind == "alloc" && !slices.Equal(leaves, l.Calls) {
		l.Leaves = leaves
	}
	facts := j.src.at(lc.File, lc.Line)
	l.Findings = j.near(lc.File, lc.Line, facts)
	k := lineKey{lc.File, lc.Line}
	if kind == "alloc" {
		for _, d := range j.ci.heap[k] {
			l.Compiler = append(l.Compiler, allocation(d, j.ci.inlinedAt[k], j.ci.comp))
		}
	}
	if kind == "alloc" {
		l.Runtime = append(l.Runtime, libraryGrowth(append(slices.Clip(l.Calls), l.Leaves...))...)
	}
	if facts != nil {
		l.Runtime = append(l.Runtime, facts.Runtime...)
		if fi := facts.Func; fi != nil {
			l.Inlining = j.inlining(fi, kind)
		}
	}
	l.Explained = explained(l)
	l.Excerpt = j.excerpt(lc.File, lc.Line, facts, t)
	return l
}

// calls returns the three costliest of cs, with their share of a line's
// value v.
func calls(cs []profile.Callee, v int64) []Call {
	cs = cs[:min(3, len(cs))]
	out := make([]Call, 0, len(cs))
	for _, c := range cs {
		out = append(out, Call{Func: shortSymbol(c.Func), Share: round1(100 * float64(c.Value) / float64(max(v, 1))), Inlined: c.Inlined})
	}
	return out
}

// near returns the findings on the line, then those in the innermost loop
// around it (a finding about the loop, or about code in it).
func (j *joiner) near(file string, line int, facts *lineFacts) []Finding {
	var on, loop []Finding
	for i := range j.findings {
		f := &j.findings[i]
		if f.Pos.Filename != file {
			continue
		}
		ef := Finding{Analyzer: f.Analyzer, Pos: j.rel(f.Pos.Filename) + fmt.Sprintf(":%d:%d", f.Pos.Line, f.Pos.Column), Message: f.Message, Fix: f.Fix, Diff: f.Diff}
		touches := f.Pos.Line == line || f.End.Line >= line && f.Pos.Line <= line && f.End.Line-f.Pos.Line < 3
		for _, r := range f.Related {
			touches = touches || r.Filename == file && r.Line == line
		}
		switch {
		case touches:
			ef.Where = "line"
			on = append(on, ef)
		case facts != nil && facts.LoopFrom > 0 && facts.LoopFrom <= f.Pos.Line && f.Pos.Line <= facts.LoopTo:
			ef.Where = "loop"
			loop = append(loop, ef)
		}
	}
	return append(on, loop...)
}

// allocation turns a heap diagnostic into what the report shows.
func allocation(d *escape.Diagnostic, inlined []string, comp *escape.Compilation) Allocation {
	a := Allocation{Subject: d.Subject, Inlined: inlined}
	if why, _ := d.Reason(); why.Kind == escape.From {
		a.Reason = why.Detail + ": " + why.Subject
	}
	wd, _ := os.Getwd()
	show := func(p escape.Pos) string {
		if !p.IsKnown() {
			return ""
		}
		return comp.Options.Display(p.File, wd) + strings.TrimPrefix(p.String(), p.File)
	}
	for i := range d.Explanations {
		a.Flow = append(a.Flow, escape.FormatExplanation(&d.Explanations[i], show)...)
	}
	return a
}

// inlining is the compiler's verdict on fi: for CPU lines, whether the
// function is inlined into its callers; for allocation lines only a
// refusal is worth saying.
func (j *joiner) inlining(fi *funcInfo, kind string) *Inlining {
	d := j.ci.inline[lineKey{fi.File, fi.Decl}]
	if d == nil {
		return nil
	}
	in := &Inlining{Func: fi.Name, Inlinable: d.Kind == escape.CanInline, Reason: d.Detail}
	if d.Cost >= 0 {
		in.Cost = d.Cost
	}
	if d.Budget >= 0 {
		in.Budget = d.Budget
	}
	if in.Inlinable {
		in.Reason = ""
		if kind == "alloc" {
			return nil
		}
	}
	return in
}

// growers are library functions whose allocations are the runtime
// growing a buffer or a value on the caller's behalf, by name prefix.
var growers = []struct{ prefix, kind, what string }{
	{"bytes.(*Buffer).", "buffer growth", "the bytes.Buffer grows its slice when a write does not fit: a larger array is allocated and the contents copied (Grow it once to the size expected)"},
	{"strings.(*Builder).", "buffer growth", "the strings.Builder grows its slice when a write does not fit: a larger array is allocated and the contents copied (Grow it once to the size expected)"},
	{"bytes.growSlice", "buffer growth", "a bytes.Buffer below the call grows its slice when a write does not fit: a larger array is allocated and the contents copied"},
	{"io.ReadAll", "buffer growth", "io.ReadAll grows its slice as it reads: a larger array each time it fills, the contents copied (read into a buffer sized once, or io.Copy to where the bytes go)"},
	{"reflect.Value.SetMapIndex", "map growth", "reflection adds the key to the map, which grows its table when full"},
	{"reflect.Value.MapKeys", "reflection allocation", "reflect.Value.MapKeys allocates a slice of every key (MapRange iterates without it)"},
	{"reflect.Value.Grow", "slice growth", "reflection grows the slice: a larger array is allocated and the elements copied"},
	{"reflect.Append", "slice growth", "reflection appends, growing the slice when it is full"},
	{"reflect.New", "reflection allocation", "reflect.New allocates a new value of the type on the heap"},
	{"reflect.MakeSlice", "reflection allocation", "reflect.MakeSlice allocates the slice's array on the heap"},
	{"reflect.MakeMap", "reflection allocation", "reflect.MakeMap allocates the map on the heap"},
}

// libraryGrowth names the runtime work of the library calls that did most
// of a line's allocation.
func libraryGrowth(calls []Call) []RuntimeWork {
	var out []RuntimeWork
	seen := make(map[string]bool)
	for _, c := range calls {
		if c.Share < 50 {
			continue
		}
		for _, g := range growers {
			if strings.HasPrefix(c.Func, g.prefix) && !seen[g.kind] {
				seen[g.kind] = true
				out = append(out, RuntimeWork{Kind: g.kind, Expr: c.Func, Runtime: "runtime.growslice", What: g.what})
				if g.kind == "reflection allocation" {
					out[len(out)-1].Runtime = "runtime.newobject"
				}
				break
			}
		}
	}
	return out
}

// explained lists the kinds of explanation a line has.
func explained(l *Line) []string {
	var kinds []string
	if len(l.Findings) > 0 {
		kinds = append(kinds, "finding")
	}
	if len(l.Compiler) > 0 {
		kinds = append(kinds, "compiler")
	}
	if len(l.Runtime) > 0 {
		kinds = append(kinds, "runtime")
	}
	if slices.ContainsFunc(l.Calls, func(c Call) bool { return c.Share >= 50 }) {
		kinds = append(kinds, "call")
	}
	// A call not inlined explains time spent calling, not allocation.
	if l.Kind == "cpu" && l.Inlining != nil && !l.Inlining.Inlinable {
		kinds = append(kinds, "inlining")
	}
	if kinds == nil {
		kinds = []string{}
	}
	return kinds
}

// excerpt returns the lines around line within its function, each with
// its cost in t.
func (j *joiner) excerpt(file string, line int, facts *lineFacts, t *profile.LineTable) []SourceLine {
	src := j.source(file)
	from, to := line-excerptRadius, line+excerptRadius
	if facts != nil && facts.Func != nil {
		from, to = max(from, facts.Func.From), min(to, facts.Func.To)
	}
	from, to = max(from, 1), min(to, len(src))
	out := make([]SourceLine, 0, max(to-from+1, 0))
	for n := from; n <= to; n++ {
		sl := SourceLine{Line: n, Text: strings.ReplaceAll(src[n-1], "\t", "    ")}
		if lc := t.At(file, n); lc != nil {
			sl.Value, sl.Share = lc.Value, round1(t.Share(lc.Value))
		}
		out = append(out, sl)
	}
	return out
}

// source returns the lines of file (read once).
func (j *joiner) source(file string) []string {
	lines, ok := j.files[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		j.files[file] = lines
	}
	return lines
}

// rel names file relative to the working directory when it is below it.
func (j *joiner) rel(file string) string {
	if r, err := filepath.Rel(j.wd, file); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return file
}

// shortSymbol drops the directories of a symbol's package path:
// "example.com/shop.Labels" becomes "shop.Labels".
func shortSymbol(s string) string {
	slash := strings.LastIndexByte(s, '/')
	if br := strings.IndexByte(s, '['); br >= 0 && br < slash {
		slash = strings.LastIndexByte(s[:br], '/')
	}
	return s[slash+1:]
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }
