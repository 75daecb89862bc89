package loops

import (
	"go/ast"
	"go/token"
	"go/types"
)

// fixedLiteralLen returns the number of elements of the slice or map that
// x, a range operand, always holds, and its name: x names an unexported
// package-level variable initialised with a composite literal (a table
// such as var tags = []tag{{...}, {...}}) that the package never changes.
// A loop over it runs that many times, but unlike a literal in place the
// count is not a constant of the loop's source: a fix must not write it
// down, so it is not Loop.Const, only evidence that the loop is small.
func (info *Info) fixedLiteralLen(x ast.Expr) (int, string, bool) {
	id, ok := ast.Unparen(x).(*ast.Ident)
	if !ok {
		return 0, "", false
	}
	v, ok := info.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Exported() && info.pass.Pkg.Name() != "main" || v.Parent() != info.pass.Pkg.Scope() {
		return 0, "", false
	}
	info.fixedOnce.Do(info.indexFixed)
	n, ok := info.fixed[v]
	return n, v.Name(), ok
}

// indexFixed finds the package-level variables initialised with a
// composite literal without keys (a slice) or any map literal, then drops
// those the package may change: assigned, its address taken, and for a
// map also written by index or used other than by range, len or an index
// read (a map passed on can be filled by its callee; a slice passed on
// keeps its length).
func (info *Info) indexFixed() {
	info.fixed = make(map[*types.Var]int)
	for _, f := range info.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, name := range vs.Names {
					lit, ok := ast.Unparen(vs.Values[i]).(*ast.CompositeLit)
					v, isVar := info.pass.TypesInfo.Defs[name].(*types.Var)
					if !ok || !isVar {
						continue
					}
					switch v.Type().Underlying().(type) {
					case *types.Slice:
						if !hasKeys(lit) {
							info.fixed[v] = len(lit.Elts)
						}
					case *types.Map:
						info.fixed[v] = len(lit.Elts)
					}
				}
			}
		}
	}
	if len(info.fixed) == 0 {
		return
	}
	for c := range info.in.Root().Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		v, ok := info.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			continue
		}
		if _, tracked := info.fixed[v]; !tracked {
			continue
		}
		_, isMap := v.Type().Underlying().(*types.Map)
		if mayChange(c.Parent().Node(), c.Parent().Parent().Node(), id, isMap) {
			delete(info.fixed, v)
		}
	}
}

// mayChange reports whether the use id, whose parent node is parent (and
// its parent grand), may change the variable's length.
func mayChange(parent, grand ast.Node, id *ast.Ident, isMap bool) bool {
	switch p := parent.(type) {
	case *ast.AssignStmt:
		// Assigned, or for a map copied to another name that may fill it.
		return slicesContain(p.Lhs, id) || isMap
	case *ast.RangeStmt:
		return p.Key == ast.Expr(id) || p.Value == ast.Expr(id)
	case *ast.UnaryExpr:
		return p.Op == token.AND
	case *ast.ParenExpr:
		return true // rare: judge it changed rather than follow it
	}
	if !isMap {
		return false
	}
	switch p := parent.(type) {
	case *ast.IndexExpr:
		switch g := grand.(type) {
		case *ast.AssignStmt:
			return slicesContain(g.Lhs, p)
		case *ast.IncDecStmt:
			return true
		}
		return false
	case *ast.CallExpr:
		fn, ok := p.Fun.(*ast.Ident)
		return !ok || fn.Name != "len"
	}
	return true
}

func slicesContain(list []ast.Expr, e ast.Expr) bool {
	for _, x := range list {
		if ast.Unparen(x) == e {
			return true
		}
	}
	return false
}

// fixedOfRange is fixedLiteralLen of a range statement's operand.
func (info *Info) fixedOfRange(stmt ast.Stmt) (int, string, bool) {
	rs, ok := stmt.(*ast.RangeStmt)
	if !ok {
		return 0, "", false
	}
	return info.fixedLiteralLen(rs.X)
}
