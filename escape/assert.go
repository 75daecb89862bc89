package escape

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// Assertion directives. Each is written as a line comment with no space
// after the slashes, like //go: directives, either in a function's doc
// comment (about the whole function) or at the end of a line of code
// (about that line). Several can share a comment, comma-separated
// (//perf:noalloc,nobce); text after a space is a free comment.
const (
	// DirNoAlloc: no heap allocation in the function (its body, the
	// closures in it and the calls inlined into it), or on the line.
	DirNoAlloc = "noalloc"
	// DirInline: the function is inlinable; on a line, every call on
	// the line is inlined.
	DirInline = "inline"
	// DirNoBCE: no bounds check left in the function, or on the line.
	DirNoBCE = "nobce"
)

const directivePrefix = "//perf:"

var directives = []string{DirNoAlloc, DirInline, DirNoBCE}

// An Assertion is one directive in the source, resolved to what it is
// about. Positions are canonical (see [Origin]).
type Assertion struct {
	Directive string
	// Pos is the directive's comment.
	Pos Pos
	// Func is the function, for an assertion in its doc comment, and ""
	// for an assertion about a line (Pos.Line).
	Func string
	// Decl is the line of the function's declaration (where the compiler
	// reports whether it can be inlined); From and To bound its
	// declaration, signature and body.
	Decl     int
	From, To Pos
	// Calls are the calls on the line of a line //perf:inline.
	Calls []AssertedCall
}

// An AssertedCall is a call on the line of a line //perf:inline.
type AssertedCall struct {
	// Pos is the call's opening parenthesis, where the compiler reports
	// "inlining call to".
	Pos    Pos
	Callee string
	// Dynamic is set for a call through a function value or an interface
	// method, which the compiler inlines only when it can devirtualize it.
	Dynamic bool
}

// A Problem is an assertion the compiler's report contradicts, or a
// directive that cannot be checked. Both fail the check: a directive
// that is misspelt, misplaced or stale never passes silently.
type Problem struct {
	// Directive is the directive's name ("noalloc"; "" if unknown).
	Directive string `json:"directive,omitempty"`
	// Pos is where the problem is: the allocation, the call, the bounds
	// check, or the directive itself.
	Pos Pos `json:"pos"`
	// Assertion is the directive's position.
	Assertion Pos `json:"assertion"`
	// Invalid is set for a directive that is misspelt, misplaced or
	// stale, as opposed to one the code violates.
	Invalid bool   `json:"invalid,omitempty"`
	Message string `json:"message"`
	// Explanation is the compiler's -m=2 explanation of an allocation:
	// how the value flows to the heap.
	Explanation []Explanation `json:"explanation,omitempty"`
}

// ParseAssertions reads the //perf: directives of files. canonical turns
// a file name of fset into the canonical name the compiler's diagnostics
// use ([Options.Canonical]). info, when not nil, has the files' types
// and tells calls from conversions; without it, calls are told apart by
// syntax (builtins and predeclared types), and a conversion to a named
// type counts as a call. It returns the assertions and the directives
// that are misspelt or misplaced.
func ParseAssertions(fset *token.FileSet, files []*ast.File, canonical func(string) string, info *types.Info) ([]Assertion, []Problem) {
	var as []Assertion
	var probs []Problem
	for _, file := range files {
		tf := fset.File(file.Pos())
		if tf == nil {
			continue
		}
		name := canonical(tf.Name())
		pos := func(p token.Pos) Pos {
			position := fset.Position(p)
			return Pos{File: name, Line: position.Line, Col: position.Column}
		}
		funcDoc := map[*ast.CommentGroup]*ast.FuncDecl{}
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				funcDoc[fd.Doc] = fd
			}
		}
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				names, bad := parseDirective(c.Text)
				if bad != "" {
					probs = append(probs, Problem{Pos: pos(c.Pos()), Assertion: pos(c.Pos()), Invalid: true, Message: bad})
					continue
				}
				if len(names) == 0 {
					continue
				}
				at := pos(c.Pos())
				fd := funcDoc[cg]
				if fd == nil && !codeBefore(tf, c.Pos(), file) {
					for _, n := range names {
						probs = append(probs, Problem{Directive: n, Pos: at, Assertion: at, Invalid: true,
							Message: fmt.Sprintf("//perf:%s is about nothing: put it in a function's doc comment or at the end of the line of code it is about", n)})
					}
					continue
				}
				for _, n := range names {
					a := Assertion{Directive: n, Pos: at}
					if fd != nil {
						a.Func = DeclName(fd)
						a.Decl = fset.Position(fd.Name.Pos()).Line
						a.From, a.To = pos(fd.Pos()), pos(fd.End())
					} else if n == DirInline {
						a.Calls = callsOnLine(fset, file, at.Line, name, info)
						if len(a.Calls) == 0 {
							probs = append(probs, Problem{Directive: n, Pos: at, Assertion: at, Invalid: true,
								Message: "//perf:inline is stale: there is no call on this line"})
							continue
						}
					}
					as = append(as, a)
				}
			}
		}
	}
	return as, probs
}

