package analyzers_test

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestMetamorphic checks that every analyzer's verdict on its fixtures
// holds on shapes nobody wrote a fixture for. Each fixture package is
// rewritten in ways that keep the program's meaning (the rewrites, their
// preconditions and what each may not touch are in metamorphic_rewrites_test.go
// and metamorphic_calls_test.go), type-checked, and analysed again; the
// findings, as (analyzer, file, line) with moved code mapped back to its
// original lines by line directives, must be the same set. A rewrite whose
// preconditions fail, or whose result does not type-check, is not applied
// and is counted as skipped. A mismatch names the fixture (file and
// function), the rewrite and the lines found or lost.
//
// Gaps the harness found that are not fixed yet are listed in
// metamorphicGaps with the reason; a listed gap that no longer happens
// fails the test, so the list cannot go stale.
func TestMetamorphic(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses every fixture package once per rewrite")
	}
	start := time.Now()
	suite := analyzers.New(&analyzers.Config{Policy: report.Policy{TestFiles: true}})
	env := newMetaEnv(t.TempDir())
	var total metaCounts
	seen := make(map[string]bool)
	for _, a := range suite[:len(analyzers.Own())] {
		enableOptions(t, a)
		src := filepath.Join(a.Name, "testdata", "src")
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			dir := filepath.Join(src, e.Name())
			if gofiles, _ := filepath.Glob(filepath.Join(dir, "*.go")); len(gofiles) == 0 {
				continue // the start of a stub's import path
			}
			env.root = src
			fx, err := env.load(dir, e.Name())
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			base := env.analyse(t, a, fx)
			total.runs++
			for _, rw := range rewrites {
				rwStart := time.Now()
				c := checkRewrite(t, env, a, fx, rw, base, seen)
				total.add(c)
				if d := time.Since(rwStart); d > time.Second {
					t.Logf("%s %s %s: %s", a.Name, fx.path, rw.name, d.Round(time.Millisecond))
				}
			}
		}
	}
	checkGaps(t, seen)
	t.Logf("metamorphic: %d (fixture, rewrite) pairs checked, %d skipped (%d by a precondition, %d by the type checker), %d sites applied, %d analyses, %s",
		total.checked, total.skippedPre+total.skippedType, total.skippedPre, total.skippedType, total.sites, total.runs, time.Since(start).Round(time.Second))
}

type metaCounts struct {
	checked, skippedPre, skippedType, sites, runs int
}

func (c *metaCounts) add(d metaCounts) {
	c.checked += d.checked
	c.skippedPre += d.skippedPre
	c.skippedType += d.skippedType
	c.sites += d.sites
	c.runs += d.runs
}

// metaEnv type-checks fixture packages: std from export data, the
// fixture tree's own packages (stubs such as pgx) from source, once.
type metaEnv struct {
	tmp   string // where rewritten packages are written
	runs  int
	fset  *token.FileSet
	gc    types.Importer
	root  string
	stubs map[string]*types.Package
}

func newMetaEnv(tmp string) *metaEnv {
	fset := token.NewFileSet()
	return &metaEnv{tmp: tmp, fset: fset, gc: importer.ForCompiler(fset, "gc", nil), stubs: make(map[string]*types.Package)}
}

func (env *metaEnv) Import(path string) (*types.Package, error) {
	dir := filepath.Join(env.root, filepath.FromSlash(path))
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return env.gc.Import(path)
	}
	key := env.root + "|" + path
	if p := env.stubs[key]; p != nil {
		return p, nil
	}
	fx, err := env.load(dir, path)
	if err != nil {
		return nil, err
	}
	env.stubs[key] = fx.pkg
	return fx.pkg, nil
}

// A metaFixture is one fixture package, parsed and type-checked.
type metaFixture struct {
	dir   string
	path  string
	names []string // file names, in order
	srcs  map[string][]byte
	files map[string]*ast.File
	info  *types.Info
	pkg   *types.Package
	// decls maps a file's lines to the top-level declaration holding them.
	decls map[string][]metaDecl
}

type metaDecl struct {
	name       string
	start, end int // lines
}

func newInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		Scopes:       map[ast.Node]*types.Scope{},
		Instances:    map[*ast.Ident]types.Instance{},
		FileVersions: map[*ast.File]string{},
	}
}

