/*
Package bigcopy defines an Analyzer that reports large values copied on
every iteration of a hot loop.

# Analyzer bigcopy

bigcopy: report large structs and arrays copied on every iteration of a loop a profile shows hot

A range loop's value variable is a copy of the element: for a slice of
large structs, every iteration copies the whole struct, however little of
it the body reads. A function that takes or returns a large struct by
value copies it on every call. Either is a memory copy per item that the
by-pointer form avoids.

	// Bad: each iteration copies a 512-byte Record into r.
	for _, r := range records {
		total += r.Amount
	}

	// Good: r points at the element.
	for i := range records {
		r := &records[i]
		total += r.Amount
	}

Such copies are everywhere and rarely matter: gocritic's rangeValCopy and
hugeParam are the noisiest of golangci-lint's performance checks. So
bigcopy is hot-only (report.ReportIfHotAt): its findings are shown only
where a CPU profile (-hot.profile) shows the copy itself take at least
-hot.min of the time (the own code of the range statement's line, or of
the call's, where the caller copies), listed with -cold otherwise, and
never on static heat alone. A copy in a hot loop that took no sample is
the loop's work, not the copy's.

The check reports, for element types of at least -bigcopy.size bytes
(default 256, the size of the type as the compiler lays it out):

  - a range over a slice, an array or a pointer to an array whose value
    variable is used (not _), in a loop that is not cold;
  - a call, in a loop, of a function of the package that takes or
    returns a struct or array of that size by value (its receiver
    included), when the function is too large to inline (a body of 80
    syntax nodes or more: an inlined call's copy may be optimised away).

The range finding carries a fix that iterates by index and points at the
element (for i := range xs { v := &xs[i] ... }; uses of v that need the
value become *v), unless that changes behaviour, which the message then
says: the body writes the copy or a part of it, takes its address (also
through a method with a pointer receiver), or a function literal captures
it and may keep it past the iteration; the body may change the ranged
slice (a write to its variable, a call passed it or a method of it), so
the copy and the element would part; the ranged expression is not a
variable or field path (a call would be evaluated on every iteration);
the value variable is declared outside the loop (=, not :=). The call
finding has no fix: the signature changes, and every caller with it.

# Cost

BenchmarkRange (bench_test.go) sums one field over 1000 elements of 512
bytes, by value and by index; BenchmarkCall passes each to a function by
value and by pointer (go test ./analyzers/bigcopy -run XXX -bench .
-benchmem -count 3; median of 3; Go 1.26, a 2-core machine shared with
other jobs, so absolute times are inflated and noisy; the ratios are what
carries over):

	                      by value      by pointer    ratio
	range, 1000 items     312 727 ns    40 886 ns     7.6x
	call, 1000 items      703 367 ns    44 087 ns     16x

No allocation either way: the cost is the copy itself, 512 bytes per item
for one field read.

# Precision

Judged in profile mode (docs/judging.md, "Hot-only checks in profile
mode"): on encoding/json, compress/flate, image/png, archive/tar,
go-toml v2 and regexp2 v2, each profiled with its own benchmarks, it
shows 0 findings (0 false; no finding to judge worth fixing), and 0
without a profile. The fixtures hold the must-flag and must-not shapes.
*/
package bigcopy
