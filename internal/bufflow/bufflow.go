// Package bufflow follows a buffer through the code that uses it: which
// local variables come to share its memory, and whether any of them may
// outlive a region of code (one loop iteration, one call).
//
// poolbuf asks it whether a buffer allocated in a loop can be hoisted and
// reused: only if nothing that shares the buffer's memory survives the
// iteration. pooluse asks which variables still point into an object after
// it went back to its sync.Pool. Both questions are the same walk.
//
// The walk is syntactic and conservative. A value may outlive the region when
// it is returned, sent on a channel, stored in a variable declared outside
// the region or through a pointer, captured by a function literal, passed to
// a go or defer statement, or passed to a function that may keep it. Calls
// are trusted not to keep their arguments only when that is known: the
// standard library's byte, string, encoding, hashing and formatting
// packages; Write, Read and the other io methods, whose contract forbids
// keeping the slice; and functions of the package under analysis, whose
// bodies are followed (two calls deep). A call's result shares the
// argument's memory when its type can hold a reference (bytes.TrimSpace's
// does, strconv.Itoa's string does not: strings are immutable copies unless
// package unsafe is involved, and unsafe counts as an escape).
package bufflow

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/exprs"
)

// A Tracer follows buffers in the functions of one package. It caches what
// it learns of the package's functions, so make one per pass.
type Tracer struct {
	pass  *analysis.Pass
	decls map[*types.Func]*ast.FuncDecl
	// callee verdicts: does parameter i of f escape, is it returned?
	callees map[calleeParam]calleeVerdict
	// flows caches Trace: pooluse asks about one object from each of its
	// Gets and Puts.
	flows map[traceKey]*Flow
	// Sink, when set, names calls that take the buffer without keeping it
	// in a way the walk should count (pooluse: sync.Pool.Put).
	Sink func(call *ast.CallExpr) bool
	// DeferredClosures lets `defer func() { ... }()` use the buffer: it
	// runs before the function returns, as code at the return would.
	DeferredClosures bool
}

// isDeferred reports whether lit is called by the defer statement d:
// defer func() { ... }().
func isDeferred(call, d ast.Node, lit *ast.FuncLit) bool {
	c, ok := call.(*ast.CallExpr)
	if !ok || ast.Unparen(c.Fun) != lit {
		return false
	}
	_, ok = d.(*ast.DeferStmt)
	return ok
}

type traceKey struct {
	region  ast.Node
	v       *types.Var
	returns bool
}

type calleeParam struct {
	fn    *types.Func
	index int // -1: the receiver
}

type calleeVerdict struct {
	done, escapes, returned, dynamic bool
}

// New returns a Tracer for pass.
func New(pass *analysis.Pass) *Tracer {
	return &Tracer{pass: pass, callees: make(map[calleeParam]calleeVerdict), flows: make(map[traceKey]*Flow)}
}

// A Flow is what Trace learned of one buffer.
type Flow struct {
	// Aliases holds the buffer's variable and every local variable that
	// came to share its memory in the region.
	Aliases map[*types.Var]bool
	// Escape is the first place found where the buffer may outlive the
	// region (nil: it does not), and Why says how, in words that finish
	// "the buffer is ...": "returned", "stored in cache, which outlives
	// the loop".
	Escape ast.Node
	Why    string
	// Returned reports that the buffer flows into a result of the function
	// (only when Trace was asked to allow it).
	Returned bool
	// Dynamic reports that the buffer reaches code the compiler cannot see
	// through: an interface method, a function value, an interface
	// conversion, or a package whose API works through io.Reader and
	// io.Writer. The compiler then moves the buffer to the heap even when
	// it does not outlive the region.
	Dynamic bool
}

// Trace follows the buffer held in v through region (a loop body, or a
// function's *ast.FuncDecl or *ast.FuncLit). With returns, a return of the
// buffer is recorded in Flow.Returned rather than as an escape. The Flow
// is cached and shared: callers must not modify it.
func (t *Tracer) Trace(region ast.Node, v *types.Var, returns bool) *Flow {
	key := traceKey{region, v, returns}
	if f, ok := t.flows[key]; ok {
		return f
	}
	f := t.trace(region, v, returns, 0)
	t.flows[key] = f
	return f
}

// maxDepth bounds how many calls deep the walk follows a buffer into the
// package's own functions.
const maxDepth = 2

