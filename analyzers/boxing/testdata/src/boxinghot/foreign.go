package boxinghot

// Containers the package does not own: their type is the caller's, so
// rule 1 cannot count what they hold; in hot code each boxing is reported
// with the signature change that removes it.

type Record struct {
	Name string
	Val  any
	S    Shape
}

type Shape interface{ Area() float64 }

type Circle struct{ R float64 }

func (c Circle) Area() float64 { return 3 * c.R * c.R }

func Fill(out []any, ps []Point) {
	for i, p := range ps {
		out[i] = p // want `converting Point to any in a hot loop allocates on every iteration \(24 bytes\) unless the compiler keeps it on the stack; out is a parameter, so its type is the caller's: take a \[\]Point \(or make the function generic over the element type\), so callers that hold Point values pass them unboxed; the compiler confirms it escapes to the heap .*; no automatic fix: the container's type is part of the function's signature$`
	}
}

func FillTyped(out []Point, ps []Point) {
	for i, p := range ps {
		out[i] = p // a typed slice: nothing boxed
	}
}

func FillPointers(out []any, ps []Point) {
	for i := range ps {
		out[i] = &ps[i] // a pointer is stored in the interface word: no allocation
	}
}

func Add(out []any, ps []Point) []any {
	for _, p := range ps {
		out = append(out, Point{X: p.Y, Y: p.X}) // want `converting Point to any .*; out is a parameter, so its type is the caller's: take a \[\]Point`
	}
	return out
}

func AddConstant(out []any, ps []Point) []any {
	for range ps {
		out = append(out, Point{1, 2, 3}) // a literal of constants: read-only data
	}
	return out
}

func Index(m map[string]any, names []string, ps []Point) {
	for i, p := range ps {
		m[names[i]] = p // want `converting Point to any .*; m is a parameter, so its type is the caller's: take a map\[string\]Point`
	}
}

func Keys(m map[any]bool, ps []Point) {
	for _, p := range ps {
		m[p] = true // want `converting Point to any .*; m is a parameter, so its type is the caller's: take a map\[Point\]bool`
	}
}

func Send(ch chan<- any, ps []Point) {
	for _, p := range ps {
		ch <- p // want `converting Point to any .*; ch is a channel, so its type is the caller's: send on a typed channel \(chan<- Point\) or batch the values into one send`
	}
}

func SendTyped(ch chan<- Point, ps []Point) {
	for _, p := range ps {
		ch <- p // a typed channel: nothing boxed
	}
}

// Stream returns its channel: the receivers are the caller's.
func Stream(ps []Point) <-chan any {
	ch := make(chan any)
	go func() {
		for _, p := range ps {
			ch <- p // want `converting Point to any .*; ch is a channel, so its type is the caller's: send on a typed channel \(chan Point\)`
		}
		close(ch)
	}()
	return ch
}

func Tag(rs []Record, ps []Point) {
	for i := range rs {
		rs[i].Val = ps[i] // want `converting Point to any .*; rs\[i\].Val is a field of rs, a parameter, so its type is the caller's: give the field the type Point, or make its struct generic over it`
	}
}

func Shapes(rs []Record, radii []float64) {
	for i, r := range radii {
		rs[i].S = Circle{R: r} // want `converting Circle to Shape .*; rs\[i\].S is a field of rs, a parameter, so its type is the caller's: give the field the type Circle`
	}
}

func TagOnce(rs []Record, p Point) {
	rs[0].Val = p // not in a loop
}

// Each fills the caller's slice from a closure: still the caller's type.
func Each(out []any, ps []Point) []any {
	apply(func() {
		for _, p := range ps {
			out = append(out, p) // want `converting Point to any .*; out is a parameter`
		}
	})
	return out
}

func apply(f func()) { f() }

type Sink struct{ Items []any }

func (s *Sink) Put(ps []Point) {
	for _, p := range ps {
		s.Items = append(s.Items, p) // want `converting Point to any .*; s.Items is a field of s, a parameter`
	}
}

// Owned locals stay with rule 1 (RunPassed: a local passed on stays silent).
func Local(ps []Point) int {
	var all []any
	for _, p := range ps {
		all = append(all, p)
	}
	return depth(all)
}

func Sum(vs []any) float64 {
	t := 0.0
	for _, v := range vs { // want `every element of vs is used only as float64, in a hot loop: each was boxed by the caller \(an allocation each, 8 bytes\) and every read here is a type check; take a \[\]float64 parameter, or make the function generic over the element type; hot: .*; no automatic fix: retyping the parameter changes every caller$`
		t += v.(float64)
	}
	return t
}

func SumFiltered(vs []any) float64 {
	t := 0.0
	for _, v := range vs {
		if f, ok := v.(float64); ok { // a filter over mixed elements
			t += f
		}
	}
	return t
}

func Lens(vs map[string]any) int {
	n := 0
	for _, v := range vs { // want `every element of vs is used only as Point, in a hot loop: .*take a map\[string\]Point parameter`
		n += int(v.(Point).X)
	}
	return n
}

func Described(vs []any) []string {
	var out []string
	for _, v := range vs {
		out = append(out, describe(v)) // used as an interface
	}
	return out
}

func describe(v any) string {
	if _, ok := v.(Point); ok {
		return "point"
	}
	return "other"
}
