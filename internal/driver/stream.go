package driver

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// Streaming: how the standalone driver analyses a suite without facts.
//
// go/packages in LoadSyntax mode keeps every matched package's syntax and
// types until Load returns, so the whole set is in memory at once (2 GB for
// std). Nothing in a fact-free suite needs that: a package needs only its
// own syntax and its imports' types, and the build cache has those types as
// export data. So the driver
//
//  1. lists the packages once with go/packages, metadata only (go list
//     -deps -test -export -compiled: file names, the import graph, and
//     each package's export data file, built into the cache if missing);
//  2. per matched package, in a pool of GOMAXPROCS workers that admits
//     packages by size (see admission): parses its files, type-checks
//     them against its imports' export data, runs the suite on it with
//     go/analysis/checker, keeps the findings, and drops the syntax,
//     types and analysis results;
//  3. decodes each dependency's export data at most once per process
//     (a universe shared by the workers, see universe).
//
// x/tools has no API for steps 2 and 3 as a library: go/packages does
// exactly this type-checking internally (loadPackage, loadFromExportData)
// but only for a whole Load, and unitchecker does it for one package per
// process under go vet. So the type-checking below follows go/packages'
// loadPackage (parse mode, types.Config, errors, IllTyped) to give the
// analyzers the same input; checker.Analyze then runs on a one-package
// slice, which it supports as is.

// listMode is what the listing asks go/packages for: no syntax, no types.
const listMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedExportFile |
	packages.NeedTypesSizes | packages.NeedModule

// A unit is one package to analyse.
type unit struct {
	pkg *packages.Package // metadata
	// extends is set when pkg is a package's internal test variant
	// ("p [p.test]"): it holds p, whose files the variant includes. Only the
	// variant is analysed, so p's files are analysed once; findings in them
	// are reported under p, as when both were analysed. If the variant does
	// not type-check (an error in a _test.go file), p is analysed after all.
	extends *packages.Package
}

// A unitResult is all that is kept of an analysed unit.
type unitResult struct {
	findings []finding
	failures []failure
	errors   []string // parse and type errors
}

