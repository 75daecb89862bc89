// Package fixes holds the edit helpers perfvet's SuggestedFixes are built
// from: adding an import, choosing a fresh name that reads well, and
// inserting statements with the indentation of their neighbours, so that a
// fixed file compiles and is gofmt-clean without a formatter pass.
package fixes

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// File bundles what the helpers need to know of the file being edited. An
// analyzer keeps one File per file for its whole pass (see Files), so that
// names FreshName hands out to one fix are not handed out again to another
// fix of the same run.
type File struct {
	Pass     *analysis.Pass
	AST      *ast.File
	src      []byte
	used     map[string]bool              // identifiers of the file
	reserved map[string]map[ast.Decl]bool // names handed out, by top-level declaration
}

// Files caches one File per file of a pass.
type Files struct {
	pass  *analysis.Pass
	files map[*ast.File]*File
	// idents are the identifiers of every file of the package, and
	// topLevel the package-level names FreshTopLevelName handed out.
	idents, topLevel map[string]bool
}

// NewFiles returns an empty cache for pass.
func NewFiles(pass *analysis.Pass) *Files {
	return &Files{pass: pass, files: make(map[*ast.File]*File)}
}

// For returns the File of the file holding pos.
func (fs *Files) For(pos token.Pos) (*File, error) {
	for _, file := range fs.pass.Files {
		if file.FileStart <= pos && pos < file.FileEnd {
			if f := fs.files[file]; f != nil {
				return f, nil
			}
			f, err := NewFile(fs.pass, file)
			if err != nil {
				return nil, err
			}
			fs.files[file] = f
			return f, nil
		}
	}
	return nil, fmt.Errorf("no file of package %s holds that position", fs.pass.Pkg.Path())
}

// NewFile returns the edit context for file. It reads the file's content
// through pass.ReadFile to copy indentation exactly.
func NewFile(pass *analysis.Pass, file *ast.File) (*File, error) {
	tf := pass.Fset.File(file.FileStart)
	if tf == nil {
		return nil, errors.New("file has no position information")
	}
	src, err := pass.ReadFile(tf.Name())
	if err != nil {
		return nil, err
	}
	if len(src) != tf.Size() {
		return nil, fmt.Errorf("%s changed since it was parsed", tf.Name())
	}
	return &File{Pass: pass, AST: file, src: src}, nil
}

func (f *File) offset(pos token.Pos) int { return f.Pass.Fset.File(pos).Offset(pos) }

// Indent returns the leading white space of the line holding pos.
func (f *File) Indent(pos token.Pos) string {
	off := f.offset(pos)
	start := off
	for start > 0 && f.src[start-1] != '\n' {
		start--
	}
	end := start
	for end < off && (f.src[end] == ' ' || f.src[end] == '\t') {
		end++
	}
	return string(f.src[start:end])
}

// Source returns the source text of n.
func (f *File) Source(n ast.Node) string { return string(f.src[f.offset(n.Pos()):f.offset(n.End())]) }

// InsertLinesBefore returns an edit that puts lines, each on its own line
// at the indentation of stmt, just before stmt.
func (f *File) InsertLinesBefore(stmt ast.Node, lines ...string) analysis.TextEdit {
	indent := f.Indent(stmt.Pos())
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteString("\n")
		b.WriteString(indent)
	}
	return analysis.TextEdit{Pos: stmt.Pos(), End: stmt.Pos(), NewText: []byte(b.String())}
}

// InsertLinesAfter returns an edit that puts lines on their own lines at the
// indentation of stmt, just after stmt.
func (f *File) InsertLinesAfter(stmt ast.Node, lines ...string) analysis.TextEdit {
	return analysis.TextEdit{Pos: stmt.End(), End: stmt.End(), NewText: linesAfter(f.Indent(stmt.Pos()), lines)}
}

// linesAfter is lines, each starting a new line at indent.
func linesAfter(indent string, lines []string) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("\n")
		b.WriteString(indent)
		b.WriteString(l)
	}
	return []byte(b.String())
}

// InsertLinesBelow returns an edit that puts lines on their own lines
// after the line where stmt ends, so a comment at the end of that line
// stays with stmt.
func (f *File) InsertLinesBelow(stmt ast.Node, lines ...string) analysis.TextEdit {
	end := f.offset(stmt.End())
	for end < len(f.src) && f.src[end] != '\n' {
		end++
	}
	pos := f.Pass.Fset.File(stmt.Pos()).Pos(end)
	return analysis.TextEdit{Pos: pos, End: pos, NewText: linesAfter(f.Indent(stmt.Pos()), lines)}
}

