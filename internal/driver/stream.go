package driver

import (
	"fmt"
	"go/token"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/internal/typecheck"
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
//     (a typecheck.Universe shared by the workers).
//
// Steps 2 and 3 are internal/typecheck (shared with the language server);
// checker.Analyze then runs on a one-package slice, which it supports as
// is.

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
// returns the number of packages matched and of load errors printed.
func (cmd *Command) stream(patterns []string, suite []*analysis.Analyzer, c *collector) (matched, loadErrors int, err error) {
	roots, err := packages.Load(&packages.Config{Mode: listMode, Tests: true}, patterns...)
	if err != nil {
		return 0, 0, err
	}
	// Test main packages are generated; they hold nothing to report.
	roots = slices.DeleteFunc(roots, func(p *packages.Package) bool { return strings.HasSuffix(p.ID, ".test") })
	printed := make(map[string]bool)
	loadErrors = printLoadErrors(cmd.Stderr, roots, printed) // the go command's: listing, building export data
	units := testVariantsOnce(roots)

	var u *typecheck.Universe // nil: each package decodes its own imports
	if cmd.SharedDecode {
		u = typecheck.NewUniverse(token.NewFileSet())
	}
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
		return 0, 0, analyzeErr
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
	return len(roots), loadErrors, nil
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
// of it. An error is the checker refusing the suite. With a universe u,
// dependencies come from it; without, the unit decodes its direct imports
// alone (typecheck.CheckAlone) and drops them with its syntax.
func analyzeUnit(un unit, suite []*analysis.Analyzer, u *typecheck.Universe, c *collector) (unitResult, error) {
	var r unitResult
	var pkg *packages.Package
	if u != nil {
		pkg = u.Check(un.pkg, nil)
	} else {
		pkg = typecheck.CheckAlone(un.pkg, nil)
	}
	fset := pkg.Fset
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
	for _, e := range pkg.Errors[len(un.pkg.Errors):] { // the list errors are printed already
		r.errors = append(r.errors, e.Error())
	}
	graph, err := checker.Analyze(suite, []*packages.Package{pkg}, nil)
	if err != nil {
		return r, err
	}
	// Findings keep a slim copy of their package: what output and fixes
	// need (ID, file set, file names), not its syntax or types.
	slim := func(p *packages.Package) *packages.Package {
		return &packages.Package{ID: p.ID, Name: p.Name, PkgPath: p.PkgPath, Fset: fset,
			GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles, Module: p.Module}
	}
	own := slim(pkg)
	var base *packages.Package
	if un.extends != nil {
		base = slim(un.extends)
	}
	r.findings, r.failures = c.extract(graph, func(pos token.Pos) *packages.Package {
		if base != nil && slices.Contains(base.CompiledGoFiles, fset.File(pos).Name()) {
			return base
		}
		return own
	})
	forget(fset, pkg, r.findings, u == nil)
	return r, nil
}

// forget removes from the file set the files of pkg that no finding refers
// to: their line tables are all a file set keeps, but over a million lines
// that is megabytes. A file set of pkg's own (all) loses every other file
// too, the positions of its decoded imports.
func forget(fset *token.FileSet, pkg *packages.Package, findings []finding, all bool) {
	keep := make(map[*token.File]bool)
	mark := func(pos token.Pos) {
		if pos.IsValid() {
			keep[fset.File(pos)] = true
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
	if all {
		var drop []*token.File
		fset.Iterate(func(f *token.File) bool {
			if !keep[f] {
				drop = append(drop, f)
			}
			return true
		})
		for _, f := range drop {
			fset.RemoveFile(f)
		}
		return
	}
	for _, f := range pkg.Syntax {
		if tf := fset.File(f.FileStart); tf != nil && !keep[tf] {
			fset.RemoveFile(tf)
		}
	}
}
