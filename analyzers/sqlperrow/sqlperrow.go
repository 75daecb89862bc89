package sqlperrow

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/loops"
	"github.com/perfvet/perfvet/internal/report"
)

//go:embed doc.go
var docSource string

// Analyzer reports one SQL round trip per item of a loop, with the default
// report policy.
var Analyzer = New(report.Default)

// New returns a sqlperrow analyzer that reports through rep, the suite's
// report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "sqlperrow",
		Doc:      analyzerdoc.Extract(docSource, "sqlperrow"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/sqlperrow",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// statementMethods are the methods of *sql.DB, *sql.Tx and *sql.Conn that
// send one statement, with the index of their query argument.
var statementMethods = map[string]int{
	"Exec": 0, "Query": 0, "QueryRow": 0,
	"ExecContext": 1, "QueryContext": 1, "QueryRowContext": 1,
}

func run(pass *analysis.Pass) (any, error) {
	if !importsDatabaseSQL(pass.Pkg) {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			call := c.Node().(*ast.CallExpr)
			recv, method, queryArg, ok := statement(pass, call)
			if !ok {
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !loop.HotChain() || loop.Func != loops.EnclosingFunc(c) || !overItems(loop) {
				continue
			}
			if !loop.Invariant(pass, call.Args[queryArg]) || !argsVary(pass, loop, call.Args[queryArg+1:]) {
				continue
			}
			rep.Report(diagnose(call, recv, method))
		}
	}
	return nil, nil
}

func importsDatabaseSQL(pkg *types.Package) bool {
	for _, p := range pkg.Imports() {
		if p.Path() == "database/sql" {
			return true
		}
	}
	return false
}

// statement recognises a call of Exec, Query or QueryRow (or their Context
// forms) on a *sql.DB, *sql.Tx or *sql.Conn, and returns the receiver's
// type name, the method and the index of the query argument.
func statement(pass *analysis.Pass, call *ast.CallExpr) (recv, method string, queryArg int, ok bool) {
	fn := typeutil.StaticCallee(pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "database/sql" {
		return "", "", 0, false
	}
	queryArg, ok = statementMethods[fn.Name()]
	r := fn.Signature().Recv()
	if !ok || r == nil || len(call.Args) <= queryArg {
		return "", "", 0, false
	}
	p, isPtr := r.Type().(*types.Pointer)
	if !isPtr {
		return "", "", 0, false
	}
	named, isNamed := p.Elem().(*types.Named)
	if !isNamed {
		return "", "", 0, false
	}
	switch name := named.Obj().Name(); name {
	case "DB", "Tx", "Conn":
		return name, fn.Name(), queryArg, true
	}
	return "", "", 0, false
}

// overItems reports whether the loop walks over items: a range over a
// slice, array, map, string, integer or iterator, a counted loop, or a
// conditional one (for rows.Next()). A range over a channel or a for {}
// loop serves items as they arrive, where batching would trade latency for
// throughput: a design choice, not a mistake.
func overItems(l *loops.Loop) bool {
	return l.Kind != loops.RangeChan && l.Kind != loops.Infinite
}

// argsVary reports whether some argument depends on the iteration: it
// mentions a local variable declared in the loop (a range key or value
// among them) or assigned in it. Then the statement is sent once per item.
// With the same arguments every time (or ones that differ only through a
// call such as time.Now()) the loop retries or polls.
func argsVary(pass *analysis.Pass, l *loops.Loop, args []ast.Expr) bool {
	for _, a := range args {
		varies := false
		ast.Inspect(a, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				ast.Inspect(n.X, func(m ast.Node) bool { // not n.Sel: a field, not a variable
					if id, ok := m.(*ast.Ident); ok && perIteration(pass, l, id) {
						varies = true
					}
					return !varies
				})
				return false
			case *ast.Ident:
				varies = varies || perIteration(pass, l, n)
			}
			return !varies
		})
		if varies {
			return true
		}
	}
	return false
}

// perIteration reports whether id is a local variable whose value the
// loop changes from one iteration to the next.
func perIteration(pass *analysis.Pass, l *loops.Loop, id *ast.Ident) bool {
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Pkg() != pass.Pkg || v.Parent() == v.Pkg().Scope() {
		return false
	}
	return !l.Invariant(pass, id)
}

func diagnose(call *ast.CallExpr, recv, method string) analysis.Diagnostic {
	name := types.ExprString(call.Fun)
	var msg string
	if strings.HasPrefix(method, "Exec") {
		cost := "a round trip and a statement parse per item"
		if recv != "Tx" {
			cost += ", and a commit per item outside a transaction"
		}
		msg = fmt.Sprintf("%s sends the same statement on every iteration of a loop: %s; prepare it once before the loop inside a transaction (tx.Prepare, then stmt.Exec per item), or send the items in one multi-row statement; no automatic fix: batching changes the statement and what a failure leaves behind",
			name, cost)
	} else {
		msg = fmt.Sprintf("%s sends the same query on every iteration of a loop: a round trip and a statement parse per item (N+1 queries); fetch the rows in one query (WHERE key IN (...) or = ANY($1)), or prepare it once before the loop; no automatic fix: one query changes the statement and how its rows are read",
			name)
	}
	return analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
}
