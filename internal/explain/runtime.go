package explain

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// A RuntimeWork is an allocation the runtime makes on the user's behalf,
// asked for by an expression on the line.
type RuntimeWork struct {
	// Kind names it: "slice growth", "map growth", "string
	// concatenation", "conversion", "closure", "map creation", "slice of
	// run-time size", "channel creation", "buffer growth", "reflection
	// allocation".
	Kind string `json:"kind"`
	// Expr is the expression that asks for it, as written (shortened).
	Expr string `json:"expr"`
	// Runtime is the runtime function that does the work.
	Runtime string `json:"runtime"`
	// What says what happens, in a sentence.
	What string `json:"what"`
}

// classify records the runtime work and the calls of node n, which starts
// on the ranked line lf is about.
func (w *fileWalk) classify(n ast.Node, lf *lineFacts) {
	info := w.pass.TypesInfo
	switch n := n.(type) {
	case *ast.CallExpr:
		w.classifyCall(n, lf)
	case *ast.AssignStmt:
		for _, lhs := range n.Lhs {
			ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
			if !ok || !isMap(info.TypeOf(ix.X)) || n.Tok == token.DEFINE {
				continue
			}
			lf.Runtime = append(lf.Runtime, RuntimeWork{"map growth", w.text(lhs), "runtime.mapassign",
				"assigning to a key the map lacks adds an entry; when the table is full the runtime allocates a larger one and moves every entry"})
		}
		if n.Tok == token.ADD_ASSIGN && len(n.Lhs) == 1 && isString(info.TypeOf(n.Lhs[0])) {
			lf.Runtime = append(lf.Runtime, RuntimeWork{"string concatenation", w.text(n), "runtime.concatstrings",
				"each += allocates a new string and copies both parts into it"})
		}
	case *ast.IncDecStmt:
		if ix, ok := ast.Unparen(n.X).(*ast.IndexExpr); ok && isMap(info.TypeOf(ix.X)) {
			lf.Runtime = append(lf.Runtime, RuntimeWork{"map growth", w.text(n.X), "runtime.mapassign",
				"incrementing a key the map lacks adds an entry; when the table is full the runtime allocates a larger one"})
		}
	case *ast.BinaryExpr:
		if n.Op == token.ADD && isString(info.TypeOf(n)) && info.Types[n].Value == nil && !isConcatOperand(w, n) {
			lf.Runtime = append(lf.Runtime, RuntimeWork{"string concatenation", w.text(n), "runtime.concatstrings",
				"the + allocates a new string holding all the parts (unless the result is short and stays on the stack)"})
		}
	case *ast.FuncLit:
		lf.Runtime = append(lf.Runtime, RuntimeWork{"closure", "func literal", "runtime.newobject",
			"a func literal that captures variables and outlives its call is allocated, with the variables it captures by reference"})
	case *ast.CompositeLit:
		if isMap(info.TypeOf(n)) {
			lf.Runtime = append(lf.Runtime, RuntimeWork{"map creation", w.text(n), "runtime.makemap",
				"a map literal allocates its table (and the map header when it escapes)"})
		}
	}
}

// isConcatOperand reports whether the + is itself an operand of a
// larger string +, which is recorded once, whole.
func isConcatOperand(w *fileWalk, n *ast.BinaryExpr) bool {
	// The walk visits the outer + first and records it; the inner ones
	// are parts of the same runtime.concatstrings call.
	lf := w.found[w.line(n.Pos())]
	if lf == nil {
		return false
	}
	for _, r := range lf.Runtime {
		if r.Kind == "string concatenation" && strings.Contains(r.Expr, w.text(n)) {
			return true
		}
	}
	return false
}

