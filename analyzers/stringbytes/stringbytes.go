package stringbytes

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perfvet/perfvet/internal/analyzerdoc"
	"github.com/perfvet/perfvet/internal/fixes"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/loops"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/query"
)

//go:embed doc.go
var docSource string

// Analyzer reports string and byte-slice conversions made on every
// iteration of a hot loop only to call the other type's function, with
// the default report policy.
var Analyzer = New(report.Default)

// New returns a stringbytes analyzer that reports through rep, the
// suite's report analyzer.
func New(rep *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     "stringbytes",
		Doc:      analyzerdoc.Extract(docSource, "stringbytes"),
		URL:      "https://pkg.go.dev/github.com/perfvet/perfvet/analyzers/stringbytes",
		Requires: []*analysis.Analyzer{inspect.Analyzer, loops.Analyzer, rep},
		Run:      run,
	}
}

// twins are the functions of strings and bytes that have the same shape
// in the other package, with the parameters that take the package's own
// type (string for strings, []byte for bytes); the others (a rune, a
// byte, a set of chars as a string) are the same in both.
var twins = map[string][]int{
	"Contains": {0, 1}, "Count": {0, 1}, "EqualFold": {0, 1}, "HasPrefix": {0, 1},
	"HasSuffix": {0, 1}, "Index": {0, 1}, "LastIndex": {0, 1},
	"ContainsAny": {0}, "ContainsRune": {0}, "IndexAny": {0}, "IndexByte": {0},
	"IndexRune": {0}, "LastIndexAny": {0}, "LastIndexByte": {0},
}

// A finding is one call that converts to use the other type's function.
type finding struct {
	call *ast.CallExpr
	conv ast.Expr // the (first) conversion of a variable
	d    analysis.Diagnostic
	// from is the package whose use the fix removes ("" for none), to
	// the one it adds ("" for none); edits builds the fix's edits but
	// for imports, given the name to refer to to by.
	from, to string
	edits    func(toName string) []analysis.TextEdit
	fixable  string // why there is no fix, or ""
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.For(pass)
	if !rep.ListsHotOnly() {
		return nil, nil // every finding is hot-only: nothing could be kept
	}
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	loopInfo := pass.ResultOf[loops.Analyzer].(*loops.Info)
	files := fixes.NewFiles(pass)
	for fileCursor := range in.Root().Children() {
		file := fileCursor.Node().(*ast.File)
		if rep.Skips(file) {
			continue
		}
		var found []*finding
		for c := range fileCursor.Preorder((*ast.CallExpr)(nil)) {
			loop := loopInfo.Repeating(c)
			if loop == nil || !hot.HotChain(loop) {
				continue
			}
			if f := check(pass, files, c); f != nil {
				found = append(found, f)
			}
		}
		report1(pass, rep, files, file, found)
	}
	return nil, nil
}

// check returns the finding for call, or nil: strings.F(string(b), ...)
// or bytes.F([]byte(s), ...) for a twin F, bytes.Equal([]byte(s), ...),
// and w.Write([]byte(s)) on a writer that has WriteString.
func check(pass *analysis.Pass, files *fixes.Files, c inspector.Cursor) *finding {
	info := pass.TypesInfo
	call := c.Node().(*ast.CallExpr)
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	if fn.Signature().Recv() != nil {
		return checkWrite(pass, files, call, fn)
	}
	switch path := fn.Pkg().Path(); {
	case path == "bytes" && fn.Name() == "Equal":
		return checkEqual(pass, files, c, call)
	case path == "strings" || path == "bytes":
		return checkTwin(pass, files, call, fn)
	}
	return nil
}

// conversion returns the operand of string(x) for x a byte slice
// (toString) or of []byte(x) for x a string, or nil.
func conversion(info *types.Info, e ast.Expr, toString bool) ast.Expr {
	conv, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(conv.Args) != 1 {
		return nil
	}
	tv, ok := info.Types[conv.Fun]
	if !ok || !tv.IsType() {
		return nil
	}
	arg := conv.Args[0]
	at := info.TypeOf(arg)
	if at == nil {
		return nil
	}
	if toString {
		if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 && query.IsByteSlice(at) {
			return arg
		}
		return nil
	}
	if query.IsByteSlice(tv.Type) {
		if b, ok := at.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			return arg
		}
	}
	return nil
}

// isConst reports whether e is a constant (a literal, a named constant).
func isConst(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.Value != nil
}

// report1 reports a file's findings: each gets its fix when the package
// it stops using stays used in the file by something no fix of this
// analyzer rewrites (so no import is left unused, however many fixes are
// applied).
func report1(pass *analysis.Pass, rep *report.Reporter, files *fixes.Files, file *ast.File, found []*finding) {
	if len(found) == 0 {
		return
	}
	removed := make(map[string]int)
	for _, f := range found {
		if f.fixable == "" && f.from != "" {
			removed[f.from]++
		}
	}
	uses := packageUses(pass.TypesInfo, file)
	for _, f := range found {
		if f.fixable == "" && f.from != "" && uses[f.from] <= removed[f.from] {
			f.fixable = fmt.Sprintf("the rewrite would leave %s unused in the file", f.from)
		}
		var edits []analysis.TextEdit
		if f.fixable == "" {
			if f.to == "" {
				edits = f.edits("")
			} else if ef, err := files.For(f.call.Pos()); err != nil {
				f.fixable = "the file cannot be read"
			} else if name, add, ok := ef.Import(f.to, f.call.Pos()); !ok {
				f.fixable = fmt.Sprintf("the name %s is taken here", f.to)
			} else {
				edits = append(f.edits(name), add...)
			}
		}
		if f.fixable != "" {
			f.d.Message += "; no automatic fix: " + f.fixable
		} else {
			f.d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Use the function of the value's own type", TextEdits: edits}}
		}
		rep.ReportIfHot(f.d, f.conv)
	}
}

// packageUses counts the uses of each imported package's name in file.
func packageUses(info *types.Info, file *ast.File) map[string]int {
	uses := make(map[string]int)
	ast.Inspect(file, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if pn, ok := info.Uses[id].(*types.PkgName); ok {
				uses[pn.Imported().Path()]++
			}
		}
		return true
	})
	return uses
}