// parseDirective returns the directive names of a comment, or why it is
// a bad directive: an unknown name, or a near miss ("// perf:noalloc",
// "//perf: noalloc") that would otherwise be ignored.
func parseDirective(text string) (names []string, bad string) {
	rest, ok := strings.CutPrefix(text, directivePrefix)
	if !ok {
		trimmed := strings.TrimLeft(strings.TrimPrefix(text, "//"), " \t")
		if strings.HasPrefix(text, "//") && strings.HasPrefix(trimmed, "perf:") {
			word, _, _ := strings.Cut(strings.TrimPrefix(trimmed, "perf:"), " ")
			return nil, fmt.Sprintf("%q is not a directive: write //perf:%s, with no space after //", text, word)
		}
		return nil, ""
	}
	list, _, _ := strings.Cut(rest, " ")
	list, _, _ = strings.Cut(list, "\t")
	if list == "" {
		return nil, fmt.Sprintf("%q names no directive (want //perf:%s)", text, strings.Join(directives, ", //perf:"))
	}
	for n := range strings.SplitSeq(list, ",") {
		if !slices.Contains(directives, n) {
			return nil, fmt.Sprintf("unknown directive //perf:%s (known: //perf:%s)", n, strings.Join(directives, ", //perf:"))
		}
		names = append(names, n)
	}
	return names, ""
}

// codeBefore reports whether there is code before p on its line: a
// token of file that starts on that line before p.
func codeBefore(tf *token.File, p token.Pos, file *ast.File) bool {
	line := tf.Line(p)
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found || n == nil {
			return false
		}
		if n.Pos() > p || n.End() < tf.LineStart(line) {
			// Entirely after the comment, or entirely before its line.
			return n.Pos() <= p && n.End() >= tf.LineStart(line)
		}
		switch n.(type) {
		case *ast.File, *ast.CommentGroup, *ast.Comment:
			return true
		}
		if tf.Line(n.End()) == line && n.End() <= p || tf.Line(n.Pos()) == line && n.Pos() < p {
			found = true
			return false
		}
		return true
	})
	return found
}

// callsOnLine returns the calls that start on line: calls of functions
// and methods, not of builtins and not conversions.
func callsOnLine(fset *token.FileSet, file *ast.File, line int, name string, info *types.Info) []AssertedCall {
	var calls []AssertedCall
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if fset.Position(n.Pos()).Line > line || fset.Position(n.End()).Line < line {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		lp := fset.Position(call.Lparen)
		if lp.Line != line {
			return true
		}
		callee, dynamic, isCall := classifyCall(call, info)
		if isCall {
			calls = append(calls, AssertedCall{Pos: Pos{File: name, Line: lp.Line, Col: lp.Column}, Callee: callee, Dynamic: dynamic})
		}
		return true
	})
	return calls
}