// DeleteStmt returns an edit that deletes stmt and, when it stands alone on
// its lines, those lines too, so no blank line is left behind. A comment
// after it on its line stays.
func (f *File) DeleteStmt(stmt ast.Node) analysis.TextEdit {
	start, end := f.offset(stmt.Pos()), f.offset(stmt.End())
	lineStart := start
	for lineStart > 0 && (f.src[lineStart-1] == ' ' || f.src[lineStart-1] == '\t') {
		lineStart--
	}
	lineEnd := end
	for lineEnd < len(f.src) && (f.src[lineEnd] == ' ' || f.src[lineEnd] == '\t') {
		lineEnd++
	}
	tf := f.Pass.Fset.File(stmt.Pos())
	if (lineStart == 0 || f.src[lineStart-1] == '\n') && lineEnd < len(f.src) && f.src[lineEnd] == '\n' {
		return analysis.TextEdit{Pos: tf.Pos(lineStart), End: tf.Pos(lineEnd + 1)}
	}
	return analysis.TextEdit{Pos: stmt.Pos(), End: stmt.End()}
}

// Replace returns an edit that replaces n with text.
func Replace(n ast.Node, text string) analysis.TextEdit {
	return analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)}
}

// Import returns the name by which the package at path can be referred to
// at pos, and the edits (none when it is already imported) that add the
// import. ok is false when the name is taken at pos by something else, so
// the fix cannot refer to the package without renaming user code.
func (f *File) Import(path string, pos token.Pos) (name string, edits []analysis.TextEdit, ok bool) {
	info := f.Pass.TypesInfo
	for _, spec := range f.AST.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil || p != path {
			continue
		}
		var pkgName *types.PkgName
		if spec.Name != nil {
			if spec.Name.Name == "_" || spec.Name.Name == "." {
				continue
			}
			pkgName, _ = info.Defs[spec.Name].(*types.PkgName)
		} else {
			pkgName, _ = info.Implicits[spec].(*types.PkgName)
		}
		if pkgName == nil {
			continue
		}
		return pkgName.Name(), nil, f.resolvesTo(pkgName.Name(), pos, pkgName)
	}
	name = path[strings.LastIndex(path, "/")+1:]
	if !f.resolvesTo(name, pos, nil) {
		return "", nil, false
	}
	return name, []analysis.TextEdit{f.addImport(path)}, true
}

// resolvesTo reports whether name, looked up at pos, finds want (nil: finds
// nothing, so a new import of that name would be visible).
func (f *File) resolvesTo(name string, pos token.Pos, want types.Object) bool {
	// Start from the enclosing function's scope: Innermost on the file
	// scope is linear in the file's functions, once per fix.
	scope := f.Pass.TypesInfo.Scopes[f.AST]
	if fd, ok := f.declAt(pos).(*ast.FuncDecl); ok {
		if fs := f.Pass.TypesInfo.Scopes[fd.Type]; fs != nil {
			scope = fs
		}
	}
	if inner := scope.Innermost(pos); inner != nil {
		scope = inner
	}
	_, obj := scope.LookupParent(name, pos)
	if want == nil {
		return obj == nil || obj.Parent() == types.Universe
	}
	return obj == want
}

// addImport inserts an import of path where gofmt would keep it: in sorted
// position within the first group of the first import declaration.
func (f *File) addImport(path string) analysis.TextEdit {
	quoted := strconv.Quote(path)
	var decl *ast.GenDecl
	for _, d := range f.AST.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			decl = g
			break
		}
	}
	switch {
	case decl == nil:
		return analysis.TextEdit{Pos: f.AST.Name.End(), End: f.AST.Name.End(), NewText: []byte("\n\nimport " + quoted)}
	case !decl.Lparen.IsValid():
		spec := decl.Specs[0]
		return analysis.TextEdit{Pos: decl.Pos(), End: decl.End(),
			NewText: []byte(fmt.Sprintf("import (\n\t%s\n\t%s\n)", f.Source(spec), quoted))}
	}
	// Within the first group (specs up to the first blank line), before the
	// first spec that sorts after path.
	fset := f.Pass.Fset
	for i, spec := range decl.Specs {
		s := spec.(*ast.ImportSpec)
		if i > 0 && fset.Position(s.Pos()).Line > fset.Position(decl.Specs[i-1].End()).Line+1 {
			prev := decl.Specs[i-1]
			return analysis.TextEdit{Pos: prev.End(), End: prev.End(), NewText: []byte("\n\t" + quoted)}
		}
		if s.Path.Value > quoted {
			return analysis.TextEdit{Pos: s.Pos(), End: s.Pos(), NewText: []byte(quoted + "\n\t")}
		}
	}
	if len(decl.Specs) == 0 {
		return analysis.TextEdit{Pos: decl.Lparen + 1, End: decl.Lparen + 1, NewText: []byte("\n\t" + quoted + "\n")}
	}
	last := decl.Specs[len(decl.Specs)-1]
	return analysis.TextEdit{Pos: last.End(), End: last.End(), NewText: []byte("\n\t" + quoted)}
}