func (t *Tracer) trace(region ast.Node, v *types.Var, returns bool, depth int) *Flow {
	w := &walk{t: t, region: region, returns: returns, depth: depth,
		flow: &Flow{Aliases: map[*types.Var]bool{v: true}}}
	for w.flow.Escape == nil {
		before := len(w.flow.Aliases)
		ast.PreorderStack(region, nil, func(n ast.Node, stack []ast.Node) bool {
			if w.flow.Escape != nil {
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				if u, ok := t.pass.TypesInfo.Uses[id].(*types.Var); ok && w.flow.Aliases[u] {
					w.follow(id, u, stack)
				}
			}
			return true
		})
		if len(w.flow.Aliases) == before {
			break
		}
	}
	return w.flow
}

type walk struct {
	t       *Tracer
	region  ast.Node
	returns bool
	depth   int
	flow    *Flow
}

func (w *walk) escape(n ast.Node, why string) {
	if w.flow.Escape == nil {
		w.flow.Escape, w.flow.Why = n, why
	}
}

func (w *walk) local(v *types.Var) bool {
	return w.region.Pos() <= v.Pos() && v.Pos() < w.region.End()
}

func (w *walk) typeOf(e ast.Expr) types.Type { return w.t.pass.TypesInfo.TypeOf(e) }

// follow walks up from a use of an alias, as long as the value being
// computed still shares the buffer's memory, to where it ends up.
func (w *walk) follow(id *ast.Ident, v *types.Var, stack []ast.Node) {
	if w.captured(id, v, stack) {
		return
	}
	var child ast.Node = id
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.CompositeLit, *ast.TypeAssertExpr, *ast.StarExpr:
			// The value (or a copy of a struct holding the reference)
			// moves on up.
		case *ast.KeyValueExpr:
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return
			}
		case *ast.SliceExpr:
			if child != p.X {
				return
			}
		case *ast.IndexExpr:
			if child != p.X {
				return
			}
			if i > 0 {
				if u, ok := stack[i-1].(*ast.UnaryExpr); ok && u.Op == token.AND {
					// &buf[i]: a pointer into the buffer's own memory
					// (and through unsafe.Pointer, a *T over its bytes).
					break
				}
			}
			if !holdsRef(w.typeOf(p)) || separate(w.typeOf(p)) {
				return
			}
		case *ast.SelectorExpr:
			sel := w.t.pass.TypesInfo.Selections[p]
			if sel == nil {
				return
			}
			switch sel.Kind() {
			case types.FieldVal:
				if !holdsRef(w.typeOf(p)) || types.IsInterface(w.typeOf(p)) {
					// An interface value held in a field describes other
					// memory (an error, a handler), not the buffer's.
					return
				}
			case types.MethodVal:
				call, ok := parentCall(stack, i, p)
				if !ok {
					w.escape(p, "bound in a method value")
					return
				}
				if !w.receiverStays(call, sel) {
					return
				}
				if !holdsRef(w.typeOf(call)) {
					return
				}
				child = call
				i--
				continue
			default:
				return
			}
		case *ast.CallExpr:
			if child == p.Fun || !w.callCarries(p, child, stack[:i]) {
				return
			}
		case *ast.AssignStmt, *ast.ValueSpec, *ast.ReturnStmt, *ast.SendStmt, *ast.RangeStmt:
			w.settle(p, child)
			return
		default:
			// Comparisons, conditions, expression statements, index
			// operands, arithmetic: the reference goes no further.
			return
		}
		child = stack[i]
	}
}

// captured reports (and records as the escape) whether the use id of v sits
// in a function literal that v is declared outside of, unless the literal is
// a deferred closure the tracer was told to see through.
func (w *walk) captured(id *ast.Ident, v *types.Var, stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) {
			if w.t.DeferredClosures && i >= 2 && isDeferred(stack[i-1], stack[i-2], lit) {
				continue
			}
			w.escape(id, "captured by a function literal")
			return true
		}
	}
	return false
}

// settle handles the statement where follow's value (child) ends up: stored
// by an assignment, a declaration or a range, returned, or sent.
func (w *walk) settle(stmt ast.Node, child ast.Node) {
	switch p := stmt.(type) {
	case *ast.AssignStmt:
		w.assign(p, child)
	case *ast.ValueSpec:
		for j, val := range p.Values {
			if val == child && j < len(p.Names) {
				w.store(p.Names[j], p)
			} else if val == child && len(p.Values) == 1 {
				for _, name := range p.Names {
					w.store(name, p)
				}
			}
		}
	case *ast.ReturnStmt:
		if w.returns {
			w.flow.Returned = true
		} else {
			w.escape(p, "returned")
		}
	case *ast.SendStmt:
		if child == p.Value {
			w.escape(p, "sent on a channel")
		}
	case *ast.RangeStmt:
		if child == p.X && p.Value != nil && holdsRef(w.typeOf(p.Value)) {
			w.store(p.Value, p)
		}
	}
}

