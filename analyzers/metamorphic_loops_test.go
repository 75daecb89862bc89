package analyzers_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/perfvet/perfvet/internal/exprs"
)

// The rewrites of loops and statements, and local-to-field (documented
// with the others in metamorphic_rewrites_test.go's list).

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
