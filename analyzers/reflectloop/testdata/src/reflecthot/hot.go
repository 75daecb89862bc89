// Package reflecthot holds lookups by a constant name on each element's
// dynamic type, which reflectloop reports only where a profile shows the
// loop hot.
package reflecthot

import "reflect"

func IDs(xs []any) int64 {
	var total int64
	for _, x := range xs {
		if f := reflect.ValueOf(x).FieldByName("ID"); f.IsValid() { // want `Value.FieldByName\("ID"\) in a hot loop searches the fields of each element's type by name on every iteration \(a linear search, about 10× an indexed lookup\); cache the index per type in a map\[reflect.Type\]\[\]int \(t := reflect.ValueOf\(x\).Type\(\); idx, ok := cache\[t\]; if !ok \{ f, _ := t.FieldByName\("ID"\); idx = f.Index; cache\[t\] = idx \}\) and use Value.FieldByIndex\(idx\); hot: [^;]*; no automatic fix: where the cache lives and how it is guarded against concurrent use are design choices$`
			total += f.Int()
		}
	}
	return total
}

func Closers(xs []any) int {
	n := 0
	for _, x := range xs {
		if reflect.ValueOf(x).MethodByName("Close").IsValid() { // want `Value.MethodByName\("Close"\) in a hot loop searches the methods of each element's type by name on every iteration \(a binary search that, for a match, builds a reflect.Method with its func type, allocating; Value.Method\(i\) does neither\); .* map\[reflect.Type\]int .*m, _ := t.MethodByName\("Close"\); idx = m.Index.* and use Value.Method\(idx\)`
			n++
		}
	}
	return n
}

// Not flagged: the name changes with the element.
func Named(xs []any, names []string) int {
	n := 0
	for i, x := range xs {
		if reflect.ValueOf(x).FieldByName(names[i]).IsValid() {
			n++
		}
	}
	return n
}