// separate reports whether an element of type t, read out of the buffer's
// own slice or map, is a reference to a separate allocation: a pointer,
// interface, map, channel or function, as in a free list of *node that a
// pooled object hands out. The element is not the buffer's memory.
func separate(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// parentCall returns the call of the method selected by sel, the node just
// above stack[i].
func parentCall(stack []ast.Node, i int, sel *ast.SelectorExpr) (*ast.CallExpr, bool) {
	if i == 0 {
		return nil, false
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	return call, ok && ast.Unparen(call.Fun) == sel
}

// assign records where an alias on the right of an assignment goes.
func (w *walk) assign(as *ast.AssignStmt, rhs ast.Node) {
	if as.Tok != token.ASSIGN && as.Tok != token.DEFINE {
		return // op-assignments compute new values (s += string(b) copies)
	}
	if len(as.Lhs) == len(as.Rhs) {
		for i, r := range as.Rhs {
			if r == rhs {
				w.store(as.Lhs[i], as)
			}
		}
		return
	}
	// A call returning several values: each may share the memory.
	for _, l := range as.Lhs {
		if holdsRef(w.typeOf(l)) {
			w.store(l, as)
		}
	}
}

// store records that target now shares the buffer's memory.
func (w *walk) store(target ast.Expr, at ast.Node) {
	info := w.t.pass.TypesInfo
	switch t := ast.Unparen(target).(type) {
	case *ast.Ident:
		if t.Name == "_" {
			return
		}
		v, _ := info.ObjectOf(t).(*types.Var)
		if v == nil {
			return
		}
		if !w.local(v) {
			w.escape(at, "stored in "+v.Name()+", which outlives it")
			return
		}
		if w.returns && exprs.IsNamedResult(info, w.region, v) {
			w.flow.Returned = true
			return
		}
		if holdsRef(v.Type()) {
			w.flow.Aliases[v] = true
		}
	case *ast.SelectorExpr:
		// A field of a local struct value keeps the buffer as long as the
		// struct lives; anything reached through a pointer may be shared.
		if root, ok := ast.Unparen(t.X).(*ast.Ident); ok {
			if v, ok := info.Uses[root].(*types.Var); ok {
				if _, isStruct := v.Type().Underlying().(*types.Struct); isStruct && w.local(v) {
					w.flow.Aliases[v] = true
					return
				}
				if w.flow.Aliases[v] {
					return // stored into the buffer itself
				}
			}
		}
		w.escape(at, "stored in "+types.ExprString(t))
	default:
		if root, ok := exprs.Root(info, t).(*types.Var); ok && w.flow.Aliases[root] {
			return
		}
		w.escape(at, "stored in "+types.ExprString(t))
	}
}

// holdsRef reports whether a value of type t can share memory with a
// buffer. Strings cannot: converting bytes to a string copies them.
func holdsRef(t types.Type) bool {
	return holdsRefSeen(t, nil)
}

var errorType = types.Universe.Lookup("error").Type()

func holdsRefSeen(t types.Type, seen map[types.Type]bool) bool {
	if t == nil {
		return true
	}
	if types.Identical(t, errorType) {
		return false // errors describe; fmt.Errorf and friends copy
	}
	switch u := types.Unalias(t).(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Tuple:
		for v := range u.Variables() {
			if holdsRefSeen(v.Type(), seen) {
				return true
			}
		}
		return false
	case *types.TypeParam:
		return true
	case *types.Named:
		if seen[u] {
			return false
		}
		if seen == nil {
			seen = make(map[types.Type]bool)
		}
		seen[u] = true
		return holdsRefSeen(u.Underlying(), seen)
	case *types.Array:
		return holdsRefSeen(u.Elem(), seen)
	case *types.Struct:
		for f := range u.Fields() {
			if holdsRefSeen(f.Type(), seen) {
				return true
			}
		}
		return false
	}
	return true // pointers, slices, maps, channels, functions, interfaces
}
