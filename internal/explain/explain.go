// Package explain joins the three halves of perfvet that answer "why is
// this line costly, and what do I change": a profile's cost per line of
// the user's code, the compiler's escape and inlining report (-m=2, read
// by the escape package) and the analyzers' findings with their fixes.
// perfvet explain prints the result as text, JSON or one self-contained
// HTML page.
//
// One run is: go list of the packages (escape.Load); the profile's lines
// of those packages ranked by flat cost (profile.Profile.Lines); then, side by
// side, one go build -gcflags=P=-m=2 of the packages and one analysis by
// the driver, with an analyzer beside the suite that records what the
// typed syntax says of the ranked lines; then the join.
package explain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/perfvet/perfvet/escape"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/profile"
)

// Config is one run of explain.
type Config struct {
	// Patterns are the packages, resolved in the working directory.
	Patterns []string
	// Profile names the profiles (-hot.profile: files, or auto).
	Profile string
	// N is how many lines to rank by allocated bytes and by CPU (20 if 0).
	N int
	// Command holds the suite to run and where load errors go; explain
	// calls its Analyze.
	Command *driver.Command
}

// ErrNoProfile says no profile was given or found.
var ErrNoProfile = errors.New("no profile")

// A Report is explain's result; its JSON form is -format=json.
type Report struct {
	Tool     string        `json:"tool"`
	Profiles []ProfileInfo `json:"profiles"`
	// Alloc and CPU are the ranked lines: by allocated bytes, by CPU.
	Alloc []*Line `json:"alloc"`
	CPU   []*Line `json:"cpu"`
	// Directives are //perf: directives ready to paste above hot
	// functions, which perfescape check then enforces.
	Directives []Directive `json:"directives"`
	// Warnings are problems that did not stop the run.
	Warnings []string `json:"warnings,omitempty"`
}

// A ProfileInfo says what one profile measured.
type ProfileInfo struct {
	Kind string `json:"kind"` // "cpu" or "alloc"
	Path string `json:"path"`
	// Total is the profile's whole value (CPU nanoseconds or allocated
	// bytes); Own the part on lines of the analysed packages.
	Total int64  `json:"total"`
	Own   int64  `json:"own"`
	Unit  string `json:"unit"` // "nanoseconds" or "bytes"
}

// OwnShare is the percentage of the profile on lines of the packages.
func (p ProfileInfo) OwnShare() float64 { return 100 * float64(p.Own) / float64(max(p.Total, 1)) }

// HasAlloc and HasCPU report whether an allocation or a CPU profile was
// read.
func (r *Report) HasAlloc() bool { return r.has("alloc") }
func (r *Report) HasCPU() bool   { return r.has("cpu") }

func (r *Report) has(kind string) bool {
	for _, p := range r.Profiles {
		if p.Kind == kind {
			return true
		}
	}
	return false
}

// A Line is one ranked line and what explains its cost.
type Line struct {
	Rank int    `json:"rank"`
	Kind string `json:"kind"` // "alloc" or "cpu"
	File string `json:"file"` // relative to the working directory
	Line int    `json:"line"`
	Func string `json:"func"`
	// Value is allocated bytes or CPU nanoseconds; Objects the objects
	// allocated; Share the percentage of the profile's total.
	Value   int64   `json:"value"`
	Objects int64   `json:"objects,omitempty"`
	Share   float64 `json:"share"`
	Code    string  `json:"code"`
	// Calls are the functions outside the user's code the line called
	// that did the work (the profile's frames below the line).
	Calls []Call `json:"calls,omitempty"`
	// Leaves are the innermost functions of those stacks, where the
	// allocation or the time was (bytes.(*Buffer).grow below a Flush).
	Leaves []Call `json:"leaves,omitempty"`
	// Findings are perfvet's findings on the line or the loop around it.
	Findings []Finding `json:"findings,omitempty"`
	// Compiler are the heap allocations the compiler reports on the line,
	// with its reasons.
	Compiler []Allocation `json:"compiler,omitempty"`
	// Runtime is the runtime work the line's expressions ask for.
	Runtime []RuntimeWork `json:"runtime,omitempty"`
	// Inlining is the compiler's inlining verdict on the line's function
	// (CPU lines).
	Inlining *Inlining `json:"inlining,omitempty"`
	// Explained lists the kinds of explanation found: "finding",
	// "compiler", "runtime", "call", "inlining"; empty is "no known
	// pattern".
	Explained []string `json:"explained"`
	// Excerpt is the source around the line with each line's cost.
	Excerpt []SourceLine `json:"excerpt,omitempty"`
}

// A Call is a function below a ranked line in the profile.
type Call struct {
	Func    string  `json:"func"`
	Share   float64 `json:"share"` // of the line's cost, percent
	Inlined bool    `json:"inlined,omitempty"`
}

// A Finding is a perfvet finding near a ranked line.
type Finding struct {
	Analyzer string `json:"analyzer"`
	Pos      string `json:"pos"`
	Message  string `json:"message"`
	// Where is "line" (on the line) or "loop" (in the loop around it).
	Where string `json:"where"`
	Fix   string `json:"fix,omitempty"`
	Diff  string `json:"diff,omitempty"`
}

// An Allocation is a heap allocation the compiler reports on a line.
type Allocation struct {
	Subject string `json:"subject"`
	// Reason is the first reason of the -m=2 flow ("call parameter:
	// append(out, x)"); Flow the whole explanation.
	Reason string   `json:"reason,omitempty"`
	Flow   []string `json:"flow,omitempty"`
	// Inlined names the calls the compiler inlined on the line, inside
	// which the allocation may be.
	Inlined []string `json:"inlined,omitempty"`
}

