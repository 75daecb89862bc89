package prealloc

// Recall classes (issue #20): a three-clause loop bounded by a field, and
// a range over an int appending an invariant slice.

type ring struct {
	size int
	vals []int
}

func (r *ring) at(i int) int { return r.vals[i] }

func (r *ring) collect() []int {
	var out []int // want `out grows by append in a loop of r.size iterations`
	for i := 0; i < r.size; i++ {
		out = append(out, r.vals[i])
	}
	return out
}

// Not flagged: the loop calls a method, which may change r.size.
func (r *ring) collectCalling() []int {
	var out []int
	for i := 0; i < r.size; i++ {
		out = append(out, r.at(i))
	}
	return out
}

// Not flagged: the loop writes the field.
func (r *ring) collectShrinking() []int {
	var out []int
	for i := 0; i < r.size; i++ {
		out = append(out, r.vals[i])
		if r.vals[i] < 0 {
			r.size--
		}
	}
	return out
}

func repeat(unit []byte, n int) []byte {
	var out []byte // want `out grows by append in a loop of n iterations .*slices.Grow\(out, max\(len\(unit\)\*n, 0\)\)`
	for range n {
		out = append(out, unit...)
	}
	return out
}

// Not flagged: the appended slice changes with the iteration.
func repeatEach(units [][]byte, n int) []byte {
	var out []byte
	for i := range n {
		out = append(out, units[i%len(units)]...)
	}
	return out
}
