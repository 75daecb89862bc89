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
	"github.com/perfvet/perfvet/internal/passes/hot"
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
			if loop == nil || !hot.HotChain(loop) || loop.Func != query.EnclosingFunc(c) || !overItems(pass, loop) || rep.IsBenchmarkLoop(loop.Stmt) {
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
// conditional one (for rows.Next(), for sc.Scan() over a file). A range
// over a channel, a for {} loop, or a scan of standard input or a network
// connection serves items as they arrive, where batching would trade
// latency for throughput: a design choice, not a mistake.
func overItems(pass *analysis.Pass, l *loops.Loop) bool {
	return l.Kind != loops.RangeChan && l.Kind != loops.Infinite && !scansArrivals(pass, l)
}

// scansArrivals reports whether l is for sc.Scan() over a bufio.Scanner
// made in the function from os.Stdin or a net.Conn: lines that a person or
// a peer sends one at a time.
func scansArrivals(pass *analysis.Pass, l *loops.Loop) bool {
	v := advanced(pass, l)
	if v == nil || !query.IsPointerToNamed(v.Type(), "bufio", "Scanner") {
		return false
	}
	_, body := query.FuncParts(l.Func)
	arrivals := false
	ast.Inspect(body, func(n ast.Node) bool {
		var lhs, rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = n.Lhs, n.Rhs
		case *ast.ValueSpec:
			for _, name := range n.Names {
				lhs = append(lhs, name)
			}
			rhs = n.Values
		default:
			return !arrivals
		}
		if len(lhs) != len(rhs) {
			return true
		}
		for i, e := range lhs {
			if !query.Is(pass.TypesInfo, e, v) {
				continue
			}
			src, ok := ast.Unparen(rhs[i]).(*ast.CallExpr)
			if ok && query.IsCallTo(pass.TypesInfo, src, "bufio.NewScanner") && len(src.Args) == 1 && interactive(pass, src.Args[0]) {
				arrivals = true
			}
		}
		return !arrivals
	})
	return arrivals
}

// interactive reports whether e is os.Stdin or a network connection.
func interactive(pass *analysis.Pass, e ast.Expr) bool {
	if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
		if v, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Var); ok && v.Pkg() != nil && v.Pkg().Path() == "os" && v.Name() == "Stdin" {
			return true
		}
	}
	t := pass.TypesInfo.TypeOf(e)
	if t == nil {
		return false
	}
	if query.IsNamedType(t, "net", "Conn") {
		return true
	}
	for _, name := range []string{"TCPConn", "UnixConn", "UDPConn", "IPConn"} {
		if query.IsPointerToNamed(t, "net", name) {
			return true
		}
	}
	return query.IsPointerToNamed(t, "crypto/tls", "Conn")
}

// argsVary reports whether some argument depends on the iteration: it
// mentions a local variable declared in the loop (a range key or value
// among them) or assigned in it, or reads the cursor that the loop's
// condition advances (sc.Text() in for sc.Scan()). Then the statement is
// sent once per item. With the same arguments every time (or ones that
// differ only through a call such as time.Now()) the loop retries or polls.
func argsVary(pass *analysis.Pass, l *loops.Loop, args []ast.Expr) bool {
	cursor := advanced(pass, l)
	for _, a := range args {
		varies := false
		ast.Inspect(a, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				ast.Inspect(n.X, func(m ast.Node) bool { // not n.Sel: a field, not a variable
					if id, ok := m.(*ast.Ident); ok && (perIteration(pass, l, id) || cursor != nil && pass.TypesInfo.Uses[id] == cursor) {
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

// advanced returns the variable whose method a conditional loop's
// condition calls (sc in for sc.Scan(), rows in for rows.Next()), or nil.
func advanced(pass *analysis.Pass, l *loops.Loop) *types.Var {
	fs, ok := l.Stmt.(*ast.ForStmt)
	if !ok || fs.Cond == nil {
		return nil
	}
	call, ok := ast.Unparen(fs.Cond).(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := pass.TypesInfo.Uses[id].(*types.Var)
	return v
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
	// pgx prepares and caches each statement text on a connection by
	// default (QueryExecModeCacheStatement): the cost per item is the round
	// trip, not a parse, and preparing by hand saves nothing.
	pgx := strings.HasPrefix(s.pkg, "github.com/jackc/pgx/")
	var msg string
	if strings.Contains(s.method, "Exec") {
		cost := "a round trip and a statement parse per item"
		remedy := "prepare it once before the loop inside a transaction (tx.Prepare, then stmt.Exec per item), or send the items in one multi-row statement"
		if pgx {
			cost = "a round trip per item (pgx caches the parsed statement, not the trip)"
			remedy = "queue them in one pgx.Batch (SendBatch), or CopyFrom for inserts"
		}
		if s.typ != "Tx" {
			cost += ", and a commit per item outside a transaction"
		}
		msg = fmt.Sprintf("%s sends the same statement on every iteration of a loop: %s; %s; no automatic fix: batching changes the statement and what a failure leaves behind",
			name, cost, remedy)
	} else {
		cost := "a round trip and a statement parse per item (N+1 queries)"
		remedy := "fetch the rows in one query (WHERE key IN (...) or = ANY($1)), or prepare it once before the loop"
		if pgx {
			cost = "a round trip per item (N+1 queries; pgx caches the parsed statement, not the trip)"
			remedy = "fetch the rows in one query (= ANY($1)), or queue the queries in one pgx.Batch (SendBatch)"
		}
		msg = fmt.Sprintf("%s sends the same query on every iteration of a loop: %s; %s; no automatic fix: one query changes the statement and how its rows are read",
			name, cost, remedy)
	}
	return analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msg}
}
