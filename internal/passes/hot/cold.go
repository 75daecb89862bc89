package hot

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/query"
)

// Cold evidence is what shows, without a profile, that a place runs rarely:
// once per program, once per invocation of a tool, once per configuration
// load, when something is printed for a human, when an error is returned,
// only in tests, or a handful of times. Findings there are true but seldom
// worth a change (issue #16: 84 of 97 judged findings on four large
// projects sat in such code), so the reporter sets them aside by default.
//
// The evidence is of three kinds, each a reason string in Heat.ColdWhy:
//
//   - the package or file: package main, a path under cmd/ or tool/ or a
//     test directory (test/, testutil/, ...) or examples/, a package or file
//     named for tests or assertions (assert, require), a _test.go file
//     (unless -tests:
//     without it the reporter keeps findings there only in benchmarks'
//     timed loops, which repeat what the benchmark measures);
//   - the function: init; methods that fmt calls (String, GoString, Format,
//     Error), slog's LogValue, a flag.Value's Set; configuration decoding and plugin lifecycle methods
//     (UnmarshalJSON, UnmarshalText, UnmarshalYAML, Provision, Validate,
//     ...); functions named for configuration loading or for debug output;
//     functions that define command-line flags (flag.Bool, fs.String,
//     ...: defining one twice panics) or take a *flag.FlagSet or a
//     command to set up, or a
//     *testing.T, B, F or testing.TB (test helpers outside _test.go);
//     refresh or poll code (poll.go: named refresh, poll, reload or resync,
//     making a request, called by no hot loop of the package: a service
//     discovery's refresh, run from a ticker); and
//     unexported functions whose every caller in the package is one of
//     these (or a package-level initialiser, or a _test.go file, or a
//     call in a loop that waits on a timer every iteration);
//   - the place: an error path (a block, other than the function's body,
//     ending in a return of a non-nil error, a panic, os.Exit or
//     log.Fatal; or a point of the body after which every return is such
//     a return and the body ends in one), or a loop over a small domain (a constant count of at most
//     ColdLimit, a literal of a few elements, a map whose key type has
//     a few values) with no other loop around it.
//
// Where a name is the evidence the reason says so ("named for ..."): names
// are conventions, not proof. Everything is computed per package from its
// syntax and types, once, on the first finding: no facts.

// smallDomain is the largest number of values of a key type whose maps are
// treated as small (a log level, a protocol version, a weekday).
const smallDomain = 16

// coldIndex holds the package's cold evidence.
type coldIndex struct {
	pkg     string                   // evidence for every place of the package, or ""
	files   map[*token.File]string   // files named for tests
	own     map[*ast.FuncDecl]string // evidence from the declaration itself
	decls   map[*types.Func]*ast.FuncDecl
	callers map[*types.Func][]callSite
	asValue map[*types.Func]bool // used other than by calling it: callers unknown
	// mu guards memo and busy, filled lazily by Result.At, which the
	// suite's analyzers call concurrently (the checker runs them in
	// parallel on one package).
	mu   sync.Mutex
	memo map[*ast.FuncDecl]string
	busy map[*ast.FuncDecl]bool
}

// A callSite is one call of a package function: from caller (nil for a
// package-level initialiser) or from a _test.go file.
type callSite struct {
	caller *ast.FuncDecl
	test   bool
	paced  bool // in a loop of caller that waits on a timer (Paced)
}