func (env *metaEnv) load(dir, path string) (*metaFixture, error) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	srcs := make(map[string][]byte)
	var names []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		names = append(names, filepath.Base(p))
		srcs[filepath.Base(p)] = data
	}
	fx, errs := env.checkIn(dir, path, names, srcs)
	if len(errs) > 0 {
		return nil, fmt.Errorf("does not type-check: %v", errs[0])
	}
	fx.decls = make(map[string][]metaDecl)
	for _, name := range names {
		for _, d := range fx.files[name].Decls {
			md := metaDecl{start: env.fset.Position(d.Pos()).Line, end: env.fset.Position(d.End()).Line}
			switch d := d.(type) {
			case *ast.FuncDecl:
				md.name = d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					md.name = types.ExprString(d.Recv.List[0].Type) + "." + md.name
				}
				if d.Doc != nil {
					md.start = env.fset.Position(d.Doc.Pos()).Line
				}
			case *ast.GenDecl:
				md.name = fmt.Sprintf("%s@%d", d.Tok, md.start)
			}
			fx.decls[name] = append(fx.decls[name], md)
		}
	}
	return fx, nil
}

// check parses and type-checks a rewritten version of a package, in a
// directory of its own (analyse writes the files there: fixes read them).
func (env *metaEnv) check(path string, names []string, srcs map[string][]byte) (*metaFixture, []error) {
	env.runs++
	return env.checkIn(filepath.Join(env.tmp, fmt.Sprint(env.runs)), path, names, srcs)
}

func (env *metaEnv) checkIn(dir, path string, names []string, srcs map[string][]byte) (*metaFixture, []error) {
	fx := &metaFixture{dir: dir, path: path, names: names, srcs: srcs, files: make(map[string]*ast.File), info: newInfo()}
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(env.fset, filepath.Join(dir, name), srcs[name], parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, []error{err}
		}
		fx.files[name] = f
		files = append(files, f)
	}
	var errs []error
	conf := types.Config{Importer: env, GoVersion: "go1.26", Error: func(err error) { errs = append(errs, err) }}
	fx.pkg, _ = conf.Check(path, env.fset, files, fx.info)
	return fx, errs
}

