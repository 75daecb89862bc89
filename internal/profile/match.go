package profile

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
)

// A profile taken from another program (a library's benchmarks passed
// while analysing an application, a service's profile while analysing an
// unrelated module) matches none of the analysed packages: with it every
// cost finding would be set aside as cold, silently. Matched checks each
// package against the profile and treats the profile as absent (static
// heat) for a package in whose functions it has no sample; the driver
// says so on stderr (Matched.Warning), naming the profile's own packages
// and the analysed ones.

// PackageShare returns the share of p's samples, in percent, with a frame
// in a function of the package pkgPath (main for a command: its symbols
// start with "main.").
func (p *Profile) PackageShare(pkgPath string, command bool) float64 {
	prefix := PathToPrefix(pkgPath) + "."
	if command {
		prefix = "main."
	}
	in := make([]bool, len(p.funcs))
	for i, f := range p.funcs {
		in[i] = strings.HasPrefix(f.name, prefix)
	}
	var v int64
	for i := range p.samples {
		for _, fr := range p.samples[i].frames {
			if in[fr.fn] {
				v += p.samples[i].value
				break
			}
		}
	}
	return p.Share(v)
}

// TopPackages returns the packages with the most samples in their own
// code (the leaf frame), runtime and standard library aside, as "path
// (share%)", most first, at most n.
func (p *Profile) TopPackages(n int) []string {
	byPkg := make(map[string]int64)
	for i := range p.samples {
		s := &p.samples[i]
		for _, fr := range s.frames {
			pkg := symbolPackage(p.funcs[fr.fn].name)
			if pkg == "" || isStd(pkg) {
				continue
			}
			byPkg[pkg] += s.value
			break
		}
	}
	pkgs := slices.SortedFunc(maps.Keys(byPkg), func(a, b string) int {
		return cmp.Or(cmp.Compare(byPkg[b], byPkg[a]), cmp.Compare(a, b))
	})
	top := pkgs[:min(n, len(pkgs))]
	out := make([]string, 0, len(top))
	for _, pkg := range top {
		out = append(out, fmt.Sprintf("%s (%s)", pkg, Percent(p.Share(byPkg[pkg]))))
	}
	return out
}

// symbolPackage returns the package part of a function symbol:
// "example.com/p" of "example.com/p.(*T).M.func1", "main" of "main.run".
func symbolPackage(name string) string {
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	return name[:slash+1+dot]
}

// isStd reports whether a symbol's package is the runtime's or the
// standard library's (no dot in its first element), main aside.
func isStd(pkg string) bool {
	first, _, _ := strings.Cut(pkg, "/")
	return pkg != "main" && !strings.Contains(first, ".")
}

// Matched is a Source that gives a package the CPU and allocation profiles
// of Source only if they hold samples in the package's own functions (at
// least TinyShare); otherwise none: its heat is static, as with no
// profile. Leak and contention profiles pass through: they are matched by
// file and line. It records what it decided for
// Warning. Command packages are matched by their "main." symbols.
type Matched struct {
	Source Source
	// Command reports whether a package is a command (package main);
	// nil means none is.
	Command func(pkgPath string) bool

	mu      sync.Mutex
	asked   map[string]float64 // package → its share of the profile (CPU, else allocations)
	example *Set               // a profile set that was asked, for Warning
}

// For returns the profiles for the package if they have samples in it.
func (m *Matched) For(pkgPath, dir string) (*Set, error) {
	set, err := m.Source.For(pkgPath, dir)
	if err != nil || set == nil || pkgPath == "" || set.Of(CPU) == nil && set.Of(Alloc) == nil {
		return set, err // nothing that measures heat: leak and contention profiles match by line
	}
	command := m.Command != nil && m.Command(pkgPath) || dir != "" && isMainDir(dir)
	share := 0.0
	for _, k := range []Kind{CPU, Alloc} {
		if p := set.Of(k); p != nil {
			share = max(share, p.PackageShare(pkgPath, command))
		}
	}
	m.mu.Lock()
	if m.asked == nil {
		m.asked = make(map[string]float64)
	}
	key := strings.TrimSuffix(pkgPath, "_test")
	m.asked[key] = max(m.asked[key], share)
	if m.example == nil {
		m.example = set
	}
	m.mu.Unlock()
	if share < TinyShare {
		return set.without(CPU, Alloc), nil
	}
	return set, nil
}

// TinyShare is the share of a profile's samples, in percent, below which
// a package counts as absent from it: one sample in ten thousand is a
// coincidence (a helper shared with the profiled program), not a
// measurement of the package.
const TinyShare = 0.01

// Warning says, for stderr, that the profile matched none of the
// packages asked about, or only some: which packages fell back to static
// heat, what the profile measures instead, and the module analysed. ""
// when every package matched (or none was asked about).
func (m *Matched) Warning(module string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var missed []string
	matched := 0
	for pkg, share := range m.asked {
		if share < TinyShare {
			missed = append(missed, pkg)
		} else {
			matched++
		}
	}
	if len(missed) == 0 {
		return ""
	}
	slices.Sort(missed)
	p := m.example.Of(CPU)
	if p == nil {
		p = m.example.Of(Alloc)
	}
	where := "its samples are in " + strings.Join(p.TopPackages(3), ", ")
	if top := p.TopPackages(1); len(top) == 0 {
		where = "its samples are all in the runtime and the standard library"
	}
	if module != "" {
		module = " (module " + module + ")"
	}
	if matched == 0 {
		return fmt.Sprintf("the profile %s has no samples in the analysed packages%s: %s. A profile of another program? It is ignored: heat is static", p.Path, module, where)
	}
	names := missed
	if len(names) > 3 {
		names = append(slices.Clone(names[:3]), fmt.Sprintf("and %d more", len(missed)-3))
	}
	return fmt.Sprintf("the profile %s has no samples in %d of the %d analysed packages%s (%s): static heat there; %s", p.Path, len(missed), len(m.asked), module, strings.Join(names, ", "), where)
}
