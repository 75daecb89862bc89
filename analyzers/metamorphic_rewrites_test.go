package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// A rewrite keeps a program's meaning at the sites it returns. Each
// precondition below is checked on syntax and types before the site is
// offered; the rewritten package must then type-check (a site that breaks
// it, a name clash or a jump into a block, is skipped and counted). Code
// stays on its lines: inserted text shares its line, removed text leaves
// its newlines, and moved code is preceded by a line directive giving its
// original line, so findings compare by line.
type rewrite struct {
	name  string
	sites func(rc *rewriteCtx) []site
}

// A site is one application of a rewrite inside one top-level function.
type site struct {
	fn    string // the fixture: the top-level declaration it rewrites
	edits []edit
	extra string // declarations appended to the file
	skip  string // the precondition that failed; no edits
}

type edit struct {
	start, end int
	text       string
}

var rewrites = []rewrite{
	// rename: every local variable and constant of a function (parameters,
	// results and receiver included) gets a fresh name. Preconditions:
	// none beyond a fresh name; fields, methods and types keep theirs.
	{"rename", renameLocals},
	// range-to-index: for k, v := range xs → for k := range xs { v := xs[k]
	// where xs is a slice (not an array: range copies an array), named by
	// an expression without calls that the loop never changes (so
	// evaluating it each iteration reads the same slice), and v is defined
	// by the range (:=).
	{"range-to-index", rangeToIndex},
	// index-to-range: for i := range xs { ... xs[i] ... } → for i, v := range xs
	// with xs[i] read as v, where xs is a local slice the loop never
	// changes, every xs[i] is a plain read (not assigned, addressed, a
	// selector's or index's operand) and xs is mentioned in the body only
	// as xs[i].
	{"index-to-range", indexToRange},
	// range-to-counted: for i := range xs (or range n) → for i := 0; i < len(xs); i++,
	// where xs (n) is an expression without calls the loop never changes,
	// and i is never assigned or addressed in the body (in a three-clause
	// loop that would change the iterations).
	{"range-to-counted", rangeToCounted},
	// counted-to-range: for i := 0; i < n; i++ → for i := range n, where
	// i is never assigned or addressed in the body, n has type int (or is
	// an untyped constant) and has no calls, and the loop never changes it.
	{"counted-to-range", countedToRange},
	// block: a statement of a function body (any depth; not a declaration
	// or :=, which would scope its names) wrapped in { }.
	{"block", func(rc *rewriteCtx) []site { return wrapStatements(rc, "{ ", " }") }},
	// if-true: the same statements wrapped in if true { }.
	{"if-true", func(rc *rewriteCtx) []site { return wrapStatements(rc, "if true { ", " }") }},
	// local-to-field: x := e (or var x T = e) → var s struct{ v T }; s.v = e,
	// every use of x becoming s.v, for a single-name local whose type can
	// be written where it is declared.
	{"local-to-field", localToField},
	// body-to-func: a loop's body moved to a named function of the
	// package, called with the locals it reads. Preconditions: the body
	// has no return, defer, goto, label, and no break or continue of the
	// loop itself (they would leave the new function); it writes no local
	// declared outside it (but elements of maps and slices), takes no
	// address of one and calls no pointer method on one (the function
	// gets copies); no such local is written by a closure or addressed
	// anywhere in the function (the copy would miss the change); the
	// function is not generic and each local's type can be written at
	// package level.
	{"body-to-func", bodyToFunc},
	// literal-to-func: a function literal moved to a named function. A
	// literal that captures nothing is replaced by the function's name; a
	// literal called where it stands (go func(...){...}(args), defer, a
	// call) passes what it captures as extra arguments. Captured locals
	// must never be assigned after their declaration nor addressed in the
	// enclosing function (so the value passed at the call is the value
	// the literal would read when it runs).
	{"literal-to-func", literalToFunc},
	// func-to-literal: a function of the package (no receiver, not
	// generic) referenced once, by a direct call in the same file, is
	// replaced by a literal at the call and its declaration removed.
	{"func-to-literal", funcToLiteral},
	// param-to-global: a plain function that nothing references (a
	// fixture) takes its named, non-variadic parameters from package-level
	// variables instead. Preconditions: it calls no function of its own
	// package (none could change the variables), and its signature is not
	// evidence of how often it runs (an HTTP handler's, a test's or
	// benchmark's).
	{"param-to-global", paramToGlobal},
}

// rewriteCtx holds one file of a fixture package for the rewrites.
type rewriteCtx struct {
	fset  *token.FileSet
	fx    *metaFixture
	name  string // file name
	file  *ast.File
	src   []byte
	info  *types.Info
	taken map[string]bool // names in the package
	n     int
}

func newRewriteCtx(fset *token.FileSet, fx *metaFixture, name string) *rewriteCtx {
	rc := &rewriteCtx{fset: fset, fx: fx, name: name, file: fx.files[name], src: fx.srcs[name], info: fx.info, taken: make(map[string]bool)}
	for _, f := range fx.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				rc.taken[id.Name] = true
			}
			return true
		})
	}
	return rc
}

// fresh returns a name used nowhere in the package.
func (rc *rewriteCtx) fresh(prefix string) string {
	for {
		rc.n++
		name := fmt.Sprintf("%s%d", prefix, rc.n)
		if !rc.taken[name] {
			rc.taken[name] = true
			return name
		}
	}
}

