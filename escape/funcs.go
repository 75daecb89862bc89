package escape

import (
	"cmp"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A FuncIndex names the function that encloses a source position, from
// the Go source: declarations are named as the compiler and pprof name
// them within their package ("F", "(*T).M", "T.M"; type parameters
// dropped), function literals by their position among the literals of
// their enclosing function ("F.func1", nested "F.func1.1"), and code
// outside any function (package-level initialisers) "init".
//
// Generic instantiations are named after their source declaration, without
// type arguments and without a package qualifier, even when another
// package instantiates them.
type FuncIndex struct {
	// Open returns the path on disk of a file named in a diagnostic, or ""
	// when its source is not available.
	Open  func(file string) string
	files map[string]*funcFile
}

type funcFile struct {
	ok     bool
	ranges []funcRange // in pre-order: a literal follows the function that holds it
}

type funcRange struct {
	start, end Pos // Line and Col only
	name       string
	// seq and raw are for declIndex: the order of the compiler's lines,
	// and whether name is still as the compiler printed it.
	seq int
	raw bool
}

// Lookup returns the name of the function around p, and false when p's
// file has no readable source.
func (ix *FuncIndex) Lookup(p Pos) (string, bool) {
	if !p.IsKnown() || ix.Open == nil {
		return "", false
	}
	if ix.files == nil {
		ix.files = make(map[string]*funcFile)
	}
	f, seen := ix.files[p.File]
	if !seen {
		f = parseFuncs(ix.Open(p.File))
		ix.files[p.File] = f
	}
	if !f.ok {
		return "", false
	}
	q := Pos{Line: p.Line, Col: max(p.Col, 1)}
	// The innermost range holding q is the last one in pre-order that
	// starts before it and holds it.
	i := sort.Search(len(f.ranges), func(i int) bool { return q.Less(f.ranges[i].start) })
	for i--; i >= 0; i-- {
		r := f.ranges[i]
		if !q.Less(r.start) && !r.end.Less(q) {
			return r.name, true
		}
	}
	return "init", true
}

// parseFuncs reads the function ranges of one file.
func parseFuncs(filename string) *funcFile {
	if filename == "" {
		return &funcFile{}
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, nil, parser.SkipObjectResolution)
	if err != nil && file == nil {
		return &funcFile{}
	}
	ff := &funcFile{ok: true}
	pos := func(p token.Pos) Pos {
		position := fset.Position(p)
		return Pos{Line: position.Line, Col: position.Column}
	}
	var walkLits func(n ast.Node, outer string)
	walkLits = func(n ast.Node, outer string) {
		count := 0
		ast.Inspect(n, func(c ast.Node) bool {
			lit, ok := c.(*ast.FuncLit)
			if !ok || c == n {
				return true
			}
			count++
			name := outer + ".func" + strconv.Itoa(count)
			if strings.Contains(outer, ".func") {
				// Nested literals are numbered without the "func" prefix.
				name = outer + "." + strconv.Itoa(count)
			}
			// The literal's own "func literal escapes" is reported at the
			// func keyword and belongs to the enclosing function, so the
			// range starts at the parameter list.
			ff.ranges = append(ff.ranges, funcRange{start: pos(lit.Type.Params.Opening), end: pos(lit.End()), name: name})
			walkLits(lit, name)
			return false
		})
	}
	globals := 0
	for _, decl := range file.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok {
			// Closures in package-level initialisers belong to init.
			ast.Inspect(decl, func(c ast.Node) bool {
				lit, ok := c.(*ast.FuncLit)
				if !ok {
					return true
				}
				globals++
				name := "init.func" + strconv.Itoa(globals)
				ff.ranges = append(ff.ranges, funcRange{start: pos(lit.Type.Params.Opening), end: pos(lit.End()), name: name})
				walkLits(lit, name)
				return false
			})
			continue
		}
		name := DeclName(fd)
		ff.ranges = append(ff.ranges, funcRange{start: pos(fd.Pos()), end: pos(fd.End()), name: name})
		if fd.Body != nil {
			walkLits(fd.Body, name)
		}
	}
	return ff
}

// DeclName names a function declaration as the compiler does (F, T.M or
// (*T).M), without type parameters.
func DeclName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := false
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = true, s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	recv := "?"
	if id, ok := t.(*ast.Ident); ok {
		recv = id.Name
	}
	if star {
		return "(*" + recv + ")." + fd.Name.Name
	}
	return recv + "." + fd.Name.Name
}

