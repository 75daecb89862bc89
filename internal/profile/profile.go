// Package profile reads the pprof profiles that measure perfvet's heat,
// and answers what they say of a function or a line.
//
// It belongs to the driver layer, beside internal/verdict: analyzers read
// no files (go vet and golangci-lint cache an analyzer's results by its
// flags and inputs). The standalone driver and the go vet tool open the
// profiles named by -hot.profile before analysis (Open); the golangci-lint
// plugin and the language server do the same when they build their suite,
// and -hot.profile=auto is resolved lazily, per package directory, the
// first time a package asks. The heat analyzer (internal/passes/hot) is
// handed the result as a Source; perfescape reads one profile with Load.
//
// The pieces:
//
//   - a Kind is what a profile measures (CPU time, allocation);
//   - a Profile is one kind's samples, reduced to values and stacks of
//     (function symbol, line) frames, the merge of every file of that kind;
//   - a Set holds at most one Profile per Kind;
//   - a Source gives the Set that applies to a package: Files (the same
//     for every package) or Auto (the default.pgo that go build -pgo=auto
//     would use). Open turns a -hot.profile value into one.
//
// Files are read once per process: sets are cached by their files' paths,
// sizes and modification times, so the packages of one run and the
// analyzers of one package share them.
//
// Lookups: by function symbol (FuncShare; Region for a top-level function
// with its closures and loops, matched by line offsets from the function's
// start, which pprof records) and by file and line (Line).
package profile

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
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

	// Leak profiles (Go 1.26, GOEXPERIMENT=goroutineleakprofile:
	// /debug/pprof/goroutineleak, pprof.Lookup("goroutineleak")) count
	// the goroutines the garbage collector found blocked forever, by
	// stack (leak.go). They confirm leakysend's findings.
	Leak
	// Contention profiles (mutex or block: /debug/pprof/mutex,
	// /debug/pprof/block, go test -mutexprofile, -blockprofile) hold the
	// time waited on locks (Value, nanoseconds) and the contentions
	// (Objects). They measure mutexcount's findings.
	Contention

	// numKinds counts the kinds; a new kind goes above it.
	numKinds
)

func (k Kind) String() string {
	switch k {
	case Alloc:
		return "allocation"
	case Leak:
		return "goroutine leak"
	case Contention:
		return "contention"
	}
	return "CPU"
}

// A Profile is a profile of one kind reduced to what heat needs: each
// sample's value and its stack as (function, line) frames, leaf first.
// Functions are kept by their full symbol name
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
	// PerSample is what one sample of the profiler adds to a value: the
	// CPU profiler's period (10 ms as nanoseconds, or 1 for a count of
	// samples), the allocation sampler's rate (an allocation is recorded
	// about once per PerSample bytes; scaled up, a recorded allocation
	// counts as about that many bytes). 0 when the profile does not say,
	// or for kinds not sampled at a rate.
	PerSample float64
	funcs     []profFunc
	samples   []profSample
	// LoadTime is how long reading and indexing the files took.
	LoadTime time.Duration
}

type profFunc struct {
	name  string
	file  string // the source file pprof recorded: absolute, or module-relative under -trimpath
	start int64  // first line of the function (its func keyword); 0 if unknown
}

type profSample struct {
	value   int64
	objects int64   // Alloc profiles: objects allocated by the sample
	size    int64   // Alloc profiles: each object's size, 0 if not known
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
	byKind [numKinds]*Profile
}

// Of returns the profile of kind k, or nil.
func (s *Set) Of(k Kind) *Profile {
	if s == nil || k < 0 || k >= numKinds {
		return nil
	}
	return s.byKind[k]
}

// Empty reports whether the set holds no profile.
func (s *Set) Empty() bool {
	if s == nil {
		return true
	}
	for _, p := range s.byKind {
		if p != nil {
			return false
		}
	}
	return true
}

// without returns the profiles of s not of the kinds given, or nil when
// none remains.
func (s *Set) without(kinds ...Kind) *Set {
	out := &Set{}
	for k, p := range s.byKind {
		if !slices.Contains(kinds, Kind(k)) {
			out.byKind[k] = p
		}
	}
	if out.Empty() {
		return nil
	}
	return out
}