func (w *fileWalk) classifyCall(call *ast.CallExpr, lf *lineFacts) {
	info := w.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		if r, ok := conversion(tv.Type, info.TypeOf(call.Args[0])); ok {
			r.Expr = w.text(call)
			lf.Runtime = append(lf.Runtime, r)
		}
		return
	}
	switch callee := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		switch callee.Name() {
		case "append":
			if len(call.Args) > 0 {
				lf.Runtime = append(lf.Runtime, RuntimeWork{"slice growth", w.text(call), "runtime.growslice",
					"append grows " + w.text(call.Args[0]) + " when its capacity is used up: the runtime allocates a larger backing array (about 1.25-2x) and copies the elements"})
			}
		case "make":
			if len(call.Args) == 0 {
				break
			}
			switch info.TypeOf(call.Args[0]).Underlying().(type) {
			case *types.Map:
				lf.Runtime = append(lf.Runtime, RuntimeWork{"map creation", w.text(call), "runtime.makemap",
					"make allocates the map's table, sized by the hint if one is given"})
			case *types.Chan:
				lf.Runtime = append(lf.Runtime, RuntimeWork{"channel creation", w.text(call), "runtime.makechan",
					"make allocates the channel and its buffer on the heap"})
			case *types.Slice:
				if slices.ContainsFunc(call.Args[1:], func(e ast.Expr) bool { return info.Types[e].Value == nil }) {
					lf.Runtime = append(lf.Runtime, RuntimeWork{"slice of run-time size", w.text(call), "runtime.makeslice",
						"a slice whose size is known only at run time is allocated on the heap even when it does not escape (beyond a small buffer the compiler may give it on the stack)"})
				}
			}
		}
	case *types.Func:
		lf.Calls = append(lf.Calls, callee.FullName())
	}
	w.boxedArgs(call, lf)
}

// boxedArgs records the arguments of call that are converted to an
// interface parameter (fmt.Sprintf's ...any): each is boxed.
func (w *fileWalk) boxedArgs(call *ast.CallExpr, lf *lineFacts) {
	info := w.pass.TypesInfo
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	params := sig.Params()
	for i, arg := range call.Args {
		var pt types.Type
		switch {
		case sig.Variadic() && i >= params.Len()-1:
			s, ok := params.At(params.Len() - 1).Type().Underlying().(*types.Slice)
			if !ok {
				return // append([]byte, string...) is the one variadic that is not
			}
			pt = s.Elem()
		case i < params.Len():
			pt = params.At(i).Type()
		default:
			return
		}
		at := info.TypeOf(arg)
		if at == nil || !types.IsInterface(pt) || types.IsInterface(at) || info.Types[arg].Value != nil {
			continue
		}
		if _, ptr := at.Underlying().(*types.Pointer); ptr {
			continue // a pointer fits the interface word: no allocation
		}
		r, _ := conversion(pt, at)
		r.Expr = w.text(arg)
		lf.Runtime = append(lf.Runtime, r)
	}
}

// conversion describes a conversion between strings and byte or rune
// slices, which copies.
func conversion(to, from types.Type) (RuntimeWork, bool) {
	if to == nil || from == nil {
		return RuntimeWork{}, false
	}
	switch {
	case isString(from) && isSliceOf(to, types.Byte):
		return RuntimeWork{Kind: "conversion", Runtime: "runtime.stringtoslicebyte", What: "converting a string to []byte copies it into a new array (unless it is short and stays on the stack)"}, true
	case isString(from) && isSliceOf(to, types.Rune):
		return RuntimeWork{Kind: "conversion", Runtime: "runtime.stringtoslicerune", What: "converting a string to []rune decodes it into a new array"}, true
	case isString(to) && isSliceOf(from, types.Byte):
		return RuntimeWork{Kind: "conversion", Runtime: "runtime.slicebytetostring", What: "converting a []byte to a string copies it into a new string (unless it is short, used only for a comparison or map lookup, or stays on the stack)"}, true
	case isString(to) && isSliceOf(from, types.Rune):
		return RuntimeWork{Kind: "conversion", Runtime: "runtime.slicerunetostring", What: "converting a []rune to a string encodes it into a new string"}, true
	case types.IsInterface(to) && !types.IsInterface(from):
		return RuntimeWork{Kind: "conversion", Runtime: "runtime.convT", What: "converting a non-pointer value to an interface boxes it: the value is copied to the heap unless it is small, constant or stays on the stack"}, true
	}
	return RuntimeWork{}, false
}

func isMap(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Map)
	return ok
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isSliceOf(t types.Type, kind types.BasicKind) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == kind
}

// text returns the source of n, on one line and at most 60 bytes.
func (w *fileWalk) text(n ast.Node) string {
	e := asExpr(n)
	if e == nil {
		return "statement"
	}
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// asExpr returns n as an expression to print; statements print as their
// left and right sides.
func asExpr(n ast.Node) ast.Expr {
	switch n := n.(type) {
	case ast.Expr:
		return n
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			return &ast.BinaryExpr{X: n.Lhs[0], Op: n.Tok, Y: n.Rhs[0]}
		}
	}
	return nil
}