func (r *Result) buildCold() {
	pass := r.pass
	ix := &coldIndex{
		files:   make(map[*token.File]string),
		own:     make(map[*ast.FuncDecl]string),
		decls:   make(map[*types.Func]*ast.FuncDecl),
		callers: make(map[*types.Func][]callSite),
		asValue: make(map[*types.Func]bool),
		memo:    make(map[*ast.FuncDecl]string),
		busy:    make(map[*ast.FuncDecl]bool),
	}
	r.cold = ix
	ix.pkg = packageEvidence(pass.Pkg)
	var paced []ast.Node // bodies of loops that wait on a timer every iteration
	for _, l := range r.loops.Loops {
		if Paced(l) {
			paced = append(paced, l.Body())
		}
	}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		test := strings.HasSuffix(tf.Name(), "_test.go")
		switch {
		case test && !r.tests:
			ix.files[tf] = testCodeEvidence
		case !test:
			if why := testFileEvidence(tf.Name()); why != "" {
				ix.files[tf] = why
			}
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				ix.indexCalls(pass.TypesInfo, pass.Pkg, d, nil, test, nil)
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				ix.decls[obj] = fd
			}
			definesFlags := false
			if fd.Body != nil {
				definesFlags = ix.indexCalls(pass.TypesInfo, pass.Pkg, fd.Body, fd, test, paced)
			}
			why := declEvidence(pass.TypesInfo, fd)
			if why == "" && !test {
				// In a _test.go file, tests are the file's evidence (or,
				// under -tests, judged as code).
				why = testHelperEvidence(pass.TypesInfo, fd)
			}
			if why == "" && !test {
				why = r.pollEvidence(fd)
			}
			if why == "" && definesFlags {
				why = fd.Name.Name + " defines command-line flags: runs once per program"
			}
			if why != "" {
				ix.own[fd] = why
			}
		}
	}
}

// indexCalls records the calls of the package's functions under n, made by
// caller (each marked when it sits in one of the paced loop bodies), and
// the functions used as values there. It reports whether n itself (not a
// function literal in it) defines a command-line flag: one of flagDefiners
// of package flag or pflag, which panics if run twice.
func (ix *coldIndex) indexCalls(info *types.Info, pkg *types.Package, n ast.Node, caller *ast.FuncDecl, test bool, paced []ast.Node) (definesFlags bool) {
	called := make(map[*ast.Ident]bool)
	var lits []ast.Node // function literals seen: calls in them run apart
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, n)
		case *ast.CallExpr:
			switch fun := ast.Unparen(n.Fun).(type) {
			case *ast.Ident:
				called[fun] = true
			case *ast.SelectorExpr:
				called[fun.Sel] = true
			case *ast.IndexExpr: // a generic function instantiated explicitly
				if id, ok := fun.X.(*ast.Ident); ok {
					called[id] = true
				}
			}
			if !definesFlags && isFlagDefiner(info, n) {
				definesFlags = !slices.ContainsFunc(lits, func(lit ast.Node) bool { return query.Within(lit, n.Pos()) })
			}
		case *ast.Ident:
			fn, ok := info.Uses[n].(*types.Func)
			if !ok || fn.Pkg() != pkg {
				return true
			}
			fn = fn.Origin()
			if called[n] {
				inPaced := slices.ContainsFunc(paced, func(body ast.Node) bool { return query.Within(body, n.Pos()) })
				ix.callers[fn] = append(ix.callers[fn], callSite{caller, test, inPaced})
			} else {
				ix.asValue[fn] = true
			}
		}
		return true
	})
	return definesFlags
}

// funcEvidence returns the cold evidence of a function declaration: its
// own, or that every caller is cold. The caller holds ix.mu.
func (ix *coldIndex) funcEvidence(info *types.Info, fd *ast.FuncDecl) string {
	if why, ok := ix.memo[fd]; ok {
		return why
	}
	if ix.busy[fd] {
		return "" // a cycle of calls shows nothing about itself
	}
	ix.busy[fd] = true
	why := ix.own[fd]
	if why == "" {
		why = ix.fromCallers(info, fd)
	}
	delete(ix.busy, fd)
	ix.memo[fd] = why
	return why
}

