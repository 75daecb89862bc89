package boxinghot

// The package's own helpers that keep their interface parameter as an
// interface (appended to a slice, stored in a map, field or variable,
// sent on a channel): a type parameter on the helper would box the value
// at that store all the same, so the message names the container instead
// of advising a generic helper.

// vm is an interpreter whose push keeps each operand on its []any stack.
type vm struct{ stack []any }

func (m *vm) push(v any) { m.stack = append(m.stack, v) }

func Interpret(m *vm, code []byte) {
	for i := 0; i < len(code); i++ {
		m.push(i * 1000) // want `converting int to any in a hot loop allocates on every iteration \(8 bytes when the value is outside 0 to 255, which the runtime keeps as static data\) unless the compiler keeps it on the stack; vm.push appends it to m.stack, a \[\]any: a type parameter would box it there all the same; the cost is one allocation \(8 bytes\) per item, unless m.stack gets a concrete type; the compiler confirms it escapes to the heap`
	}
}

var registry = map[string]any{}

func register(name string, v any) { registry[name] = v }

func RegisterAll(ps []Point) {
	for _, p := range ps {
		register("p", p) // want `converting Point to any .*; register stores it in registry, a map\[string\]any: a type parameter would box it there all the same`
	}
}

var latest any

func remember(v any) { latest = v }

func RememberAll(ps []Point) {
	for i := range ps {
		remember(ps[i]) // want `converting Point to any .*; remember stores it in latest, an any: a type parameter would box it there all the same`
	}
}

type bus struct{ events chan any }

func (b *bus) emit(v any) { b.events <- v }

func Publish(b *bus, ps []Point) {
	func() {
		for _, p := range ps {
			b.emit(p) // want `converting Point to any .*; bus.emit sends it on b.events, a chan any: a type parameter would box it there all the same`
		}
	}()
}

// note keeps its argument in a local slice it then hands on: what the
// local does next is not followed, so the advice stays the helper's.
func note(v any) { var local []any; local = append(local, v); keepAll(local...) }

func NoteAll(ps []Point) {
	for _, p := range ps {
		note(p) // want `converting Point to any .*; note takes an interface: make it generic`
	}
}

// path is a chain of keys, each a name or an index.
type path struct {
	prev *path
	key  any
}

func (p *path) withKey(key any) *path { return &path{prev: p, key: key} }

func (p *path) withIndex(i any) path { return path{p, i} }

func Walk(p *path, names []string) []*path {
	var out []*path
	for _, n := range names {
		out = append(out, p.withKey(n)) // want `converting string to any .*; path.withKey stores it in path.key, an any: a type parameter would box it there all the same; the cost is one allocation \(16 bytes\) per item, unless path.key gets a concrete type`
	}
	for i := range names {
		out = append(out, new(p.withIndex(i+1000))) // want `converting int to any .*; path.withIndex stores it in path.key, an any: a type parameter would box it there all the same`
	}
	return out
}

// label keeps its argument in a field of a concrete type and hands the
// value to another function: no struct of its own holds it as an
// interface, so a type parameter on newLabel is advice worth giving.
type label struct{ text string }

func newLabel(v any) label {
	keep(v)
	return label{text: "point"}
}

func Labels(ps []Point) []label {
	var out []label
	for _, p := range ps {
		out = append(out, newLabel(p)) // want `converting Point to any .*; newLabel takes an interface: make it generic`
	}
	return out
}
