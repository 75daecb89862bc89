// Package verdict holds the compiler's escape-analysis verdicts on the
// packages perfvet analyses (-escape): for each expression the compiler
// speaks of, whether it is allocated on the heap, and why.
//
// Analyzers never run the compiler: go vet caches an analyzer's results by
// its flags and inputs, and an analyzer that ran commands would make the
// cache (and golangci-lint's) lie. The verdicts are produced by the driver
// layer — the standalone driver before analysis, one go build for all the
// target packages; the go vet tool before it analyses its one package; the
// golangci-lint plugin once per package, lazily — and handed to the report
// analyzer as a Source. The build is an ordinary go build (no -trimpath,
// so dependencies come from the build cache) with -gcflags=PKG=-m=2 for
// the target packages only: only they are recompiled.
package verdict

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/perfvet/perfvet/escape"
)

// A Verdict is what the compiler said of one expression.
type Verdict struct {
	Line, Col int
	// Heap: "escapes to heap" or "moved to heap" (and not a constant the
	// compiler serves from static data); else "does not escape".
	Heap bool
	// Subject is the expression as the compiler printed it.
	Subject string
	// Reason is why it moves, from the -m=2 explanation: "key of map put:
	// seen[p]" or "call parameter: append(out, p)"; "" if none was given.
	Reason string
}

// A Package holds the verdicts of one package, by file base name and line.
type Package struct {
	byLine map[fileLine][]Verdict
}

type fileLine struct {
	file string // base name: a package's files have distinct names
	line int
}

// At returns the verdicts at file:line:col, or on the line when col is 0.
func (p *Package) At(file string, line, col int) []Verdict {
	if p == nil {
		return nil
	}
	vs := p.byLine[fileLine{filepath.Base(file), line}]
	if col == 0 {
		return vs
	}
	var out []Verdict
	for _, v := range vs {
		if v.Col == col {
			out = append(out, v)
		}
	}
	return out
}

// A Source gives the verdicts of a package by import path. Its verdicts
// for a package it was not asked to build are nil (no verdict: findings
// stay as they are).
type Source interface {
	Verdicts(importPath, dir string) (*Package, error)
}

// A Table is a Source built by one go build of a list of packages.
type Table struct {
	pkgs map[string]*Package
	// Stats of the build: how long it took and how many lines it printed.
	Elapsed time.Duration
	Lines   int
}

// Verdicts returns the table's verdicts for importPath; dir is unused.
func (t *Table) Verdicts(importPath, _ string) (*Package, error) {
	return t.pkgs[importPath], nil
}

// ErrBuild marks a failed go build.
var ErrBuild = errors.New("go build -gcflags=-m=2 failed")

// Build compiles patterns, resolved in dir, with -gcflags=P=-m=2 for each
// matched package (escape.Compile: no -trimpath, so dependencies come
// from the build cache) and collects the verdicts. Test files are not
// compiled (go build does not build test variants), so findings in
// _test.go files get no verdict.
func Build(dir string, patterns []string) (*Table, error) {
	start := time.Now()
	t := &Table{pkgs: make(map[string]*Package)}
	c, err := escape.Compile(context.Background(), &escape.Config{Dir: dir, Patterns: patterns}, t.add)
	if err != nil {
		var be *escape.BuildError
		if errors.As(err, &be) {
			return nil, fmt.Errorf("%w in %s: %s", ErrBuild, dir, strings.TrimSpace(be.Output))
		}
		return nil, fmt.Errorf("%w in %s: %v", ErrBuild, dir, err)
	}
	t.Elapsed, t.Lines = time.Since(start), c.Stats.Lines
	return t, nil
}

func (t *Table) add(d *escape.Diagnostic) {
	var heap bool
	switch d.Kind {
	case escape.EscapesToHeap, escape.MovedToHeap:
		heap = !escape.IsStatic(d.Subject)
	case escape.DoesNotEscape:
	default:
		return
	}
	if !d.Pos.IsKnown() || strings.Contains(d.Package, " [") {
		return // test variants: go build does not build them, but be sure
	}
	p := t.pkgs[d.Package]
	if p == nil {
		p = &Package{byLine: make(map[fileLine][]Verdict)}
		t.pkgs[d.Package] = p
	}
	v := Verdict{Line: d.Pos.Line, Col: d.Pos.Col, Heap: heap, Subject: d.Subject}
	if heap {
		if why, _ := d.Reason(); why.Kind == escape.From {
			v.Reason = why.Detail + ": " + why.Subject
		}
	}
	k := fileLine{filepath.Base(d.Pos.File), d.Pos.Line}
	p.byLine[k] = append(p.byLine[k], v)
}

// Lazy is a Source that builds each package the first time it is asked
// for, in the package's directory, once per process: for drivers that do
// not know the packages before analysis (the golangci-lint plugin).
type Lazy struct {
	mu sync.Mutex
	m  map[string]*lazyEntry
}

type lazyEntry struct {
	once sync.Once
	pkg  *Package
	err  error
}

// Verdicts builds importPath in dir (once) and returns its verdicts.
func (l *Lazy) Verdicts(importPath, dir string) (*Package, error) {
	l.mu.Lock()
	if l.m == nil {
		l.m = make(map[string]*lazyEntry)
	}
	e := l.m[importPath]
	if e == nil {
		e = &lazyEntry{}
		l.m[importPath] = e
	}
	l.mu.Unlock()
	e.once.Do(func() {
		t, err := Build(dir, []string{importPath})
		if err != nil {
			e.err = err
			return
		}
		e.pkg = t.pkgs[importPath]
	})
	return e.pkg, e.err
}

// Judge gives the compiler's verdict on an allocation at file:line:col:
// heap (with the first heap verdict's reason), stack (every verdict there
// keeps it on the stack), or unknown (no verdict). Several verdicts at one
// position come from copies of a function inlined into its callers: one on
// the heap is enough.
func (p *Package) Judge(file string, line, col int) (heap *Verdict, stack bool) {
	vs := p.At(file, line, col)
	if len(vs) == 0 {
		return nil, false
	}
	for i := range vs {
		if vs[i].Heap {
			return &vs[i], false
		}
	}
	return nil, true
}