// fromCallers says why fd runs rarely when every call of it in the package
// is in code that does, or "". Exported functions and functions used as
// values may be called from elsewhere.
func (ix *coldIndex) fromCallers(info *types.Info, fd *ast.FuncDecl) string {
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok || fn.Exported() && fn.Pkg().Name() != "main" || ix.asValue[fn] {
		return ""
	}
	sites := ix.callers[fn]
	if len(sites) == 0 {
		return ""
	}
	var first string
	tests := true
	for _, s := range sites {
		var why string
		switch {
		case s.test:
			why = "tests"
		case s.caller == nil:
			why = "a package-level initialiser (runs once per program)"
		case s.paced:
			why = s.caller.Name.Name + " (in a loop that waits on a timer every iteration: once per tick)"
		default:
			w := ix.funcEvidence(info, s.caller)
			if w == "" {
				return ""
			}
			why = s.caller.Name.Name + " (" + root(w) + ")"
		}
		tests = tests && s.test
		if first == "" && !s.test {
			first = why
		}
	}
	if tests {
		return "called only from tests"
	}
	return "called only from " + first
}

// realCaller reports whether caller (the function holding a loop that
// calls another, Result.CalledInLoop) is itself reached by code that
// is not a test: a function literal, an exported function (callers may be
// elsewhere), one used as a value, or one with a call outside _test.go
// files. A loop in a helper only tests call makes nothing hot.
func (ix *coldIndex) realCaller(info *types.Info, caller ast.Node) bool {
	fd, ok := caller.(*ast.FuncDecl)
	if !ok {
		return true
	}
	fn, ok := info.Defs[fd.Name].(*types.Func)
	if !ok || fn.Exported() || ix.asValue[fn] {
		return true
	}
	sites := ix.callers[fn]
	if fd.Recv != nil && len(sites) == 0 {
		return true // a method may be called through an interface
	}
	return slices.ContainsFunc(sites, func(s callSite) bool { return !s.test })
}

// root reduces a chain of "called only from F (reason)" to its first
// evidence, so reasons stay one level deep.
func root(why string) string {
	for strings.HasPrefix(why, "called only from ") && strings.HasSuffix(why, ")") {
		i := strings.Index(why, " (")
		if i < 0 || strings.Contains(why[len("called only from "):i], " ") {
			break // not a function's name: "a package-level initialiser (...)"
		}
		why = why[i+2 : len(why)-1]
	}
	return why
}

// packageEvidence says why a whole package runs rarely, or "".
func packageEvidence(pkg *types.Package) string {
	if pkg.Name() == "main" {
		return "package main: a command, run once per invocation"
	}
	for i, elem := range strings.Split(pkg.Path(), "/") {
		// tool/ counts below a module-like root only; tools/ not at all:
		// golang.org/x/tools, honnef.co/go/tools and copies of them
		// (golangci-lint's internal/x/tools) are libraries.
		if elem == "cmd" || elem == "tool" && i >= 3 {
			return fmt.Sprintf("under a %s/ directory: a command-line tool (judged by the path)", elem)
		}
		if i >= 1 && testDirs[elem] {
			return fmt.Sprintf("under a %s/ directory: test support (judged by the path)", elem)
		}
		if i >= 1 && (elem == "example" || elem == "examples" || elem == "_examples") {
			return fmt.Sprintf("under an %s/ directory: example code (judged by the path)", elem)
		}
	}
	name := pkg.Name()
	if strings.HasSuffix(name, "_test") {
		// An external test package: its files are _test.go files, whose
		// evidence is testCodeEvidence (and none under -tests).
		return ""
	}
	for _, suffix := range []string{"test", "testing", "testutil", "testutils", "testhelper", "testhelpers"} {
		if strings.HasSuffix(name, suffix) {
			return fmt.Sprintf("package %s: test support (judged by the name)", name)
		}
	}
	if name == "assert" || name == "require" {
		return fmt.Sprintf("package %s: test assertions (judged by the name)", name)
	}
	return ""
}

