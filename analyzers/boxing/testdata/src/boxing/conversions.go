package boxing

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"log"
	"sync"
)

type Point struct{ X, Y, Z float64 }

type ptrBox struct{ p *Point }

type empty struct{}

type flag bool

type record struct {
	Value any
	Name  string
}

var registry []any

// Flagged: a slice, map, channel, field or package variable of interface type
// outlives the iteration.

func appendPoints(ps []Point) int {
	out := make([]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, p) // want `converting Point to any in a loop allocates on every iteration \(24 bytes\); every value appended to out is a Point, so make out a \[\]Point; no automatic fix: retyping out changes every use of it`
	}
	return len(out)
}

func storeInMap(names []string, ps []Point) int {
	m := make(map[string]any)
	for i, name := range names {
		m[name] = ps[i] // want `converting Point to any in a loop allocates on every iteration \(24 bytes\); every value stored in m is a Point, so make m a map\[string\]Point; no automatic fix: retyping m changes every use of it`
	}
	return len(m)
}

func storeInSlice(xs []int) int {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x // want `converting int to any in a loop allocates on every iteration \(8 bytes when the value is outside 0 to 255, which the runtime keeps as static data\); every value stored in out is an int, so make out a \[\]int; no automatic fix: retyping out changes every use of it`
	}
	return len(out)
}

// An integer wider than a byte is boxed without allocating when its value
// is from 0 to 255 (runtime.convT16/32/64 point into static data): the
// message says so, in each shape; other types of the same size do not get
// the note.

type Index int

func indexAll(n int) int {
	return apply(func() int {
		out := make([]any, n)
		for i := 0; i < n; i++ {
			out[i] = Index(i) // want `converting Index to any in a loop allocates on every iteration \(8 bytes when the value is outside 0 to 255, which the runtime keeps as static data\); every value stored in out is an Index`
		}
		return len(out)
	})
}

// apply is not inlined, so neither is the literal it calls: the compiler
// reports the box on the literal's own line.
//
//go:noinline
func apply(f func() int) int { return f() }

type seen struct {
	ports []any
	temps []any
}

func (s *seen) add(ports []uint16, temps []float64) {
	for _, p := range ports {
		s.ports = append(s.ports, p) // want `converting uint16 to any in a loop allocates on every iteration \(2 bytes when the value is outside 0 to 255, which the runtime keeps as static data\); every value appended to s.ports is a uint16`
	}
	for i := range temps {
		s.temps = append(s.temps, temps[i]) // want `converting float64 to any in a loop allocates on every iteration \(8 bytes\); every value appended to s.temps is a float64`
	}
}

func (s *seen) count() int { return len(s.ports) + len(s.temps) }

func int32Keys(xs []int32) int {
	m := map[any]bool{}
	for _, x := range xs {
		m[x] = true // want `converting int32 to any in a loop allocates on every iteration \(4 bytes when the value is outside 0 to 255, which the runtime keeps as static data\); every key of m is an int32`
	}
	return len(m)
}

func sendBoxed(xs []float64) float64 {
	ch := make(chan any, len(xs))
	for _, x := range xs {
		ch <- x // want `converting float64 to any .*; every value sent on ch is a float64, so make ch a chan float64; no automatic fix: retyping ch changes every use of it`
	}
	close(ch)
	var total float64
	for v := range ch {
		total += v.(float64)
	}
	return total
}

type slot struct{ value any }

func fieldStore(slots []*slot, names []string) {
	for i, s := range slots {
		s.value = names[i] // want `converting string to any in a loop allocates on every iteration \(16 bytes\); every value stored in s.value is a string, so declare s.value as string; no automatic fix: retyping s\.value changes every use of it`
	}
}

// Not flagged: containers whose interface type is another package's
// contract, or part of this package's exported API.

func exportedField(rs []*record, names []string) {
	for i, r := range rs {
		r.Value = names[i] // record.Value is exported
	}
}

func packageVar(xs [][]byte) {
	for _, x := range xs {
		registry = append(registry, x) // a package variable
	}
}

func formatArgs(ps []Point) {
	args := make([]any, 0, len(ps))
	for _, p := range ps {
		args = append(args, p) // args goes to fmt
	}
	fmt.Println(args...)
}

// Not flagged: a returned container may be extended, or needed as []any, by
// callers.
func Exported(ps []Point) []any {
	var out []any
	for _, p := range ps {
		out = append(out, p)
	}
	return out
}

func decoded(doc map[string]any, names []string) {
	for _, n := range names {
		doc[n] = len(n) // a parameter: the caller may have it from a decoder
	}
}

// Not flagged: the sink of a benchmark, or a value kept only until the next
// iteration.
var last any

func overwritten(xs []string) {
	for _, x := range xs {
		last = x
	}
}

// Not flagged: interfaces with methods are the program's design.
type shaper interface{ Area() float64 }

type rect struct{ W, H float64 }

func (r rect) Area() float64 { return r.W * r.H }

func shapes(rs []rect) []shaper {
	var out []shaper
	for _, r := range rs {
		out = append(out, r)
	}
	return out
}

// Not flagged: E is a type parameter, not an interface value.
func collect[E any](dst []E, x E, n int) []E {
	for range n {
		dst = append(dst, x)
	}
	return dst
}

