package explain

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/escape"
)

// What the typed syntax says of the ranked lines: the runtime work a line
// asks for (growing a slice or a map, concatenating, converting), the
// calls on it, the loop around it and the function it is in. An analyzer
// run by the driver beside the suite gathers it, so the packages are
// loaded and type-checked once, for the suite and for explain alike.

// A funcInfo is a function declaration holding a ranked line.
type funcInfo struct {
	File string
	Pkg  string // the package's name
	Name string // as the compiler names it: F, T.M, (*T).M
	// Decl is the line of the name (where the compiler says whether it
	// can be inlined); From and To the lines of the declaration, doc
	// comment excluded.
	Decl, From, To int
	// Directives are the //perf: directives of its doc comment.
	Directives []string
}

// A lineFacts is what the syntax says of one ranked line.
type lineFacts struct {
	Func *funcInfo
	// LoopFrom and LoopTo are the lines of the innermost loop around the
	// line; 0 when there is none.
	LoopFrom, LoopTo int
	Runtime          []RuntimeWork
	// Calls are the functions called on the line, by full name
	// ("fmt.Sprintf", "(*bytes.Buffer).WriteString").
	Calls []string
}

// sourceIndex collects lineFacts for the wanted lines, from any number of
// packages analysed concurrently.
type sourceIndex struct {
	want map[string]map[int]bool // absolute file -> lines

	mu    sync.Mutex
	lines map[lineKey]*lineFacts
}

type lineKey struct {
	file string
	line int
}

func newSourceIndex(want map[string]map[int]bool) *sourceIndex {
	return &sourceIndex{want: want, lines: make(map[lineKey]*lineFacts)}
}

func (ix *sourceIndex) at(file string, line int) *lineFacts {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.lines[lineKey{file, line}]
}

// analyzer returns the analyzer that fills ix. It reports nothing.
func (ix *sourceIndex) analyzer() *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             "explainsource",
		Doc:              "records, for perfvet explain, what the typed syntax says of the profile's ranked lines",
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		Run:              ix.run,
		ResultType:       reflect.TypeFor[struct{}](),
		RunDespiteErrors: true,
	}
}

func (ix *sourceIndex) run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		name, err := filepath.Abs(tf.Name())
		if err != nil {
			continue
		}
		lines := ix.want[name]
		if len(lines) == 0 {
			continue
		}
		root, ok := in.Root().FindNode(f)
		if !ok {
			continue
		}
		w := &fileWalk{pass: pass, tf: tf, file: name, want: lines, found: make(map[int]*lineFacts)}
		w.walk(root)
		ix.mu.Lock()
		for line, lf := range w.found {
			if _, seen := ix.lines[lineKey{name, line}]; !seen { // a package and its test variant
				ix.lines[lineKey{name, line}] = lf
			}
		}
		ix.mu.Unlock()
	}
	return struct{}{}, nil
}

// A fileWalk visits one file's syntax once, keeping the enclosing
// function and loop of each node it visits.
type fileWalk struct {
	pass  *analysis.Pass
	tf    *token.File
	file  string
	want  map[int]bool
	found map[int]*lineFacts
	fn    *funcInfo
	loops []ast.Node
}

func (w *fileWalk) line(p token.Pos) int { return w.tf.Line(p) }

func (w *fileWalk) facts(line int) *lineFacts {
	lf := w.found[line]
	if lf == nil {
		lf = &lineFacts{Func: w.fn}
		if n := len(w.loops); n > 0 {
			lf.LoopFrom, lf.LoopTo = w.line(w.loops[n-1].Pos()), w.line(w.loops[n-1].End())
		}
		w.found[line] = lf
	}
	return lf
}

// walk visits the subtree at c: a node spanning no wanted line is skipped
// whole, so the walk costs the ranked functions, not the file.
func (w *fileWalk) walk(c inspector.Cursor) {
	n := c.Node()
	from, to := w.line(n.Pos()), w.line(n.End())
	if !w.spans(from, to) {
		return
	}
	switch n := n.(type) {
	case *ast.FuncDecl:
		w.fn = w.funcInfo(n)
		defer func() { w.fn = nil }()
	case *ast.ForStmt, *ast.RangeStmt:
		w.loops = append(w.loops, n)
		defer func() { w.loops = w.loops[:len(w.loops)-1] }()
	}
	if w.want[from] {
		w.classify(n, w.facts(from))
	}
	for child := range c.Children() {
		w.walk(child)
	}
}

// spans reports whether a wanted line lies in [from, to].
func (w *fileWalk) spans(from, to int) bool {
	if to-from < 64 {
		for l := from; l <= to; l++ {
			if w.want[l] {
				return true
			}
		}
		return false
	}
	for l := range w.want {
		if from <= l && l <= to {
			return true
		}
	}
	return false
}

func (w *fileWalk) funcInfo(fd *ast.FuncDecl) *funcInfo {
	fi := &funcInfo{File: w.file, Pkg: w.pass.Pkg.Name(), Name: escape.DeclName(fd), Decl: w.line(fd.Name.Pos()), From: w.line(fd.Type.Pos()), To: w.line(fd.End())}
	if fd.Doc != nil {
		for _, c := range fd.Doc.List {
			if rest, ok := strings.CutPrefix(c.Text, "//perf:"); ok {
				rest, _, _ = strings.Cut(rest, " ")
				fi.Directives = append(fi.Directives, strings.Split(rest, ",")...)
			}
		}
	}
	return fi
}