// testDirs are directory names that hold test support: harnesses and
// helpers (go-control-plane's pkg/test/resource). Not testdata: the go
// command's patterns skip it, so a package there is analysed only when
// named, and then its findings are wanted (perfvet's own demo).
var testDirs = map[string]bool{
	"test": true, "tests": true, "testutil": true, "testutils": true,
	"testhelper": true, "testhelpers": true, "testing": true,
}

// testCodeEvidence is the cold evidence of a _test.go file. Without
// -tests the reporter keeps findings there only in benchmarks' timed
// loops, and on std all 13 of those judged were the benchmark's subject:
// the fresh buffer, the growth or the reflection the benchmark exists to
// measure, so the fix would change what it measures.
const testCodeEvidence = "in a _test.go file: test code, and a benchmark's timed loop repeats what the benchmark measures (-tests judges it as code)"

// testFileEvidence says why a file (not a _test.go file) holds test
// support, judged by its name: testing.go, testutil.go, mock_store.go.
func testFileEvidence(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), ".go")
	for part := range strings.FieldsFuncSeq(strings.ToLower(base), func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		switch {
		case strings.HasPrefix(part, "test"), part == "mock", part == "mocks", part == "fake", part == "fakes":
			return fmt.Sprintf("in %s.go: test support (judged by the file name)", base)
		}
	}
	return ""
}

// configMethods are methods that decode or set up configuration: run once
// per configuration load, not per request. Judged by their names, the
// conventions of encoding/json, encoding (TextUnmarshaler), yaml, toml, and
// plugin lifecycles such as Caddy's (Provision, Validate, Cleanup).
var configMethods = map[string]bool{
	"UnmarshalJSON": true, "UnmarshalText": true, "UnmarshalYAML": true, "UnmarshalTOML": true,
	"UnmarshalCaddyfile": true, "UnmarshalFlag": true, "Set": false,
	"Provision": true, "Validate": true, "Setup": true, "Cleanup": true, "Configure": true,
}

// declEvidence says why a function runs rarely, judged by its declaration.
func declEvidence(info *types.Info, fd *ast.FuncDecl) string {
	name := fd.Name.Name
	if fd.Recv == nil && name == "init" {
		return "init: runs once per program"
	}
	fn, _ := info.Defs[fd.Name].(*types.Func)
	var sig *types.Signature
	if fn != nil {
		sig = fn.Signature()
	}
	if fd.Recv != nil && sig != nil {
		switch {
		case (name == "String" || name == "GoString" || name == "Error" || name == "string") && sig.Params().Len() == 0 && returnsString(sig):
			article := "a"
			if name == "Error" {
				article = "an"
			}
			return fmt.Sprintf("%s %s method: text for people (logs, errors, debugging)", article, name)
		case name == "Format" && sig.Params().Len() == 2 && isNamed(sig.Params().At(0).Type(), "fmt", "State"):
			return "a Format method: formatting for fmt"
		case name == "LogValue" && sig.Params().Len() == 0 && sig.Results().Len() == 1 && isNamed(sig.Results().At(0).Type(), "log/slog", "Value"):
			return "a LogValue method: runs when a log line is written"
		case name == "Set" && isFlagValue(fn, sig):
			return "a flag.Value's Set method: once per flag on the command line"
		case configMethods[name]:
			return name + ": configuration decoding or set-up (judged by the name)"
		}
	}
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, "debug") || strings.Contains(lower, "dump"):
		return name + ": debug output (judged by the name)"
	case strings.Contains(lower, "config") && hasAnyPrefix(lower, "load", "parse", "read", "decode", "new", "default", "apply", "setup", "init", "process", "configure"):
		return name + ": configuration loading (judged by the name)"
	}
	if sig != nil {
		for i := range sig.Params().Len() {
			t := sig.Params().At(i).Type()
			if isNamed(t, "flag", "FlagSet") || isNamed(t, "github.com/spf13/pflag", "FlagSet") || isNamed(t, "github.com/spf13/cobra", "Command") {
				return fmt.Sprintf("%s takes a %s: command-line set-up", name, types.TypeString(t, (*types.Package).Name))
			}
		}
	}
	return ""
}

