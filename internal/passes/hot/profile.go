package hot

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/pprof/profile"
)

// A Profile is a CPU profile reduced to what heat needs: each sample's
// value and its stack as (function, line) frames, leaf first. Functions
// are kept by their full symbol name ("example.com/p.(*T).M.func1") and
// the start line pprof recorded, so lines can be measured from the
// function's start rather than from the top of the file.
type Profile struct {
	Path    string
	Total   int64 // sum of the sample values (CPU nanoseconds, or samples)
	funcs   []profFunc
	samples []profSample
	// LoadTime is how long reading and indexing the file took.
	LoadTime time.Duration
}

type profFunc struct {
	name  string
	start int64 // first line of the function (its func keyword); 0 if unknown
}

type profSample struct {
	value  int64
	frames []frame // leaf first; inlined calls are frames of their own
}

type frame struct {
	fn   int32
	line int32
}

// ErrNotProfile says that a file is not a pprof profile.
var ErrNotProfile = errors.New("not a pprof profile")

// Load reads a pprof profile (gzipped or not). A process loads each file
// once: the result is cached by path, size and modification time, so the
// many packages of one run (or the analyzers of one package) share it.
func Load(path string) (*Profile, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	key := cacheKey{abs, st.Size(), st.ModTime()}
	cache.mu.Lock()
	e := cache.m[key]
	if e == nil {
		e = &cacheEntry{}
		cache.m[key] = e
	}
	cache.mu.Unlock()
	e.once.Do(func() { e.p, e.err = load(abs) })
	return e.p, e.err
}

type cacheKey struct {
	path  string
	size  int64
	mtime time.Time
}

type cacheEntry struct {
	once sync.Once
	p    *Profile
	err  error
}

var cache = struct {
	mu sync.Mutex
	m  map[cacheKey]*cacheEntry
}{m: make(map[cacheKey]*cacheEntry)}

func load(path string) (*Profile, error) {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a failed close loses nothing
	pp, err := profile.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotProfile, err)
	}
	p, err := fromPprof(pp)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p.Path = path
	p.LoadTime = time.Since(start)
	return p, nil
}

// fromPprof indexes a parsed profile. It takes the "cpu" sample type when
// there is one (runtime/pprof's CPU profiles carry samples/count and
// cpu/nanoseconds), else the last, which pprof treats as the default.
func fromPprof(pp *profile.Profile) (*Profile, error) {
	if len(pp.SampleType) == 0 {
		return nil, fmt.Errorf("%w: no sample types", ErrNotProfile)
	}
	vi := len(pp.SampleType) - 1
	for i, st := range pp.SampleType {
		if st.Type == "cpu" {
			vi = i
		}
	}
	p := &Profile{}
	ids := make(map[*profile.Function]int32)
	fnIndex := func(f *profile.Function) int32 {
		if i, ok := ids[f]; ok {
			return i
		}
		i := int32(len(p.funcs))
		ids[f] = i
		name := normalizeName(f.Name)
		p.funcs = append(p.funcs, profFunc{name, f.StartLine})
		return i
	}
	for _, s := range pp.Sample {
		if vi >= len(s.Value) || s.Value[vi] <= 0 {
			continue
		}
		ps := profSample{value: s.Value[vi]}
		for _, loc := range s.Location {
			// A location's lines are innermost first: inlined callees
			// before the function they were inlined into.
			for _, ln := range loc.Line {
				if ln.Function == nil {
					continue
				}
				ps.frames = append(ps.frames, frame{fnIndex(ln.Function), int32(ln.Line)})
			}
		}
		p.Total += ps.value
		p.samples = append(p.samples, ps)
	}
	return p, nil
}

// normalizeName makes names of generic instances agree: the runtime
// prints F[...], but a profile symbolized elsewhere may spell out the
// shape (F[go.shape.int]).
func normalizeName(name string) string {
	if !strings.Contains(name, "[") {
		return name
	}
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '[':
			if depth == 0 {
				b.WriteString("[...]")
			}
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// A region of a profile: the functions that belong to one top-level
// function of the source (itself, its range-over-func bodies and its
// closures), found by the top-level function's symbol.
type region struct {
	p     *Profile
	top   string
	base  int64          // the top-level function's start line in the profile; 0 if unknown
	funcs map[int32]bool // every profile function of the region
	exact map[int32]bool // the top-level function itself and its -rangeN bodies
}

// region returns the profile's functions under the top-level symbol top.
// Closures are named top.funcN, top.funcN.M, and after inlining
// top.top.funcN.funcM...: all start with top followed by '.' or '-'.
func (p *Profile) region(top string) *region {
	r := &region{p: p, top: top, funcs: make(map[int32]bool), exact: make(map[int32]bool)}
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

// closure returns the functions of the region that start off lines after
// the top-level function (a closure literal's func keyword), or, when the
// profile does not say where the top-level function starts (or byName),
// those named name.
func (r *region) closure(off int64, name string, byName bool) map[int32]bool {
	out := make(map[int32]bool)
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

// shares returns the flat and cumulative sample values of the functions
// fns, and the cumulative value of the samples that pass through lines
// from..to (offsets from the top-level function's start) of any function
// of the region. A sample counts once however many of its frames match.
func (r *region) shares(fns map[int32]bool, from, to int64) (flat, cum, lines int64) {
	if len(fns) == 0 && len(r.funcs) == 0 {
		return 0, 0, 0
	}
	for i := range r.p.samples {
		s := &r.p.samples[i]
		inFn, inLines := false, false
		for j, fr := range s.frames {
			if !r.funcs[fr.fn] {
				continue
			}
			if fns[fr.fn] {
				inFn = true
				if j == 0 {
					flat += s.value
				}
			}
			if r.base > 0 && from <= to {
				off := int64(fr.line) - r.base
				inLines = inLines || from <= off && off <= to
			}
		}
		if inFn {
			cum += s.value
		}
		if inLines {
			lines += s.value
		}
	}
	return flat, cum, lines
}

// FuncShare returns the share of samples, in percent, in the function
// named symbol (and its range-over-func bodies): in its own code (flat)
// and with what it calls (cum). perfescape ranks allocations with it.
func (p *Profile) FuncShare(symbol string) (flat, cum float64) {
	r := p.region(normalizeName(symbol))
	f, c, _ := r.shares(r.exact, 1, 0)
	total := float64(max(p.Total, 1))
	return 100 * float64(f) / total, 100 * float64(c) / total
}
