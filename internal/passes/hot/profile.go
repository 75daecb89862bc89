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

// A Kind is what a profile measures.
type Kind int

const (
	// CPU profiles (runtime/pprof, go test -cpuprofile, default.pgo)
	// measure time: their samples are CPU nanoseconds.
	CPU Kind = iota
	// Alloc profiles (go test -memprofile, /debug/pprof/allocs,
	// /debug/pprof/heap) measure allocation: bytes (alloc_space) and
	// objects (alloc_objects) allocated since the program started.
	Alloc
)

func (k Kind) String() string {
	if k == Alloc {
		return "allocation"
	}
	return "CPU"
}

// A Profile is a CPU or allocation profile reduced to what heat needs:
// each sample's value and its stack as (function, line) frames, leaf
// first. Functions are kept by their full symbol name
// ("example.com/p.(*T).M.func1") and the start line pprof recorded, so
// lines can be measured from the function's start rather than from the
// top of the file.
type Profile struct {
	Path string // the file, or the files merged, separated by commas
	Kind Kind
	// Total is the sum of the sample values: CPU nanoseconds (or samples),
	// or allocated bytes.
	Total int64
	// Objects is the number of objects allocated (Alloc profiles).
	Objects int64
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
	value   int64
	objects int64   // Alloc profiles: objects allocated by the sample
	frames  []frame // leaf first; inlined calls are frames of their own
}

type frame struct {
	fn   int32
	line int32
}

// ErrNotProfile says that a file is not a pprof profile perfvet can use.
var ErrNotProfile = errors.New("not a pprof profile")

// A Set is the profiles of one run of perfvet: at most one of each kind,
// each the merge of the files of that kind.
type Set struct {
	CPU, Alloc *Profile
}

// Of returns the profile of kind k, or nil.
func (s *Set) Of(k Kind) *Profile {
	if s == nil {
		return nil
	}
	if k == Alloc {
		return s.Alloc
	}
	return s.CPU
}

// SplitPaths splits a -hot.profile value: paths separated by commas.
func SplitPaths(spec string) []string {
	var out []string
	for p := range strings.SplitSeq(spec, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Load reads one pprof profile (gzipped or not).
func Load(path string) (*Profile, error) {
	set, err := loadCached([]string{path})
	if err != nil {
		return nil, err
	}
	if set.CPU != nil {
		return set.CPU, nil
	}
	return set.Alloc, nil
}

// loadCached reads pprof profiles, CPU and allocation profiles in any
// order, and merges those of each kind with the pprof library (shares
// are then of all their samples). A process loads each list once: the
// result is cached by the files' paths, sizes and modification times, so
// the many packages of one run (or the analyzers of one package) share it.
func loadCached(paths []string) (*Set, error) {
	var key strings.Builder
	abs := make([]string, 0, len(paths))
	for _, path := range paths {
		a, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&key, "%s\x00%d\x00%d\x00", a, st.Size(), st.ModTime().UnixNano())
		abs = append(abs, a)
	}
	return loaded.get(key.String(), func() (*Set, error) { return loadSet(abs) })
}

// A setCache computes each key's profile set once per process.
type setCache struct {
	mu sync.Mutex
	m  map[string]*setEntry
}

type setEntry struct {
	once sync.Once
	set  *Set
	err  error
}

func (c *setCache) get(key string, load func() (*Set, error)) (*Set, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]*setEntry)
	}
	e := c.m[key]
	if e == nil {
		e = &setEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.set, e.err = load() })
	return e.set, e.err
}

// loaded caches profile sets by their files' paths, sizes and times.
var loaded setCache

func loadSet(paths []string) (*Set, error) {
	start := time.Now()
	var byKind [2][]*profile.Profile
	var names [2][]string
	for _, path := range paths {
		pp, err := parseFile(path)
		if err != nil {
			return nil, err
		}
		k, err := kindOf(pp)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		byKind[k] = append(byKind[k], pp)
		names[k] = append(names[k], path)
	}
	set := &Set{}
	for k, pps := range byKind {
		if len(pps) == 0 {
			continue
		}
		pp := pps[0]
		if len(pps) > 1 {
			var err error
			if pp, err = profile.Merge(pps); err != nil {
				return nil, fmt.Errorf("merging %s: %w", strings.Join(names[k], ", "), err)
			}
		}
		p, err := fromPprof(pp, Kind(k))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", strings.Join(names[k], ", "), err)
		}
		p.Path = strings.Join(names[k], ",")
		if Kind(k) == CPU {
			set.CPU = p
		} else {
			set.Alloc = p
		}
	}
	d := time.Since(start)
	for _, p := range []*Profile{set.CPU, set.Alloc} {
		if p != nil {
			p.LoadTime = d
		}
	}
	return set, nil
}

