/*
Package reflectloop defines an Analyzer that reports reflection a loop
repeats for nothing: name lookups that find the same field every time,
reflect.DeepEqual on types that == compares, and reflection over values
whose type is known where the code stands.

# Analyzer reflectloop

reflectloop: report avoidable reflection in loops

Reflection is the right tool for code that handles types it does not know.
Inside a loop over values of one known type, three uses of it repeat work
that can be done once or not at all.

Name lookups. Type.FieldByName and Value.FieldByName compare the name
with each field's in turn; the MethodByName forms binary-search a concrete
type's methods and, for a match, build a reflect.Method with its func type
(reflect.FuncOf, allocating), which Value.Method(i) does not. When the name does not
change in the loop and the searched type is fixed (the loop reflects on
values of one static type, or on the same reflect.Type), the answer is the
same every iteration: look the index up once and use Value.FieldByIndex,
Value.Field(i) or Value.Method(i).

	// Bad: searches Rec's fields for "Z" on every iteration.
	for i := range rs {
		total += reflect.ValueOf(&rs[i]).Elem().FieldByName("Z").Int()
	}

	// Good: one search.
	z, _ := reflect.TypeFor[Rec]().FieldByName("Z")
	for i := range rs {
		total += reflect.ValueOf(&rs[i]).Elem().FieldByIndex(z.Index).Int()
	}

reflect.DeepEqual on two operands of one static type that has a direct
comparison. DeepEqual boxes both operands and walks them by reflection. For
types whose == compares exactly what DeepEqual compares (numbers, strings,
booleans, channels, and arrays and structs of those, with no pointers,
interfaces, slices or maps inside) the finding carries a fix to x == y
(!DeepEqual becomes !=), which deletes the reflect import when the call was
its last use. For []byte it names bytes.Equal, for slices and maps of such
elements slices.Equal and maps.Equal, without a fix: those treat a nil and an
empty slice or map as equal, DeepEqual does not.

	// Bad: two allocations and a reflective walk per comparison.
	if reflect.DeepEqual(p, origin) {

	// Good.
	if p == origin {

When the type is reached through a chain of reflect.TypeOf, reflect.ValueOf,
reflect.Indirect, Elem and Type calls on an operand that does not change in
the loop (reflect.TypeOf(dst).Elem(), reflect.ValueOf(dst).Type()), the chain
gives the same type on every iteration too, even when the operand is an
interface: the finding names the chain, to be hoisted with the lookup.

	// Bad: the chain and the search run on every row.
	for range rows {
		if f, ok := reflect.TypeOf(dst).Elem().FieldByName("ID"); ok {

	// Good: both once.
	idField, hasID := reflect.TypeOf(dst).Elem().FieldByName("ID")
	for range rows {

The same chain on each element (reflect.TypeOf(x).Elem() for each x of a
[]any) reaches a type that may change with the element: that is the
per-type cache below, in hot code only.

Reflective access to a value whose type is known: reflect.ValueOf(xs)
followed by Index, Len, Cap, MapIndex, a constant Field, or Int, Uint,
Float, Complex, Bool, String or Bytes of the matching kind. Each call checks
the kind and copies through reflect.Value; xs[i], len(xs), s.F or int64(x)
say the same directly.

	// Bad.
	total += reflect.ValueOf(xs).Index(i).Int()

	// Good.
	total += int64(xs[i])

The check looks only at loops that are not cold (see the loops package:
a constant trip count of at most 4, or code that runs once per program).
It does not flag reflection that is the point of the code: lookups whose
name and type change per iteration (walking the fields of a struct type
given at run time, as encoders do; outside hot code, a name or a type
that changes), DeepEqual on operands of interface type
or on types with pointers, slices or maps inside (where it does real
work), or on operands of different static types (always false, a bug for
another check), and reflection on type parameters.

In code a profile shows hot (-hot.profile, with a share of at least
-hot.min), a lookup by a constant name on a type that changes with the
element (reflect.ValueOf(x).FieldByName("ID") for each x of a []any) is
reported too, with the fix: a cache of the index keyed by reflect.Type,

	idx, ok := cache[t]
	if !ok {
		f, _ := t.FieldByName("ID")
		idx = f.Index
		cache[t] = idx
	}
	v.FieldByIndex(idx)

so each distinct type is searched once (the element's reflect.TypeOf(x),
its Elem(), a local holding it, or reflect.ValueOf(x).Type()). Likewise a
lookup by a name that changes every iteration on a type that does not (a
decoder setting a struct's fields by the keys it reads) is reported in
hot code, with the fields indexed by name once before the loop:

	t := v.Type()
	byName := make(map[string]int)
	for i := range t.NumField() {
		byName[t.Field(i).Name] = i
	}
	for k, val := range vals {
		v.Field(byName[k]).Set(reflect.ValueOf(val))
	}

For MethodByName the index is kept per type (a map keyed by reflect.Type),
not built on every call: t.Method(i) builds each method's func type as
MethodByName does for the one it finds, so an index built per call costs
every method's where the loop paid only for the names that matched.

Without a profile neither is reported: most such loops walk a few values
once. Findings in _test.go files are kept
only inside the timed loop of a Benchmark function, and there set aside as
cold (a benchmark repeats what it measures; -cold lists them), unless
-tests is given.

The issue that proposed this analyzer also asked for loop-invariant
reflect.TypeOf(x) and reflect.ValueOf(x) to be hoisted, and for
reflect.TypeOf(T{}) to become reflect.TypeFor[T](). Measured on Go 1.26
(BenchmarkInvariant) they cost next to nothing: the compiler inlines the
calls to a load of the type word, so hoisting TypeOf saves about 1.5 ns
per iteration and ValueOf about 0.9 ns, with no allocation either way, and
TypeOf(T{}) runs as fast as TypeFor. Those rules are left out; their
findings would not be worth fixing.

# Cost

bench_test.go measures each rule's flagged form against the suggested one,
over 100 items per op (go test ./analyzers/reflectloop -run XXX -bench .
-benchmem -count 3; median of 3; Go 1.26.8, 2-core Xeon @ 2.50GHz):

	rule                      flagged                          suggested             ratio
	FieldByName("Z")          10.1 µs                          1.04 µs (FieldByIndex)  9.7x
	DeepEqual, struct{A,B}    9.95 µs  3200 B  200 allocs      125 ns  (==)            80x
	DeepEqual, 27-byte []byte 22.4 µs  4800 B  200 allocs      689 ns  (bytes.Equal)   33x
	ValueOf(xs).Index(i).Int  577 ns                           178 ns  (xs[i])         3.2x

# Kind, and code that looks cold

Its findings are costs: set aside by default in code that looks cold (see
docs/heat.md, "Two kinds of finding"), listed with -cold.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"reflectloop".
*/
package reflectloop
