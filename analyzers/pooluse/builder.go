package pooluse

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/query"
)

// checkBuilder reports a pool of strings.Builder (rule 4), once per pool.
func (st *state) checkBuilder(put *ast.CallExpr, p *pool) {
	if st.builders[p] || len(put.Args) != 1 || !query.IsNamedType(query.Unpointer(st.pass.TypesInfo.TypeOf(put.Args[0])), "strings", "Builder") {
		return
	}
	st.builders[p] = true
	st.rep.Report(analysis.Diagnostic{
		Pos: put.Pos(), End: put.End(),
		Message: fmt.Sprintf("pooling a strings.Builder saves nothing: "+
			"its Reset drops the buffer, so the next user of %s allocates again (and without Reset sees stale text); "+
			"pool a *bytes.Buffer instead; no automatic fix: the pooled type changes at every Get and Put of the pool",
			poolName(put)),
	})
}