// testHelperEvidence says why a function outside _test.go files is test
// support: it takes a *testing.T, B or F, or a testing.TB.
func testHelperEvidence(info *types.Info, fd *ast.FuncDecl) string {
	fn, _ := info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return ""
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		t := params.At(i).Type()
		if isNamed(t, "testing", "T") || isNamed(t, "testing", "B") || isNamed(t, "testing", "F") || isNamed(t, "testing", "TB") {
			return fmt.Sprintf("%s takes a %s: test support", fd.Name.Name, types.TypeString(t, (*types.Package).Name))
		}
	}
	return ""
}

// flagDefiners are the flag package's functions (and *FlagSet's methods,
// and pflag's of the same names) that define a command-line flag.
var flagDefiners = map[string]bool{
	"Bool": true, "BoolVar": true, "BoolFunc": true, "String": true, "StringVar": true,
	"Int": true, "IntVar": true, "Int64": true, "Int64Var": true, "Uint": true, "UintVar": true,
	"Uint64": true, "Uint64Var": true, "Float64": true, "Float64Var": true, "Duration": true,
	"DurationVar": true, "Var": true, "Func": true, "TextVar": true,
}

// isFlagDefiner reports whether call is one of flagDefiners of package
// flag or pflag (a function, or a *FlagSet method).
func isFlagDefiner(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || !flagDefiners[fn.Name()] {
		return false
	}
	path := fn.Pkg().Path()
	return path == "flag" || path == "github.com/spf13/pflag"
}

