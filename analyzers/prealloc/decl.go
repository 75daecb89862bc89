package prealloc

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

// A declaration of a collection that starts empty with no capacity.
type declaration struct {
	stmt    ast.Stmt // the *ast.DeclStmt or *ast.AssignStmt
	cursor  inspector.Cursor
	pos     token.Pos
	typeSrc string // the collection's type, as written
	nilInit bool   // var s []T or []T(nil): s starts nil
}

// findDecl finds v's declaration and checks that it makes an empty
// collection with no capacity: var s []T, s := []T{}, s := make([]T, 0),
// []T(nil); m := map[K]V{}, m := make(map[K]V).
func findDecl(pass *analysis.Pass, g *growth) *declaration {
	// Search only the innermost function that holds the declaration.
	var fn inspector.Cursor
	found := false
	for anc := range g.cursor.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if anc.Node().Pos() <= g.v.Pos() && g.v.Pos() < anc.Node().End() {
			fn, found = anc.FindByPos(g.v.Pos(), g.v.Pos()+token.Pos(len(g.v.Name())))
			break
		}
	}
	if !found {
		return nil
	}
	for c := fn; c.Node() != nil; c = c.Parent() {
		switch s := c.Node().(type) {
		case *ast.AssignStmt:
			if s.Tok != token.DEFINE || len(s.Lhs) != 1 || len(s.Rhs) != 1 {
				return nil
			}
			if _, ok := c.Parent().Node().(*ast.TypeSwitchStmt); ok {
				// switch s := x.(type): each clause has its own s, holding
				// x's value; nothing here makes it empty.
				return nil
			}
			return emptyInit(pass, s, c, s.Rhs[0], nil)
		case *ast.DeclStmt:
			gd, ok := s.Decl.(*ast.GenDecl)
			if !ok || len(gd.Specs) != 1 {
				return nil
			}
			vs := gd.Specs[0].(*ast.ValueSpec)
			if len(vs.Names) != 1 {
				return nil
			}
			switch {
			case len(vs.Values) == 1:
				return emptyInit(pass, s, c, vs.Values[0], vs.Type)
			case len(vs.Values) == 0 && vs.Type != nil:
				if _, isSlice := pass.TypesInfo.TypeOf(vs.Type).Underlying().(*types.Slice); !isSlice {
					return nil // a nil map cannot be filled
				}
				return &declaration{stmt: s, cursor: c, pos: g.v.Pos(), typeSrc: types.ExprString(vs.Type), nilInit: true}
			}
			return nil
		case *ast.FuncDecl, *ast.FuncLit, *ast.RangeStmt, *ast.ValueSpec, *ast.Field:
			if _, isSpec := s.(*ast.ValueSpec); isSpec {
				continue
			}
			return nil // a parameter, range variable or the like
		}
	}
	return nil
}

// emptyInit checks that init makes an empty collection with no capacity.
func emptyInit(pass *analysis.Pass, stmt ast.Stmt, c inspector.Cursor, init ast.Expr, declType ast.Expr) *declaration {
	obj := pass.TypesInfo.Defs[declIdent(stmt)]
	if obj == nil {
		return nil // no variable declared here (a blank or symbolic one)
	}
	d := &declaration{stmt: stmt, cursor: c, pos: obj.Pos()}
	switch x := ast.Unparen(init).(type) {
	case *ast.CompositeLit:
		if len(x.Elts) != 0 || x.Type == nil {
			return nil
		}
		d.typeSrc = types.ExprString(x.Type)
	case *ast.CallExpr:
		switch {
		case query.IsBuiltin(pass.TypesInfo, x.Fun, "make"):
			if len(x.Args) == 3 {
				return nil // already has a capacity
			}
			if _, isMap := pass.TypesInfo.TypeOf(x.Args[0]).Underlying().(*types.Map); isMap {
				if len(x.Args) != 1 {
					return nil
				}
			} else if len(x.Args) != 2 || !query.IsZero(pass.TypesInfo, x.Args[1]) {
				return nil
			}
			d.typeSrc = types.ExprString(x.Args[0])
		case pass.TypesInfo.Types[x.Fun].IsType() && len(x.Args) == 1 && pass.TypesInfo.Types[x.Args[0]].IsNil():
			d.typeSrc, d.nilInit = types.ExprString(x.Fun), true
		default:
			return nil
		}
	case *ast.Ident:
		if !pass.TypesInfo.Types[x].IsNil() || declType == nil {
			return nil
		}
		d.typeSrc, d.nilInit = types.ExprString(declType), true
	default:
		return nil
	}
	if declType != nil {
		d.typeSrc = types.ExprString(declType)
	}
	return d
}

func declIdent(stmt ast.Stmt) *ast.Ident {
	switch s := stmt.(type) {
	case *ast.AssignStmt:
		id, _ := s.Lhs[0].(*ast.Ident)
		return id
	case *ast.DeclStmt:
		return s.Decl.(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Names[0]
	}
	return nil
}