// analyse runs a on a checked package and returns its findings as
// "file:line" keys, lines as line directives map them.
func (env *metaEnv) analyse(t *testing.T, a *analysis.Analyzer, fx *metaFixture) map[string]bool {
	t.Helper()
	var files []*ast.File
	var paths []string
	if err := os.MkdirAll(fx.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range fx.names {
		files = append(files, fx.files[name])
		path := filepath.Join(fx.dir, name)
		paths = append(paths, path)
		if _, err := os.Stat(path); err != nil {
			if err := os.WriteFile(path, fx.srcs[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	pkg := &packages.Package{
		ID: fx.path, Name: fx.pkg.Name(), PkgPath: fx.path,
		GoFiles: paths, CompiledGoFiles: paths,
		Fset: env.fset, Syntax: files, Types: fx.pkg, TypesInfo: fx.info,
		TypesSizes: types.SizesFor("gc", "amd64"),
		Module:     &packages.Module{Path: fx.path, GoVersion: "1.26"},
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, []*packages.Package{pkg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := make(map[string]bool)
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s failed on %s: %v", a.Name, fx.path, act.Err)
		}
		for _, d := range act.Diagnostics {
			p := env.fset.Position(d.Pos)
			found[fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)] = true
		}
	}
	return found
}

// fixtureOf names the top-level declaration holding file:line.
func (fx *metaFixture) fixtureOf(key string) string {
	file, line, _ := strings.Cut(key, ":")
	var n int
	fmt.Sscan(line, &n)
	for _, d := range fx.decls[file] {
		if d.start <= n && n <= d.end {
			return file + ":" + d.name
		}
	}
	return key
}

// checkRewrite applies rw to every place of fx it fits, in as few
// analyses as the places' edits allow, and compares the verdicts.
func checkRewrite(t *testing.T, env *metaEnv, a *analysis.Analyzer, fx *metaFixture, rw rewrite, base map[string]bool, seen map[string]bool) metaCounts {
	t.Helper()
	var c metaCounts
	type pair struct{ file, fn string }
	status := make(map[pair]string) // "checked", "pre", "type"
	mark := func(p pair, s string) {
		if status[p] != "checked" && (s == "checked" || status[p] == "") {
			status[p] = s
		} else if s == "type" && status[p] == "pre" {
			status[p] = s
		}
	}
	var candidates []placed
	for _, name := range fx.names {
		rc := newRewriteCtx(env.fset, fx, name)
		for _, s := range rw.sites(rc) {
			p := pair{name, s.fn}
			if s.skip != "" || selfOverlapping(s) {
				mark(p, "pre")
				continue
			}
			candidates = append(candidates, placed{file: name, site: s})
		}
	}
	// A site is kept if the package type-checks with it alone. Almost all
	// do: check them together, and halve a set that fails.
	var ok []placed
	var keep func(sites []placed)
	keep = func(sites []placed) {
		if len(sites) == 0 {
			return
		}
		if _, errs := env.check(fx.path, fx.names, applySites(fx, packRounds(sites)[0])); len(errs) == 0 && len(packRounds(sites)) == 1 {
			ok = append(ok, sites...)
			return
		}
		if len(sites) == 1 {
			if _, errs := env.check(fx.path, fx.names, applySites(fx, sites)); len(errs) > 0 {
				mark(pair{sites[0].file, sites[0].fn}, "type")
				return
			}
			ok = append(ok, sites...)
			return
		}
		keep(sites[:len(sites)/2])
		keep(sites[len(sites)/2:])
	}
	for _, r := range packRounds(candidates) {
		keep(r)
	}
	for _, round := range packRounds(ok) {
		srcs := applySites(fx, round)
		got, errs := env.check(fx.path, fx.names, srcs)
		if len(errs) > 0 {
			// Sites that check alone but not together: one at a time.
			for _, s := range round {
				if fx2, errs := env.check(fx.path, fx.names, applySites(fx, []placed{s})); len(errs) == 0 {
					c.runs++
					c.sites++
					mark(pair{s.file, s.fn}, "checked")
					compare(t, a, fx, rw, base, env.analyse(t, a, fx2), []placed{s}, srcs, seen)
				} else {
					mark(pair{s.file, s.fn}, "type")
				}
			}
			continue
		}
		c.runs++
		c.sites += len(round)
		for _, s := range round {
			mark(pair{s.file, s.fn}, "checked")
		}
		compare(t, a, fx, rw, base, env.analyse(t, a, got), round, srcs, seen)
	}
	for _, s := range status {
		switch s {
		case "checked":
			c.checked++
		case "pre":
			c.skippedPre++
		case "type":
			c.skippedType++
		}
	}
	return c
}

// A placed site is a site in one file.
type placed struct {
	file string
	site
}

// packRounds groups sites into rounds of sites whose edits do not overlap.
func packRounds(sites []placed) [][]placed {
	var rounds [][]placed
	for _, s := range sites {
		placedIt := false
		for i, r := range rounds {
			if !overlapsAny(s, r) {
				rounds[i] = append(r, s)
				placedIt = true
				break
			}
		}
		if !placedIt {
			rounds = append(rounds, []placed{s})
		}
	}
	return rounds
}

func overlapsAny(s placed, round []placed) bool {
	for _, o := range round {
		if o.file != s.file {
			continue
		}
		for _, a := range s.edits {
			for _, b := range o.edits {
				if overlap(a, b) {
					return true
				}
			}
		}
	}
	return false
}

// overlap reports whether two edits touch the same text, or insert at
// the same place (their order would be ambiguous).
func overlap(a, b edit) bool {
	return a.start < b.end && b.start < a.end || a.start == b.start ||
		a.start == a.end && b.start < a.start && a.start < b.end ||
		b.start == b.end && a.start < b.start && b.start < a.end
}

// selfOverlapping reports whether a site's own edits overlap.
func selfOverlapping(s site) bool {
	for i, a := range s.edits {
		for _, b := range s.edits[i+1:] {
			if overlap(a, b) {
				return true
			}
		}
	}
	return false
}

// applySites returns the package's sources with the sites' edits made
// and their declarations appended.
func applySites(fx *metaFixture, sites []placed) map[string][]byte {
	out := make(map[string][]byte, len(fx.srcs))
	for _, name := range fx.names {
		var edits []edit
		var extra []string
		for _, s := range sites {
			if s.file == name {
				edits = append(edits, s.edits...)
				if s.extra != "" {
					extra = append(extra, s.extra)
				}
			}
		}
		if len(edits) == 0 && len(extra) == 0 {
			out[name] = fx.srcs[name]
			continue
		}
		slices.SortStableFunc(edits, func(a, b edit) int {
			return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.end, b.end))
		})
		src := fx.srcs[name]
		var b strings.Builder
		last := 0
		for _, e := range edits {
			b.Write(src[last:e.start])
			b.WriteString(e.text)
			last = e.end
		}
		b.Write(src[last:])
		for _, x := range extra {
			b.WriteString("\n")
			b.WriteString(x)
		}
		out[name] = []byte(b.String())
	}
	return out
}
