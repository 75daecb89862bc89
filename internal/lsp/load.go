package lsp

import (
	"context"
	"crypto/sha256"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/typecheck"
)

// Loading after an edit.
//
// go/packages' LoadSyntax asks go list for the export data of every
// package it lists, the edited one included, so each save recompiled the
// package (about 2 s on a 5,000-line package) although the analysis
// type-checks it from source anyway. The server instead keeps, per
// directory, the package's metadata with its dependencies' export data
// (listed once, all build-cache hits), and after an edit parses and
// type-checks the editor's text against it (internal/typecheck, as the
// standalone driver does). go list runs again only when what it answered
// can have changed: the package's files, their build constraints or
// imports, go.mod or go.sum, or the sources of a dependency in the
// workspace. Anything the fast path cannot model the way go list does
// (cgo, a dependency recompiled for the package's tests, list errors,
// unsaved edits in another package) takes the slow path: go/packages as
// before.

// A loader caches package metadata by directory.
type loader struct {
	mu    sync.Mutex
	metas map[string]*metadata
	// lists counts go list runs of the fast path's metadata (tests).
	lists atomic.Int32
	// slow makes every load take the slow path (tests compare the two).
	slow bool
}

// metadata is what go list said of one directory's package.
type metadata struct {
	shape [sha256.Size]byte // of the answers' inputs (see shapeOf)
	// roots are the package, its internal test variant and its external
	// test package, as far as they exist, with Imports wired to listed
	// dependencies that carry export data.
	plain, variant, xtest *packages.Package
	// workspace holds the directories of dependencies outside GOROOT and
	// the module cache, with a stamp of their Go files at listing: an edit
	// saved there changes the export data this package sees.
	workspace map[string]string
	universe  *typecheck.Universe
}

// load returns the package in dir (and its test packages) type-checked
// from texts (the editor's text of each file, else the disk's), ready for
// the checker. overlay holds the unsaved open documents of every package.
func (l *loader) load(ctx context.Context, dir string, overlay, texts map[string][]byte) ([]*packages.Package, error) {
	if m, err := l.metadata(ctx, dir, overlay, texts); err != nil {
		return nil, err
	} else if m != nil {
		return m.check(texts), nil
	}
	return loadSyntax(ctx, dir, overlay)
}

