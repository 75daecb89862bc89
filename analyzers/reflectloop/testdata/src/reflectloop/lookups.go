package reflectloop

import "reflect"

type Rec struct {
	ID   int
	Name string
	Z    int
	tags []string
}

func (Rec) Describe() string { return "rec" }

func fieldByNameStatic(rs []Rec) int64 {
	var total int64
	for i := range rs {
		total += reflect.ValueOf(&rs[i]).Elem().FieldByName("Z").Int() // want `Value.FieldByName\("Z"\) in a loop searches Rec's fields by name on every iteration`
	}
	return total
}

func fieldByNameInvariantName(rs []Rec, name string) int64 {
	var total int64
	for _, r := range rs {
		total += reflect.ValueOf(r).FieldByName(name).Int() // want `Value.FieldByName\(name\) in a loop searches Rec's fields`
	}
	return total
}

func typeLookupSameType(t reflect.Type, names []string, n int) int {
	found := 0
	for range n {
		if _, ok := t.FieldByName("ID"); ok { // want `Type.FieldByName\("ID"\) in a loop searches the same type's fields by name on every iteration \(a linear search, about 10× an indexed lookup\)`
			found++
		}
	}
	return found
}

func methodByName(rs []Rec) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		m := reflect.ValueOf(r).MethodByName("Describe") // want `Value.MethodByName\("Describe"\) in a loop searches Rec's methods by name on every iteration \(a binary search that, for a match, builds a reflect.Method with its func type, allocating; Value.Method\(i\) does neither\); look the index up once before the loop \(Type.MethodByName\(...\).Index\) and use Value.Method\(i\)`
		out = append(out, m.Call(nil)[0].String())
	}
	return out
}

func typeForLookup(n int) int {
	hits := 0
	for range n {
		if _, ok := reflect.TypeFor[Rec]().FieldByName("Name"); ok { // want `Type.FieldByName\("Name"\) in a loop searches Rec's fields`
			hits++
		}
	}
	return hits
}

// The chain that reaches the type repeats with the lookup: its operand
// does not change, so the finding names the chain to hoist with it.
func chainOnInvariant(dst any, rows []string) int {
	found := 0
	for range rows {
		if f, ok := reflect.TypeOf(dst).Elem().FieldByName("ID"); ok { // want `Type.FieldByName\("ID"\) in a loop searches the same type's fields by name on every iteration, through reflect.TypeOf\(dst\).Elem\(\) each time \(a linear search, about 10× an indexed lookup\); hoist reflect.TypeOf\(dst\).Elem\(\) and the index lookup before the loop \(Type.FieldByName\(...\).Index\) and use Value.FieldByIndex or Value.Field\(i\); no automatic fix: before the loop the chain runs even when the loop runs no iteration, and may panic there`
			found += len(f.Index)
		}
	}
	return found
}

func valueTypeChain(dst any, rows []string) int {
	found := 0
	for range rows {
		if _, ok := reflect.ValueOf(dst).Type().MethodByName("Describe"); ok { // want `Type.MethodByName\("Describe"\) in a loop searches the same type's methods by name on every iteration, through reflect.ValueOf\(dst\).Type\(\) each time .*; hoist reflect.ValueOf\(dst\).Type\(\) and the index lookup before the loop \(Type.MethodByName\(...\).Index\) and use Value.Method\(i\); no automatic fix: before the loop the chain runs even when the loop runs no iteration, and may panic there`
			found++
		}
	}
	return found
}

func staticChain(p *Rec, rows []string) int {
	found := 0
	for range rows {
		if _, ok := reflect.TypeOf(p).Elem().FieldByName("Z"); ok { // want `Type.FieldByName\("Z"\) in a loop searches Rec's fields by name on every iteration, through reflect.TypeOf\(p\).Elem\(\) each time`
			found++
		}
	}
	return found
}

// Not flagged: the chain's operand is each element, whose dynamic type
// may differ every iteration (a per-type cache, only in hot code).
func chainOnEachElement(xs []any) int {
	found := 0
	for _, x := range xs {
		if _, ok := reflect.TypeOf(x).Elem().FieldByName("ID"); ok {
			found++
		}
	}
	return found
}

// Not flagged: the name changes every iteration (walking fields; in hot
// code, index the fields once).
func fieldsByVaryingName(r Rec, names []string) int {
	found := 0
	v := reflect.ValueOf(r)
	for _, name := range names {
		if v.FieldByName(name).IsValid() {
			found++
		}
	}
	return found
}

// Not flagged: the type changes every iteration (values of interface type).
func fieldOfUnknownTypes(xs []any) int {
	found := 0
	for _, x := range xs {
		if reflect.ValueOf(x).FieldByName("ID").IsValid() {
			found++
		}
	}
	return found
}

// Not flagged: the type of the walked value is a per-iteration variable.
func nestedTypes(t reflect.Type) int {
	found := 0
	for i := 0; i < t.NumField(); i++ {
		ft := t.Field(i).Type
		if _, ok := ft.FieldByName("ID"); ok {
			found++
		}
	}
	return found
}

// Not flagged: a cold loop.
func coldLookup(r Rec) int64 {
	var total int64
	for range 3 {
		total += reflect.ValueOf(r).FieldByName("Z").Int()
	}
	return total
}

// Not flagged: a type parameter's type is not known here.
func genericLookup[T any](xs []T) int {
	found := 0
	for _, x := range xs {
		if reflect.ValueOf(x).FieldByName("ID").IsValid() {
			found++
		}
	}
	return found
}

// Not flagged: outside a loop.
func once(r Rec) int64 {
	return reflect.ValueOf(r).FieldByName("Z").Int()
}
