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
their finding then carries no fix and says why.
*/
package prealloc
