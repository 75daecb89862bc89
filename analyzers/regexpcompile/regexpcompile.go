package regexpcompile

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports constant regular expressions compiled on every use, with
// the default report policy.
var Analyzer = New(report.Default)

// New returns a regexpcompile analyzer that reports through rep, the
// suite's report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "regexpcompile",
		Doc:      analyzerdoc.Extract(docSource, "regexpcompile"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/regexpcompile",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// compiler describes one function of package regexp that compiles its
// first argument.
type compiler struct {
	must   bool   // panics instead of returning an error
	posix  bool   // POSIX syntax and leftmost-longest matching
	method string // for Match, MatchString, MatchReader: the Regexp method that does the rest
}

var compilers = map[string]compiler{
	"MustCompile":      {must: true},
	"MustCompilePOSIX": {must: true, posix: true},
	"Compile":          {},
	"CompilePOSIX":     {posix: true},
	"Match":            {method: "Match"},
	"MatchString":      {method: "MatchString"},
	"MatchReader":      {method: "MatchReader"},
}

// A use is one call that compiles a constant pattern.
type use struct {
	cursor  inspector.Cursor
	call    *ast.CallExpr
	fn      *types.Func
	kind    compiler
	pattern string
	why     string // how often it runs: "in a loop", "the handler runs once per request"
}

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	editFiles := fixes.NewFiles(pass)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			u := match(pass, c)
			if u == nil {
				continue
			}
			var region ast.Node
			if u.why, region = rep.Repeated(loopInfo, c); u.why == "" || cached(pass, c, region) {
				continue
			}
			rep.Report(diagnose(pass, editFiles, u))
		}
	}
	return nil, nil
}

// match recognises a call of a regexp function that compiles a constant
// pattern that compiles. An invalid constant pattern is a bug that the
// first run shows (MustCompile panics), not a cost.
func match(pass *analysis.Pass, c inspector.Cursor) *use {
	call := c.Node().(*ast.CallExpr)
	if len(call.Args) == 0 {
		return nil
	}
	fn := typeutil.StaticCallee(pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "regexp" || fn.Signature().Recv() != nil {
		return nil
	}
	kind, ok := compilers[fn.Name()]
	if !ok {
		return nil
	}
	tv := pass.TypesInfo.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil
	}
	pattern := constant.StringVal(tv.Value)
	compile := regexp.Compile
	if kind.posix {
		compile = regexp.CompilePOSIX
	}
	if _, err := compile(pattern); err != nil {
		return nil
	}
	return &use{cursor: c, call: call, fn: fn, kind: kind, pattern: pattern}
}

// cached reports whether the compiled expression is stored where it
// outlives region, the loop body or function that repeats it: a variable
// declared outside region, a field, a map or slice element. That is a
// cache filled lazily (if re == nil { re = regexp.MustCompile(...) }),
// compiled once, not per use.
func cached(pass *analysis.Pass, c inspector.Cursor, region ast.Node) bool {
	as, ok := c.Parent().Node().(*ast.AssignStmt)
	if !ok || as.Tok != token.ASSIGN {
		return false
	}
	for _, lhs := range as.Lhs {
		switch lhs := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			v, ok := pass.TypesInfo.Uses[lhs].(*types.Var)
			if ok && !query.Within(region, v.Pos()) {
				return true
			}
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
			return true
		}
	}
	return false
}

// diagnose builds the finding, with the package-level variable fix when it
// is safe.
func diagnose(pass *analysis.Pass, editFiles *fixes.Files, u *use) analysis.Diagnostic {
	name := types.ExprString(u.call.Fun)
	var msg string
	if u.kind.method != "" {
		msg = fmt.Sprintf("%s compiles its constant pattern %s, then throws the compiled form away; compile it once into a package-level var and call its %s method",
			name, u.why, u.kind.method)
	} else {
		msg = fmt.Sprintf("%s compiles the same constant pattern %s; compile it once into a package-level var", name, u.why)
	}
	d := analysis.Diagnostic{Pos: u.call.Pos(), End: u.call.End(), Message: msg}
	fix, whyNot := hoist(pass, editFiles, u)
	switch {
	case fix != nil:
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	case whyNot != "":
		d.Message += "; no automatic fix: " + whyNot
	}
	return d
}

