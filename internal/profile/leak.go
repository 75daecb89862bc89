package profile

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The runtime's word on two bugs perfvet's rules look for (issue #27):
//
//   - a goroutine leak profile (Go 1.26, GOEXPERIMENT=goroutineleakprofile:
//     /debug/pprof/goroutineleak, pprof.Lookup("goroutineleak")) holds one
//     sample per goroutine the garbage collector proved blocked forever,
//     with its stack: the outermost frame is the function the go statement
//     started, the innermost user frame where it is stuck;
//   - a mutex or block profile (/debug/pprof/mutex, /debug/pprof/block, go
//     test -mutexprofile, -blockprofile) holds contentions and the time
//     spent waiting, on the stacks of the Unlock (mutex) or the blocked
//     Lock (block).

// fileMatcher returns the profile's functions recorded in file (matched
// as Line does: equal, or ending with it after a '/').
func (p *Profile) fileFuncs(file string) map[int32]bool {
	file = filepath.ToSlash(file)
	match := make(map[int32]bool)
	for i, f := range p.funcs {
		name := filepath.ToSlash(f.file)
		if name == file || strings.HasSuffix(name, file) && strings.HasSuffix(name[:len(name)-len(file)], "/") {
			match[int32(i)] = true
		}
	}
	return match
}

// entry returns the index of a sample's outermost frame outside the
// runtime (the function a go statement started), or -1.
func (p *Profile) entry(s *profSample) int {
	for j := len(s.frames) - 1; j >= 0; j-- {
		if !strings.HasPrefix(p.funcs[s.frames[j].fn].name, "runtime.") {
			return j
		}
	}
	return -1
}

// Started returns how many of a goroutine leak profile's goroutines were
// started running code of file between lines from and to (the function a
// go statement starts: a function literal's lines, or a named function's):
// their outermost frame is there.
func (p *Profile) Started(file string, from, to int) int64 {
	if p == nil || p.Kind != Leak {
		return 0
	}
	match := p.fileFuncs(file)
	var n int64
	for i := range p.samples {
		s := &p.samples[i]
		if j := p.entry(s); j >= 0 && match[s.frames[j].fn] && from <= int(s.frames[j].line) && int(s.frames[j].line) <= to {
			n += s.value
		}
	}
	return n
}

// Within returns what the samples attribute to the lines from to to of
// file, each sample counted once however many of its frames are there: for
// a contention profile, the time waited (Value, nanoseconds) and the
// contentions (Objects).
func (p *Profile) Within(file string, from, to int) Amounts {
	var a Amounts
	if p == nil {
		return a
	}
	match := p.fileFuncs(file)
	for i := range p.samples {
		s := &p.samples[i]
		for _, fr := range s.frames {
			if match[fr.fn] && from <= int(fr.line) && int(fr.line) <= to {
				a.add(s)
				break
			}
		}
	}
	return a
}

// A LeakSite is where a goroutine leak profile's goroutines are stuck:
// the function their go statement started, and the line of it (or of the
// innermost user code) they are blocked on.
type LeakSite struct {
	Func  string // the started function's symbol
	File  string // the file of the blocking frame, as the profile records it
	Line  int    // the blocking line
	Count int64  // goroutines
	// EntryFile and EntryLine locate the started function's own frame, to
	// tell whether a finding claimed the site.
	EntryFile string
	EntryLine int
}

// LeakSites lists a goroutine leak profile's goroutines by where they are
// stuck, most first.
func (p *Profile) LeakSites() []LeakSite {
	if p == nil || p.Kind != Leak {
		return nil
	}
	type key struct {
		entry, leaf int32
		line, eline int32
	}
	counts := make(map[key]int64)
	for i := range p.samples {
		s := &p.samples[i]
		j := p.entry(s)
		if j < 0 {
			continue
		}
		leaf := j
		for k := 0; k < j; k++ {
			if !strings.HasPrefix(p.funcs[s.frames[k].fn].name, "runtime.") {
				leaf = k
				break
			}
		}
		counts[key{s.frames[j].fn, s.frames[leaf].fn, s.frames[leaf].line, s.frames[j].line}] += s.value
	}
	sites := make([]LeakSite, 0, len(counts))
	for k, n := range counts {
		sites = append(sites, LeakSite{
			Func: p.funcs[k.entry].name, File: p.funcs[k.leaf].file, Line: int(k.line), Count: n,
			EntryFile: p.funcs[k.entry].file, EntryLine: int(k.eline),
		})
	}
	slices.SortFunc(sites, func(a, b LeakSite) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return sites
}

// ContentionNote is what a finding about a lock gains from a contention
// profile's amounts: "; measured: 5 contentions, 73ms waited on this lock
// (mutex or block profile)".
func (a *Amounts) ContentionNote() string {
	s := "s"
	if a.Objects == 1 {
		s = ""
	}
	return fmt.Sprintf("; measured: %d contention%s, %s waited on this lock (mutex or block profile)", a.Objects, s, time.Duration(a.Value).Round(time.Microsecond))
}