// FreshName returns a name for a declaration inserted at pos: the first
// candidate that no identifier in the file uses, that is not in the package
// or universe scope, and that no earlier FreshName on this File handed out
// within the same top-level declaration. So the new name can neither shadow
// nor be shadowed, even next to another fix. Candidates should be derived
// from the names the user chose (e.g. "outBuilder" for "out"); if all are
// taken, the first gets a numeric suffix as a last resort.
func (f *File) FreshName(pos token.Pos, candidates ...string) string {
	if f.used == nil {
		f.used = make(map[string]bool)
		f.reserved = make(map[string]map[ast.Decl]bool)
		ast.Inspect(f.AST, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				f.used[id.Name] = true
			}
			return true
		})
	}
	decl := f.declAt(pos)
	name := firstFree(f.Pass.Pkg, candidates, func(name string) bool {
		return f.used[name] || f.reserved[name][decl]
	})
	if f.reserved[name] == nil {
		f.reserved[name] = make(map[ast.Decl]bool)
	}
	f.reserved[name][decl] = true
	return name
}

// FreshTopLevelName returns a name for a new package-level declaration:
// the first candidate that no file of the package uses as an identifier,
// that is not in the package or universe scope, and that this pass has not
// handed out before. A package-level name is visible in every file, so
// uniqueness within one file (FreshName) is not enough: another file's
// import of that name would clash with it, and another fix's declaration
// would duplicate it. If all candidates are taken, the first gets a
// numeric suffix.
func (fs *Files) FreshTopLevelName(candidates ...string) string {
	if fs.idents == nil {
		fs.idents = make(map[string]bool)
		fs.topLevel = make(map[string]bool)
		for _, file := range fs.pass.Files {
			ast.Inspect(file, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					fs.idents[id.Name] = true
				}
				return true
			})
		}
	}
	name := firstFree(fs.pass.Pkg, candidates, func(name string) bool {
		return fs.idents[name] || fs.topLevel[name]
	})
	fs.topLevel[name] = true
	return name
}

// firstFree returns the first candidate that is not taken and not in pkg's
// or the universe scope; if there is none, the first candidate with the
// smallest numeric suffix that is free.
func firstFree(pkg *types.Package, candidates []string, taken func(string) bool) string {
	free := func(name string) bool {
		return !taken(name) && pkg.Scope().Lookup(name) == nil && types.Universe.Lookup(name) == nil
	}
	if i := slices.IndexFunc(candidates, free); i >= 0 {
		return candidates[i]
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s%d", candidates[0], n); free(c) {
			return c
		}
	}
}

// declAt returns the top-level declaration holding pos, or nil. Decls are
// in source order: bisection, not a scan.
func (f *File) declAt(pos token.Pos) ast.Decl {
	decls := f.AST.Decls
	if i := sort.Search(len(decls), func(i int) bool { return decls[i].End() > pos }); i < len(decls) && decls[i].Pos() <= pos {
		return decls[i]
	}
	return nil
}

// DeleteImport returns the edits that delete the import of path, which the
// caller has made unused, leaving the import block gofmt-clean: a lone
// import declaration goes whole, and a spec that was alone in its group
// takes the blank line before it along. It reports false when the file
// does not import path under its own name.
func (f *File) DeleteImport(path string) ([]analysis.TextEdit, bool) {
	quoted := strconv.Quote(path)
	for _, d := range f.AST.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.IMPORT {
			continue
		}
		for i, spec := range g.Specs {
			s := spec.(*ast.ImportSpec)
			if s.Path.Value != quoted || s.Name != nil && (s.Name.Name == "_" || s.Name.Name == ".") {
				continue
			}
			if len(g.Specs) == 1 {
				// Between two blank lines (after the package clause,
				// before the first declaration), one goes with it.
				edit := f.DeleteStmt(g)
				start, end := f.offset(edit.Pos), f.offset(edit.End)
				if start >= 2 && f.src[start-1] == '\n' && f.src[start-2] == '\n' && end < len(f.src) && f.src[end] == '\n' && f.src[end-1] == '\n' {
					edit.End++
				}
				return []analysis.TextEdit{edit}, true
			}
			edit := f.DeleteStmt(s)
			fset := f.Pass.Fset
			line := fset.Position(s.Pos()).Line
			blankBefore := i == 0 && fset.Position(g.Lparen).Line < line-1 ||
				i > 0 && fset.Position(g.Specs[i-1].End()).Line < line-1
			blankAfter := i == len(g.Specs)-1 && fset.Position(g.Rparen).Line > line+1 ||
				i < len(g.Specs)-1 && fset.Position(g.Specs[i+1].Pos()).Line > line+1
			if blankBefore && (blankAfter || i == len(g.Specs)-1) && edit.End > edit.Pos && f.src[f.offset(edit.Pos)-1] == '\n' {
				edit.Pos-- // the blank line's newline
			}
			return []analysis.TextEdit{edit}, true
		}
	}
	return nil, false
}