// hoist builds the fix: a package-level var compiled with MustCompile (safe:
// the pattern compiled at analysis time), declared before the top-level
// declaration holding the call, and the call replaced by the var, or by the
// var's method for Match*. A call of Compile or Match* returns an error as
// well; the fix gives nil in its place when the call is the whole right side
// of a two-value assignment, declaration or return, and is withheld
// elsewhere.
func hoist(pass *analysis.Pass, editFiles *fixes.Files, u *use) (*analysis.SuggestedFix, string) {
	sel, ok := ast.Unparen(u.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, "regexp is dot-imported"
	}
	if whyNot := sharedSafely(pass, u); whyNot != "" {
		return nil, whyNot
	}
	ef, err := editFiles.For(u.call.Pos())
	if err != nil {
		return nil, ""
	}
	decl := topLevel(u.cursor)
	if decl == nil {
		return nil, ""
	}
	varName := editFiles.FreshTopLevelName(candidates(pass, u, decl)...)
	value := varName
	if u.kind.method != "" {
		args := make([]string, 0, len(u.call.Args)-1)
		for _, a := range u.call.Args[1:] {
			args = append(args, ef.Source(a))
		}
		value = fmt.Sprintf("%s.%s(%s)", varName, u.kind.method, strings.Join(args, ", "))
	}
	replace := fixes.Replace(u.call, value)
	if u.kind.method != "" || !u.kind.must {
		replace, ok = withNilError(pass, u, value)
		if !ok {
			return nil, "the call's error result is used where nil cannot stand in for it"
		}
	}
	must := "MustCompile"
	if u.kind.posix {
		must = "MustCompilePOSIX"
	}
	at := decl.Pos()
	if doc := docOf(decl); doc != nil {
		at = doc.Pos()
	}
	declare := analysis.TextEdit{Pos: at, End: at,
		NewText: fmt.Appendf(nil, "var %s = %s.%s(%s)\n\n", varName, types.ExprString(sel.X), must, patternSource(pass, ef, u))}
	return &analysis.SuggestedFix{
		Message:   "Compile the pattern once, into package-level var " + varName,
		TextEdits: []analysis.TextEdit{declare, replace},
	}, ""
}

// sharedSafely says why one *regexp.Regexp shared by every use could
// behave differently ("" if it cannot): Longest changes the Regexp it is
// called on, and a Regexp handed to callers may meet a Longest there.
func sharedSafely(pass *analysis.Pass, u *use) string {
	if u.kind.method != "" {
		return "" // the compiled form never leaves the call
	}
	var v *types.Var
	switch parent := u.cursor.Parent().Node().(type) {
	case *ast.SelectorExpr:
		if parent.Sel.Name == "Longest" {
			return "Longest is called on it, which would change the shared regexp"
		}
		return ""
	case *ast.ReturnStmt:
		return "the regexp is returned, and a caller's Longest would change the shared one"
	case *ast.AssignStmt:
		if id, ok := parent.Lhs[0].(*ast.Ident); ok && parent.Rhs[0] == u.call {
			v, _ = pass.TypesInfo.ObjectOf(id).(*types.Var)
		}
	case *ast.ValueSpec:
		if len(parent.Values) == 1 && parent.Values[0] == u.call {
			v, _ = pass.TypesInfo.Defs[parent.Names[0]].(*types.Var)
		}
	}
	if v == nil {
		return ""
	}
	fn := query.EnclosingFunc(u.cursor)
	if fn == nil {
		return ""
	}
	whyNot := ""
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Sel.Name == "Longest" && pass.TypesInfo.Uses[id] == v {
				whyNot = "Longest is called on it, which would change the shared regexp"
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if id, ok := ast.Unparen(r).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
					whyNot = "the regexp is returned, and a caller's Longest would change the shared one"
				}
			}
		}
		return whyNot == ""
	})
	return whyNot
}

// withNilError returns the edit that replaces a call of Compile or Match*
// by value and a nil error, where the call's two results go straight into
// an assignment, a declaration or a return: re, err := reRe, error(nil).
// A blank error takes nothing: re, _ := regexp.Compile(p) becomes re :=
// reRe.
func withNilError(pass *analysis.Pass, u *use, value string) (analysis.TextEdit, bool) {
	switch parent := u.cursor.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(parent.Lhs) != 2 || len(parent.Rhs) != 1 {
			return analysis.TextEdit{}, false
		}
		if isBlank(parent.Lhs[1]) {
			if isBlank(parent.Lhs[0]) && parent.Tok == token.DEFINE {
				return analysis.TextEdit{}, false
			}
			return analysis.TextEdit{Pos: parent.Lhs[0].End(), End: u.call.End(),
				NewText: fmt.Appendf(nil, " %s %s", parent.Tok, value)}, true
		}
		if parent.Tok == token.ASSIGN {
			return fixes.Replace(u.call, value+", nil"), true
		}
		if !universal(pass, u.call.Pos(), "error") {
			return analysis.TextEdit{}, false
		}
		return fixes.Replace(u.call, value+", error(nil)"), true
	case *ast.ValueSpec:
		if len(parent.Names) != 2 || len(parent.Values) != 1 {
			return analysis.TextEdit{}, false
		}
		if parent.Type != nil {
			return fixes.Replace(u.call, value+", nil"), true
		}
		if !universal(pass, u.call.Pos(), "error") {
			return analysis.TextEdit{}, false
		}
		return fixes.Replace(u.call, value+", error(nil)"), true
	case *ast.ReturnStmt:
		if len(parent.Results) != 1 || !universal(pass, u.call.Pos(), "nil") {
			return analysis.TextEdit{}, false
		}
		return fixes.Replace(u.call, value+", nil"), true
	}
	return analysis.TextEdit{}, false
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

