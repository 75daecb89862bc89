package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/perfvet/perfvet/internal/exprs"
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

// loops calls f for each for and range statement of each function.
func (rc *rewriteCtx) loops(f func(fd *ast.FuncDecl, name string, loop ast.Stmt)) {
	rc.funcs(func(fd *ast.FuncDecl, name string) {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				f(fd, name, n.(ast.Stmt))
			}
			return true
		})
	})
}

// stableSlice reports whether e names a slice that loop never changes.
func (rc *rewriteCtx) stableSlice(e ast.Expr, loop ast.Node) bool {
	if _, ok := rc.info.TypeOf(e).Underlying().(*types.Slice); !ok {
		return false
	}
	return exprs.Pure(rc.info, e) && !exprs.ChangedIn(rc.info, loop, e)
}

func rangeToIndex(rc *rewriteCtx) []site {
	var out []site
	rc.loops(func(fd *ast.FuncDecl, name string, loop ast.Stmt) {
		rs, ok := loop.(*ast.RangeStmt)
		if !ok {
			return
		}
		v, ok := rs.Value.(*ast.Ident)
		if !ok || v.Name == "_" || rs.Tok != token.DEFINE {
			return
		}
		if !rc.stableSlice(rs.X, rs) {
			out = append(out, site{fn: name, skip: "not a slice the loop keeps"})
			return
		}
		key := ""
		if k, ok := rs.Key.(*ast.Ident); ok && k.Name != "_" {
			key = k.Name
		} else {
			key = rc.fresh("ri")
		}
		edits := []edit{
			rc.replace(rs.Key.Pos(), v.End(), key),
			rc.insert(rs.Body.Lbrace+1, fmt.Sprintf(" %s := %s[%s];", v.Name, rc.text(rs.X), key)),
		}
		out = append(out, site{fn: name, edits: edits})
	})
	return out
}

func indexToRange(rc *rewriteCtx) []site {
	var out []site
	rc.loops(func(fd *ast.FuncDecl, name string, loop ast.Stmt) {
		rs, ok := loop.(*ast.RangeStmt)
		if !ok || rs.Value != nil || rs.Tok != token.DEFINE {
			return
		}
		k, ok := rs.Key.(*ast.Ident)
		xs, ok2 := rs.X.(*ast.Ident)
		if !ok || !ok2 || k.Name == "_" || rc.localVar(xs) == nil || !rc.stableSlice(xs, rs) {
			return
		}
		kv, xv := rc.info.Defs[k], rc.info.Uses[xs]
		var reads []*ast.IndexExpr
		bad := false
		ast.PreorderStack(rs.Body, nil, func(n ast.Node, stack []ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || bad {
				return !bad
			}
			obj := rc.info.Uses[id]
			if obj != kv && obj != xv {
				return true
			}
			parent := stack[len(stack)-1]
			ix, ok := parent.(*ast.IndexExpr)
			if !ok || ast.Unparen(ix.X) != xs && !isIdentObj(rc.info, ix.X, xv) || !isIdentObj(rc.info, ix.Index, kv) {
				bad = true
				return false
			}
			if obj == kv {
				return true // counted with its IndexExpr
			}
			switch gp := stack[len(stack)-2].(type) {
			case *ast.AssignStmt:
				for _, l := range gp.Lhs {
					if l == ix {
						bad = true
					}
				}
			case *ast.UnaryExpr:
				bad = bad || gp.Op == token.AND
			case *ast.SelectorExpr, *ast.IndexExpr, *ast.SliceExpr, *ast.IncDecStmt, *ast.RangeStmt, *ast.ParenExpr:
				bad = true
			}
			reads = append(reads, ix)
			return true
		})
		if bad || len(reads) == 0 {
			out = append(out, site{fn: name, skip: "the index or slice is used otherwise than xs[i] read"})
			return
		}
		v := rc.fresh("rv")
		edits := []edit{rc.insert(k.End(), ", "+v)}
		for _, ix := range reads {
			edits = append(edits, rc.replace(ix.Pos(), ix.End(), v))
		}
		out = append(out, site{fn: name, edits: edits})
	})
	return out
}

func isIdentObj(info *types.Info, e ast.Expr, obj types.Object) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	return ok && info.Uses[id] == obj
}