func (rc *rewriteCtx) off(p token.Pos) int        { return rc.fset.File(p).Offset(p) }
func (rc *rewriteCtx) line(p token.Pos) int       { return rc.fset.Position(p).Line }
func (rc *rewriteCtx) text(n ast.Node) string     { return string(rc.src[rc.off(n.Pos()):rc.off(n.End())]) }
func (rc *rewriteCtx) span(a, b token.Pos) string { return string(rc.src[rc.off(a):rc.off(b)]) }

// replace is an edit of [a, b) keeping the replaced text's newlines.
func (rc *rewriteCtx) replace(a, b token.Pos, text string) edit {
	return edit{rc.off(a), rc.off(b), text + strings.Repeat("\n", strings.Count(rc.span(a, b), "\n"))}
}

func (rc *rewriteCtx) insert(p token.Pos, text string) edit {
	return edit{rc.off(p), rc.off(p), text}
}

// directive is a line directive giving the next line the line of p.
func (rc *rewriteCtx) directive(p token.Pos) string {
	return fmt.Sprintf("//line %s:%d\n", rc.name, rc.line(p))
}

// funcs calls f for each top-level function with a body.
func (rc *rewriteCtx) funcs(f func(fd *ast.FuncDecl, name string)) {
	for _, d := range rc.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			name := fd.Name.Name
			if fd.Recv != nil && len(fd.Recv.List) == 1 {
				name = types.ExprString(fd.Recv.List[0].Type) + "." + name
			}
			f(fd, name)
		}
	}
}

// localVar is the function-local variable id declares or uses, or nil.
func (rc *rewriteCtx) localVar(id *ast.Ident) *types.Var {
	v, ok := rc.info.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() || v.Parent() == types.Universe {
		return nil
	}
	return v
}

// qualifier writes a type as the file can name it; ok is false when it
// cannot (a package it does not import, a type local to a function).
func (rc *rewriteCtx) typeString(t types.Type, atPackageLevel bool) (string, bool) {
	ok := true
	q := func(p *types.Package) string {
		if p == rc.fx.pkg {
			return ""
		}
		for _, imp := range rc.file.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if path != p.Path() {
				continue
			}
			if imp.Name != nil {
				if imp.Name.Name == "_" || imp.Name.Name == "." {
					ok = false
					return p.Name()
				}
				return imp.Name.Name
			}
			return p.Name()
		}
		ok = false
		return p.Name()
	}
	s := types.TypeString(t, q)
	// A named type declared in a function cannot be named at package level.
	var local bool
	var visit func(t types.Type)
	seen := make(map[types.Type]bool)
	visit = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			if obj := t.Obj(); obj.Pkg() != nil && obj.Parent() != obj.Pkg().Scope() {
				local = true
			}
			if t.TypeArgs() != nil {
				for a := range t.TypeArgs().Types() {
					visit(a)
				}
			}
		case *types.TypeParam:
			local = true
		case *types.Pointer:
			visit(t.Elem())
		case *types.Slice:
			visit(t.Elem())
		case *types.Array:
			visit(t.Elem())
		case *types.Map:
			visit(t.Key())
			visit(t.Elem())
		case *types.Chan:
			visit(t.Elem())
		case *types.Signature:
			for v := range t.Params().Variables() {
				visit(v.Type())
			}
			for v := range t.Results().Variables() {
				visit(v.Type())
			}
		case *types.Struct:
			for f := range t.Fields() {
				visit(f.Type())
			}
		}
	}
	visit(t)
	if b, isBasic := t.(*types.Basic); isBasic && b.Info()&types.IsUntyped != 0 {
		return s, false
	}
	return s, ok && !(local && atPackageLevel)
}

// renameLocals renames every local variable and constant of each function.
func renameLocals(rc *rewriteCtx) []site {
	var out []site
	rc.funcs(func(fd *ast.FuncDecl, name string) {
		newName := make(map[types.Object]string)
		var edits []edit
		ast.Inspect(fd, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSwitchStmt:
				// switch x := v.(type): x is one implicit object per clause.
				if as, ok := n.Assign.(*ast.AssignStmt); ok {
					id := as.Lhs[0].(*ast.Ident)
					nn := rc.fresh("rn")
					edits = append(edits, rc.replace(id.Pos(), id.End(), nn))
					for _, cl := range n.Body.List {
						if obj := rc.info.Implicits[cl]; obj != nil {
							newName[obj] = nn
						}
					}
				}
			case *ast.Ident:
				if n.Name == "_" {
					return true
				}
				obj := rc.info.ObjectOf(n)
				if obj == nil {
					return true
				}
				if _, isConst := obj.(*types.Const); !isConst && rc.localVar(n) == nil {
					return true
				}
				if obj.Parent() == nil || obj.Pkg() == nil || obj.Parent() == obj.Pkg().Scope() {
					return true
				}
				nn, ok := newName[obj]
				if !ok {
					nn = rc.fresh("rn")
					newName[obj] = nn
				}
				edits = append(edits, rc.replace(n.Pos(), n.End(), nn))
			}
			return true
		})
		if len(edits) == 0 {
			out = append(out, site{fn: name, skip: "no locals"})
			return
		}
		out = append(out, site{fn: name, edits: edits})
	})
	return out
}