// universal reports whether name, looked up at pos, is the predeclared one.
func universal(pass *analysis.Pass, pos token.Pos, name string) bool {
	scope := pass.Pkg.Scope().Innermost(pos)
	if scope == nil {
		return false
	}
	_, obj := scope.LookupParent(name, pos)
	return obj != nil && obj.Parent() == types.Universe
}

// topLevel returns the top-level declaration holding the node at c.
func topLevel(c inspector.Cursor) ast.Decl {
	for ; c.Parent().Node() != nil; c = c.Parent() {
		if _, ok := c.Parent().Node().(*ast.File); ok {
			d, _ := c.Node().(ast.Decl)
			return d
		}
	}
	return nil
}

func docOf(decl ast.Decl) *ast.CommentGroup {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// genericNames say nothing of what a pattern matches; a variable named so
// lends the function's name to the package-level one instead.
var genericNames = map[string]bool{"re": true, "r": true, "rx": true, "rgx": true, "reg": true,
	"regex": true, "regexp": true, "exp": true, "expr": true, "pattern": true, "pat": true,
	"p": true, "m": true, "matcher": true, "ok": true, "matched": true, "match": true, "err": true}

// candidates are names for the package-level var, from the variable the
// result is stored in (version → versionRe) or the function holding the
// call (parseVersion → parseVersionRe).
func candidates(pass *analysis.Pass, u *use, decl ast.Decl) []string {
	var out []string
	var local string
	switch parent := u.cursor.Parent().Node().(type) {
	case *ast.AssignStmt:
		if id, ok := parent.Lhs[0].(*ast.Ident); ok && u.kind.method == "" {
			local = id.Name
		}
	case *ast.ValueSpec:
		if u.kind.method == "" {
			local = parent.Names[0].Name
		}
	}
	if local != "" && !genericNames[strings.ToLower(local)] {
		lower := strings.ToLower(local)
		if strings.HasSuffix(lower, "re") || strings.HasSuffix(lower, "regexp") || strings.HasSuffix(lower, "regex") || strings.HasSuffix(lower, "rx") || strings.HasSuffix(lower, "pattern") {
			out = append(out, local+"Compiled")
		} else {
			out = append(out, local+"Re")
		}
	}
	if fd, ok := decl.(*ast.FuncDecl); ok && fd.Name.Name != "_" {
		name := fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			if recv := recvTypeName(fd.Recv.List[0].Type); recv != "" {
				name = recv + upperFirst(name)
			}
		}
		out = append(out, lowerFirst(name)+"Re")
	}
	if len(out) == 0 {
		out = append(out, "compiledRe")
	}
	return out
}

func recvTypeName(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	// An initialism stays one word: HTTPHeader → httpHeader.
	i := 0
	for i < len(r) && unicode.IsUpper(r[i]) {
		i++
	}
	switch {
	case i == len(r):
		return strings.ToLower(s)
	case i > 1:
		i--
	}
	return strings.ToLower(string(r[:max(i, 1)])) + string(r[max(i, 1):])
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// patternSource is the pattern argument as the package level can spell it:
// its own source when that names only package-level or imported constants,
// otherwise the constant's value as a literal (a raw string where it can be
// one, as patterns usually are).
func patternSource(pass *analysis.Pass, ef *fixes.File, u *use) string {
	arg := u.call.Args[0]
	visible := true
	ast.Inspect(arg, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			obj := pass.TypesInfo.Uses[id]
			if obj == nil || obj.Parent() != pass.Pkg.Scope() && obj.Parent() != types.Universe && obj.Pkg() == pass.Pkg {
				if _, isPkgName := obj.(*types.PkgName); !isPkgName {
					visible = false
				}
			}
		}
		return visible
	})
	if visible {
		return ef.Source(arg)
	}
	if strconv.CanBackquote(u.pattern) {
		return "`" + u.pattern + "`"
	}
	return strconv.Quote(u.pattern)
}