// For returns s whatever the package: a Set is the Source of profiles
// named by file.
func (s *Set) For(_, _ string) (*Set, error) { return s, nil }

// Load reads one pprof profile (gzipped or not), through the process's
// cache.
func Load(path string) (*Profile, error) {
	set, err := LoadFiles([]string{path})
	if err != nil {
		return nil, err
	}
	for _, p := range set.byKind {
		if p != nil {
			return p, nil
		}
	}
	return nil, nil
}

// LoadFiles reads pprof profiles, of any kinds in any order, and merges
// those of each kind with the pprof library (shares are then of all their
// samples). A process loads each list once: the result is cached by the
// files' paths, sizes and modification times.
func LoadFiles(paths []string) (*Set, error) {
	key, abs, err := cacheKey(paths)
	if err != nil {
		return nil, err
	}
	return loaded.get(key, func() (*Set, error) { return loadSet(abs) })
}

func loadSet(paths []string) (*Set, error) {
	start := time.Now()
	var byKind [numKinds][]*profile.Profile
	var names [numKinds][]string
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
		set.byKind[k] = p
	}
	d := time.Since(start)
	for _, p := range set.byKind {
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
// inuse_space whichever endpoint wrote it), a goroutine leak profile
// ("goroutineleak") and a mutex or block profile ("contentions",
// "delay"). A goroutine profile of all goroutines measures none of these.
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
		case "goroutineleak":
			return Leak, nil
		case "contentions", "delay":
			return Contention, nil
		}
		types = append(types, st.Type+"/"+st.Unit)
	}
	return 0, fmt.Errorf("%w perfvet reads: it measures %s; give a CPU profile, an allocation profile (go test -memprofile, /debug/pprof/allocs or /debug/pprof/heap), a goroutine leak profile (/debug/pprof/goroutineleak) or a mutex or block profile",
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
	switch k {
	case Alloc:
		vi, oi = sampleIndex(pp, "alloc_space"), sampleIndex(pp, "alloc_objects")
	case Leak:
		vi = sampleIndex(pp, "goroutineleak")
	case Contention:
		vi, oi = sampleIndex(pp, "delay"), sampleIndex(pp, "contentions")
	}
	if vi < 0 {
		return nil, fmt.Errorf("%w: no %s sample type", ErrNotProfile, k)
	}
	p := &Profile{Kind: k, PerSample: perSample(pp, k, vi)}
	ids := make(map[*profile.Function]int32)
	fnIndex := func(f *profile.Function) int32 {
		if i, ok := ids[f]; ok {
			return i
		}
		i := int32(len(p.funcs))
		ids[f] = i
		p.funcs = append(p.funcs, profFunc{normalizeName(f.Name), f.Filename, f.StartLine})
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
		if k == Alloc {
			ps.size = objectSize(s, ps.value, ps.objects)
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

// perSample is what one recorded sample of pp adds to the value at index
// vi (Profile.PerSample). A merged profile's period is the largest of its
// files' (pprof's Merge), which counts fewer samples than were recorded:
// the cautious side.
func perSample(pp *profile.Profile, k Kind, vi int) float64 {
	switch {
	case k == CPU && pp.SampleType[vi].Type == "samples":
		return 1
	case k == CPU && pp.SampleType[vi].Unit == "nanoseconds" && pp.Period > 0:
		return float64(pp.Period)
	case k == Alloc && pp.Period > 0:
		return float64(pp.Period)
	}
	return 0
}

// Samples returns about how many samples the profiler recorded to measure
// v, or +Inf when the profile does not say (PerSample is 0).
func (p *Profile) Samples(v int64) float64 {
	if p.PerSample <= 0 {
		return math.Inf(1)
	}
	return float64(v) / p.PerSample
}

// objectSize is the size of each object an allocation sample counts: the
// runtime labels its samples with it ("bytes"); without the label, the
// sample's bytes per object (scaled samples keep the ratio).
func objectSize(s *profile.Sample, bytes, objects int64) int64 {
	if b := s.NumLabel["bytes"]; len(b) == 1 {
		return b[0]
	}
	if objects > 0 {
		return int64(math.Round(float64(bytes) / float64(objects)))
	}
	return 0
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
