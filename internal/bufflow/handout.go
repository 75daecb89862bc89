package bufflow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/perfvet/perfvet/internal/exprs"
)

// A method of the package hands out memory once when it returns the front
// of a slab held in a field of its receiver and then moves the field past
// it, as allocators do (issue #27):
//
//	e := &a.slab[0]        c := b.buf[:n:n]
//	a.slab = a.slab[1:]    b.buf = b.buf[n:]
//	return e               return c
//
// Re-slicing never moves a slice's start back, so the handed-out memory is
// no longer reachable through the receiver, provided the package stores
// nothing else in the field: every store to it is such an advance, a fresh
// make or nil. The result then shares no memory with the receiver.

// handsOut reports whether calling the package's method fn hands its
// result out once, as above. It is memoised per method.
func (t *Tracer) handsOut(fn *types.Func) bool {
	if v, ok := t.handout[fn]; ok {
		return v
	}
	if t.handout == nil {
		t.handout = make(map[*types.Func]bool)
	}
	t.handout[fn] = false // recursion: no
	v := t.handsOutOnce(fn)
	t.handout[fn] = v
	return v
}

func (t *Tracer) handsOutOnce(fn *types.Func) bool {
	info := t.pass.TypesInfo
	decl := t.Decl(fn)
	if decl == nil || decl.Body == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return false
	}
	recv, _ := info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	if recv == nil {
		return false
	}
	stmts := decl.Body.List
	if len(stmts) < 3 {
		return false
	}
	// The last three statements: hand out, advance, return.
	take, ok1 := stmts[len(stmts)-3].(*ast.AssignStmt)
	adv, ok2 := stmts[len(stmts)-2].(*ast.AssignStmt)
	ret, ok3 := stmts[len(stmts)-1].(*ast.ReturnStmt)
	if !ok1 || !ok2 || !ok3 || len(take.Lhs) != 1 || len(take.Rhs) != 1 || len(ret.Results) != 1 ||
		len(adv.Lhs) != 1 || len(adv.Rhs) != 1 || adv.Tok != token.ASSIGN {
		return false
	}
	out, ok := take.Lhs[0].(*ast.Ident)
	if !ok || take.Tok != token.DEFINE {
		return false
	}
	if id, ok := ast.Unparen(ret.Results[0]).(*ast.Ident); !ok || info.Uses[id] != info.Defs[out] || info.Defs[out] == nil {
		return false
	}
	field := recvField(info, adv.Lhs[0], recv)
	step := advance(info, adv.Rhs[0], field, recv)
	if field == nil || step == nil {
		return false
	}
	// What is handed out lies before the new start: &f[0] with a step of
	// at least 1, or f[:k] (f[:k:k], f[0:k]) with a step of k.
	switch e := ast.Unparen(take.Rhs[0]).(type) {
	case *ast.UnaryExpr:
		ix, ok := ast.Unparen(e.X).(*ast.IndexExpr)
		if e.Op != token.AND || !ok || recvField(info, ix.X, recv) != field || !isConst(info, ix.Index, 0) || !atLeastOne(info, step) {
			return false
		}
	case *ast.SliceExpr:
		if recvField(info, e.X, recv) != field || e.Low != nil && !isConst(info, e.Low, 0) || e.High == nil ||
			!exprs.Same(e.High, step) || e.Max != nil && !exprs.Same(e.Max, step) || !exprs.Pure(info, step) {
			return false
		}
	default:
		return false
	}
	return t.onlyAdvanced(field)
}

// recvField returns the field recv.f that e selects, or nil.
func recvField(info *types.Info, e ast.Expr, recv *types.Var) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if id, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || info.Uses[id] != recv {
		return nil
	}
	if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal && len(s.Index()) == 1 {
		if _, isSlice := s.Obj().Type().Underlying().(*types.Slice); isSlice {
			return s.Obj().(*types.Var).Origin()
		}
	}
	return nil
}

// advance returns k when e is x.field[k:] (x being recv, or with recv nil
// any variable), else nil.
func advance(info *types.Info, e ast.Expr, field, recv *types.Var) ast.Expr {
	s, ok := ast.Unparen(e).(*ast.SliceExpr)
	if !ok || s.Low == nil || s.High != nil || s.Max != nil {
		return nil
	}
	if recv != nil {
		if recvField(info, s.X, recv) != field {
			return nil
		}
	} else if fieldOf(info, s.X) != field {
		return nil
	}
	return s.Low
}

func isConst(info *types.Info, e ast.Expr, want int64) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return exact && v == want
}

func atLeastOne(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	v, exact := constant.Int64Val(constant.ToInt(tv.Value))
	return exact && v >= 1
}

// fieldOf returns the field x.f selects (its origin), or nil.
func fieldOf(info *types.Info, e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s := info.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
		return s.Obj().(*types.Var).Origin()
	}
	return nil
}

// onlyAdvanced reports whether every store to field in the package is
// x.field = x.field[k:], x.field = make(...) or nil (in an assignment or a
// composite literal), and its address is never taken: nothing brings
// memory already handed out back into the field.
func (t *Tracer) onlyAdvanced(field *types.Var) bool {
	info := t.pass.TypesInfo
	fresh := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if id, ok := e.(*ast.Ident); ok {
			_, isNil := info.Uses[id].(*types.Nil)
			return isNil
		}
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		b, ok := info.Uses[id].(*types.Builtin)
		return ok && b.Name() == "make"
	}
	ok := true
	for _, f := range t.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if !ok {
				return false
			}
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if fieldOf(info, l) != field {
						continue
					}
					if len(n.Lhs) != len(n.Rhs) || n.Tok != token.ASSIGN {
						ok = false
					} else if r := n.Rhs[i]; !fresh(r) && advance(info, r, field, nil) == nil {
						ok = false
					}
				}
			case *ast.CompositeLit:
				for _, elt := range n.Elts {
					kv, isKV := elt.(*ast.KeyValueExpr)
					if !isKV {
						if _, isStruct := info.TypeOf(n).Underlying().(*types.Struct); isStruct && info.TypeOf(n) != nil {
							if st, _ := info.TypeOf(n).Underlying().(*types.Struct); hasField(st, field) {
								ok = false // positional: judge conservatively
							}
						}
						continue
					}
					if key, isID := kv.Key.(*ast.Ident); isID && info.Uses[key] != nil {
						if v, isVar := info.Uses[key].(*types.Var); isVar && v.Origin() == field && !fresh(kv.Value) {
							ok = false
						}
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND && fieldOf(info, n.X) == field {
					ok = false
				}
			}
			return true
		})
	}
	return ok
}

func hasField(st *types.Struct, field *types.Var) bool {
	for f := range st.Fields() {
		if f.Origin() == field {
			return true
		}
	}
	return false
}
