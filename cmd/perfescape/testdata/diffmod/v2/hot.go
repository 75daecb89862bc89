// Package hot is the new version of the diff test's package.
package hot

// limit and Clamp are new in v2: they move every line below them, and
// allocate nothing.
const limit = 100

// Clamp bounds x by limit.
func Clamp(x int) int {
	if x > limit {
		return limit
	}
	return x
}

type T struct{ a, b int }

var sink *T

// Keep allocates a T and a slice; v2 adds a second T.
func Keep(n int) int {
	t := &T{a: n}
	sink = t
	u := &T{b: n}
	sink = u
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