// isFlagValue reports whether fn is Set(string) error of a type that also
// has String() string: the flag.Value interface, set from the command line.
func isFlagValue(fn *types.Func, sig *types.Signature) bool {
	if sig.Params().Len() != 1 || sig.Results().Len() != 1 || !types.Identical(sig.Results().At(0).Type(), types.Universe.Lookup("error").Type()) {
		return false
	}
	if b, ok := sig.Params().At(0).Type().(*types.Basic); !ok || b.Kind() != types.String {
		return false
	}
	obj, _, _ := types.LookupFieldOrMethod(sig.Recv().Type(), true, fn.Pkg(), "String")
	str, ok := obj.(*types.Func)
	return ok && str.Signature().Params().Len() == 0 && returnsString(str.Signature())
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func returnsString(sig *types.Signature) bool {
	if sig.Results().Len() != 1 {
		return false
	}
	b, ok := sig.Results().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// isNamed reports whether t is pkg.name or a pointer to it.
func isNamed(t types.Type, pkg, name string) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// coldAt gathers the cold evidence of the place at c in the function site.
func (r *Result) coldAt(c inspector.Cursor, site *fnSite) []string {
	var why []string
	for _, rule := range placeRules {
		if w := rule.evidence(r, c, site); w != "" {
			why = append(why, w)
		}
	}
	return why
}

// A placeRule is one kind of cold evidence for a place; its cases are in
// testdata/src/coldevidence (TestColdEvidence, TestReasons).
type placeRule struct {
	name     string
	evidence func(r *Result, c inspector.Cursor, site *fnSite) string
}

// placeRules is the ordered table of cold evidence: coldAt asks each in
// turn and keeps every reason that holds, in this order (the first is
// the one a one-line summary names). The loop rule is loopRules' table.
var placeRules = []placeRule{
	{"package", func(r *Result, _ inspector.Cursor, _ *fnSite) string { return r.cold.pkg }},
	{"file", func(r *Result, c inspector.Cursor, _ *fnSite) string {
		return r.cold.files[r.pass.Fset.File(c.Node().Pos())]
	}},
	{"function", func(r *Result, _ inspector.Cursor, site *fnSite) string {
		if site == nil || site.top == nil {
			return ""
		}
		ix := r.cold
		ix.mu.Lock()
		defer ix.mu.Unlock()
		return ix.funcEvidence(r.pass.TypesInfo, site.top)
	}},
	{"error path", func(r *Result, c inspector.Cursor, _ *fnSite) string { return errorPath(r.pass, c) }},
	{"loop", func(r *Result, c inspector.Cursor, _ *fnSite) string { return r.smallLoop(c) }},
}

// errorPath says why the place at c is on an error path: some block
// between it and its function's body ends in a return of a non-nil error,
// a panic, os.Exit or log.Fatal. Such a block runs at most once per call,
// and usually once per failure.
func errorPath(pass *analysis.Pass, c inspector.Cursor) string {
	for anc := c.Parent(); anc.Node() != nil; anc = anc.Parent() {
		switch anc.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return ""
		case *ast.BlockStmt:
			switch anc.Parent().Node().(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				return failsFromHere(pass, anc, c)
			}
		}
		list, ok := query.StatementList(anc.Node())
		if !ok {
			continue
		}
		if len(list) == 0 {
			continue
		}
		if what := errorExit(pass, query.FinalStmt(pass.TypesInfo, list), anc); what != "" {
			return "on an error path: the block ends in " + what
		}
	}
	return ""
}

// failsFromHere says why every way out of the function body at body,
// once the place at c has run, is a failure, or "": the body ends in an
// exit that always fails (a made or package-level error, a no-return
// call: certainFailure), and every return that can run after c (from c on,
// or from the start of the outermost loop around c) returns an error made
// there, a package-level error or a tested err. Code there runs only on
// the way to failing, after the common path has returned:
//
//	if h == older.Hash {
//		return nil
//	}
//	var buf bytes.Buffer // only when the hashes differ
//	...
//	return ErrSecurity
func failsFromHere(pass *analysis.Pass, body inspector.Cursor, c inspector.Cursor) string {
	list := body.Node().(*ast.BlockStmt).List
	if len(list) == 0 {
		return ""
	}
	what := errorExit(pass, query.FinalStmt(pass.TypesInfo, list), body)
	if !certainFailure(what) {
		return ""
	}
	from := c.Node().Pos()
	for anc := c.Parent(); anc.Node() != nil && anc.Node() != body.Node(); anc = anc.Parent() {
		switch anc.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			from = anc.Node().Pos() // the loop may come round to an earlier return
		}
	}
	for ret := range body.Preorder((*ast.ReturnStmt)(nil)) {
		if ret.Node().Pos() < from {
			continue
		}
		if query.EnclosingFunc(ret) != body.Parent().Node() {
			continue // a return of a function literal
		}
		if errorExit(pass, ret.Node().(ast.Stmt), ret.Parent()) == "" {
			return ""
		}
	}
	return "on an error path: every way out from here ends in " + what
}

// certainFailure reports whether errorExit's description what is an exit
// that never succeeds: a no-return call, errors.New, fmt.Errorf, an error
// literal or a package-level error. Not a call of a function named for
// errors, which may return nil (wrapErr(err), errors.Join(errs...)).
func certainFailure(what string) bool {
	if what == "" {
		return false
	}
	if !strings.HasPrefix(what, "a return of ") {
		return true // a no-return call: panic, os.Exit, log.Fatal
	}
	for _, prefix := range []string{"a return of errors.New(", "a return of fmt.Errorf(", "a return of an error value", "a return of the package-level error "} {
		if strings.HasPrefix(what, prefix) {
			return true
		}
	}
	return false
}