func collectStrings(xs []string) []string {
	var out []string
	for _, x := range xs {
		out = collect(out, x, 1)
	}
	return out
}

func explicit(ps []Point) int {
	var out []any
	for _, p := range ps {
		out = append(out, any(p)) // want `converting Point to any .*; every value appended to out is a Point`
	}
	return len(out)
}

func literalElements(ps []Point) []record {
	var out []record
	for _, p := range ps {
		out = append(out, record{Value: p, Name: "p"}) // not followed: a literal's fields
	}
	return out
}

func mapKeys(ps []Point) int {
	counts := make(map[any]int)
	for _, p := range ps {
		counts[p]++ // want `converting Point to any .*; every key of counts is a Point, so make counts a map\[Point\]int; no automatic fix: retyping counts changes every use of it`
	}
	return len(counts)
}

// Not flagged: the standard containers take any by contract.
func stdContainers(l *list.List, m *sync.Map, ps []Point) {
	for i, p := range ps {
		l.PushBack(p)
		m.Store(i, p)
	}
}

func contextValues(ctx context.Context, ids []int64) context.Context {
	type key struct{}
	for _, id := range ids {
		ctx = context.WithValue(ctx, key{}, id)
	}
	return ctx
}

type bag struct{ items []any }

func (b *bag) add(v any) { b.items = append(b.items, v) }

func (b *bag) addAll(vs ...any) { b.items = append(b.items, vs...) }

func (b *bag) forward(v any) { b.add(v) }

func localKeepers(b *bag, xs []string) {
	for _, x := range xs {
		b.add(x) // not followed: what a callee keeps
		b.addAll(x, x)
		b.forward(x)
	}
}

// Not flagged.

func pointerShaped(ps []Point, out []any) {
	for i := range ps {
		out[i] = &ps[i]         // a pointer is the interface's data word
		out[i] = ptrBox{&ps[i]} // so is a struct of one pointer
		out[i] = empty{}        // zero-sized
		out[i] = flag(true)     // one byte: served from static data
		out[i] = byte(i)        // one byte
	}
}

func constants(out []any) {
	for i := range out {
		out[i] = 42                // constant: static data
		out[i] = "name"            // constant
		out[i] = Point{X: 1, Y: 2} // literal of constants: static data
	}
}

func localInterface(ps []Point) float64 {
	var total float64
	for _, p := range ps {
		var v any = p // stays on the stack: a local interface
		if q, ok := v.(Point); ok {
			total += q.X
		}
	}
	return total
}

func formatting(ps []Point) {
	for _, p := range ps {
		fmt.Println(p) // formatting costs more than the boxing
		log.Printf("%v", p)
	}
}

func errorsAreValues(xs []int) []error {
	var errs []error
	for range xs {
		errs = append(errs, errors.New("x"))
	}
	return errs
}

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint(e.code) }

func errorTypes(codes []int, out []any) {
	for i, c := range codes {
		out[i] = codeErr{c} // an error value
	}
}

func panics(xs []Point) {
	for _, x := range xs {
		if x.X < 0 {
			panic(x)
		}
	}
}

func cold(p Point) []any {
	var out []any
	for range 3 {
		out = append(out, p) // a loop of at most 4 iterations
	}
	return out
}

func outsideLoop(p Point) []any { return []any{p} }

func returned(ps []Point) any {
	for _, p := range ps {
		if p.X > 0 {
			return p // runs once per call
		}
	}
	return nil
}

func unknownCallee(f func(any), ps []Point, s fmt.Stringer) {
	for _, p := range ps {
		f(p) // the callee is not known
	}
}

func keepsNothing(v any) bool { _, ok := v.(Point); return ok }

func notKept(ps []Point) int {
	n := 0
	for _, p := range ps {
		if keepsNothing(p) { // stays on the stack: keepsNothing does not keep v
			n++
		}
	}
	return n
}

func localArray(ps []Point) {
	for _, p := range ps {
		var arr [2]any
		arr[0] = p // stays on the stack: a local array
		_ = arr
	}
}

func generic[T any](xs []T) []any {
	var out []any
	for _, x := range xs {
		out = append(out, x) // the shape of T decides
	}
	return out
}

var cache sync.Map

// Not flagged: the conversion is followed by a return, so it runs once per
// call.
func lookup(keys []Point, want float64) any {
	for _, k := range keys {
		if k.X == want {
			v, _ := cache.LoadOrStore(k, k.Y)
			return v
		}
	}
	return nil
}

// Not flagged: an exported field of an element is another package's view.
func exportedFieldOfElement(names []string) []record {
	rs := make([]record, len(names))
	for i, n := range names {
		rs[i].Value = n
	}
	return rs
}

// Not flagged: the container holds values of several types, so the
// interface is its element type by design.
func heterogeneous(ps []Point, names []string) []any {
	var out []any
	for i, p := range ps {
		out = append(out, p)
		out = append(out, names[i])
	}
	return out
}

// Not flagged: the container is filled by a function that may store other
// types.
func filledElsewhere(ps []Point) []any {
	out := make([]any, 0, len(ps))
	for _, p := range ps {
		out = append(out, p)
	}
	fill(out)
	return out
}

func fill(xs []any) {
	for i := range xs {
		xs[i] = i
	}
}
