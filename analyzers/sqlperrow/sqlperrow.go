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
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
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

// A sender is a method that sends one statement: its receiver's package
// and type, and which argument is the query text.
type sender struct {
	pkg, typ, method string
}

// senders are the methods that send one statement, with the index of the
// query argument: database/sql's, and those of the two libraries in
// perfvet's module graph that do not go through database/sql (pgx) or
// add their own (sqlx; its *sqlx.DB, Tx and Conn embed database/sql's, so
// Exec on them is database/sql's method and matched as such). They are
// matched by the library's types, so a method of the same name on another
// type is not.
var senders = map[sender]int{}

func init() {
	for _, typ := range []string{"DB", "Tx", "Conn"} {
		for method, arg := range map[string]int{"Exec": 0, "Query": 0, "QueryRow": 0, "ExecContext": 1, "QueryContext": 1, "QueryRowContext": 1} {
			senders[sender{"database/sql", typ, method}] = arg
		}
		for method, arg := range map[string]int{"Get": 1, "Select": 1, "Queryx": 0, "QueryRowx": 0, "MustExec": 0, "NamedExec": 0, "NamedQuery": 0,
			"GetContext": 2, "SelectContext": 2, "QueryxContext": 1, "QueryRowxContext": 1, "MustExecContext": 1, "NamedExecContext": 1, "NamedQueryContext": 1} {
			senders[sender{"github.com/jmoiron/sqlx", typ, method}] = arg
		}
	}
	for _, recv := range []struct{ pkg, typ string }{
		{"github.com/jackc/pgx/v5", "Conn"}, {"github.com/jackc/pgx/v5", "Tx"},
		{"github.com/jackc/pgx/v5/pgxpool", "Pool"}, {"github.com/jackc/pgx/v5/pgxpool", "Conn"}, {"github.com/jackc/pgx/v5/pgxpool", "Tx"},
	} {
		for _, method := range []string{"Exec", "Query", "QueryRow"} {
			senders[sender{recv.pkg, recv.typ, method}] = 1
		}
	}
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
			recv, queryArg, ok := statement(pass, call)
			if !ok {
				continue
			}
			loop := loopInfo.Repeating(c)
			if loop == nil || !loop.HotChain() || loop.Func != query.EnclosingFunc(c) || !overItems(loop) || rep.IsBenchmarkLoop(loop.Stmt) {
				continue
			}
			if !loop.Invariant(pass, call.Args[queryArg]) || !argsVary(pass, loop, call.Args[queryArg+1:]) {
				continue
			}
			rep.Report(diagnose(call, recv))
		}
	}
	return nil, nil
}

func importsDatabaseSQL(pkg *types.Package) bool {
	for _, path := range []string{"database/sql", "github.com/jmoiron/sqlx", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/pgxpool"} {
		if query.Imports(pkg, path) {
			return true
		}
	}
	return false
}

// statement recognises a call of a sender, and returns its receiver's
// package and type, the method and the index of the query argument. pgx's
// Tx is an interface: its methods are matched on the interface type.
func statement(pass *analysis.Pass, call *ast.CallExpr) (recv sender, queryArg int, ok bool) {
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil {
		return sender{}, 0, false
	}
	r := fn.Signature().Recv()
	if r == nil {
		return sender{}, 0, false
	}
	named, isNamed := types.Unalias(query.Unpointer(r.Type())).(*types.Named)
	if !isNamed || named.Obj().Pkg() == nil {
		return sender{}, 0, false
	}
	s := sender{named.Obj().Pkg().Path(), named.Obj().Name(), fn.Name()}
	queryArg, ok = senders[s]
	if !ok || len(call.Args) <= queryArg {
		return sender{}, 0, false
	}
	return s, queryArg, true
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

func diagnose(call *ast.CallExpr, s sender) analysis.Diagnostic {
	name := types.ExprString(call.Fun)
	batch := "send the items in one multi-row statement"
	if strings.HasPrefix(s.pkg, "github.com/jackc/pgx/") {
		batch = "queue them in one pgx.Batch (SendBatch), or CopyFrom for inserts"
	}
	var msg string
	if strings.Contains(s.method, "Exec") {
		cost := "a round trip and a statement parse per item"
		if s.typ != "Tx" {
			cost += ", and a commit per item outside a transaction"
		}
		msg = fmt.Sprintf("%s sends the same statement on every iteration of a loop: %s; prepare it once before the loop inside a transaction (tx.Prepare, then stmt.Exec per item), or %s; no automatic fix: batching changes the statement and what a failure leaves behind",
			name, cost, batch)
	} else {
		msg = name + " sends the same query on every iteration of a loop: " +
			"a round trip and a statement parse per item (N+1 queries); " +
			"fetch the rows in one query (WHERE key IN (...) or = ANY($1)), or prepare it once before the loop; " +
			"no automatic fix: one query changes the statement and how its rows are read"
	}
	return analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
}
