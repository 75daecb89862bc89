package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/perfvet/perfvet/internal/exprs"
)

// The rewrites that move code between functions (documented with the
// others in metamorphic_rewrites_test.go's list).

// freeVars returns the locals of fd that n reads but does not declare, in
// order of first use.
func (rc *rewriteCtx) freeVars(fd *ast.FuncDecl, n ast.Node) []*types.Var {
	var vars []*types.Var
	ast.Inspect(n, func(m ast.Node) bool {
		id, ok := m.(*ast.Ident)
		if !ok {
			return true
		}
		v := rc.localVar(id)
		if v == nil || rc.info.Uses[id] == nil || (v.Pos() >= n.Pos() && v.Pos() < n.End()) {
			return true
		}
		if v.Pos() < fd.Pos() || v.Pos() >= fd.End() {
			return true
		}
		if !slices.Contains(vars, v) {
			vars = append(vars, v)
		}
		return true
	})
	return vars
}

// unstable returns the locals of fd that are assigned after their
// declaration or addressed anywhere in it, or written by a closure: a copy
// taken at one point may differ from the variable read at another.
func (rc *rewriteCtx) unstable(fd *ast.FuncDecl) map[types.Object]bool {
	out := make(map[types.Object]bool)
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		for _, t := range exprs.WriteTargets(n) {
			if t == nil {
				continue
			}
			id, ok := ast.Unparen(t).(*ast.Ident)
			if !ok {
				continue
			}
			if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && rc.info.Defs[id] != nil {
				continue
			}
			if rs, ok := n.(*ast.RangeStmt); ok && rs.Tok == token.DEFINE {
				continue
			}
			if obj := rc.info.ObjectOf(id); obj != nil {
				out[obj] = true
			}
		}
		return true
	})
	return out
}

// writesOuter reports whether n writes a local declared outside it (other
// than through a map or slice element), addresses one, or calls a pointer
// method on one.
func (rc *rewriteCtx) writesOuter(n ast.Node, free []*types.Var) bool {
	isFree := func(e ast.Expr) bool {
		obj := exprs.Root(rc.info, e)
		v, ok := obj.(*types.Var)
		return ok && slices.Contains(free, v)
	}
	bad := false
	ast.Inspect(n, func(m ast.Node) bool {
		for _, t := range exprs.WriteTargets(m) {
			if t == nil || !isFree(t) {
				continue
			}
			if ix, ok := ast.Unparen(t).(*ast.IndexExpr); ok {
				switch rc.info.TypeOf(ix.X).Underlying().(type) {
				case *types.Map, *types.Slice:
					if _, isUnary := m.(*ast.UnaryExpr); !isUnary {
						continue // m[k] = v writes the shared map or array
					}
				}
			}
			bad = true
		}
		if sel, ok := m.(*ast.SelectorExpr); ok {
			if s := rc.info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && isFree(sel.X) {
				if _, recvPtr := s.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); recvPtr {
					if _, xPtr := rc.info.TypeOf(sel.X).Underlying().(*types.Pointer); !xPtr {
						bad = true
					}
				}
			}
		}
		return !bad
	})
	return bad
}

// params writes vars as a parameter list and an argument list.
func (rc *rewriteCtx) params(vars []*types.Var) (params, args string, ok bool) {
	var ps, as []string
	for _, v := range vars {
		ts, ok := rc.typeString(v.Type(), true)
		if !ok {
			return "", "", false
		}
		ps = append(ps, v.Name()+" "+ts)
		as = append(as, v.Name())
	}
	return strings.Join(ps, ", "), strings.Join(as, ", "), true
}

// leaves reports whether body has a statement that would leave a function
// it is moved to, or mean otherwise there: return, defer, goto, a label, a
// break or continue of an enclosing statement, recover.
func leaves(body *ast.BlockStmt) bool {
	bad := false
	ast.PreorderStack(body, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.DeferStmt, *ast.LabeledStmt:
			bad = true
		case *ast.BranchStmt:
			if n.Label != nil || n.Tok == token.GOTO {
				bad = true
				break
			}
			inside := false
			for _, s := range stack {
				switch s.(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					inside = true
				case *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
					inside = inside || n.Tok == token.BREAK
				}
			}
			bad = bad || !inside
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "recover" {
				bad = true
			}
		}
		return !bad
	})
	return bad
}

