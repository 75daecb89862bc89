package escape

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestParseDirective(t *testing.T) {
	for _, tt := range []struct {
		text  string
		names string
		bad   string
	}{
		{"//perf:noalloc", "noalloc", ""},
		{"//perf:noalloc,nobce hot path", "noalloc nobce", ""},
		{"//perf:inline\tsee issue", "inline", ""},
		{"// a comment about perf: nothing", "", ""},
		{"//perf:noaloc", "", "unknown directive //perf:noaloc"},
		{"//perf:noalloc,inlined", "", "unknown directive //perf:inlined"},
		{"// perf:noalloc", "", "is not a directive"},
		{"//perf:", "", "names no directive"},
		{"//perf: noalloc", "", "names no directive"},
		{"//go:noinline", "", ""},
	} {
		names, bad := parseDirective(tt.text)
		if got := strings.Join(names, " "); got != tt.names {
			t.Errorf("parseDirective(%q) names = %q, want %q", tt.text, got, tt.names)
		}
		if tt.bad == "" && bad != "" || !strings.Contains(bad, tt.bad) {
			t.Errorf("parseDirective(%q) bad = %q, want %q", tt.text, bad, tt.bad)
		}
	}
}

// TestAssertionPlacement: a directive in a doc comment is about the
// function, one after code about its line, one on a line of its own
// about nothing (an error), and a line //perf:inline without calls stale.
func TestAssertionPlacement(t *testing.T) {
	src := `package p

//perf:noalloc
func F(xs []int) int {
	x := len(xs) //perf:nobce
	y := int8(x) //perf:inline
	//perf:noalloc
	return g(x) + int(y) //perf:inline
}

func g(x int) int { return x }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	as, probs := ParseAssertions(fset, []*ast.File{f}, func(s string) string { return s }, nil)
	got := make([]string, 0, len(as)+len(probs))
	for _, a := range as {
		var s strings.Builder
		s.WriteString(a.Directive + "@" + a.Pos.String() + " func=" + a.Func)
		for _, c := range a.Calls {
			s.WriteString(" call=" + c.Callee + "@" + c.Pos.String())
		}
		got = append(got, s.String())
	}
	for _, p := range probs {
		got = append(got, "problem@"+p.Pos.String()+": "+p.Message)
	}
	want := []string{
		"noalloc@p.go:3:1 func=F",
		"nobce@p.go:5:15 func=",
		"inline@p.go:8:23 func= call=g@p.go:8:10",
		"problem@p.go:6:15: //perf:inline is stale: there is no call on this line",
		"problem@p.go:7:2: //perf:noalloc is about nothing: put it in a function's doc comment or at the end of the line of code it is about",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
