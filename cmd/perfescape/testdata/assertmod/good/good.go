// Package good holds assertions that hold.
package good

// Buf is a small buffer.
type Buf struct {
	b []byte
	n int
}

// Len is inlinable.
//
//perf:inline
func (b *Buf) Len() int { return b.n }

// Sum allocates nothing.
//
//perf:noalloc
func Sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// First leaves no bounds check: the length test proves the index.
//
//perf:nobce,noalloc
func First(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	return xs[0]
}

// Use has both calls of its line inlined; len and the conversion are not
// calls.
func Use(b *Buf, xs []int) int {
	return b.Len() + Sum(xs) + len(xs) + int(int8(b.n)) //perf:inline
}

// Loop indexes within range.
func Loop(xs []int) int {
	s := 0
	for i := range xs {
		s += xs[i] //perf:nobce,noalloc
	}
	return s
}
