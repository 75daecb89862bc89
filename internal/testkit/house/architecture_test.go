package house

import (
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestArchitectureImports keeps the imports column of docs/architecture.md's
// package table true: for every package of the repository (a directory with
// Go files, testdata aside, the nested tools/gcl module included), the
// in-repo packages its non-test files import (its test files', for a
// package of tests only) are exactly those the column names. In that column, backquoted names are imports (`a/{b,c}` is
// `a/b` and `a/c`, `a/*` any package under a), text in parentheses is
// commentary and "—" means none; in the path column, `NAME` stands for any
// one path element.
func TestArchitectureImports(t *testing.T) {
	dir := root(t)
	rows := packageTable(t, filepath.Join(dir, "docs", "architecture.md"))
	actual := repoImports(t, dir)

	var pkgs []string
	for p := range actual {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		var row *tableRow
		for i := range rows {
			if rows[i].matches(pkg) {
				row = &rows[i]
				break
			}
		}
		if row == nil {
			t.Errorf("docs/architecture.md: package %s has no row in the package table", pkg)
			continue
		}
		row.used = true
		imports := actual[pkg]
		for _, imp := range imports {
			if !slices.ContainsFunc(row.imports, func(want string) bool { return importMatches(want, imp) }) {
				t.Errorf("docs/architecture.md: %s imports %s, which its row (%s) does not name", pkg, imp, row.path)
			}
		}
		for _, want := range row.imports {
			if !slices.ContainsFunc(imports, func(imp string) bool { return importMatches(want, imp) }) {
				t.Errorf("docs/architecture.md: the row %s says %s imports %s, which it does not", row.path, pkg, want)
			}
		}
	}
	for _, row := range rows {
		if !row.used {
			t.Errorf("docs/architecture.md: the row %s matches no package of the repository", row.path)
		}
	}
}

type tableRow struct {
	path    string   // as written, with NAME for any element
	imports []string // in-repo import paths, relative to the module; may end in /*
	used    bool
}

func (r tableRow) matches(pkg string) bool {
	pat := strings.ReplaceAll(r.path, "NAME", "*")
	ok, _ := path.Match(pat, pkg)
	return ok
}

func importMatches(want, imp string) bool {
	if prefix, ok := strings.CutSuffix(want, "/*"); ok {
		return strings.HasPrefix(imp, prefix+"/")
	}
	return want == imp
}

// packageTable reads the rows of the table under "## Packages".
func packageTable(t *testing.T, file string) []tableRow {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Packages\n")
	if !ok {
		t.Fatal("docs/architecture.md has no \"## Packages\" section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var rows []tableRow
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := splitRow(line)
		if len(cells) != 3 {
			t.Errorf("docs/architecture.md: a package row has %d cells, not 3: %s", len(cells), line)
			continue
		}
		paths := quoted(cells[0])
		if len(paths) != 1 {
			t.Errorf("docs/architecture.md: a package row names %d paths, not 1: %s", len(paths), cells[0])
			continue
		}
		row := tableRow{path: paths[0]}
		for _, q := range quoted(dropParens(cells[2])) {
			row.imports = append(row.imports, expandBraces(q)...)
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		t.Fatal("docs/architecture.md: the package table has no rows")
	}
	return rows
}

// splitRow splits a Markdown table row at the bars outside backquotes.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	line = strings.TrimSuffix(line, "|")
	var cells []string
	var cell strings.Builder
	inCode := false
	for _, r := range line {
		switch {
		case r == '`':
			inCode = !inCode
		case r == '|' && !inCode:
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
			continue
		}
		cell.WriteRune(r)
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

var quotedRE = regexp.MustCompile("`([^`]*)`")

func quoted(s string) []string {
	var out []string
	for _, m := range quotedRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// dropParens removes parenthesised text (commentary) outside backquotes.
func dropParens(s string) string {
	var b strings.Builder
	depth, inCode := 0, false
	for _, r := range s {
		if r == '`' {
			inCode = !inCode
		}
		if !inCode {
			if r == '(' {
				depth++
				continue
			}
			if r == ')' && depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// expandBraces turns a/{b,c} into a/b and a/c (one brace group).
func expandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	end := strings.IndexByte(s, '}')
	if open < 0 || end < open {
		return []string{s}
	}
	var out []string
	for _, alt := range strings.Split(s[open+1:end], ",") {
		out = append(out, s[:open]+alt+s[end+1:])
	}
	return out
}

// repoImports maps each package directory of the repository to the in-repo
// packages its non-test files import, relative to the module path; a
// directory of test files only maps to what they import.
func repoImports(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files := goFiles(t, dir)
	hasCode := map[string]bool{}
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			hasCode[path.Dir(f)] = true
		}
	}
	fset := token.NewFileSet()
	imports := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") && hasCode[path.Dir(f)] {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, f), nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		pkg := path.Dir(f)
		list := imports[pkg]
		if list == nil {
			list = []string{}
		}
		for _, spec := range file.Imports {
			p, _ := strconv.Unquote(spec.Path.Value)
			if rel, ok := strings.CutPrefix(p, module+"/"); ok && !slices.Contains(list, rel) {
				list = append(list, rel)
			}
		}
		imports[pkg] = list
	}
	return imports
}
