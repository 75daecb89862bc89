/*
Package concatloop defines an Analyzer that reports strings built by
concatenation across the iterations of a loop.

# Analyzer concatloop

concatloop: report strings accumulated with += across loop iterations

A Go string is immutable, so s += x allocates a new string and copies all
of s into it. Done once per iteration, building n pieces copies
O(n²) bytes and allocates n times; a strings.Builder grows its buffer
geometrically and copies each byte O(1) times.

	// Bad: quadratic.
	result := ""
	for _, part := range parts {
		result += part
	}

	// Good: linear.
	var resultBuilder strings.Builder
	for _, part := range parts {
		resultBuilder.WriteString(part)
	}
	result := resultBuilder.String()

The check flags s += x, s = s + x, s = x + s and s = fmt.Sprintf(..., s, ...)
when s is a variable, named result or struct field that lives outside the
loop, in range loops (over slices, maps, strings, ints, channels and
iterators), three-clause loops and infinite loops. In nested loops it
reports once, at the accumulation, for the outermost loop across which s
keeps growing.

It does not flag: a string declared inside the loop body (it starts afresh
each iteration); concatenation that does not rebuild s from itself
(t := s + x); []byte appends; an accumulation directly followed by break,
return or panic (it runs at most once per loop, or per call); and cold
loops, which provably run at most 4 times (a constant bound, a literal of
at most 4 elements) or once per program (init functions and package-level
initialisers). Findings in _test.go files are kept only inside Benchmark
functions unless -tests is given.

# Suggested fix

When it is safe, the finding carries a fix that declares a strings.Builder
before the loop (seeded with s's value unless s is certainly empty there),
turns each accumulation into WriteString, WriteByte (one-byte ASCII
literals), WriteRune (string(r) of an integer r) or Write (string(b) of a
[]byte b), or fmt.Fprintf(&b, ...) for a Sprintf whose literal format starts
with %s consuming s, and sets s from the builder after the loop and before
every return or labelled break or continue that leaves it. The builder's
name is derived from the variable's (result → resultBuilder), and the
strings import is added if needed.

The fix is withheld, and the message says why, when s is read inside the
loop other than by the accumulations (len(s), a comparison, a call),
captured by a closure, has its address taken, is a field or package
variable (code called in the loop may read it), is prepended to, is
not used after the loop, or when the loop contains a goto. Rewriting in
those cases would change what the program computes.
*/
package concatloop
