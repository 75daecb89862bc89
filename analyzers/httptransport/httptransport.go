package httptransport

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports HTTP transports built per iteration or per call, with
// the default report policy.
var Analyzer = New(report.Default)

// New returns an httptransport analyzer that reports through rep, the
// suite's report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "httptransport",
		Doc:      analyzerdoc.Extract(docSource, "httptransport"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/httptransport",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

func run(pass *analysis.Pass) (any, error) {
	if !query.Imports(pass.Pkg, "net/http") {
		return nil, nil
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	rep := report.For(pass)
	for fileCursor := range in.Root().Children() {
		if rep.Skips(fileCursor.Node().(*ast.File)) {
			continue
		}
		for c := range fileCursor.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
			if !buildsTransport(pass, c.Node()) {
				continue
			}
			why, region := rep.Repeated(loopInfo, c)
			if why == "" {
				continue
			}
			fn := query.EnclosingFunc(c)
			fnCursor, ok := query.Ancestor(c, fn)
			if !ok {
				continue
			}
			f := &flow{pass: pass, fn: fnCursor, region: region, seen: make(map[*types.Var]bool)}
			f.value(c)
			if f.escapes || f.request == "" {
				continue
			}
			subject := "an http.Transport"
			if f.client {
				subject = "an http.Client with a new http.Transport"
			}
			rep.Report(analysis.Diagnostic{
				Pos: c.Node().Pos(), End: c.Node().End(),
				Message: fmt.Sprintf("%s is built %s and used there (%s): each one starts with no connections, so every request pays a new TCP and TLS handshake, and the idle connections of the last one stay open; build it once and reuse it (a field or a package-level var); no automatic fix: where it lives and how it is configured is the program's choice",
					subject, why, f.request),
			})
		}
	}
	return nil, nil
}

// buildsTransport recognises http.Transport{...} and a call of
// (*http.Transport).Clone.
func buildsTransport(pass *analysis.Pass, n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CompositeLit:
		return isNetHTTP(pass.TypesInfo.TypeOf(n), "Transport")
	case *ast.CallExpr:
		return query.IsCallTo(pass.TypesInfo, n, "(*net/http.Transport).Clone")
	}
	return false
}

func isNetHTTP(t types.Type, name string) bool { return query.IsNamedType(t, "net/http", name) }

// A flow follows a new transport through the function that builds it: into
// the Transport field of a client, into locals declared in the repeated
// region, to the requests made with it. Anything else it meets (returned,
// stored in a field or outside the region, passed to a call, sent) may
// keep it for later requests: then it escapes, and nothing is reported.
type flow struct {
	pass    *analysis.Pass
	fn      inspector.Cursor
	region  ast.Node
	seen    map[*types.Var]bool
	escapes bool
	client  bool   // it went into an http.Client
	request string // the first request made with it: "client.Do"
}

// requestMethods are the methods that send a request through a client or
// transport.
var requestMethods = map[string]bool{"Do": true, "Get": true, "Post": true, "PostForm": true, "Head": true, "RoundTrip": true}

// value follows the value of the expression at c.
func (f *flow) value(c inspector.Cursor) {
	if f.escapes {
		return
	}
	node := c.Node()
	parent := c.Parent()
	switch p := parent.Node().(type) {
	case *ast.ParenExpr:
		f.value(parent)
	case *ast.UnaryExpr:
		if p.Op != token.AND {
			f.escapes = true
			return
		}
		f.value(parent)
	case *ast.StarExpr:
		f.value(parent)
	case *ast.KeyValueExpr:
		lit, ok := parent.Parent().Node().(*ast.CompositeLit)
		key, isIdent := p.Key.(*ast.Ident)
		if p.Value != node || !ok || !isIdent || key.Name != "Transport" || !isNetHTTP(f.pass.TypesInfo.TypeOf(lit), "Client") {
			f.escapes = true
			return
		}
		f.client = true
		f.value(parent.Parent())
	case *ast.SelectorExpr:
		f.selected(parent)
	case *ast.AssignStmt:
		f.assigned(p, node)
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == node && len(p.Names) == len(p.Values) {
				f.local(f.pass.TypesInfo.Defs[p.Names[i]])
				return
			}
		}
		f.escapes = true
	default:
		f.escapes = true
	}
}

// selected handles x.Sel with x the transport or client. A request is a
// use; other calls, and setting or reading fields, neither use nor keep
// it. A method value (client.Do passed on) or the Transport field read
// out keeps it somewhere the flow does not follow.
func (f *flow) selected(c inspector.Cursor) {
	sel := c.Node().(*ast.SelectorExpr)
	if call, ok := c.Parent().Node().(*ast.CallExpr); ok && call.Fun == sel {
		if requestMethods[sel.Sel.Name] && f.request == "" {
			f.request = types.ExprString(sel)
		}
		return
	}
	if as, ok := c.Parent().Node().(*ast.AssignStmt); ok && isLHS(as, sel) {
		return
	}
	if s := f.pass.TypesInfo.Selections[sel]; s == nil || s.Kind() != types.FieldVal || sel.Sel.Name == "Transport" {
		f.escapes = true
	}
}

// assigned follows an assignment of the value (rhs): to a local of the
// region, or to the Transport field of a local client.
func (f *flow) assigned(as *ast.AssignStmt, rhs ast.Node) {
	if len(as.Lhs) != len(as.Rhs) {
		f.escapes = true
		return
	}
	for i, r := range as.Rhs {
		if r != rhs {
			continue
		}
		switch lhs := ast.Unparen(as.Lhs[i]).(type) {
		case *ast.Ident:
			f.local(f.pass.TypesInfo.ObjectOf(lhs))
			return
		case *ast.SelectorExpr:
			// client.Transport = &http.Transport{...}
			if id, ok := ast.Unparen(lhs.X).(*ast.Ident); ok && lhs.Sel.Name == "Transport" {
				if v, ok := f.pass.TypesInfo.Uses[id].(*types.Var); ok && isClient(v.Type()) {
					f.client = true
					f.local(v)
					return
				}
			}
		}
	}
	f.escapes = true
}

func isClient(t types.Type) bool { return isNetHTTP(query.Unpointer(t), "Client") }

// local follows every use of a variable that holds the transport or its
// client. It must be declared in the repeated region: one declared outside
// keeps the value for the next iteration or call.
func (f *flow) local(obj types.Object) {
	v, ok := obj.(*types.Var)
	if !ok || v.Pkg() != f.pass.Pkg || v.Parent() == v.Pkg().Scope() || !query.Within(f.region, v.Pos()) {
		f.escapes = true
		return
	}
	if f.seen[v] {
		return
	}
	f.seen[v] = true
	for c := range f.fn.Preorder((*ast.Ident)(nil)) {
		id := c.Node().(*ast.Ident)
		if f.pass.TypesInfo.Uses[id] != v {
			continue
		}
		if as, ok := c.Parent().Node().(*ast.AssignStmt); ok && isLHS(as, id) {
			f.escapes = true // reassigned: the new value is not followed
			return
		}
		if sel, ok := c.Parent().Node().(*ast.SelectorExpr); ok && sel.X == id {
			f.selected(c.Parent())
			if f.escapes {
				return
			}
			continue
		}
		f.value(c)
		if f.escapes {
			return
		}
	}
}

func isLHS(as *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range as.Lhs {
		if ast.Unparen(l) == e {
			return true
		}
	}
	return false
}