// errorExit describes last, the last statement of the block at block, if
// it ends the function on failure: a no-return call (query.NoReturn:
// panic, os.Exit, log.Fatal*, ...),
// or a return whose error result is an error made there (errors.New,
// fmt.Errorf, a literal of an error type, a call of a function named for
// errors), a package-level error variable (io.EOF, ErrClosed) or the
// variable the enclosing if tested against nil.
func errorExit(pass *analysis.Pass, last ast.Stmt, block inspector.Cursor) string {
	switch s := last.(type) {
	case *ast.ExprStmt:
		call, ok := s.X.(*ast.CallExpr)
		if !ok {
			return ""
		}
		if query.NoReturn(pass.TypesInfo, call) {
			return types.ExprString(call.Fun)
		}
	case *ast.ReturnStmt:
		if len(s.Results) == 0 {
			return ""
		}
		last := ast.Unparen(s.Results[len(s.Results)-1])
		t := pass.TypesInfo.TypeOf(last)
		if t == nil || !types.Identical(t, errorType) && !types.Implements(t, errorInterface) {
			return ""
		}
		switch e := last.(type) {
		case *ast.CallExpr:
			if fn := typeutil.Callee(pass.TypesInfo, e); fn != nil {
				name := fn.Name()
				// An Err method (rows.Err, ctx.Err, sc.Err) reports an
				// error only if there was one: nil on the common path.
				// errors.Join returns nil when it is given no errors.
				if fn.Pkg() != nil && (fn.Pkg().Path() == "errors" && name != "Join" || fn.Pkg().Path() == "fmt" && name == "Errorf") ||
					strings.Contains(strings.ToLower(name), "err") && name != "Err" {
					return "a return of " + types.ExprString(e.Fun) + "(...)"
				}
			}
		case *ast.CompositeLit:
			return "a return of an error value"
		case *ast.UnaryExpr:
			if _, ok := e.X.(*ast.CompositeLit); ok && e.Op == token.AND {
				return "a return of an error value"
			}
		case *ast.Ident:
			if e.Name != "nil" && testedNonNil(pass, block, e) {
				return "return " + e.Name + " after " + e.Name + " != nil"
			}
			if sentinel(pass.TypesInfo.Uses[e]) {
				return "a return of the package-level error " + e.Name
			}
		case *ast.SelectorExpr:
			if sentinel(pass.TypesInfo.Uses[e.Sel]) {
				return "a return of the package-level error " + types.ExprString(e)
			}
		}
	}
	return ""
}

// sentinel reports whether obj is a package-level error variable (io.EOF,
// ErrClosed): returned, it reports a failure by name.
func sentinel(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() &&
		(types.Identical(v.Type(), errorType) || types.Implements(v.Type(), errorInterface))
}

var (
	errorType      = types.Universe.Lookup("error").Type()
	errorInterface = errorType.Underlying().(*types.Interface)
)

// testedNonNil reports whether the block at block is the body of an if
// statement whose condition tests v != nil.
func testedNonNil(pass *analysis.Pass, block inspector.Cursor, v *ast.Ident) bool {
	ifs, ok := block.Parent().Node().(*ast.IfStmt)
	if !ok || ifs.Body != block.Node() {
		return false
	}
	obj := pass.TypesInfo.Uses[v]
	found := false
	ast.Inspect(ifs.Cond, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.NEQ {
			for _, side := range []ast.Expr{b.X, b.Y} {
				if id, ok := ast.Unparen(side).(*ast.Ident); ok && obj != nil && pass.TypesInfo.Uses[id] == obj {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// smallLoop says why the place at c runs only a few times: every loop
// around it (crossing closures) has a small constant count or ranges over
// a small domain. "" when it is in no loop, or in one that may run long.
func (r *Result) smallLoop(c inspector.Cursor) string {
	inner := r.loops.Innermost(c)
	if inner == nil {
		return ""
	}
	var why string
	for l := inner; l != nil; l = l.Parent {
		w := r.smallLoopReason(l)
		if w == "" {
			return ""
		}
		if why == "" {
			why = w
		}
	}
	return why
}

func (r *Result) smallLoopReason(l *loops.Loop) string {
	return heatEvidence(l)
}