// CleanFuncName turns a function name as the compiler prints it into the
// form a [FuncIndex] gives: type arguments ("[go.shape.int]") removed and
// a leading qualifier dropped when it is pkgName (the package's own name,
// which the compiler adds to closures inlined elsewhere) or "main".
func CleanFuncName(name, pkgName string) string {
	if !strings.Contains(name, "[") && !strings.Contains(name, ".") {
		return name
	}
	s := name
	if strings.IndexByte(name, '[') >= 0 {
		// Copy the runs outside brackets.
		b := make([]byte, 0, len(name))
		depth, from := 0, 0
		for i := 0; i < len(name); i++ {
			switch name[i] {
			case '[':
				if depth == 0 {
					b = append(b, name[from:i]...)
				}
				depth++
			case ']':
				depth--
				if depth == 0 {
					from = i + 1
				}
			}
		}
		if depth <= 0 {
			b = append(b, name[from:]...)
		}
		s = string(b)
	}
	for _, q := range []string{pkgName + ".", "main."} {
		if rest, ok := strings.CutPrefix(s, q); ok && q != "." && rest != "" && !isClosureSuffix(rest) {
			return rest
		}
	}
	return s
}

// isClosureSuffix reports whether name starts with the compiler's name for
// a closure or wrapper ("func1", "gowrap2", "deferwrap1"), in which case
// what precedes it is a function, not a package ("main.func1").
func isClosureSuffix(name string) bool {
	for _, p := range []string{"func", "gowrap", "deferwrap"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && '0' <= rest[0] && rest[0] <= '9' {
			return true
		}
	}
	return false
}

// declIndex is the fallback when there is no source: the positions of the
// functions the compiler named in "can inline F" and "cannot inline F"
// lines, which it prints at each declaration (or literal). A diagnostic
// belongs to the nearest declaration before it in the same file. That is
// exact for functions the compiler names, but code after a closure is
// attributed to the closure, and at -m (which prints no "cannot inline")
// code of a function that cannot be inlined goes to the one before it.
type declIndex struct {
	pkgName string
	// added holds the declarations as printed (file in start.File, name
	// uncleaned) until the first lookup sorts them into byFile: most
	// reports name functions from source and never look.
	added  []funcRange
	byFile map[string][]funcRange
}

func (di *declIndex) add(p Pos, name string) {
	if !p.IsKnown() {
		return
	}
	di.added = append(di.added, funcRange{start: p, name: name})
}

// index sorts the added declarations into byFile: one sort of them all,
// then each file's run is a subslice.
func (di *declIndex) index() {
	if len(di.added) == 0 {
		return
	}
	rs := di.added
	di.added = nil
	for i := range rs {
		rs[i].seq, rs[i].raw = i, true
	}
	// Of two names at one position, the first printed wins, and the
	// others are dropped.
	slices.SortFunc(rs, func(a, b funcRange) int {
		if a.start.File != b.start.File {
			return strings.Compare(a.start.File, b.start.File)
		}
		if a.start.Line != b.start.Line {
			return cmp.Compare(a.start.Line, b.start.Line)
		}
		return cmp.Or(cmp.Compare(a.start.Col, b.start.Col), cmp.Compare(a.seq, b.seq))
	})
	rs = slices.CompactFunc(rs, func(a, b funcRange) bool { return a.start == b.start })
	if di.byFile == nil {
		di.byFile = make(map[string][]funcRange)
	}
	for len(rs) > 0 {
		file := rs[0].start.File
		n := 1
		for n < len(rs) && rs[n].start.File == file {
			n++
		}
		// A package's lines can come in two chunks (a saved log): merge.
		run := slices.Concat(di.byFile[file], rs[:n])
		slices.SortStableFunc(run, func(a, b funcRange) int {
			return cmp.Or(cmp.Compare(a.start.Line, b.start.Line), cmp.Compare(a.start.Col, b.start.Col))
		})
		di.byFile[file] = slices.CompactFunc(run, func(a, b funcRange) bool { return a.start.Line == b.start.Line && a.start.Col == b.start.Col })
		rs = rs[n:]
	}
}

func (di *declIndex) lookup(p Pos) (string, bool) {
	di.index()
	rs := di.byFile[p.File]
	q := Pos{Line: p.Line, Col: p.Col}
	i := sort.Search(len(rs), func(i int) bool { return q.Less(rs[i].start) })
	if i == 0 {
		return "", false
	}
	r := &rs[i-1]
	if r.raw {
		// Cleaned when first found: most declarations are never looked up.
		r.name, r.raw = CleanFuncName(r.name, di.pkgName), false
	}
	return r.name, true
}
