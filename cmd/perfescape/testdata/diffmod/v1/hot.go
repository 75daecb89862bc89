// Package hot is the old version of the diff test's package.
package hot

type T struct{ a, b int }

var sink *T

// Keep allocates a T and a slice; v2 adds a second T.
func Keep(n int) int {
	t := &T{a: n}
	sink = t
	s := make([]int, n)
	return len(s)
}

// Sum leaves a bounds check per element.
func Sum(xs []int, idx []int) int {
	total := 0
	for _, i := range idx {
		total += xs[i]
	}
	return total
}

// Closure returns a closure that captures its counter.
func Closure() func() int {
	n := 0
	return func() int { n++; return n }
}