func bodyToFunc(rc *rewriteCtx) []site {
	var out []site
	rc.loops(func(fd *ast.FuncDecl, name string, loop ast.Stmt) {
		if fd.Type.TypeParams != nil {
			return
		}
		var body *ast.BlockStmt
		switch l := loop.(type) {
		case *ast.ForStmt:
			body = l.Body
		case *ast.RangeStmt:
			body = l.Body
		}
		if len(body.List) == 0 {
			return
		}
		if leaves(body) {
			out = append(out, site{fn: name, skip: "the body leaves the loop or the function"})
			return
		}
		free := rc.freeVars(fd, body)
		unstable := rc.unstable(fd)
		if rc.writesOuter(body, free) {
			out = append(out, site{fn: name, skip: "the body writes a local declared outside it"})
			return
		}
		for _, v := range free {
			if unstable[v] && capturedIn(rc.info, body, v) {
				out = append(out, site{fn: name, skip: "a closure in the body reads a local that changes"})
				return
			}
		}
		params, args, ok := rc.params(free)
		if !ok {
			out = append(out, site{fn: name, skip: "a local's type cannot be written at package level"})
			return
		}
		fn := rc.fresh("mmBody")
		inner := rc.span(body.Lbrace+1, body.Rbrace)
		extra := rc.directive(body.Lbrace) + fmt.Sprintf("func %s(%s) {%s}\n", fn, params, inner)
		call := fmt.Sprintf(" %s(%s) ", fn, args)
		out = append(out, site{fn: name, edits: []edit{rc.replace(body.Lbrace+1, body.Rbrace, call)}, extra: extra})
	})
	return out
}

// capturedIn reports whether a function literal in n mentions v.
func capturedIn(info *types.Info, n ast.Node, v types.Object) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if lit, ok := m.(*ast.FuncLit); ok {
			ast.Inspect(lit, func(k ast.Node) bool {
				if id, ok := k.(*ast.Ident); ok && info.Uses[id] == v {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}

func literalToFunc(rc *rewriteCtx) []site {
	var out []site
	rc.funcs(func(fd *ast.FuncDecl, name string) {
		if fd.Type.TypeParams != nil {
			return
		}
		unstable := rc.unstable(fd)
		ast.PreorderStack(fd.Body, nil, func(n ast.Node, stack []ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok {
				return true
			}
			free := rc.freeVars(fd, lit)
			call, _ := stack[len(stack)-1].(*ast.CallExpr)
			if call != nil && call.Fun != lit {
				call = nil
			}
			if len(free) > 0 && call == nil {
				out = append(out, site{fn: name, skip: "a closure that is not called where it stands"})
				return true
			}
			for _, v := range free {
				if unstable[v] {
					out = append(out, site{fn: name, skip: "a captured local changes after its declaration"})
					return true
				}
			}
			params, args, ok := rc.params(free)
			if !ok {
				out = append(out, site{fn: name, skip: "a captured local's type cannot be written at package level"})
				return true
			}
			fn := rc.fresh("mmLit")
			ft := lit.Type
			own := rc.span(ft.Params.Opening+1, ft.Params.Closing)
			sep := ""
			if params != "" && strings.TrimSpace(own) != "" {
				sep = ", "
			}
			results := rc.span(ft.Params.Closing+1, lit.Body.Lbrace)
			extra := rc.directive(ft.Params.Opening) + fmt.Sprintf("func %s(%s%s%s)%s%s\n", fn, params, sep, own, results, rc.text(lit.Body))
			var edits []edit
			if call == nil {
				edits = []edit{rc.replace(lit.Pos(), lit.End(), fn)}
			} else {
				sep := ""
				if args != "" && len(call.Args) > 0 {
					sep = ", "
				}
				// Newlines go right after "(", where they end no statement.
				nl := strings.Repeat("\n", strings.Count(rc.span(lit.Pos(), call.Lparen+1), "\n"))
				edits = []edit{{rc.off(lit.Pos()), rc.off(call.Lparen + 1), fn + "(" + nl + args + sep}}
			}
			out = append(out, site{fn: name, edits: edits, extra: extra})
			return false // literals inside it move with it
		})
	})
	return out
}

func funcToLiteral(rc *rewriteCtx) []site {
	var out []site
	uses := make(map[types.Object][]*ast.Ident)
	for id, obj := range rc.info.Uses {
		if _, ok := obj.(*types.Func); ok {
			uses[obj] = append(uses[obj], id)
		}
	}
	for _, d := range rc.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Recv != nil || fd.Type.TypeParams != nil || fd.Name.Name == "init" || fd.Name.Name == "main" {
			continue
		}
		obj := rc.info.Defs[fd.Name]
		refs := uses[obj]
		if len(refs) != 1 {
			continue
		}
		ref := refs[0]
		if rc.fset.File(ref.Pos()) != rc.fset.File(fd.Pos()) || ref.Pos() >= fd.Pos() && ref.Pos() < fd.End() {
			out = append(out, site{fn: fd.Name.Name, skip: "called from another file or from itself"})
			continue
		}
		if !isDirectCall(rc.file, ref) {
			out = append(out, site{fn: fd.Name.Name, skip: "referenced as a value, not called"})
			continue
		}
		// The literal keeps the declaration's lines with block line
		// directives (they may sit inside a line; //line may not), and
		// the text after it gets the call's position back.
		after := rc.fset.Position(ref.End())
		lit := "func" + fmt.Sprintf("/*line %s:%d:1*/", rc.name, rc.line(fd.Type.Params.Opening)) +
			rc.span(fd.Type.Params.Opening, fd.Body.End()) +
			fmt.Sprintf("/*line %s:%d:%d*/", rc.name, after.Line, after.Column)
		start := fd.Pos()
		if fd.Doc != nil {
			start = fd.Doc.Pos()
		}
		edits := []edit{
			{rc.off(ref.Pos()), rc.off(ref.End()), lit},
			rc.replace(start, fd.End(), ""),
		}
		out = append(out, site{fn: fd.Name.Name, edits: edits})
	}
	return out
}

// isDirectCall reports whether id is the function of a call expression.
func isDirectCall(f *ast.File, id *ast.Ident) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Fun == id {
			found = true
		}
		return !found
	})
	return found
}

