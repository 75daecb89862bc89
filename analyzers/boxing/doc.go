/*
Package boxing defines an Analyzer that reports values converted to the
empty interface on every iteration of a loop, where the conversion
allocates and the interface buys nothing.

# Analyzer boxing

boxing: report interface conversions that allocate in loops for nothing

Converting a value to an interface allocates a copy on the heap when the
value is not pointer-shaped and the compiler cannot keep it on the stack or
in static data. In a loop that is one allocation per iteration, plus the
garbage it leaves. When every value a container of any ever holds has one
concrete type, the container can hold that type instead, and the
allocations go away.

	// Bad: one 24-byte allocation per point, and a type check per read.
	var out []any
	for _, p := range ps {
		out = append(out, p)
	}

	// Good.
	var out []Point
	for _, p := range ps {
		out = append(out, p)
	}

Rule 1 (conversions.go; contents.go learns what a container holds,
owned.go whether the package sees it whole) flags, in loops that are not
cold, a conversion (implicit, or explicit any(x)) of a value to the empty interface that is appended to a
slice, stored in a slice, map or field, used as a map key, or sent on a
channel, when:

  - the value's type allocates when boxed: not a pointer, map, channel,
    function or unsafe.Pointer (or a one-field struct or one-element array
    of those), not zero-sized, not a one-byte integer or bool (the runtime
    serves those from static data), not a constant or a literal of
    constants (read-only data), not an error, not a type parameter (a
    wider integer is reported, but its message says that a value from 0
    to 255 allocates nothing, static data too: indexes and small counts
    mostly are);
  - the container is one the package can see whole: a local variable, or
    an unexported field of a type of the package, whose every mention is
    visible (a parameter, a result, a package variable, an exported field,
    a container returned, passed to any function, or aliased is not);
  - and every value the program puts in it has that same type.

Rule 2 (asserted.go) flags a range over a []any or map[K]any that the package fills
(a local variable, or the result of one of its functions) whose body uses
each element only as one concrete type, with at least one single-value
type assertion (which panics on anything else, so every element has the
type). There the fix is to store the type, or to make the function that
builds the container generic.

	// Bad: doParse returns []any, and every caller asserts one type.
	for _, v := range k.doParse(strs, parser) {
		vals = append(vals, v.(float64))
	}

The rule is narrower than the issue that proposed it, on purpose; each
narrowing came from reading findings on real code (see Precision):

  - Only the empty interface. A conversion to an interface with methods
    (a color.Color in a palette, a Text node in a document tree, an Event)
    is the program's design: a sum type or a plug-in point, whose values
    are boxed by construction.
  - Only containers the package owns and fills with one type. Containers
    of any that mix types (configuration trees, template arguments,
    interpreter values) or belong to another package's API (fmt's
    arguments, a decoded JSON document, sync.Map, container/list,
    context.WithValue) have their interface type by contract. Calls are not
    followed, so a value passed to a function that stores it is not
    flagged either.
  - Not package variables: one overwritten each iteration is a
    benchmark's sink, boxing on purpose.
  - Not returns: a return in a loop runs once per call.

In hot code the rule widens. With a profile (-hot.profile) whose share
for the loop's code is at least -hot.min, it also reports, in loops, every
argument converted to an interface parameter (fmt's, log's and slog's
...any, the package's own func(v any), another package's API) and every
element of a []any or map[string]any literal, when the value allocates
when boxed (the same exceptions as above). Each says what to do: slog's
typed attributes with LogAttrs, strconv.Append* or a plain append instead
of fmt for numbers and strings, a type parameter for the package's own
functions, or, when the API requires an interface, the cost per item. A
function of the package that keeps the value as an interface (appends it
to an []any, stores it in a map, field or variable of interface type,
sends it on a chan any: an interpreter's push) would box it there with a
type parameter all the same, so the message names that container instead.
Under -escape those the compiler keeps on the stack (an argument the
callee does not keep) are dropped, and the others carry the compiler's
reason:

	// Reported with a profile that shows Render hot:
	for _, p := range ps {
		out = append(out, fmt.Sprint(p)) // fmt.Sprint requires any; one 24-byte allocation per item
	}

It also reports the values stored in a container of the package's own
(the local or unexported field rule 1 looks at) that holds several
concrete types by design, an interpreter's value stack or a sum-type
slice: retyping it is no answer, so the message says so, names the types
and the cost per item, and what would remove it (a typed container per
kind, or a generic helper per caller):

	// Reported with a profile that shows Run hot:
	case 'i':
		m.stack = append(m.stack, i) // m.stack holds values of 3 types (int, float64, Point)

Containers the package does not own (foreign.go) have their type from
the caller: a slice or map parameter (or receiver field) of interface
element or key type, a channel of interface type (its receivers are
elsewhere: a parameter, or a local one returned), an interface field of a
parameter's element. In hot code each value boxed into one on every
iteration is reported, composite literals included, with the signature
change that removes the allocation: a typed slice, map or channel, a
concrete field, or a type parameter. A []any or map[K]any parameter
whose elements the hot loop uses only as one concrete type (rule 2's
test) is reported too: the callers boxed each element, and every read is
a type check.

	// Reported with a profile that shows Send hot:
	func Send(ch chan<- any, ps []Point) {
		for _, p := range ps {
			ch <- p // send on a typed channel (chan<- Point)
		}
	}

A local container passed to a function is left alone: the types it holds
cannot be counted, and the function it is passed to is the package's.

Without a profile the widened rule says nothing: most such conversions are
cheap or required by their API, and the compiler's heap verdict alone does
not say that they matter.

Outside hot code it does not flag fmt, log and slog arguments, panic arguments, error
values, conversions in cold loops, or conversions the compiler keeps on the
stack (a local interface variable, a local array of any, an argument to a
function that does not keep it); TestCompilerAgrees builds the test data
with -gcflags=-m and checks that every expected finding is a heap escape
and every line marked as staying on the stack is one. No automatic fix:
retyping a container changes every use of it.

# Cost

bench_test.go (go test ./analyzers/boxing -run XXX -bench . -benchmem
-count 3; median of 3; Go 1.26.8, 2-core Xeon @ 2.50GHz,
measured while another job ran, so the times are loose; the allocation
counts are exact):

	100 points (24 bytes), append and read back
	  []any        10.9 µs   4192 B   101 allocs
	  []point       4.8 µs   2688 B     1 alloc      2.3x
	100 float64 through a []any-returning helper, asserted
	  []any         2.1 µs    800 B   100 allocs
	  generic       0.40 µs     0 B     0 allocs     5.3x

# Kind, and code that looks cold

Its findings are costs: set aside by default in code that looks cold (see
docs/heat.md, "Two kinds of finding"), listed with -cold.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"boxing".
*/
package boxing
