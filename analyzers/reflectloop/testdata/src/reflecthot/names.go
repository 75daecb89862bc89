package reflecthot

import "reflect"

type Rec struct {
	ID   int64
	Name string
	Tags []string
}

// A name that changes every iteration over a type that does not: each
// search is linear in the type's fields; in hot code, index them once.

func SetAll(r *Rec, vals map[string]any) {
	v := reflect.ValueOf(r).Elem()
	for k, val := range vals {
		v.FieldByName(k).Set(reflect.ValueOf(val)) // want `Value.FieldByName\(k\) in a hot loop searches the same type's fields by a name that changes every iteration \(a linear search, about 10× an indexed lookup\); index them by name once before the loop \(t := v.Type\(\); byName := make\(map\[string\]int\); for i := range t.NumField\(\) \{ byName\[t.Field\(i\).Name\] = i \}\) and use Value.Field\(i\); hot: [^;]*; no automatic fix: embedded fields \(FieldByName's promotion rules\) and where the index lives are choices the code must make$`
	}
}

func Columns(cols []string) []int {
	var idx []int
	for i := range cols {
		if f, ok := reflect.TypeFor[Rec]().FieldByName(cols[i]); ok { // want `Type.FieldByName\(cols\[i\]\) in a hot loop searches Rec's fields by a name that changes every iteration`
			idx = append(idx, f.Index[0])
		}
	}
	return idx
}

func Decode(dst any, keys []string) int {
	n := 0
	for _, k := range keys {
		if reflect.ValueOf(dst).Elem().FieldByName(k).IsValid() { // want `Value.FieldByName\(k\) in a hot loop searches the same type's fields by a name that changes`
			n++
		}
	}
	return n
}

func Call(r Rec, names []string) int {
	v := reflect.ValueOf(r)
	n := 0
	for _, name := range names {
		if v.MethodByName(name).IsValid() { // want `^Value.MethodByName\(name\) in a hot loop searches the same type's methods by a name that changes every iteration \(a binary search that, for a match, builds a reflect.Method with its func type, allocating; Value.Method\(i\) does neither\); index them by name once per type, not per call \(t.Method\(i\) builds each method's func type too\): keep a map\[reflect.Type\]map\[string\]int, filled for a new t := v.Type\(\) by for i := range t.NumMethod\(\) \{ byName\[t.Method\(i\).Name\] = i \}, and use Value.Method\(i\); hot: [^;]*; no automatic fix: where the cache lives and how it is guarded against concurrent use are design choices$`
			n++
		}
	}
	return n
}

// MethodByName on a concrete type is a binary search, not a linear one:
// what a match costs is the reflect.Method it builds, and an index built
// on every call would build every method's. The same advice in each
// shape: a function literal and an index loop, a field, a static type.

func callEach(v reflect.Value, names []string) int {
	count := func() int {
		n := 0
		for i := 0; i < len(names); i++ {
			if v.MethodByName(names[i]).IsValid() { // want `Value.MethodByName\(names\[i\]\) in a hot loop searches the same type's methods by a name that changes every iteration \(a binary search that, for a match, builds a reflect.Method .*; index them by name once per type, not per call`
				n++
			}
		}
		return n
	}
	return count()
}

// The names in a field, the value in a local.
type caller struct{ names []string }

func (c *caller) has(r *Rec) int {
	v := reflect.ValueOf(r)
	n := 0
	for _, name := range c.names {
		if v.MethodByName(name).IsValid() { // want `Value.MethodByName\(name\) in a hot loop searches the same type's methods by a name that changes every iteration \(a binary search.*filled for a new t := v.Type\(\) by`
			n++
		}
	}
	return n
}

func recMethods(names []string) int {
	n := 0
	for _, name := range names {
		if _, ok := reflect.TypeFor[Rec]().MethodByName(name); ok { // want `Type.MethodByName\(name\) in a hot loop searches Rec's methods by a name that changes every iteration \(a binary search.*once per type, not per call`
			n++
		}
	}
	return n
}

// Fields keep the linear search and the index built once before the
// loop: Type.Field(i) costs what FieldByName's match costs.
func setEach(r *Rec, vals []string, names []string) {
	set := func() {
		v := reflect.ValueOf(r).Elem()
		for i := range names {
			v.FieldByName(names[i]).SetString(vals[i]) // want `^Value.FieldByName\(names\[i\]\) in a hot loop searches the same type's fields by a name that changes every iteration \(a linear search, about 10× an indexed lookup\); index them by name once before the loop \(`
		}
	}
	set()
}

// Not flagged: a helper one call away searches once per call, outside
// any loop of its own; the loop that calls it is the caller's.
func hasMethod(v reflect.Value, name string) bool {
	return v.MethodByName(name).IsValid()
}

func countMethods(v reflect.Value, names []string) int {
	n := 0
	for _, name := range names {
		if hasMethod(v, name) {
			n++
		}
	}
	return n
}

// Not flagged: the profile never saw it run.
func SetAllCold(r *Rec, vals map[string]any) {
	v := reflect.ValueOf(r).Elem()
	for k, val := range vals {
		v.FieldByName(k).Set(reflect.ValueOf(val))
	}
}

// A fixed name on each element's reflect.TypeOf: a per-type cache.

func TypeIDs(xs []any) int {
	n := 0
	for _, x := range xs {
		if _, ok := reflect.TypeOf(x).FieldByName("ID"); ok { // want `Type.FieldByName\("ID"\) in a hot loop searches the fields of each element's type by name on every iteration .*\(t := reflect.TypeOf\(x\); idx, ok := cache\[t\];`
			n++
		}
	}
	return n
}

func PointeeIDs(xs []any) int {
	n := 0
	for _, x := range xs {
		if _, ok := reflect.TypeOf(x).Elem().FieldByName("ID"); ok { // want `Type.FieldByName\("ID"\) in a hot loop searches the fields of each element's type`
			n++
		}
	}
	return n
}

func LocalType(xs []any) int {
	n := 0
	for _, x := range xs {
		t := reflect.TypeOf(x)
		if _, ok := t.FieldByName("Name"); ok { // want `Type.FieldByName\("Name"\) in a hot loop searches the fields of each element's type`
			n++
		}
	}
	return n
}

func ValueType(xs []any) int {
	n := 0
	for _, x := range xs {
		if _, ok := reflect.ValueOf(x).Type().FieldByName("ID"); ok { // want `Type.FieldByName\("ID"\) in a hot loop searches the fields of each element's type`
			n++
		}
	}
	return n
}

// Not flagged: the profile never saw it run.
func TypeIDsCold(xs []any) int {
	n := 0
	for _, x := range xs {
		if _, ok := reflect.TypeOf(x).FieldByName("ID"); ok {
			n++
		}
	}
	return n
}
