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
@ 2.50GHz, 2026-11-26):

	n        +=                                  strings.Builder              ratio (time, bytes)
	10       964 ns     456 B         9 allocs   498 ns    248 B    5 allocs  1.9x, 1.8x
	100      29.6 µs    42 KB        99 allocs   2.5 µs    1.9 KB   8 allocs  11.7x, 22x
	1000     1.74 ms    4.3 MB      999 allocs   26.8 µs   34 KB   15 allocs  65x, 125x
	10000    210 ms     429 MB     9999 allocs   294 µs    384 KB  23 allocs  715x, 1117x

The fixed form wins from n = 10, and the gap grows linearly with n.

# Precision

On the Go 1.26.8 standard library (perfvet std, 2026-11-26) concatloop
reports 24 findings, with no panics or analysis errors. Every one was read
in context and judged:

  - true, worth fixing (7): the pieces grow with the input. debug/dwarf
    type.go:265 and :301 (struct fields, enum values of a DWARF type),
    encoding/gob type.go:432 (struct fields), and the four record lists of
    dnsmessage Message.GoString (vendor/golang.org/x/net, :1196-:1217).
  - not worth fixing (17): correct findings, but the loop runs over a few
    items in practice: flag tables (debug/elf flagName, net Flags.String),
    path components (debug/gosym, debug/plan9obj, os.Getwd,
    path/filepath walkSymlinks, os root_openat's error path), the RDNs of a
    distinguished name (crypto/x509/pkix), a type-cycle path (go/types
    pathString), function parameters (debug/dwarf :320), a TXT record's
    strings and an OPT record's options (dnsmessage :2502, :2681), and the
    few sample types and values per sample of internal/profile (5).
  - false (0): no finding claims an accumulation that does not happen.

On golang.org/x/tools v0.52.0, honnef.co/go/tools v0.8.2 and
github.com/golangci/golangci-lint/v2 v2.15.0 from the module cache (with
the nested modules their patterns match; 1m14s, 775 MB peak) it reports
12, all judged:

  - true, worth fixing (2): x/tools internal/diff diff.go:143 merging
    edits on one line (its authors left "TODO: avoid quadratic cost of
    string += string" on it) and golangci-lint's vendored copy of it.
  - not worth fixing (10): token names built a byte at a time in goyacc
    (3), GOPATH lists in the three copies of packagestest (3), backtick
    runs in present2md (2), related-location text in staticcheck's SARIF
    output, and an error listing invalid gci sections.
  - false (0).

So the rule is precise (0 false of 36), but in well-kept code most
accumulations are over small sets; the findings are cheap to fix (17 of
the 24 in std carry a fix) and the profile-guided ranking planned for
perfvet (-hot.profile) is what separates the hot ones.

# Kind, and code that looks cold (issue #16)

Its findings are costs, except a concatenation in a loop over unbounded
input (a loop whose condition calls Scan, Next or Read* on a reader of a
stream: a type of bufio, database/sql, encoding/csv,
encoding/json, encoding/xml, io, net, os, net/textproto or mime/multipart,
or one with a Read([]byte) method; a Scan of a parser over a string in
memory is bounded by it), which is a bug: shown whatever the heat. A
range over a channel is a cost: the sender may send a bounded number of
values, and a bug needs a proof (issue #27). Cost findings
in code that looks cold (a String method, an error path, package main, ...;
see the README's "Two kinds of finding") are set aside by default and
listed with -cold, with the reason.

Judged on std (perfvet -json std, Go 1.26, 2026-11-29; every finding of
the default output read in context, verdicts as in docs/judging.md, which
lists them; scripts/judge-list.sh regenerates the lists):

	| list | findings | worth fixing | not worth it | false |
	|---|---:|---:|---:|---:|
	| default output | 7 | 0 | 7 | 0 |
	| set aside as cold (all) | 17 | 0 | 17 | 0 |

The 7: path components (debug/gosym, debug/plan9obj, os.Getwd's slow
path, filepath.EvalSymlinks: a few each), error messages (go/types
pathString, os.Root's error path: error paths the evidence does not see),
and debug/dwarf's StructType.Defn, exported, which String prints. The 17 set
aside are all in String and GoString methods or functions only they call
(dnsmessage's GoString, internal/profile's String, net.Flags.String, ...).
Earlier tables (above) counted dwarf, gob and dnsmessage as worth fixing
because their pieces grow with the input; asked instead whether the code
runs often, they are text for people.

On the modules corpus (docs/judging.md) two findings were shown as bugs (a
loop over a reader): gotenv's multi-line .env value (true, not worth it:
configuration) and go-runewidth's Truncate (false: the concatenation sits
in a block that ends in a break of the loop; fixed at the rule since, with
the padOnce fixture). The 21-finding sample of other cost findings there
held 0 worth fixing.

On the application modules of scripts/corpus.sh -apps (docs/judging.md),
after the day's rule fixes: 1 shown, not worth it (nats-server's --signal
command's error text for failed kills), 3 set aside as cold, 0 false. The
one false finding of the first run (gin's tree.go:203, a += in a branch
followed by a return, while a sibling branch continues) went with
loops.Repeating's jumpsAfter.

On golangci-lint's module graph (samples in docs/judged/graph-sample*.md,
counted at main 6f515ee): 29 still shown, 0 worth fixing, 28 not worth it,
1 false (genai's upload loop, where the += runs on an EOF branch that no
rule can prove runs once); 2 false went (a once-flag guard, a string reset
earlier in the iteration), and so did a false bug kind (a parser's Scan
over one string).
*/
package concatloop