// loadSyntax is the slow path: go/packages loads and type-checks all.
func loadSyntax(ctx context.Context, dir string, overlay map[string][]byte) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.LoadSyntax,
		Dir:     dir,
		Tests:   true,
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(pkgs, func(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") }), nil
}

// metadata returns dir's metadata, listing it again only when its shape
// or a workspace dependency changed; nil means take the slow path.
func (l *loader) metadata(ctx context.Context, dir string, overlay, texts map[string][]byte) (*metadata, error) {
	if l.slow {
		return nil, nil
	}
	for path := range overlay {
		if filepath.Dir(path) != dir {
			return nil, nil // another package's unsaved text: only go list overlays it
		}
	}
	shape, ok := shapeOf(dir, texts)
	if !ok {
		return nil, nil
	}
	l.mu.Lock()
	if l.metas == nil {
		l.metas = make(map[string]*metadata)
	}
	m := l.metas[dir]
	l.mu.Unlock()
	if m != nil && m.shape == shape && m.unchanged() {
		return m, nil
	}
	l.lists.Add(1)
	m, err := list(ctx, dir, overlay)
	if err != nil || m == nil {
		return nil, err
	}
	m.shape = shape
	l.mu.Lock()
	l.metas[dir] = m
	l.mu.Unlock()
	return m, nil
}

// shapeOf hashes what go list's answer for dir depends on that an editor
// changes: the Go files' names, each file's text up to the end of its
// imports (build constraints, package clause, imports), and the go.mod
// and go.sum above. A file that does not parse that far gives !ok: the
// slow path reports its error as go list does.
func shapeOf(dir string, texts map[string][]byte) (sum [sha256.Size]byte, ok bool) {
	h := sha256.New()
	names := make([]string, 0, len(texts))
	for path := range texts {
		names = append(names, path)
	}
	slices.Sort(names)
	fset := token.NewFileSet()
	for _, path := range names {
		text := texts[path]
		f, err := parser.ParseFile(fset, path, text, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			return sum, false
		}
		end := f.Name.End()
		if n := len(f.Imports); n > 0 {
			end = max(end, f.Imports[n-1].End())
			for _, d := range f.Decls {
				end = max(end, d.End()) // ImportsOnly keeps just the import decls
			}
		}
		head := text[:fset.Position(end).Offset]
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(path), len(head))
		h.Write(head)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if mod, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			gosum, _ := os.ReadFile(filepath.Join(d, "go.sum"))
			fmt.Fprintf(h, "go.mod\x00%d\x00", len(mod))
			h.Write(mod)
			h.Write(gosum)
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	h.Sum(sum[:0])
	return sum, true
}

// list asks go list for dir's package and then its imports' export data,
// without the package's own: nil when the fast path cannot model it.
func list(ctx context.Context, dir string, overlay map[string][]byte) (*metadata, error) {
	const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedTypesSizes | packages.NeedModule | packages.NeedForTest
	pkgs, err := packages.Load(&packages.Config{Context: ctx, Mode: metaMode, Dir: dir, Tests: true, Overlay: overlay}, ".")
	if err != nil {
		return nil, err
	}
	m := &metadata{workspace: make(map[string]string)}
	own := make(map[string]*packages.Package) // the roots by ID
	for _, p := range pkgs {
		switch {
		case strings.HasSuffix(p.ID, ".test"):
			continue
		case len(p.Errors) > 0 || !slices.Equal(p.GoFiles, p.CompiledGoFiles):
			return nil, nil // go list's errors, or files the go command generates
		case p.ForTest == "":
			m.plain = p
		case p.PkgPath == p.ForTest:
			m.variant = p
		default:
			m.xtest = p
		}
		own[p.ID] = p
	}
	if m.plain == nil {
		return nil, nil
	}
	var paths []string
	for _, p := range own {
		for path, dep := range p.Imports {
			switch {
			case own[dep.ID] != nil || path == "unsafe" || path == "C":
			case strings.Contains(dep.ID, " ["):
				return nil, nil // a dependency compiled again for the tests
			default:
				paths = append(paths, path)
			}
		}
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	deps := make(map[string]*packages.Package)
	if len(paths) > 0 {
		listed, err := packages.Load(&packages.Config{Context: ctx, Mode: listMode, Dir: dir}, paths...)
		if err != nil {
			return nil, err
		}
		var failed bool
		packages.Visit(listed, nil, func(p *packages.Package) {
			deps[p.PkgPath] = p
			failed = failed || len(p.Errors) > 0
			if p.Module != nil && p.Dir != "" && !inGoCache(p.Dir) {
				m.workspace[p.Dir] = stamp(p.Dir)
			}
		})
		if failed {
			return nil, nil // the slow path says what is wrong, as before
		}
	}
	for _, p := range own {
		for path, dep := range p.Imports {
			if own[dep.ID] != nil {
				p.Imports[path] = own[dep.ID]
			} else if d := deps[path]; d != nil {
				p.Imports[path] = d
			}
		}
	}
	m.universe = typecheck.NewUniverse(token.NewFileSet())
	return m, nil
}

// listMode is the standalone driver's: metadata and export data.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// inGoCache reports whether dir is in GOROOT or the module cache, whose
// sources no editor changes.
func inGoCache(dir string) bool {
	for _, root := range []string{runtime.GOROOT(), goModCache()} {
		if root != "" && strings.HasPrefix(dir, root+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

var goModCache = sync.OnceValue(func() string {
	if dir := os.Getenv("GOMODCACHE"); dir != "" {
		return dir
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
})

// stamp describes dir's Go files by name, size and modification time.
func stamp(dir string) string {
	entries, _ := os.ReadDir(dir)
	var b strings.Builder
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		if info, err := e.Info(); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", e.Name(), info.Size(), info.ModTime().UnixNano())
		}
	}
	return b.String()
}

// unchanged reports whether no workspace dependency changed on disk.
func (m *metadata) unchanged() bool {
	for dir, was := range m.workspace {
		if stamp(dir) != was {
			return false
		}
	}
	return true
}

// check type-checks the roots from texts, as the standalone driver does:
// the internal test variant stands for the package (its files include
// the package's), unless it does not type-check, when the package is
// checked alone too; the external test package imports the variant.
func (m *metadata) check(texts map[string][]byte) []*packages.Package {
	read := func(name string) ([]byte, error) {
		if text, ok := texts[name]; ok {
			return text, nil
		}
		return os.ReadFile(name)
	}
	u := m.universe
	var out []*packages.Package
	base := m.plain
	if m.variant != nil {
		base = m.variant
	}
	checked := u.Check(base, read)
	out = append(out, checked)
	if base == m.variant && checked.IllTyped {
		out = append(out, u.Check(m.plain, read))
	}
	if m.xtest != nil {
		u.Provide(base, checked.Types)
		out = append(out, u.Check(m.xtest, read))
	}
	return out
}

// release drops the analysed files from the universe's file set, which
// would otherwise keep every saved version's line tables.
func release(pkgs []*packages.Package) {
	for _, p := range pkgs {
		if p.Fset == nil {
			continue
		}
		for _, f := range p.Syntax {
			if tf := p.Fset.File(f.FileStart); tf != nil {
				p.Fset.RemoveFile(tf)
			}
		}
	}
}

// cancellable returns roots with each analyzer that no other requires
// replaced by a copy that does nothing once ctx is done, so a newer edit
// stops a running analysis between analyzers (go/analysis/checker takes
// no context). Analyzers others require stay themselves: their results
// are keyed by the original. orig maps a copy back.
func cancellable(ctx context.Context, roots []*analysis.Analyzer) (wrapped []*analysis.Analyzer, orig func(*analysis.Analyzer) *analysis.Analyzer) {
	required := make(map[*analysis.Analyzer]bool)
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		for _, r := range a.Requires {
			if !required[r] {
				required[r] = true
				visit(r)
			}
		}
	}
	for _, a := range roots {
		visit(a)
	}
	back := make(map[*analysis.Analyzer]*analysis.Analyzer)
	for _, a := range roots {
		if required[a] || a.Run == nil {
			wrapped = append(wrapped, a)
			continue
		}
		c := *a
		run := a.Run
		c.Run = func(pass *analysis.Pass) (any, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			return run(pass)
		}
		back[&c] = a
		wrapped = append(wrapped, &c)
	}
	return wrapped, func(a *analysis.Analyzer) *analysis.Analyzer {
		if o := back[a]; o != nil {
			return o
		}
		return a
	}
}