// writtenIn reports whether v is assigned, incremented or addressed in n.
func writtenIn(info *types.Info, n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		for _, t := range exprs.WriteTargets(n) {
			if id, ok := ast.Unparen(t).(*ast.Ident); ok && t != nil && info.ObjectOf(id) == v {
				if rs, ok := n.(*ast.RangeStmt); ok && rs.Tok == token.DEFINE {
					continue // declares it
				}
				if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && info.Defs[id] == v {
					continue
				}
				found = true
			}
		}
		return !found
	})
	return found
}

func rangeToCounted(rc *rewriteCtx) []site {
	var out []site
	rc.loops(func(fd *ast.FuncDecl, name string, loop ast.Stmt) {
		rs, ok := loop.(*ast.RangeStmt)
		if !ok || rs.Value != nil && !isBlank(rs.Value) {
			return
		}
		t := rc.info.TypeOf(rs.X)
		_, isSlice := t.Underlying().(*types.Slice)
		b, isInt := t.Underlying().(*types.Basic)
		isInt = isInt && b.Info()&types.IsInteger != 0
		if !isSlice && !isInt {
			return
		}
		if !rc.stableLocal(fd, rs, rs.X) {
			out = append(out, site{fn: name, skip: "the range expression is not a constant or a local the loop keeps"})
			return
		}
		key := ""
		switch k := rs.Key.(type) {
		case nil:
			key = rc.fresh("rc")
		case *ast.Ident:
			if rs.Tok != token.DEFINE && k.Name != "_" {
				out = append(out, site{fn: name, skip: "the key is assigned, not declared"})
				return
			}
			key = k.Name
			if k.Name == "_" {
				key = rc.fresh("rc")
			} else if writtenIn(rc.info, rs.Body, rc.info.Defs[k]) {
				out = append(out, site{fn: name, skip: "the key is written in the body"})
				return
			}
		default:
			return
		}
		bound := rc.text(rs.X)
		zero := "0"
		if isSlice {
			bound = "len(" + bound + ")"
		} else if ts, ok := rc.typeString(t, false); ok && !types.Identical(t, types.Typ[types.Int]) {
			zero = ts + "(0)"
		} else if !ok && b.Info()&types.IsUntyped == 0 {
			out = append(out, site{fn: name, skip: "the count's type cannot be named"})
			return
		}
		header := fmt.Sprintf("for %s := %s; %s < %s; %s++ ", key, zero, key, bound, key)
		out = append(out, site{fn: name, edits: []edit{rc.replace(rs.For, rs.Body.Lbrace, header)}})
	})
	return out
}

// stableLocal reports whether e, evaluated once or once per iteration of
// loop, has the same value: a constant, or a local variable (len of one)
// that the loop never writes and whose address the function never takes
// (a call could then write it). A field or a package-level variable could
// be changed by any call in the loop.
func (rc *rewriteCtx) stableLocal(fd *ast.FuncDecl, loop ast.Node, e ast.Expr) bool {
	if rc.info.Types[e].Value != nil {
		return true
	}
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "len" && rc.info.Types[call.Fun].IsBuiltin() {
			e = call.Args[0]
		}
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v := rc.localVar(id)
	if v == nil || exprs.ChangedIn(rc.info, loop, id) {
		return false
	}
	addressed := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnaryExpr); ok && u.Op == token.AND && exprs.Root(rc.info, u.X) == v {
			addressed = true
		}
		return !addressed
	})
	return !addressed
}

func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "_"
}