// classifyCall names a call's callee and says whether it is a call the
// inliner could handle at all (not a builtin, not a conversion), and
// whether it is dynamic (a function value, an interface method).
func classifyCall(call *ast.CallExpr, info *types.Info) (callee string, dynamic, isCall bool) {
	fun := ast.Unparen(call.Fun)
	callee = types.ExprString(fun)
	if info != nil {
		if tv, ok := info.Types[fun]; ok && tv.IsType() {
			return callee, false, false
		}
		if tv, ok := info.Types[fun]; ok && tv.IsBuiltin() {
			return callee, false, false
		}
		var obj types.Object
		switch f := fun.(type) {
		case *ast.Ident:
			obj = info.Uses[f]
		case *ast.SelectorExpr:
			if sel := info.Selections[f]; sel != nil {
				obj = sel.Obj()
				if sel.Kind() == types.MethodVal && types.IsInterface(sel.Recv()) {
					return callee, true, true
				}
			} else {
				obj = info.Uses[f.Sel]
			}
		case *ast.IndexExpr:
			if id, ok := ast.Unparen(f.X).(*ast.Ident); ok {
				obj = info.Uses[id]
			}
		case *ast.IndexListExpr:
			if id, ok := ast.Unparen(f.X).(*ast.Ident); ok {
				obj = info.Uses[id]
			}
		}
		if fn, ok := obj.(*types.Func); ok {
			if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type()) {
				return callee, true, true
			}
			return callee, false, true
		}
		return callee, true, true
	}
	switch f := fun.(type) {
	case *ast.Ident:
		if isPredeclared(f.Name) {
			return callee, false, false
		}
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType, *ast.StarExpr:
		return callee, false, false
	case *ast.FuncLit:
		return callee, false, true
	}
	return callee, false, true
}

// isPredeclared reports whether name is a builtin function or type.
func isPredeclared(name string) bool {
	obj := types.Universe.Lookup(name)
	if obj == nil {
		return false
	}
	switch obj.(type) {
	case *types.Builtin, *types.TypeName:
		return true
	}
	return false
}

// CheckAssertions checks assertions against the compiler's diagnostics of
// the packages that hold them (built with -m=2 and bounds checks), and
// returns the violations, and the assertions the compiler's report cannot
// decide (a function it said nothing about: not compiled for this
// platform and these tags, or a generic never instantiated).
func CheckAssertions(as []Assertion, diags []*Diagnostic) []Problem {
	byFile := map[string][]*Diagnostic{}
	for _, d := range diags {
		if d.Pos.IsKnown() {
			byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
		}
	}
	var probs []Problem
	for i := range as {
		a := &as[i]
		ds := byFile[a.Pos.File]
		in := func(p Pos) bool {
			if a.Func == "" {
				return p.Line == a.Pos.Line
			}
			return !p.Less(a.From) && !a.To.Less(p)
		}
		where := "on this line"
		if a.Func != "" {
			where = "in " + a.Func
		}
		prob := func(at Pos, msg string) Problem {
			return Problem{Directive: a.Directive, Pos: at, Assertion: a.Pos, Message: "//perf:" + a.Directive + " violated: " + msg}
		}
		switch a.Directive {
		case DirNoAlloc:
			if a.Func != "" && !compiled(a, ds) {
				probs = append(probs, notCompiled(a))
				continue
			}
			for _, d := range ds {
				if !in(d.Pos) || !IsAllocation(d) {
					continue
				}
				p := prob(d.Pos, fmt.Sprintf("%s %s", allocationText(d), where))
				p.Explanation = d.Explanations
				probs = append(probs, p)
			}
		case DirNoBCE:
			if a.Func != "" && !compiled(a, ds) {
				probs = append(probs, notCompiled(a))
				continue
			}
			for _, d := range ds {
				if in(d.Pos) && d.Kind == BoundsCheck {
					probs = append(probs, prob(d.Pos, fmt.Sprintf("bounds check (%s) left %s", d.Subject, where)))
				}
			}
		case DirInline:
			if a.Func == "" {
				probs = append(probs, checkInlinedCalls(a, ds, byFile, prob)...)
				continue
			}
			d := declOf(a, ds)
			switch {
			case d == nil:
				probs = append(probs, notCompiled(a))
			case d.Kind == CannotInline:
				probs = append(probs, prob(d.Pos, fmt.Sprintf("%s cannot be inlined: %s", a.Func, d.Detail)))
			}
		}
	}
	slices.SortStableFunc(probs, func(a, b Problem) int {
		if a.Pos.Less(b.Pos) {
			return -1
		}
		if b.Pos.Less(a.Pos) {
			return 1
		}
		return 0
	})
	return probs
}