func paramToGlobal(rc *rewriteCtx) []site {
	var out []site
	referenced := make(map[types.Object]bool)
	for _, obj := range rc.info.Uses {
		referenced[obj] = true
	}
	for _, d := range rc.file.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || fd.Recv != nil || fd.Type.TypeParams != nil || fd.Type.Params.NumFields() == 0 {
			continue
		}
		name := fd.Name.Name
		if referenced[rc.info.Defs[fd.Name]] || name == "init" || name == "main" ||
			strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Benchmark") || strings.HasPrefix(name, "Fuzz") || strings.HasPrefix(name, "Example") {
			continue
		}
		if why := signatureEvidence(rc.info, fd); why != "" {
			out = append(out, site{fn: name, skip: why})
			continue
		}
		if callsOwnPackage(rc.info, fd.Body, rc.fx.pkg) {
			out = append(out, site{fn: name, skip: "calls a function of its package, which could write the variable"})
			continue
		}
		var kept []string
		var vars []string
		var edits []edit
		renamed := make(map[types.Object]string)
		for _, field := range fd.Type.Params.List {
			_, variadic := field.Type.(*ast.Ellipsis)
			var names []string
			for _, pn := range field.Names {
				if pn.Name == "_" || variadic {
					names = append(names, pn.Name)
					continue
				}
				g := rc.fresh("pg")
				renamed[rc.info.Defs[pn]] = g
				vars = append(vars, fmt.Sprintf("var %s %s\n", g, rc.text(field.Type)))
			}
			if len(field.Names) == 0 {
				kept = append(kept, rc.text(field.Type))
			} else if len(names) > 0 {
				kept = append(kept, strings.Join(names, ", ")+" "+rc.text(field.Type))
			}
		}
		if len(renamed) == 0 {
			continue
		}
		if len(kept) != 0 && len(kept) != len(fd.Type.Params.List) && len(fd.Type.Params.List[0].Names) == 0 {
			continue // mixing named and unnamed cannot happen; be safe
		}
		nl := strings.Repeat("\n", strings.Count(rc.span(fd.Type.Params.Opening, fd.Type.Params.Closing), "\n"))
		edits = append(edits, edit{rc.off(fd.Type.Params.Opening + 1), rc.off(fd.Type.Params.Closing), nl + strings.Join(kept, ", ")})
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if g, ok := renamed[rc.info.Uses[id]]; ok {
					edits = append(edits, rc.replace(id.Pos(), id.End(), g))
				}
			}
			return true
		})
		out = append(out, site{fn: name, edits: edits, extra: strings.Join(vars, "")})
	}
	return out
}

// signatureEvidence says why a function's parameters are evidence of how
// often it runs (an HTTP handler, a test or benchmark helper), or "".
func signatureEvidence(info *types.Info, fd *ast.FuncDecl) string {
	for _, field := range fd.Type.Params.List {
		t := info.TypeOf(field.Type)
		if ptr, ok := t.(*types.Pointer); ok {
			t = ptr.Elem()
		}
		if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil {
			switch named.Obj().Pkg().Path() + "." + named.Obj().Name() {
			case "net/http.ResponseWriter", "net/http.Request", "testing.B", "testing.T", "testing.F":
				return "its parameters say how often it runs"
			}
		}
	}
	return ""
}

// callsOwnPackage reports whether n calls a function or method of pkg, or
// a function value.
func callsOwnPackage(info *types.Info, n ast.Node, pkg *types.Package) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		call, ok := m.(*ast.CallExpr)
		if !ok {
			return !found
		}
		if tv := info.Types[call.Fun]; tv.IsType() || tv.IsBuiltin() {
			return true
		}
		var obj types.Object
		switch f := ast.Unparen(call.Fun).(type) {
		case *ast.Ident:
			obj = info.Uses[f]
		case *ast.SelectorExpr:
			obj = info.Uses[f.Sel]
		}
		if fn, ok := obj.(*types.Func); !ok || fn.Pkg() == pkg {
			found = true
		}
		return !found
	})
	return found
}