// Inlining is the compiler's verdict on inlining a function.
type Inlining struct {
	Func      string `json:"func"`
	Inlinable bool   `json:"inlinable"`
	Reason    string `json:"reason,omitempty"`
	Cost      int    `json:"cost,omitempty"`
	Budget    int    `json:"budget,omitempty"`
}

// A SourceLine is one line of an excerpt.
type SourceLine struct {
	Line  int     `json:"line"`
	Text  string  `json:"text"`
	Value int64   `json:"value,omitempty"`
	Share float64 `json:"share,omitempty"`
}

// A Directive is a //perf: directive to add above a function.
type Directive struct {
	File string `json:"file"`
	Line int    `json:"line"` // the func keyword's line
	Func string `json:"func"`
	Text string `json:"text"` // "//perf:noalloc"
	Why  string `json:"why"`
}

// Run explains the top lines of the profile for the packages.
func Run(cfg *Config) (*Report, error) {
	n := cfg.N
	if n <= 0 {
		n = 20
	}
	ctx := context.Background()
	comp, err := escape.Load(ctx, &escape.Config{Patterns: cfg.Patterns})
	if err != nil {
		return nil, err
	}
	if len(comp.Packages) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(cfg.Patterns, " "))
	}
	set, err := profile.Resolve(cfg.Profile, comp.Packages[0].Dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", hot.ErrUsage, err)
	}
	if set.Empty() {
		return nil, fmt.Errorf("%w: give -hot.profile=FILE (go test -bench . -cpuprofile cpu.pprof -memprofile mem.pprof), or put a default.pgo beside a main package for auto", ErrNoProfile)
	}
	rep := &Report{Tool: "perfvet explain", Alloc: []*Line{}, CPU: []*Line{}, Directives: []Directive{}}
	own := owner(comp.Packages)
	var tables [2]*profile.LineTable
	for k, p := range []*profile.Profile{set.Of(profile.CPU), set.Of(profile.Alloc)} {
		if p == nil {
			continue
		}
		t, err := p.Lines(own)
		if err != nil {
			return nil, err
		}
		tables[k] = t
		info := ProfileInfo{Kind: "cpu", Path: relPaths(p.Path), Total: t.Total, Own: t.Own, Unit: "nanoseconds"}
		if p.Kind == profile.Alloc {
			info.Kind, info.Unit = "alloc", "bytes"
		}
		rep.Profiles = append(rep.Profiles, info)
	}
	want := make(map[string]map[int]bool)
	top := func(t *profile.LineTable) []*profile.LineCost {
		if t == nil {
			return nil
		}
		lines := t.Lines[:min(n, len(t.Lines))]
		for _, lc := range lines {
			if want[lc.File] == nil {
				want[lc.File] = make(map[int]bool)
			}
			want[lc.File][lc.Line] = true
		}
		return lines
	}
	cpuTop, allocTop := top(tables[0]), top(tables[1])

	src := newSourceIndex(want)
	ci := newCompilerIndex(comp, want)
	var findings []driver.Finding
	var buildErr, analyzeErr error
	var wg sync.WaitGroup
	wg.Go(func() { buildErr = comp.Run(ctx, ci.visit) })
	wg.Go(func() { findings, analyzeErr = cfg.Command.Analyze(cfg.Patterns, src.analyzer()) })
	wg.Wait()
	if analyzeErr != nil {
		return nil, analyzeErr
	}
	if buildErr != nil {
		return nil, fmt.Errorf("go build -gcflags=-m=2: %v", buildErr)
	}
	rep.Warnings = append(rep.Warnings, comp.Warnings...)
	j := &joiner{src: src, ci: ci, findings: findings, files: make(map[string][]string)}
	j.wd, _ = os.Getwd()
	for i, lc := range allocTop {
		rep.Alloc = append(rep.Alloc, j.line(i+1, "alloc", lc, tables[1], tables[0]))
	}
	for i, lc := range cpuTop {
		rep.CPU = append(rep.CPU, j.line(i+1, "cpu", lc, tables[0], tables[1]))
	}
	rep.Directives = append(rep.Directives, j.directives(cpuTop, tables[1])...)
	return rep, nil
}

// owner recognises the profile's functions in the packages: by the
// symbol's package prefix (as the linker escapes it; "main" for
// commands), then by the file's base name among the package's files.
// Test files are not the user's code here: they are the benchmark's
// harness, and the compiler's report does not cover them.
func owner(pkgs []escape.Package) profile.Owner {
	byPrefix := make(map[string][]*escape.Package)
	for i := range pkgs {
		p := &pkgs[i]
		prefix := profile.PathToPrefix(p.ImportPath)
		if p.Name == "main" {
			prefix = "main"
		}
		byPrefix[prefix] = append(byPrefix[prefix], p)
	}
	return func(symbol, file string) string {
		base := filepath.Base(file)
		if strings.HasSuffix(base, "_test.go") {
			return ""
		}
		// The package prefix ends at the first '.' after the last '/'.
		slash := strings.LastIndexByte(symbol, '/')
		dot := strings.IndexByte(symbol[slash+1:], '.')
		if dot < 0 {
			return ""
		}
		var found string
		for _, p := range byPrefix[symbol[:slash+1+dot]] {
			for _, f := range p.GoFiles {
				if f == file {
					return f
				}
				if filepath.Base(f) == base && found == "" {
					found = f
				}
			}
		}
		return found
	}
}

// relPaths names the profile files relative to the working directory
// when they are below it.
func relPaths(paths string) string {
	wd, _ := os.Getwd()
	out := profile.SplitPaths(paths)
	for i, p := range out {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			out[i] = r
		}
	}
	return strings.Join(out, ",")
}
