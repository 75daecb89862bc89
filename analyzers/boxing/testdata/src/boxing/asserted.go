package boxing

// parse is a pre-generics helper: every caller gets []any back.
func parse(n int, conv func(int) any) []any {
	out := make([]any, 0, n)
	for i := range n {
		out = append(out, conv(i))
	}
	return out
}

func sumPoints(n int) float64 {
	items := parse(n, func(i int) any { return Point{X: float64(i)} })
	var total float64
	for _, it := range items { // want `every element of items is used only as Point: storing them as interfaces cost an allocation each \(24 bytes\) and every read a type check; store them as \[\]Point, or make the code generic; no automatic fix: retyping items changes every place that fills it and every assertion on it`
		p := it.(Point)
		total += p.X
	}
	return total
}

func sumMap(names []string) int {
	m := make(map[string]any)
	for _, n := range names {
		m[n] = len(n) // want `converting int to any .*; every value stored in m is an int, so make m a map\[string\]int; no automatic fix: retyping m changes every use of it`
	}
	total := 0
	for _, v := range m { // want `every element of m is used only as int: .* store them as a map of int`
		total += v.(int)
		if n, ok := v.(int); ok && n > 10 {
			total++
		}
	}
	return total
}

func anyItems(n int) []any { return parse(n, func(i int) any { return i }) }

// Not flagged: a parameter's elements may come from another package.
func fromCaller(items []any) int {
	n := 0
	for _, it := range items {
		n += it.(int)
	}
	return n
}

// Not flagged: a comma-ok assertion may be filtering mixed elements.
func filter(n0 int) []string {
	items := anyItems(n0)
	var out []string
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Not flagged: several types.
func mixed(n0 int) int {
	items := anyItems(n0)
	n := 0
	for _, it := range items {
		switch v := it.(type) {
		case int:
			n += v
		case string:
			n += len(v)
		}
	}
	return n
}

// Not flagged: the element is also used as an interface.
func passedOn(n0 int, f func(any)) {
	items := anyItems(n0)
	for _, it := range items {
		_ = it.(int)
		f(it)
	}
}

// Not flagged: pointers are stored in the interface word without boxing.
func pointers(n0 int) int {
	items := anyItems(n0)
	n := 0
	for _, it := range items {
		n += it.(*Point).Z2()
	}
	return n
}

func (p *Point) Z2() int { return int(p.Z) }

// Not flagged: not the empty interface.
type shape interface{ Area() float64 }

type square struct{ side float64 }

func (s square) Area() float64 { return s.side * s.side }

func areas(shapes []shape) float64 {
	var total float64
	for _, s := range shapes {
		total += s.(square).side
	}
	return total
}

// A type switch's variable holds what the interface held, filled by
// whoever built it (a protocol reader of another package): nothing here
// stores interfaces, so nothing here can retype them.
func payloadStrings(reply any) []string {
	switch payload := reply.(type) {
	case []any:
		ss := make([]string, len(payload))
		for i, s := range payload {
			ss[i] = s.(string)
		}
		return ss
	}
	return nil
}