// IsAllocation reports whether d is a heap allocation (not constant
// boxing, which uses static data).
func IsAllocation(d *Diagnostic) bool {
	switch d.Kind {
	case MovedToHeap:
		return true
	case EscapesToHeap:
		return !IsStatic(d.Subject)
	case EscapeHeader:
		// An unpaired block: the closures of go and defer statements.
		return true
	}
	return false
}

func allocationText(d *Diagnostic) string {
	if d.Kind == EscapeHeader {
		return d.Subject + " escapes to heap"
	}
	return d.Text
}

// declOf returns the compiler's can/cannot inline line for the function
// of a, found by its declaration line and name.
func declOf(a *Assertion, ds []*Diagnostic) *Diagnostic {
	for _, d := range ds {
		if (d.Kind == CanInline || d.Kind == CannotInline) && d.Pos.Line == a.Decl {
			name := CleanFuncName(d.Subject, "")
			if name == a.Func || strings.HasSuffix(name, "."+a.Func) {
				return d
			}
		}
	}
	return nil
}

// compiled reports whether the compiler reported on a's function at all.
func compiled(a *Assertion, ds []*Diagnostic) bool {
	return declOf(a, ds) != nil
}

func notCompiled(a *Assertion) Problem {
	return Problem{Directive: a.Directive, Pos: a.Pos, Assertion: a.Pos, Invalid: true,
		Message: fmt.Sprintf("//perf:%s cannot be checked: the compiler reported nothing on %s (not built with these tags for this platform, or a generic function never instantiated in its package)", a.Directive, a.Func)}
}

// checkInlinedCalls checks a line //perf:inline: each call on the line
// needs an "inlining call to" at its parenthesis.
func checkInlinedCalls(a *Assertion, ds []*Diagnostic, byFile map[string][]*Diagnostic, prob func(Pos, string) Problem) []Problem {
	var probs []Problem
	for _, c := range a.Calls {
		inlined := false
		for _, d := range ds {
			if d.Kind == InliningCall && d.Pos.Line == c.Pos.Line && d.Pos.Col == c.Pos.Col {
				inlined = true
				break
			}
		}
		if inlined {
			continue
		}
		why := "the compiler did not inline it"
		if c.Dynamic {
			why = "it calls a function value or an interface method, which the compiler inlines only when it can devirtualize the call"
		} else if reason := cannotInlineReason(c.Callee, byFile); reason != "" {
			why = reason
		}
		probs = append(probs, prob(c.Pos, fmt.Sprintf("call to %s is not inlined: %s", c.Callee, why)))
	}
	return probs
}

// cannotInlineReason finds the compiler's reason for not inlining a
// callee named in the source ("f", "x.m", "pkg.F"), among the functions
// of the checked packages.
func cannotInlineReason(callee string, byFile map[string][]*Diagnostic) string {
	short := callee
	if i := strings.LastIndexByte(short, '.'); i >= 0 {
		short = short[i+1:]
	}
	for _, ds := range byFile {
		for _, d := range ds {
			if d.Kind != CannotInline {
				continue
			}
			name := CleanFuncName(d.Subject, "")
			if name == short || strings.HasSuffix(name, "."+short) {
				return name + " cannot be inlined: " + d.Detail
			}
		}
	}
	return ""
}

// FormatExplanation renders an -m=2 explanation as indented lines, the
// positions' file names passed through show.
func FormatExplanation(e *Explanation, show func(Pos) string) []string {
	lines := []string{e.Header.Text}
	for i := range e.Steps {
		s := &e.Steps[i]
		switch s.Kind {
		case Flow:
			lines = append(lines, "  flow: "+s.Subject+" ← "+s.Detail)
		case From:
			at := show(s.At)
			if at == "" {
				at = "an unknown position"
			}
			lines = append(lines, "    from "+s.Subject+" ("+s.Detail+") at "+at)
		default:
			lines = append(lines, "  "+strings.TrimSpace(s.Text))
		}
	}
	return lines
}
