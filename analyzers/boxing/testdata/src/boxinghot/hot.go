// Package boxinghot holds conversions to interfaces that boxing reports
// only with evidence of heat: under -escape, those the compiler moves to
// the heap (with its reason); never those it keeps on the stack.
package boxinghot

import (
	"fmt"
	"log/slog"
)

type Point struct{ X, Y, Z float64 }

var kept []any

// keep stores its argument: every value passed escapes.
func keep(v any) { kept = append(kept, v) }

// size does not keep its argument: the compiler keeps it on the stack.
func size(v any) int {
	if _, ok := v.(Point); ok {
		return 24
	}
	return 0
}

func Render(ps []Point) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprint(p)) // want `converting Point to any in a hot loop allocates on every iteration \(24 bytes\) unless the compiler keeps it on the stack; fmt.Sprint requires any; the cost is one allocation \(24 bytes\) per item: format fewer values per item, or batch them; the compiler confirms it escapes to the heap \(slice-literal-element: ... argument\); hot: [0-9.]+% of CPU in Render, [0-9.]+% in this loop; no automatic fix: avoiding the conversion changes a type or the function called, not just this expression$`
	}
	return out
}

func Keep(ps []Point) {
	for _, p := range ps {
		keep(p) // want `converting Point to any .*; keep appends it to kept, a \[\]any: a type parameter would box it there all the same; the cost is one allocation \(24 bytes\) per item, unless kept gets a concrete type; the compiler confirms it escapes to the heap`
	}
}

func Sizes(ps []Point) int {
	n := 0
	for _, p := range ps {
		n += size(p) // stays on the stack: size does not keep p
	}
	return n
}

func Log(l *slog.Logger, ns []int) {
	for _, n := range ns {
		l.Info("item", "n", n) // want `converting int to any .*; pass typed attributes \(slog.Int, slog.String, slog.Bool, slog.Duration\) with LogAttrs`
	}
}

func Docs(ns []int) []map[string]any {
	var out []map[string]any
	for _, n := range ns {
		out = append(out, map[string]any{"n": n}) // want `converting int to any .*; each map\[string\]any literal boxes its elements again`
	}
	return out
}

// machine is an interpreter whose value stack holds several types by
// design: the finding says what removing the boxing takes, not "retype".
type machine struct{ stack []any }

func Run(m *machine, code []byte, ps []Point) {
	for i, c := range code {
		switch c {
		case 'i':
			m.stack = append(m.stack, i) // want `converting int to any in a hot loop allocates on every iteration \(8 bytes when the value is outside 0 to 255, which the runtime keeps as static data\) unless the compiler keeps it on the stack; m.stack holds values of 3 types \(int, float64, Point\), so the cost is one allocation \(8 bytes\) per item: to remove it, keep a typed container per kind \(a sum type\) or give each caller a generic helper; the compiler confirms it escapes to the heap \(.*\); hot: .*; no automatic fix: m.stack holds several types by design, retyping it is no answer$`
		case 'f':
			m.stack = append(m.stack, float64(i)/2) // want `converting float64 to any .*; m.stack holds values of 3 types`
		case 'p':
			m.stack = append(m.stack, ps[i]) // want `converting Point to any .* \(24 bytes\) .*; m.stack holds values of 3 types`
		}
	}
}

// Not reported: the stack is passed to a function that may add other
// types, so the types it holds cannot be counted.
func RunPassed(code []byte) int {
	var stack []any
	for i := range code {
		stack = append(stack, i)
		stack = append(stack, float64(i))
	}
	return depth(stack)
}

func depth(s []any) int { return len(s) }

func Once(p Point) string {
	return fmt.Sprint(p) // not in a loop
}

// keep2 and keepAll are inlined into their callers; each argument still
// gets the compiler's verdict at its own position.
func keep2(a, b any) { kept = append(kept, a, b) }

func keepAll(vs ...any) { kept = append(kept, vs...) }

// count keeps nothing: its variadic arguments stay on the stack.
func count(vs ...any) int { return len(vs) }

func Several(ps []Point, ns []int) {
	for i, p := range ps {
		keep2(p, ns[i]) // want `converting Point to any .*; the compiler confirms it escapes to the heap` `converting int to any .*; the compiler confirms it escapes to the heap`
	}
}

func Variadic(ps []Point) {
	for i, p := range ps {
		keepAll(p.X, p.Y+1, ps[i]) // want `converting float64 to any .*; the compiler confirms it escapes to the heap` `converting float64 to any .*; the compiler confirms it escapes to the heap` `converting Point to any .*; the compiler confirms it escapes to the heap`
	}
}

func Printed(ps []Point) {
	for _, p := range ps {
		fmt.Println(p.X, Point{X: p.Y}) // want `converting float64 to any .*; the compiler confirms it escapes to the heap` `converting Point to any .*; the compiler confirms it escapes to the heap`
	}
}

func Counted(ps []Point) int {
	n := 0
	for i, p := range ps {
		n += count(p.X, p, ps[i], Point{Y: p.Z}) // stays on the stack: count keeps nothing
	}
	return n
}
