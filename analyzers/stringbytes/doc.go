/*
Package stringbytes defines an Analyzer that reports string and byte
slice conversions made on every iteration of a hot loop only to call a
function of the other type.

# Analyzer stringbytes

stringbytes: report string(b) and []byte(s) converted in a hot loop only to call the other type's function

Converting between string and []byte copies the bytes: the two types
share no memory, since strings are immutable. The copy is allocated
unless it is at most 32 bytes and does not escape. Made on every
iteration of a loop only to call a function that exists for the other
type too, it is work the twin function does not need.

	// Bad: each line is copied into a string to test its prefix.
	for _, line := range lines { // lines [][]byte
		if strings.HasPrefix(string(line), "#") {
			continue
		}
		...
	}

	// Good: bytes has the same function.
	for _, line := range lines {
		if bytes.HasPrefix(line, []byte("#")) {
			continue
		}
		...
	}

The check reports, in a loop that is not cold:

  - strings.F(string(b), ...) and bytes.F([]byte(s), ...) for F one of
    Contains, ContainsAny, ContainsRune, Count, EqualFold, HasPrefix,
    HasSuffix, Index, IndexAny, IndexByte, IndexRune, LastIndex,
    LastIndexAny, LastIndexByte, when every argument of the package's own
    type is such a conversion or a constant (an argument that is already
    of that type would only move the conversion to it);
  - bytes.Equal([]byte(s), x): s == string(x) compares without copying
    (the compiler does not allocate for a conversion that is only
    compared);
  - w.Write([]byte(s)) where w's type has WriteString(string) (int,
    error) with Write's results: strings.Builder, bytes.Buffer,
    bufio.Writer, maphash.Hash.

It never suggests an unsafe conversion (unsafe.String, unsafe.Slice):
those trade the copy for memory that must never change, which the
compiler cannot check. m[string(b)], string(b) == s and
for range []byte(s) are free already and never reported.

Each finding is hot-only (report.ReportIfHot) and about an allocation:
shown only where a profile (-hot.profile) shows the loop hot, and with an
allocation profile only where the conversion's line allocated at least
-hot.min of all bytes; under -escape, a conversion the compiler keeps on the stack is
dropped. Listed with -cold otherwise.

The fix rewrites the call (the package's name, the conversions
removed, constants converted for bytes); it is withheld when the package
the call used would be left unused in the file by this analyzer's fixes,
or when an operand is of a named string type the twin does not take.

# Cost

BenchmarkHasPrefix (bench_test.go) tests the prefix of 1000 lines of 64
bytes with strings.HasPrefix(string(line), "b") and
bytes.HasPrefix(line, []byte("b")) (go test ./analyzers/stringbytes -run XXX
-bench . -benchmem -count 3; median of 3; Go 1.26, a 2-core machine
shared with other jobs, so absolute times are inflated and noisy):

	                         ns/op (1000 lines)   B/op     allocs/op
	string(line)             3 594 303            64 000   1 000
	bytes.HasPrefix          332 892              0        0

One 64-byte allocation per line, and about 10x the time.

# Precision

Judged in profile mode (docs/judging.md, "Hot-only checks in profile
mode"): on encoding/json, compress/flate, image/png, archive/tar,
go-toml v2 and regexp2 v2, each profiled with its own benchmarks, it
shows 0 findings (0 false; no finding to judge worth fixing), and 0
without a profile. The fixtures hold the must-flag and must-not shapes.
*/
package stringbytes
