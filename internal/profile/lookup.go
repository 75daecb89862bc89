package profile

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// PathToPrefix escapes an import path as the linker does for the symbols
// of its package: '.' in the last element (and a few bytes anywhere) as
// %xx, as cmd/internal/objabi.PathToPrefix does ("gopkg.in/yaml%2ev3").
// A command's symbols start with "main" instead.
func PathToPrefix(s string) string {
	slash := strings.LastIndex(s, "/")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '.' && i > slash || c == '%' || c == '"' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Amounts are sample values: CPU nanoseconds (or samples), or allocated
// bytes with the objects beside them.
type Amounts struct{ Value, Objects int64 }

func (a *Amounts) add(s *profSample) {
	a.Value += s.value
	a.Objects += s.objects
}

// Share returns v as a percentage of the profile's total.
func (p *Profile) Share(v int64) float64 {
	return 100 * float64(v) / float64(max(p.Total, 1))
}

// FuncShare returns the share of samples, in percent, in the function
// named symbol (and its range-over-func bodies): in its own code (flat)
// and with what it calls (cum). perfescape ranks allocations with it.
func (p *Profile) FuncShare(symbol string) (flat, cum float64) {
	r := p.Region(symbol)
	m := r.Measure(r.Top(), NoSpan, nil)
	return p.Share(m.Flat.Value), p.Share(m.Cum.Value)
}

// Line returns what the samples attribute to a line of a source file: in
// the code of the line itself (flat: the sample's leaf frame is there)
// and with what it calls (cum). file matches a profile's file name equal
// to it or ending with it after a '/' (profiles record absolute build
// paths, or module paths under -trimpath), so "p/x.go" finds
// "/src/example.com/p/x.go". A sample counts once however many of its
// frames match.
func (p *Profile) Line(file string, line int) (flat, cum Amounts) {
	file = filepath.ToSlash(file)
	match := make(map[int32]bool)
	for i, f := range p.funcs {
		name := filepath.ToSlash(f.file)
		if name == file || strings.HasSuffix(name, file) && strings.HasSuffix(name[:len(name)-len(file)], "/") {
			match[int32(i)] = true
		}
	}
	if len(match) == 0 {
		return
	}
	for i := range p.samples {
		s := &p.samples[i]
		for j, fr := range s.frames {
			if match[fr.fn] && int(fr.line) == line {
				if j == 0 {
					flat.add(s)
				}
				cum.add(s)
				break
			}
		}
	}
	return flat, cum
}

// Funcs is a set of a profile's functions, as a Region selects them.
type Funcs map[int32]bool

// A Region of a profile is the functions that belong to one top-level
// function of the source (itself, its range-over-func bodies and its
// closures), found by the top-level function's symbol.
type Region struct {
	p     *Profile
	top   string
	base  int64 // the top-level function's start line in the profile; 0 if unknown
	funcs Funcs // every profile function of the region
	exact Funcs // the top-level function itself and its -rangeN bodies
}

// Region returns the profile's functions under the top-level symbol top
// ("example.com/p.(*T).M"). Closures are named top.funcN, top.funcN.M,
// and after inlining top.top.funcN.funcM...: all start with top followed
// by '.' or '-'. Generic instances match whatever their shapes
// (F[go.shape.int] is F[...]).
func (p *Profile) Region(top string) *Region {
	top = normalizeName(top)
	r := &Region{p: p, top: top, funcs: make(Funcs), exact: make(Funcs)}
	for i, f := range p.funcs {
		rest, ok := strings.CutPrefix(f.name, top)
		if !ok || (rest != "" && rest[0] != '.' && rest[0] != '-') {
			continue
		}
		r.funcs[int32(i)] = true
		if rest == "" || strings.HasPrefix(rest, "-range") && !strings.Contains(rest, ".") {
			r.exact[int32(i)] = true
			if rest == "" && f.start > 0 && r.base == 0 {
				r.base = f.start
			}
		}
	}
	return r
}

// KnowsLines reports whether the profile recorded the top-level
// function's start line, without which no line of the region can be
// placed (Measure's loop and here spans match nothing).
func (r *Region) KnowsLines() bool { return r.base > 0 }

// Top returns the top-level function itself and its range-over-func bodies.
func (r *Region) Top() Funcs { return r.exact }

// Closure returns the functions of the region that start off lines after
// the top-level function (a closure literal's func keyword), or, when the
// profile does not say where the top-level function starts (or byName),
// those named name (the closure's full symbol).
func (r *Region) Closure(off int64, name string, byName bool) Funcs {
	out := make(Funcs)
	for i := range r.funcs {
		f := r.p.funcs[i]
		if r.exact[i] {
			continue
		}
		if !byName && r.base > 0 && f.start > 0 {
			if f.start-r.base == off {
				out[i] = true
			}
		} else if f.name == name {
			out[i] = true
		}
	}
	return out
}

// A Span is a range of lines, as offsets from the top-level function's
// start line; From > To is empty.
type Span struct {
	From, To int64
	// Via, if set, counts a sample on the lines only when it went below
	// them through the function so named (a bytes.Buffer grows in
	// bytes.(*Buffer).grow: its writes' other work and its String's copy
	// are not the buffer's), or, for ViaRuntime, when every frame below
	// them is the runtime's (an append's growslice).
	Via string
	// Size, if set, counts only objects of that many bytes (a box:
	// typeshape.BoxSize), and NotSizes skip objects of theirs (a map's
	// first group, allocated however the map is sized, and its entries'
	// own objects): an allocation profile's frames stop at the line, so
	// the size of what a line allocated is what tells one allocation on
	// it from another. A sample of unknown size counts.
	Size     int64
	NotSizes []int64
}

// ViaRuntime is Span.Via for the lines' own code only.
const ViaRuntime = "runtime"

// NoSpan is the empty span.
var NoSpan = Span{From: 1, To: 0}

func (s Span) has(off int64) bool { return s.From <= off && off <= s.To }

// Spans are the lines of a place that is more than one range of lines (a
// buffer's declaration and the calls that write to it).
type Spans []Span

// counts reports whether sample s, whose frame j is at line offset off,
// counts for the spans: a span has the line and s went the span's way.
func (ss Spans) counts(p *Profile, s *profSample, j int, off int64) bool {
	for _, sp := range ss {
		if !sp.has(off) || s.size != 0 && (sp.Size != 0 && s.size != sp.Size || slices.Contains(sp.NotSizes, s.size)) {
			continue
		}
		switch sp.Via {
		case "":
			return true
		case ViaRuntime:
			if p.runtimeBelow(s, j) {
				return true
			}
		default:
			if p.through(s, j, sp.Via) {
				return true
			}
		}
	}
	return false
}

// through reports whether a frame of s below frame j is the function
// named name.
func (p *Profile) through(s *profSample, j int, name string) bool {
	for k := range j {
		if p.funcs[s.frames[k].fn].name == name {
			return true
		}
	}
	return false
}

// Measures are what a region's samples say of one place.
type Measures struct {
	Flat, Cum Amounts // in the functions asked for: own code, and with callees
	Loop      Amounts // through the loop's lines
	Here      Amounts // through the place's own lines (calls on them included)
	// HereOwn is Here where every frame below the place's line is the
	// runtime's: what the line's own code allocated (a conversion's box, a
	// make, a concatenation), not what a call on the line did, inlined or
	// not.
	HereOwn Amounts
}

// Measure returns what the samples say of the functions fns, of the lines
// of loop and of the lines here (offsets from the top-level function's
// start, in any function of the region). A sample counts once however
// many of its frames match.
func (r *Region) Measure(fns Funcs, loop Span, here Spans) Measures {
	var m Measures
	if len(fns) == 0 && len(r.funcs) == 0 {
		return m
	}
	for i := range r.p.samples {
		s := &r.p.samples[i]
		inFn, inLoop, inHere, own := false, false, false, false
		for j, fr := range s.frames {
			if !r.funcs[fr.fn] {
				continue
			}
			if fns[fr.fn] {
				inFn = true
				if j == 0 {
					m.Flat.add(s)
				}
			}
			if r.base > 0 {
				off := int64(fr.line) - r.base
				inLoop = inLoop || loop.has(off)
				if !inHere && here.counts(r.p, s, j, off) {
					inHere, own = true, r.p.runtimeBelow(s, j)
				}
			}
		}
		if own {
			m.HereOwn.add(s)
		}
		if inFn {
			m.Cum.add(s)
		}
		if inLoop {
			m.Loop.add(s)
		}
		if inHere {
			m.Here.add(s)
		}
	}
	return m
}

// runtimeBelow reports whether every frame of s below frame j (the ones
// nearer the leaf) is in the runtime.
func (p *Profile) runtimeBelow(s *profSample, j int) bool {
	for k := range j {
		name := p.funcs[s.frames[k].fn].name
		if !strings.HasPrefix(name, "runtime.") && !strings.HasPrefix(name, "internal/runtime/") {
			return false
		}
	}
	return true
}