// stream lists the packages the patterns match and analyses them one at a
// time per worker (see the comment above), adding the findings to c. It
// returns the number of load errors printed.
func (cmd *Command) stream(patterns []string, suite []*analysis.Analyzer, c *collector) (loadErrors int, err error) {
	roots, err := packages.Load(&packages.Config{Mode: listMode, Tests: true}, patterns...)
	if err != nil {
		return 0, err
	}
	// Test main packages are generated; they hold nothing to report.
	roots = slices.DeleteFunc(roots, func(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") })
	if err := matchedNone(patterns, roots); err != nil {
		return 0, err
	}
	printed := make(map[string]bool)
	loadErrors = printLoadErrors(cmd.Stderr, roots, printed) // the go command's: listing, building export data
	units := testVariantsOnce(roots)

	fset := token.NewFileSet()
	u := &universe{fset: fset, decoded: make(map[*packages.Package]*decoded)}
	u.wd, _ = os.Getwd()
	results := make([]unitResult, len(units))
	weight := make([]int64, len(units))
	for i, un := range units {
		weight[i] = sourceBytes(un)
	}
	workers := runtime.GOMAXPROCS(0)
	admit := newAdmission(weight, workers)
	var wg sync.WaitGroup
	var analyzeErr error
	var errOnce sync.Once
	for range workers {
		wg.Go(func() {
			for {
				i, ok := admit.next()
				if !ok {
					return
				}
				r, err := analyzeUnit(units[i], suite, u, c)
				admit.done(i)
				if err != nil {
					errOnce.Do(func() { analyzeErr = err })
				}
				results[i] = r
			}
		})
	}
	wg.Wait()
	if analyzeErr != nil {
		return 0, analyzeErr
	}
	for _, r := range results {
		for _, msg := range r.errors {
			if !printed[msg] {
				printed[msg] = true
				fmt.Fprintln(cmd.Stderr, msg)
				loadErrors++
			}
		}
		c.merge(r.findings, r.failures)
	}
	return loadErrors, nil
}

// testVariantsOnce returns the packages to analyse: every root, except a
// package whose internal test variant is a root too, which the variant
// stands for (see unit.extends).
func testVariantsOnce(roots []*packages.Package) []unit {
	plain := make(map[string]*packages.Package)
	for _, p := range roots {
		if p.ForTest == "" {
			plain[p.PkgPath] = p
		}
	}
	extended := make(map[*packages.Package]*packages.Package) // plain → variant
	for _, p := range roots {
		if p.ForTest != "" && p.ForTest == p.PkgPath && plain[p.PkgPath] != nil {
			extended[plain[p.PkgPath]] = p
		}
	}
	var units []unit
	for _, p := range roots {
		switch {
		case extended[p] != nil:
			// analysed as part of its variant
		case p.ForTest != "" && p.ForTest == p.PkgPath && plain[p.PkgPath] != nil:
			units = append(units, unit{pkg: p, extends: plain[p.PkgPath]})
		default:
			units = append(units, unit{pkg: p})
		}
	}
	return units
}

// analyzeUnit type-checks and analyses one unit and returns what is kept
// of it. An error is the checker refusing the suite.
func analyzeUnit(un unit, suite []*analysis.Analyzer, u *universe, c *collector) (unitResult, error) {
	var r unitResult
	pkg := u.check(un.pkg)
	if un.extends != nil && pkg.IllTyped {
		// Analyse the package without its tests too, as go vet and the
		// all-at-once driver do: its files are fine even if a test's are not.
		r2, err := analyzeUnit(unit{pkg: un.extends}, suite, u, c)
		if err != nil {
			return r, err
		}
		defer func() {
			r.findings = append(r2.findings, r.findings...)
			r.failures = append(r2.failures, r.failures...)
			r.errors = append(r2.errors, r.errors...)
		}()
		un.extends = nil // the variant's own findings are its own
	}
	if !compileReported(un.pkg) { // else the compiler said it all, once, in the list errors
		r.errors = ownErrors(pkg.Errors[len(un.pkg.Errors):], u.wd) // the list errors are printed already
	}
	graph, err := checker.Analyze(suite, []*packages.Package{pkg}, nil)
	if err != nil {
		return r, err
	}
	// Findings keep a slim copy of their package: what output and fixes
	// need (ID, file set, file names), not its syntax or types.
	slim := func(p *packages.Package) *packages.Package {
		return &packages.Package{ID: p.ID, Name: p.Name, PkgPath: p.PkgPath, Fset: u.fset,
			GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles, Module: p.Module}
	}
	own := slim(pkg)
	var base *packages.Package
	if un.extends != nil {
		base = slim(un.extends)
	}
	r.findings, r.failures = c.extract(graph, func(pos token.Pos) *packages.Package {
		if base != nil && slices.Contains(base.CompiledGoFiles, u.fset.File(pos).Name()) {
			return base
		}
		return own
	})
	u.forget(pkg, r.findings)
	return r, nil
}

// check parses and type-checks a package's files against its imports'
// export data, as go/packages' loadPackage does for the packages a Load
// matches (same parser mode, types.Config and error handling), so the
// analyzers see the same package either way.
func (u *universe) check(meta *packages.Package) *packages.Package {
	pkg := *meta // a copy: the metadata is shared with other workers
	pkg.Fset = u.fset
	pkg.Errors = slices.Clip(meta.Errors)
	pkg.TypesInfo = newTypesInfo()
	if meta.PkgPath == "unsafe" {
		pkg.Types, pkg.Syntax = types.Unsafe, []*ast.File{}
		return &pkg
	}
	appendError := func(err error) {
		switch err := err.(type) {
		case packages.Error:
			pkg.Errors = append(pkg.Errors, err)
		case *os.PathError:
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError})
		case scanner.ErrorList:
			for _, e := range err {
				pkg.Errors = append(pkg.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case types.Error:
			pkg.TypeErrors = append(pkg.TypeErrors, err)
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
		default:
			pkg.Errors = append(pkg.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	pkg.Syntax = nil
	for _, name := range meta.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			appendError(err)
			continue
		}
		f, err := parser.ParseFile(u.fset, name, src, parser.AllErrors|parser.ParseComments)
		if err != nil {
			appendError(err)
		}
		if f != nil {
			pkg.Syntax = append(pkg.Syntax, f)
		}
	}
	pkg.Types = types.NewPackage(meta.PkgPath, meta.Name)
	importsIllTyped := false
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			dep := meta.Imports[path]
			if dep == nil {
				return nil, fmt.Errorf("no metadata for %s", path)
			}
			t, err := u.load(dep)
			if err != nil {
				importsIllTyped = true
			}
			return t, err
		}),
		Error: appendError,
		Sizes: meta.TypesSizes,
	}
	if meta.Module != nil && meta.Module.GoVersion != "" {
		tc.GoVersion = "go" + meta.Module.GoVersion
	}
	typErr := types.NewChecker(tc, u.fset, pkg.Types, pkg.TypesInfo).Files(pkg.Syntax)
	if typErr != nil && len(pkg.Errors) == 0 && len(pkg.Syntax) > 0 {
		if msg := typErr.Error(); strings.HasPrefix(msg, "package requires newer Go version") {
			appendError(types.Error{Fset: u.fset, Pos: pkg.Syntax[0].Package, Msg: msg})
		}
	}
	if typErr != nil && len(pkg.Errors) == 0 {
		appendError(typErr)
	}
	pkg.IllTyped = len(pkg.Errors) > 0 || importsIllTyped
	return &pkg
}

func newTypesInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// A universe holds the dependencies' types, decoded from export data at
// most once per process and shared by all workers.
//
// Concurrency: a dependency is decoded once (sync.Once per package), and
// only after all of its own dependencies are complete. gcexportdata.Read
// then gets a private map (the view) of those complete packages: it finds
// every object it refers to in them, so it creates and fills only the new
// package and never writes to a shared one, while other workers read the
// shared ones (type-checking against them, or decoding). go/packages loads
// export data the same way (loadFromExportData). A package's types, once
// decoded, are immutable; go/types allows concurrent reads of them.
type universe struct {
	fset    *token.FileSet // shared: go/token's FileSet is safe for concurrent use
	mu      sync.Mutex     // guards decoded
	decoded map[*packages.Package]*decoded
	wd      string // errors are printed relative to it
}

type decoded struct {
	once  sync.Once
	types *types.Package
	err   error
}

// load returns the types of dependency p, decoding them on first use.
func (u *universe) load(p *packages.Package) (*types.Package, error) {
	if p.PkgPath == "unsafe" {
		return types.Unsafe, nil
	}
	u.mu.Lock()
	d := u.decoded[p]
	if d == nil {
		d = new(decoded)
		u.decoded[p] = d
	}
	u.mu.Unlock()
	d.once.Do(func() { d.types, d.err = u.decode(p) })
	return d.types, d.err
}

func (u *universe) decode(p *packages.Package) (*types.Package, error) {
	// Complete every dependency first (see universe), then give the reader
	// a view of them by import path.
	view := make(map[string]*types.Package)
	seen := make(map[*packages.Package]bool)
	var visit func(imports map[string]*packages.Package)
	visit = func(imports map[string]*packages.Package) {
		for _, dep := range imports {
			if !seen[dep] {
				seen[dep] = true
				if t, err := u.load(dep); err == nil {
					view[dep.PkgPath] = t
				}
				visit(dep.Imports)
			}
		}
	}
	visit(p.Imports)
	if p.ExportFile == "" {
		return nil, errors.New("no export data file")
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read only: a failed close loses nothing
	// The build cache's export files are compiler archives, which only
	// NewReader unwraps (go/packages v0.52.0 reads them the same way); its
	// deprecation is for Go 1.29, when the cache holds bare export data.
	r, err := gcexportdata.NewReader(bufio.NewReader(f)) //nolint:staticcheck // SA1019: see above
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	t, err := gcexportdata.Read(r, u.fset, view, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	return t, nil
}

// forget removes from the shared file set the files of pkg that no
// finding refers to: their line tables are all a file set keeps, but over
// a million lines that is megabytes.
func (u *universe) forget(pkg *packages.Package, findings []finding) {
	keep := make(map[*token.File]bool)
	mark := func(pos token.Pos) {
		if pos.IsValid() {
			keep[u.fset.File(pos)] = true
		}
	}
	for i := range findings {
		d := &findings[i].diag
		mark(d.Pos)
		mark(d.End)
		for _, r := range d.Related {
			mark(r.Pos)
			mark(r.End)
		}
		for _, fix := range d.SuggestedFixes {
			for _, e := range fix.TextEdits {
				mark(e.Pos)
			}
		}
	}
	for _, f := range pkg.Syntax {
		if tf := u.fset.File(f.FileStart); tf != nil && !keep[tf] {
			u.fset.RemoveFile(tf)
		}
	}
}
