package pooluse

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/query"
)

// hasResetMethod reports whether t has a Reset() method, the way pooled
// objects are cleaned.
func hasResetMethod(t types.Type) bool {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "Reset")
	fn, ok := obj.(*types.Func)
	return ok && fn.Signature().Params().Len() == 0 && fn.Signature().Results().Len() == 0
}

// callsReset reports whether n calls Reset() or Truncate(0) on one of
// aliases (the object, or a variable that holds it), between from and to
// (token.NoPos: no bound). x.Field.Reset() counts when it is the method
// x.Reset() promotes from an embedded field.
func callsReset(info *types.Info, n ast.Node, aliases map[*types.Var]bool, from, to token.Pos) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || (sel.Sel.Name != "Reset" && sel.Sel.Name != "Truncate") {
			return true
		}
		if call.Pos() < from || (to.IsValid() && call.Pos() > to) {
			return true
		}
		recv := ast.Unparen(sel.X)
		if field, ok := recv.(*ast.SelectorExpr); ok {
			// p.Buffer.Reset() is p.Reset() when Buffer is embedded.
			if root, ok := ast.Unparen(field.X).(*ast.Ident); ok {
				if v, ok := info.Uses[root].(*types.Var); ok && aliases[v] {
					promoted, _, _ := types.LookupFieldOrMethod(v.Type(), true, v.Pkg(), sel.Sel.Name)
					if promoted != nil && promoted == info.Uses[sel.Sel] {
						recv = root
					}
				}
			}
		}
		id, ok := recv.(*ast.Ident)
		if !ok {
			return true
		}
		if v, ok := info.Uses[id].(*types.Var); !ok || !aliases[v] {
			return true
		}
		if sel.Sel.Name == "Truncate" && (len(call.Args) != 1 || types.ExprString(call.Args[0]) != "0") {
			return true
		}
		found = true
		return false
	})
	return found
}

// checkReset reports a Put of an object with a Reset method that neither
// this Put nor every Get of the pool resets (rule 3).
func (st *state) checkReset(c inspector.Cursor, p *pool) {
	put := c.Node().(*ast.CallExpr)
	info := st.pass.TypesInfo
	v := putVar(info, put)
	if v == nil || !p.owned(st.pass.Pkg) || query.IsNamedType(query.Unpointer(v.Type()), "strings", "Builder") || !hasResetMethod(v.Type()) {
		return
	}
	fn, body := funcBody(c)
	if body == nil {
		return
	}
	aliases := st.tracer.Trace(fn, v, true).Aliases
	if callsReset(info, fn, aliases, token.NoPos, put.Pos()) {
		return
	}
	// A reset in the same deferred closure, after the Put, is odd but
	// counts; so does a reset after every Get.
	if lit := enclosingDeferredLit(c); lit != nil && callsReset(info, lit, aliases, token.NoPos, token.NoPos) {
		return
	}
	var stale *ast.CallExpr
	for _, gc := range p.gets {
		if !st.getResets(gc) {
			stale = gc.Node().(*ast.CallExpr)
			break
		}
	}
	if stale == nil {
		return
	}
	d := analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("%s returns %s to the pool without %s.Reset(), and the Get at line %d does not reset it either: "+
			"the next user sees stale contents; call %s.Reset() before Put",
			types.ExprString(put), v.Name(), v.Name(), st.line(stale), v.Name()),
		Related: []analysis.RelatedInformation{{Pos: stale.Pos(), End: stale.End(), Message: "Get without Reset"}},
	}
	if stmt, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		if f, err := st.editFiles.For(put.Pos()); err == nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Reset " + v.Name() + " before putting it back",
				TextEdits: []analysis.TextEdit{f.InsertLinesBefore(stmt, v.Name()+".Reset()")},
			}}
		}
	}
	st.rep.Report(d)
}

// getResets reports whether what get returns is reset before use: the
// variable it is assigned to is reset in the same function. A Get whose
// result goes elsewhere (returned by a helper, passed on) counts as reset:
// its users cannot be seen from here.
func (st *state) getResets(c inspector.Cursor) bool {
	get := c.Node().(*ast.CallExpr)
	v, _ := getVar(st.pass.TypesInfo, c)
	if v == nil {
		return true
	}
	fn, _ := funcBody(c)
	if fn == nil {
		return true
	}
	flow := st.tracer.Trace(fn, v, true)
	if flow.Escape != nil || flow.Returned {
		return true // handed to code we cannot see, which may reset it
	}
	// Resets through any variable holding the object count, as in
	// e := v.(*T) followed by e.Reset().
	return callsReset(st.pass.TypesInfo, fn, flow.Aliases, get.Pos(), token.NoPos)
}
