// Package typecheck parses and type-checks one package at a time against
// its imports' export data, for drivers that analyse packages without
// go/packages' LoadSyntax: the standalone driver (many packages, streamed)
// and the language server (one package, after each edit).
//
// x/tools has no library API for this: go/packages does exactly this
// type-checking internally (loadPackage, loadFromExportData) but only for a
// whole Load, and unitchecker does it for one package per process under go
// vet. So Check follows go/packages' loadPackage (parse mode, types.Config,
// errors, IllTyped) to give the analyzers the same input either way.
package typecheck

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
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// A Universe holds the dependencies' types, decoded from export data at
// most once and shared by all callers of Check.
//
// Concurrency: a dependency is decoded once (sync.Once per package), and
// only after all of its own dependencies are complete. gcexportdata.Read
// then gets a private map (the view) of those complete packages: it finds
// every object it refers to in them, so it creates and fills only the new
// package and never writes to a shared one, while other goroutines read the
// shared ones (type-checking against them, or decoding). go/packages loads
// export data the same way (loadFromExportData). A package's types, once
// decoded, are immutable; go/types allows concurrent reads of them.
type Universe struct {
	Fset    *token.FileSet // shared: go/token's FileSet is safe for concurrent use
	mu      sync.Mutex     // guards decoded
	decoded map[*packages.Package]*decoded
}

type decoded struct {
	once  sync.Once
	types *types.Package
	err   error
}

// NewUniverse returns an empty universe whose positions go to fset.
func NewUniverse(fset *token.FileSet) *Universe {
	return &Universe{Fset: fset, decoded: make(map[*packages.Package]*decoded)}
}

// Provide makes t the types of p, for a dependency type-checked from
// source rather than decoded (the language server's package under test,
// imported by its external test package). Call it before any Check that
// imports p.
func (u *Universe) Provide(p *packages.Package, t *types.Package) {
	d := new(decoded)
	d.once.Do(func() { d.types = t })
	u.mu.Lock()
	u.decoded[p] = d
	u.mu.Unlock()
}

// A Reader returns the source of a file of the package being checked.
type Reader func(name string) ([]byte, error)

// Check parses and type-checks a package's files against its imports'
// export data, as go/packages' loadPackage does for the packages a Load
// matches (same parser mode, types.Config and error handling), so the
// analyzers see the same package either way. read supplies the files'
// sources (nil: the disk's). The result is a copy of meta with Syntax,
// Types, TypesInfo, Errors and IllTyped filled in.
func (u *Universe) Check(meta *packages.Package, read Reader) *packages.Package {
	return check(u.Fset, meta, read, u.Load)
}

// CheckAlone is Check without a universe: the package gets a file set of
// its own, and only its direct imports' export data is decoded, into a map
// private to the call, which materialises the indirect packages only as far
// as the direct ones refer to them (unified export data describes all a
// package's importers need), as go vet's unitchecker does. Nothing decoded
// outlives the returned package, so memory does not grow with the
// dependency graph; the cost is decoding a dependency once per importing
// package instead of once per process.
func CheckAlone(meta *packages.Package, read Reader) *packages.Package {
	fset := token.NewFileSet()
	view := make(map[string]*types.Package)
	return check(fset, meta, read, func(dep *packages.Package) (*types.Package, error) {
		if t := view[dep.PkgPath]; t != nil && t.Complete() {
			return t, nil
		}
		return decodeInto(fset, view, dep)
	})
}

func check(fset *token.FileSet, meta *packages.Package, read Reader, load func(*packages.Package) (*types.Package, error)) *packages.Package {
	if read == nil {
		read = os.ReadFile
	}
	pkg := *meta // a copy: the metadata is shared with other workers
	pkg.Fset = fset
	pkg.Errors = slices.Clip(meta.Errors)
	pkg.TypesInfo = NewTypesInfo()
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
		src, err := read(name)
		if err != nil {
			appendError(err)
			continue
		}
		f, err := parser.ParseFile(fset, name, src, parser.AllErrors|parser.ParseComments)
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
			t, err := load(dep)
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
	typErr := types.NewChecker(tc, fset, pkg.Types, pkg.TypesInfo).Files(pkg.Syntax)
	if typErr != nil && len(pkg.Errors) == 0 && len(pkg.Syntax) > 0 {
		if msg := typErr.Error(); strings.HasPrefix(msg, "package requires newer Go version") {
			appendError(types.Error{Fset: fset, Pos: pkg.Syntax[0].Package, Msg: msg})
		}
	}
	if typErr != nil && len(pkg.Errors) == 0 {
		appendError(typErr)
	}
	pkg.IllTyped = len(pkg.Errors) > 0 || importsIllTyped
	return &pkg
}

// NewTypesInfo returns a types.Info with every map the analyzers read.
func NewTypesInfo() *types.Info {
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

// Load returns the types of dependency p, decoding them on first use.
func (u *Universe) Load(p *packages.Package) (*types.Package, error) {
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

func (u *Universe) decode(p *packages.Package) (*types.Package, error) {
	// Complete every dependency first (see Universe), then give the reader
	// a view of them by import path.
	view := make(map[string]*types.Package)
	seen := make(map[*packages.Package]bool)
	var visit func(imports map[string]*packages.Package)
	visit = func(imports map[string]*packages.Package) {
		for _, dep := range imports {
			if !seen[dep] {
				seen[dep] = true
				if t, err := u.Load(dep); err == nil {
					view[dep.PkgPath] = t
				}
				visit(dep.Imports)
			}
		}
	}
	visit(p.Imports)
	return decodeInto(u.Fset, view, p)
}

// decodeInto reads p's export data into view, which holds the packages
// already known by path (complete or partly materialised) and gains p and
// any it refers to.
func decodeInto(fset *token.FileSet, view map[string]*types.Package, p *packages.Package) (*types.Package, error) {
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
	t, err := gcexportdata.Read(r, fset, view, p.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	return t, nil
}
