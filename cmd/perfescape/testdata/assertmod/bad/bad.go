// Package bad holds assertions the compiler contradicts.
package bad

import "fmt"

// T is a value.
type T struct{ n int }

// New returns its value on the heap.
//
//perf:noalloc
func New(n int) *T {
	return &T{n: n}
}

// Describe allocates through fmt.Errorf, which is inlined here.
//
//perf:noalloc
func Describe(n int) error {
	return fmt.Errorf("n=%d", n)
}

// Big is too complex to inline.
//
//perf:inline
func Big(xs []int) int {
	s := 0
	for i := range xs {
		switch {
		case xs[i] > 10:
			s += xs[i] * 3
		case xs[i] > 5:
			s -= xs[i] / 2
		case xs[i] < 0:
			s ^= xs[i] << 1
		case xs[i] == 3:
			s |= xs[i] * xs[len(xs)-1-i]
		case xs[i] == 4:
			s &= xs[i] + xs[(i+1)%len(xs)]
		default:
			s += len(xs) - i
		}
	}
	return s
}

// At indexes without a check of its own.
//
//perf:nobce
func At(xs []int, i int) int { return xs[i] }

// Calls asserts both calls inlined; Big is not.
func Calls(xs []int, f func() int) int {
	return Big(xs) + At(xs, 0) + f() //perf:inline
}

// Line asserts one line.
func Line(xs []int, n int) []int {
	ys := make([]int, n)     //perf:noalloc
	return append(ys, xs[n]) //perf:nobce
}