func countedToRange(rc *rewriteCtx) []site {
	var out []site
	rc.loops(func(fd *ast.FuncDecl, name string, loop ast.Stmt) {
		fs, ok := loop.(*ast.ForStmt)
		if !ok || fs.Init == nil || fs.Cond == nil || fs.Post == nil {
			return
		}
		init, ok := fs.Init.(*ast.AssignStmt)
		if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 || len(init.Rhs) != 1 {
			return
		}
		i, ok := init.Lhs[0].(*ast.Ident)
		lit, ok2 := init.Rhs[0].(*ast.BasicLit)
		if !ok || !ok2 || lit.Value != "0" {
			return
		}
		cond, ok := fs.Cond.(*ast.BinaryExpr)
		post, ok2 := fs.Post.(*ast.IncDecStmt)
		iv := rc.info.Defs[i]
		if !ok || !ok2 || cond.Op != token.LSS || !isIdentObj(rc.info, cond.X, iv) || post.Tok != token.INC || !isIdentObj(rc.info, post.X, iv) {
			return
		}
		n := cond.Y
		tn := rc.info.Types[n]
		if !types.Identical(tn.Type, types.Typ[types.Int]) && (tn.Value == nil) {
			out = append(out, site{fn: name, skip: "the bound is not an int"})
			return
		}
		if writtenIn(rc.info, fs.Body, iv) || !rc.stableLocal(fd, fs, n) {
			out = append(out, site{fn: name, skip: "the counter or the bound changes in the loop"})
			return
		}
		header := fmt.Sprintf("for %s := range %s ", i.Name, rc.text(n))
		out = append(out, site{fn: name, edits: []edit{rc.replace(fs.For, fs.Body.Lbrace, header)}})
	})
	return out
}

// wrapStatements wraps each statement of each function body, one site
// per statement.
func wrapStatements(rc *rewriteCtx, open, close string) []site {
	var out []site
	rc.funcs(func(fd *ast.FuncDecl, name string) {
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			var list []ast.Stmt
			switch n := n.(type) {
			case *ast.BlockStmt:
				list = n.List
			case *ast.CaseClause:
				list = n.Body
			case *ast.CommClause:
				list = n.Body
			}
			for _, s := range list {
				switch s := s.(type) {
				case *ast.DeclStmt, *ast.EmptyStmt:
					continue
				case *ast.AssignStmt:
					if s.Tok == token.DEFINE {
						continue
					}
				case *ast.BranchStmt:
					if s.Tok == token.FALLTHROUGH {
						continue
					}
				case *ast.LabeledStmt:
					continue // a label's statement is wrapped with it only
				}
				out = append(out, site{fn: name, edits: []edit{rc.insert(s.Pos(), open), rc.insert(s.End(), close)}})
			}
			return true
		})
	})
	return out
}

// localToField moves single-name locals into a field of a local struct.
func localToField(rc *rewriteCtx) []site {
	var out []site
	rc.funcs(func(fd *ast.FuncDecl, name string) {
		ast.PreorderStack(fd.Body, nil, func(n ast.Node, stack []ast.Node) bool {
			var id *ast.Ident
			var from, to token.Pos // the text to replace by the declaration
			hasValue := false
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Tok != token.DEFINE || len(n.Lhs) != 1 || len(n.Rhs) != 1 {
					return true
				}
				switch stack[len(stack)-1].(type) {
				case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				default:
					return true // an if, for or switch's init
				}
				id, _ = n.Lhs[0].(*ast.Ident)
				from, to, hasValue = n.Pos(), n.Rhs[0].Pos(), true
			case *ast.DeclStmt:
				gd := n.Decl.(*ast.GenDecl)
				if gd.Tok != token.VAR || len(gd.Specs) != 1 || gd.Lparen.IsValid() {
					return true
				}
				vs := gd.Specs[0].(*ast.ValueSpec)
				if len(vs.Names) != 1 || len(vs.Values) > 1 {
					return true
				}
				id = vs.Names[0]
				from, to = n.Pos(), n.End()
				if len(vs.Values) == 1 {
					to, hasValue = vs.Values[0].Pos(), true
				}
			default:
				return true
			}
			if id == nil || id.Name == "_" {
				return true
			}
			v, _ := rc.info.Defs[id].(*types.Var)
			if v == nil {
				return true
			}
			ts, ok := rc.typeString(v.Type(), false)
			if !ok {
				out = append(out, site{fn: name, skip: "the type cannot be written"})
				return true
			}
			s := rc.fresh("lf")
			decl := fmt.Sprintf("var %s struct{ v %s }", s, ts)
			if hasValue {
				decl += "; " + s + ".v = "
			}
			edits := []edit{rc.replace(from, to, decl)}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if u, ok := n.(*ast.Ident); ok && rc.info.Uses[u] == v {
					edits = append(edits, rc.replace(u.Pos(), u.End(), s+".v"))
				}
				return true
			})
			out = append(out, site{fn: name, edits: edits})
			return true
		})
	})
	return out
}
