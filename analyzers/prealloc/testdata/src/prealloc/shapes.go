package prealloc

// Issue #32: shapes of the classes found missing on code written apart
// from these fixtures. Each must-flag shape has a must-not twin below it.

type conn struct {
	ID   int64
	Name string
}

// A map filled once per element, keyed by a field of the element, in an
// index loop, holding a pointer to the element.
func indexByID(cs []conn) map[int64]*conn {
	byID := make(map[int64]*conn) // want `byID gets a new entry in a loop of len\(cs\) iterations`
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	return byID
}

// Twin: the key is not the element's (a field of another slice, which
// may repeat).
func indexByOther(cs []conn, owners []conn) map[int64]*conn {
	byOwner := make(map[int64]*conn)
	for i := range cs {
		byOwner[owners[0].ID] = &cs[i]
	}
	return byOwner
}

// The same through a pointer to the element taken in the body.
func indexByName(cs []conn) map[string]*conn {
	byName := map[string]*conn{} // want `byName gets a new entry in a loop of len\(cs\) iterations`
	for i := range cs {
		c := &cs[i]
		byName[c.Name] = c
	}
	return byName
}

// Twin: the pointer is to a fixed element, so every key is the same.
func indexByFirstName(cs []conn) map[string]*conn {
	byName := map[string]*conn{}
	for i := range cs {
		c := &cs[0]
		byName[c.Name] = &cs[i]
	}
	return byName
}

// A counted loop over the index, the key the element's field.
func indexCounted(cs []conn) map[int64]int {
	pos := map[int64]int{} // want `pos gets a new entry in a loop of len\(cs\) iterations`
	for i := 0; i < len(cs); i++ {
		pos[cs[i].ID] = i
	}
	return pos
}

// Twin: a counted loop that skips elements (i += 2) keys only half.
func indexCountedSkipping(cs []conn) map[int64]int {
	pos := map[int64]int{}
	for i := 0; i < len(cs); i += 2 {
		pos[cs[i].ID] = i
	}
	return pos
}

// A map keyed by the element itself, through the index.
func setOfIndexed(names []string) map[string]bool {
	seen := make(map[string]bool) // want `seen gets a new entry in a loop of len\(names\) iterations`
	for i := range names {
		seen[names[i]] = true
	}
	return seen
}

// Twin: keyed by a neighbour, which the next iteration keys again.
func setOfNeighbours(names []string) map[string]bool {
	seen := make(map[string]bool)
	for i := range names {
		seen[names[i/2]] = true
	}
	return seen
}

// A []byte grown by a variadic append of a loop-invariant slice in a
// for range width: capacity width*len(unit).
func repeatUnit(unit []byte, width int) []byte {
	var line []byte // want `line grows by append in a loop of width iterations .*slices.Grow\(line, max\(len\(unit\)\*width, 0\)\)`
	for range width {
		line = append(line, unit...)
	}
	return line
}

// Twin: the unit changes in the loop, so its length is not known before.
func repeatGrowingUnit(unit []byte, width int) []byte {
	var line []byte
	for range width {
		line = append(line, unit...)
		unit = append(unit, '.')
	}
	return line
}

// The same with a string unit and a three-clause loop.
func padTo(unit string, width int) []byte {
	buf := []byte{} // want `buf grows by append in a loop of width iterations .*preallocate with make\(\[\]byte, 0, max\(len\(unit\)\*width, 0\)\)`
	for i := 0; i < width; i++ {
		buf = append(buf, unit...)
	}
	return buf
}

// Twin: the buffer is grown before the loop too, so width*len(unit) is
// not its size.
func padAfter(prefix, unit string, width int) []byte {
	buf := []byte{}
	buf = append(buf, prefix...)
	for i := 0; i < width; i++ {
		buf = append(buf, unit...)
	}
	return buf
}

// The unit a field of a parameter, the loop a range over a slice.
type style struct{ sep []byte }

func joinRows(s style, rows [][]byte) []byte {
	var out []byte // want `out grows by append in a loop of len\(rows\) iterations .*slices.Grow\(out, len\(s.sep\)\*len\(rows\)\)`
	for range rows {
		out = append(out, s.sep...)
	}
	return out
}

// Twin: the unit is the row, whose length differs per iteration.
func joinRowsThemselves(rows [][]byte) []byte {
	var out []byte
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// Made with make but no capacity, the rows of a grid: each row is fresh
// per outer iteration, so its size is the inner loop's.
func grid(unit []byte, width, height int) [][]byte {
	rows := make([][]byte, 0, height)
	for range height {
		row := make([]byte, 0) // want `row grows by append in a loop of width iterations .*preallocate with make\(\[\]byte, 0, max\(len\(unit\)\*width, 0\)\)`
		for range width {
			row = append(row, unit...)
		}
		rows = append(rows, row)
	}
	return rows
}

// Twin: one row grown across both loops; its size is a product.
func gridFlat(unit []byte, width, height int) []byte {
	row := make([]byte, 0)
	for range height {
		for range width {
			row = append(row, unit...)
		}
	}
	return row
}