func parseFile(path string) (*profile.Profile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a failed close loses nothing
	pp, err := profile.Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotProfile, err)
	}
	return pp, nil
}

// kindOf tells a CPU profile (a "cpu" or "samples" sample type: runtime,
// go test, default.pgo) from an allocation profile (runtime/pprof's heap
// profile, which carries alloc_objects, alloc_space, inuse_objects and
// inuse_space whichever endpoint wrote it). Other profiles (block, mutex,
// goroutine) measure neither.
func kindOf(pp *profile.Profile) (Kind, error) {
	if len(pp.SampleType) == 0 {
		return 0, fmt.Errorf("%w: no sample types", ErrNotProfile)
	}
	var types []string
	for _, st := range pp.SampleType {
		switch st.Type {
		case "alloc_space":
			return Alloc, nil
		case "cpu", "samples":
			return CPU, nil
		}
		types = append(types, st.Type+"/"+st.Unit)
	}
	return 0, fmt.Errorf("%w perfvet reads: it measures %s; give a CPU profile or an allocation profile (go test -memprofile, /debug/pprof/allocs or /debug/pprof/heap)",
		ErrNotProfile, strings.Join(types, ", "))
}

// sampleIndex returns the index of the sample type named typ, or -1.
func sampleIndex(pp *profile.Profile, typ string) int {
	for i, st := range pp.SampleType {
		if st.Type == typ {
			return i
		}
	}
	return -1
}

// fromPprof indexes a parsed profile of kind k. A CPU profile's value is
// its "cpu" sample type (runtime/pprof's carry samples/count and
// cpu/nanoseconds), else "samples"; an allocation profile's is
// alloc_space, with alloc_objects beside it. The runtime has already
// scaled both up from its sampling rate.
func fromPprof(pp *profile.Profile, k Kind) (*Profile, error) {
	vi, oi := sampleIndex(pp, "cpu"), -1
	if vi < 0 {
		vi = sampleIndex(pp, "samples")
	}
	if k == Alloc {
		vi, oi = sampleIndex(pp, "alloc_space"), sampleIndex(pp, "alloc_objects")
	}
	if vi < 0 {
		return nil, fmt.Errorf("%w: no %s sample type", ErrNotProfile, k)
	}
	p := &Profile{Kind: k}
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
		if oi >= 0 && oi < len(s.Value) {
			ps.objects = s.Value[oi]
		}
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
		p.Objects += ps.objects
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

// A span is a range of lines, as offsets from the top-level function's
// start; from > to is empty.
type span struct{ from, to int64 }

var noSpan = span{1, 0}

func (s span) has(off int64) bool { return s.from <= off && off <= s.to }

// amounts are sample values (and, in allocation profiles, objects).
type amounts struct{ value, objects int64 }

func (a *amounts) add(s *profSample) {
	a.value += s.value
	a.objects += s.objects
}

// measures are what a region's samples say of one place.
type measures struct {
	flat, cum amounts // in the functions asked for: own code, and with callees
	loop      amounts // through the loop's lines
	here      amounts // through the place's own lines
}

// measure returns what the samples say of the functions fns, of the
// lines of loop and of the lines here (offsets from the top-level
// function's start, in any function of the region). A sample counts once
// however many of its frames match.
func (r *region) measure(fns map[int32]bool, loop, here span) measures {
	var m measures
	if len(fns) == 0 && len(r.funcs) == 0 {
		return m
	}
	for i := range r.p.samples {
		s := &r.p.samples[i]
		inFn, inLoop, inHere := false, false, false
		for j, fr := range s.frames {
			if !r.funcs[fr.fn] {
				continue
			}
			if fns[fr.fn] {
				inFn = true
				if j == 0 {
					m.flat.add(s)
				}
			}
			if r.base > 0 {
				off := int64(fr.line) - r.base
				inLoop = inLoop || loop.has(off)
				inHere = inHere || here.has(off)
			}
		}
		if inFn {
			m.cum.add(s)
		}
		if inLoop {
			m.loop.add(s)
		}
		if inHere {
			m.here.add(s)
		}
	}
	return m
}

// FuncShare returns the share of samples, in percent, in the function
// named symbol (and its range-over-func bodies): in its own code (flat)
// and with what it calls (cum). perfescape ranks allocations with it.
func (p *Profile) FuncShare(symbol string) (flat, cum float64) {
	r := p.region(normalizeName(symbol))
	m := r.measure(r.exact, noSpan, noSpan)
	return p.share(m.flat.value), p.share(m.cum.value)
}

// share returns v as a percentage of the profile's total.
func (p *Profile) share(v int64) float64 {
	return 100 * float64(v) / float64(max(p.Total, 1))
}
