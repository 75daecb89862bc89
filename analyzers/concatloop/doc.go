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
keeps growing. Several accumulations of s across one loop are one
finding, at the first, whose message names the lines of the others
("s += x in a loop (also at lines 570 and 575)"): its fix rewrites them
all, and an allocation profile measures them together, so the bytes it
quotes may be mostly theirs.

It does not flag: a string declared inside the loop body, or assigned a
value not built from itself before the concatenation in the same
iteration (it starts afresh each iteration), or shortened there by at
least the constant bytes it gains (s = s[1:]; ...; s += "\t": an
indentation kept at its depth); concatenation that does not rebuild s from itself (t := s
+ x); []byte appends; an accumulation directly followed by break, return
or panic (it runs at most once per loop, or per call); and cold loops,
which provably run at most 4 times (a constant bound, a literal of at most
4 elements) or once per program (init functions and package-level
initialisers). Findings in _test.go files are kept only inside the timed
loop of a Benchmark function, and there set aside as cold (a benchmark
repeats what it measures; -cold lists them), unless -tests is given.

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

# Cost

BenchmarkConcatLoop (bench_test.go) builds a string of n 8-byte pieces
with += and with the fixed form (go test ./analyzers/concatloop -run XXX
-bench ConcatLoop -benchmem -count 3; median of 3; Go 1.26.8, 2-core Xeon
@ 2.50GHz):

	n        +=                                  strings.Builder              ratio (time, bytes)
	10       964 ns     456 B         9 allocs   498 ns    248 B    5 allocs  1.9x, 1.8x
	100      29.6 µs    42 KB        99 allocs   2.5 µs    1.9 KB   8 allocs  11.7x, 22x
	1000     1.74 ms    4.3 MB      999 allocs   26.8 µs   34 KB   15 allocs  65x, 125x
	10000    210 ms     429 MB     9999 allocs   294 µs    384 KB  23 allocs  715x, 1117x

The fixed form wins from n = 10, and the gap grows linearly with n.

# Kind, and code that looks cold

Its findings are costs, except a concatenation in a loop over unbounded
input (a loop whose condition calls Scan, Next or Read* on a reader of a
stream: a type of bufio, database/sql, encoding/csv,
encoding/json, encoding/xml, io, net, os, net/textproto or mime/multipart,
or one with a Read([]byte) method; a Scan of a parser over a string in
memory is bounded by it), which is a bug: shown whatever the heat. A
range over a channel is a cost: the sender may send a bounded number of
values, and a bug needs a proof (issue #27). Cost findings
in code that looks cold (a String method, an error path, package main, ...;
see docs/heat.md, "Two kinds of finding") are set aside by default and
listed with -cold, with the reason.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"concatloop".
*/
package concatloop
