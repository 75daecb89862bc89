/*
Package prealloc defines an Analyzer that reports slices and maps grown
once per iteration of a loop whose trip count is known before it starts,
without room made for them first.

# Analyzer prealloc

prealloc: report slices and maps grown in a loop of known length without preallocation

A slice that grows by append reallocates and copies its elements each time
it outgrows its capacity: about log2(n) times for n appends, leaving up to
2x slack at the end. A map rehashes its entries each time its table grows.
When the number of iterations is known before the loop, one allocation of
the right size does the same work:

	// Bad: about log2(len(items)) reallocations.
	var names []string
	for _, it := range items {
		names = append(names, it.Name)
	}

	// Good: one allocation.
	names := make([]string, 0, len(items))
	for _, it := range items {
		names = append(names, it.Name)
	}

The check flags a local slice declared empty (var s []T, s := []T{},
s := make([]T, 0), []T(nil)) or a map made without a size hint
(map[K]V{}, make(map[K]V)), grown unconditionally exactly once per
iteration (s = append(s, ...) or m[k] = v) of a loop whose count is known
when it starts: a range over a slice, array, string (len bytes, an upper
bound on runes), map or integer, or a three-clause loop with a unit step
over an invariant bound (for i := 0; i < n; i++, for i := n; i > 0; i--).
The capacity says how much each iteration adds: append(s, a, b) gives
2*len(items), append(s, x...) with len(x) loop-invariant gives
len(x)*len(items).

The cost claim follows the toolchain the package's go.mod names (or a
file's go:build version line). From Go 1.26 the compiler gives an append's
first backing store 32 bytes on the stack (moved to the heap once, at its
final size, if the slice escapes), so a slice that grows to at most 32
bytes (16 bytes, 4 ints, 2 strings) costs no more than a presized one and
is not flagged, and for the others the message counts the reallocations
past that start (≈log2(n/4) for 8-byte elements). Measured with go test
-bench -benchmem on Go 1.26.8: var s []int grown to 4 elements makes no
allocation, to 5 one of 64 bytes; returned, 4 elements make one 32-byte
allocation, as make([]int, 0, 4) does.

A slice of errors filled from calls that usually return nil, the
errors.Join idiom (errs = append(errs, c.Close())), is reported with other
advice: append only the errors that are not nil, so the slice stays nil
when nothing fails; presizing it would allocate for errors that mostly
never come. No automatic fix: dropping nils changes len(errs).

It does not flag, because each was a false positive of other tools:

  - growth that an if, switch or select guards, or that a break, return,
    goto or an earlier continue can skip or cut short; with
    -prealloc.conditional these are reported with the capacity as an
    upper bound, and the message says so;
  - loops over channels, iterators (range-over-func) and conditions
    (for scanner.Scan()), whose count is unknown;
  - collections used between the declaration and the loop (appended to,
    resliced, passed to a function, reassigned), grown or changed
    elsewhere in the loop, captured by a closure in it, or grown across an
    enclosing loop too;
  - cold loops (constant count of at most 4, init functions) and any
    capacity that is a constant below 5.

# Suggested fix

The fix rewrites the declaration to make([]T, 0, n) (make(map[K]V, n)),
with the count computed where the declaration stands. It is offered that
way only when that gives the same value as at the loop: the declaration
directly precedes the loop, or the count reads only local variables
declared before the declaration and unchanged until the loop. Otherwise
the declaration moves next to the loop when it is an earlier statement of
the same block with nothing between that uses it.

A slice declared nil (var s []T) stays nil when the loop runs zero times,
and make([]T, 0, n) does not: JSON encodes one as null and the other as
[], and s == nil tells them apart. So the declaration is rewritten only
when every use of s is len, cap, range, indexing or appending to itself.
Otherwise, and whenever the declaration cannot take the count, the fix
inserts s = slices.Grow(s, n) just before the loop (Go 1.21+), which
allocates once when n > 0 and leaves s as it was when n is 0: the
behaviour is identical for every trip count. Maps have no such fallback;
their finding then carries no fix and says why. The message always says
what the fix does (rewrite, move, or Grow). A count that may be negative
(for i := 1; i < n; i++ with n an int: the loop runs no times, but make
and slices.Grow panic on a negative capacity) is written max(count, 0);
only a constant, a length, a capacity or an unsigned value counted from 0
is used as it is.

It also leaves out, as a reading of real code showed they mislead: maps
filled with m[k] = append(m[k], v) or m[k] = m[k] + 1 (grouping and
counting: keys repeat), maps keyed by a computed value (m[f(x)]: keys may
repeat), collections grown again elsewhere in the function (the count is
not the size), and collections of an enclosing function grown in a
closure's loop (they grow across calls).

# Cost

bench_test.go measures the flagged forms against the fixed ones (go test
./analyzers/prealloc -run XXX -bench . -benchmem -count 3; median of 3;
Go 1.26.8, 2-core Xeon @ 2.50GHz). Slices of ints:

	n        append-grown                 make([]int, 0, n)           slices.Grow
	10       121 ns     192 B   2 allocs  54 ns     80 B     1 alloc  66 ns
	100      671 ns    1984 B   5 allocs  291 ns    896 B    1 alloc  303 ns
	1000     6.1 µs     25 KB   9 allocs  3.1 µs    8 KB     1 alloc  3.3 µs
	100000   1.61 ms   4.1 MB  25 allocs  205 µs    803 KB   1 alloc  200 µs

Maps of ints:

	n        make(map[int]int)            make(map[int]int, n)
	10       772 ns     520 B    5 allocs 477 ns     376 B    4 allocs
	100      8.7 µs    4.6 KB   11 allocs 4.4 µs    2.4 KB   4 allocs
	1000     154 µs     74 KB   22 allocs 41 µs     37 KB    6 allocs
	100000   9.2 ms    4.7 MB  532 allocs 4.7 ms    2.4 MB  258 allocs

Preallocation halves the time of small slices and is 7.9x faster at
100000; slices.Grow costs the same as make. A sized map is 1.6x to 3.8x
faster and allocates half the bytes.

# Kind, and code that looks cold

Its findings are costs: set aside by default in code that looks cold (see
docs/heat.md, "Two kinds of finding"), listed with -cold. Maps are reported
only when each iteration adds a distinct key (the loop's index or range
key, the element, or a field of it such as u.ID; not when the loop reads
the entry at that key first, as counting and grouping do: c := m[k];
m[k] = c + 1) and the map can pass 8
entries (a constant count above 8, a key type with more than 16 values);
a count that calls, receives or asserts is named, and the advice is to
store it in a variable first; where nothing tells nil from empty
(len, range, strings.Join, sort), the fix is a plain make before the loop
rather than slices.Grow.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"prealloc".
*/
package prealloc
