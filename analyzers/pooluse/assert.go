package pooluse

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/typeshape"
)

// checkAssert reports Get().(T) that can panic (rule 6): New returns or a
// Put stores another type, or the pool has no New.
func (st *state) checkAssert(c inspector.Cursor, p *pool) {
	assert, ok := c.Parent().Node().(*ast.TypeAssertExpr)
	if !ok || assert.Type == nil || !p.owned(st.pass.Pkg) || !p.newKnown {
		return
	}
	if as, ok := c.Parent().Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 2 {
		return // v, ok := ...: no panic
	}
	if vs, ok := c.Parent().Parent().Node().(*ast.ValueSpec); ok && len(vs.Names) == 2 {
		return
	}
	get := c.Node().(*ast.CallExpr)
	want := st.pass.TypesInfo.TypeOf(assert.Type)
	if want == nil {
		return
	}
	if !p.hasNew {
		st.rep.ReportBug(analysis.Diagnostic{
			Pos: assert.Pos(), End: assert.End(),
			Message: fmt.Sprintf("%s has no New function, so Get returns nil whenever the pool is empty (every GC empties it) and %s panics; "+
				"set New, or use the two-value form and allocate on !ok; no automatic fix: what the pool should allocate is its owner's choice",
				poolName(get), types.ExprString(assert)),
		})
		return
	}
	type source struct {
		t  types.Type
		at ast.Node
		by string
	}
	var sources []source
	for _, t := range p.newTypes {
		sources = append(sources, source{t, p.newAt, "New returns"})
	}
	for _, pc := range p.puts {
		put := pc.Node().(*ast.CallExpr)
		if len(put.Args) != 1 {
			return
		}
		t := st.pass.TypesInfo.TypeOf(put.Args[0])
		if t == nil || types.IsInterface(t) {
			return // unknown dynamic type
		}
		sources = append(sources, source{t, put, "a Put stores"})
	}
	for _, s := range sources {
		if typeshape.HasTypeParam(s.t) || typeshape.HasTypeParam(want) {
			// A constructor's *T and a method's *T are different type
			// parameters of one instantiation: no proof of a mismatch.
			continue
		}
		fits := types.Identical(s.t, want)
		if types.IsInterface(want) {
			fits = types.AssignableTo(s.t, want)
		}
		if fits {
			continue
		}
		qual := types.RelativeTo(st.pass.Pkg)
		st.rep.ReportBug(analysis.Diagnostic{
			Pos: assert.Pos(), End: assert.End(),
			Message: fmt.Sprintf("%s %s (line %d), so %s panics when it gets one; assert the type the pool holds; no automatic fix: which side is wrong, the assertion or what the pool holds, is not known",
				s.by, types.TypeString(s.t, qual), st.line(s.at), types.ExprString(assert)),
			Related: []analysis.RelatedInformation{{Pos: s.at.Pos(), End: s.at.End(), Message: s.by + " " + types.TypeString(s.t, qual)}},
		})
		return
	}
}
