package verdict

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"
)

// CompilerPos returns the position at which the compiler's escape report
// speaks of the expression e. The compiler places an expression at its
// operator, not where go/ast starts it: a selection or an assertion at
// its dot (x.f, x.(T)), an index or slice at its '[', a call or
// conversion at its '(', a composite literal at its '{', a binary
// expression at its operator. Identifiers, literals, unary and
// parenthesised expressions start where go/ast starts them.
func CompilerPos(e ast.Expr) token.Pos {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		return x.X.End() // the dot follows its operand (gofmt)
	case *ast.TypeAssertExpr:
		return x.X.End()
	case *ast.IndexExpr:
		return x.Lbrack
	case *ast.IndexListExpr:
		return x.Lbrack
	case *ast.SliceExpr:
		return x.Lbrack
	case *ast.CallExpr:
		return x.Lparen
	case *ast.CompositeLit:
		if x.Type != nil {
			return x.Lbrace
		}
	case *ast.BinaryExpr:
		return x.OpPos
	}
	return e.Pos()
}

// An Outcome is the compiler's verdict on one expression, or why there is
// none.
type Outcome struct {
	Heap  *Verdict // the first heap verdict, if any
	Stack bool     // every verdict at the expression keeps it on the stack
	// NoVerdict says why none could be matched, when Heap and Stack are
	// both unset.
	NoVerdict string
}

// JudgeExpr gives the compiler's verdict on the allocation of e, an
// expression in fset: matched at its compiler position (CompilerPos), else
// by the compiler's printed form of e among the verdicts on its line. When
// nothing matches, Outcome.NoVerdict says why: a test file (go build does
// not compile tests), a package the build did not cover, a line the
// compiler said nothing of (code it did not compile, or a value it did not
// allocate), or a line whose verdicts name other expressions.
func (p *Package) JudgeExpr(fset *token.FileSet, e ast.Expr) Outcome {
	posn := fset.Position(CompilerPos(e))
	if strings.HasSuffix(posn.Filename, "_test.go") {
		return Outcome{NoVerdict: "go build does not compile _test.go files"}
	}
	if p == nil {
		return Outcome{NoVerdict: "the -m=2 build did not cover this package (an external test package, or a build that failed)"}
	}
	if heap, stack := p.Judge(posn.Filename, posn.Line, posn.Column); heap != nil || stack {
		return Outcome{Heap: heap, Stack: stack}
	}
	onLine := p.At(posn.Filename, posn.Line, 0)
	if len(onLine) == 0 {
		return Outcome{NoVerdict: "the compiler said nothing of " + filepath.Base(posn.Filename) + ":" + strconv.Itoa(posn.Line) + " (code it did not compile, such as a generic body or dead code)"}
	}
	want := Subject(e)
	var matched []Verdict
	for _, v := range onLine {
		if normalise(v.Subject) == want {
			matched = append(matched, v)
		}
	}
	if len(matched) == 0 {
		return Outcome{NoVerdict: "the compiler's verdicts on this line name other expressions"}
	}
	for i := range matched {
		if matched[i].Heap {
			return Outcome{Heap: &matched[i]}
		}
	}
	return Outcome{Stack: true}
}

// Subject returns e as the compiler prints it, normalised: no spaces,
// outer parentheses dropped, composite literals' elements elided ({...}).
func Subject(e ast.Expr) string {
	return normalise(types.ExprString(ast.Unparen(e)))
}

func normalise(s string) string {
	s = strings.ReplaceAll(s, "…", "...")
	return strings.Join(strings.Fields(s), "")
}
