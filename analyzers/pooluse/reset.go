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

// isBytesPtr reports whether t is *[]byte (or a pointer to another byte
// slice type), the pooled type whose reset is truncation: *b = (*b)[:0].
func isBytesPtr(t types.Type) bool {
	p, ok := t.Underlying().(*types.Pointer)
	return ok && query.IsByteSlice(p.Elem())
}

// truncates reports whether as is *v = x[:0] (or x[0:0], or
// append(x[:0], ...) or strconv.AppendInt(x[:0], ...), which refill it from
// the start: appendsToFirst) for one of aliases,
// the reset of a pooled *[]byte.
func truncates(info *types.Info, as *ast.AssignStmt, aliases map[*types.Var]bool) bool {
	if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
		return false
	}
	star, ok := ast.Unparen(as.Lhs[0]).(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(star.X).(*ast.Ident)
	if !ok {
		return false
	}
	if v, ok := info.Uses[id].(*types.Var); !ok || !aliases[v] {
		return false
	}
	rhs := ast.Unparen(as.Rhs[0])
	if call, ok := rhs.(*ast.CallExpr); ok && len(call.Args) > 0 && appendsToFirst(info, call) {
		rhs = ast.Unparen(call.Args[0])
	}
	slice, ok := rhs.(*ast.SliceExpr)
	if !ok || slice.High == nil {
		return false
	}
	tv := info.Types[slice.High]
	return tv.Value != nil && tv.Value.String() == "0"
}

// appendsToFirst reports whether call returns its first argument's slice
// with more appended: the builtin append, or a function of the Append
// convention (strconv.AppendFloat, binary.AppendUvarint, fmt.Appendf,
// time.Time.AppendFormat): one result of the first argument's slice type.
// Given b[:0], either starts the contents afresh.
func appendsToFirst(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			return b.Name() == "append"
		}
	}
	first, result := info.TypeOf(call.Args[0]), info.TypeOf(call)
	if first == nil || result == nil {
		return false
	}
	if _, ok := first.Underlying().(*types.Slice); !ok {
		return false
	}
	if _, isTuple := result.(*types.Tuple); isTuple {
		return false
	}
	return types.Identical(first, result)
}

// appendsTo reports whether n appends to *v for one of aliases: the pooled
// *[]byte is an append buffer, whose length is its contents (not a
// fixed-size buffer read into, as io.Discard's and syscall's are).
func appendsTo(info *types.Info, n ast.Node, aliases map[*types.Var]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok || len(call.Args) == 0 {
			return !found
		}
		if !appendsToFirst(info, call) {
			return true
		}
		if star, ok := ast.Unparen(call.Args[0]).(*ast.StarExpr); ok {
			if x, ok := ast.Unparen(star.X).(*ast.Ident); ok {
				if v, ok := info.Uses[x].(*types.Var); ok && aliases[v] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// callsReset reports whether n calls Reset() or Truncate(0) on one of
// aliases (the object, or a variable that holds it), or truncates it (*b =
// (*b)[:0], for a *[]byte), between from and to (token.NoPos: no bound).
// x.Field.Reset() counts when it is the method x.Reset() promotes from an
// embedded field.
func callsReset(info *types.Info, n ast.Node, aliases map[*types.Var]bool, from, to token.Pos) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		if as, ok := n.(*ast.AssignStmt); ok && as.Pos() >= from && (!to.IsValid() || as.Pos() <= to) && truncates(info, as, aliases) {
			found = true
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
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
	if v == nil || !p.owned(st.pass.Pkg) || query.IsNamedType(query.Unpointer(v.Type()), "strings", "Builder") {
		return
	}
	bytesPtr := isBytesPtr(v.Type())
	if !bytesPtr && !hasResetMethod(v.Type()) {
		return
	}
	fn, body := funcBody(c)
	if body == nil {
		return
	}
	aliases := st.tracer.Trace(fn, v, true).Aliases
	if bytesPtr && !appendsTo(info, fn, aliases) {
		return // a fixed-size buffer (Read(*bp)), which truncation would break
	}
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
	reset, fixMsg := v.Name()+".Reset()", "Reset "+v.Name()+" before putting it back"
	if bytesPtr {
		reset = fmt.Sprintf("*%s = (*%s)[:0]", v.Name(), v.Name())
		fixMsg = "Truncate " + v.Name() + " before putting it back"
		d.Message = fmt.Sprintf("%s returns %s to the pool without truncating it, and the Get at line %d does not truncate it either: the next user appends after the last one's bytes; truncate it with %s before Put",
			types.ExprString(put), v.Name(), st.line(stale), reset)
		d.Related[0].Message = "Get without truncation"
	}
	if stmt, ok := c.Parent().Node().(*ast.ExprStmt); ok {
		if f, err := st.editFiles.For(put.Pos()); err == nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fixMsg,
				TextEdits: []analysis.TextEdit{f.InsertLinesBefore(stmt, reset)},
			}}
		}
	} else if bytesPtr {
		d.Message += "; no automatic fix: the Put is deferred (truncate in a deferred closure before it)"
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
