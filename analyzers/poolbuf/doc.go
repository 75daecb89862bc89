/*
Package poolbuf defines an Analyzer that reports scratch buffers allocated
over and over: in every iteration of a loop, or on every call of a
function that runs once per request or per item.

# Analyzer poolbuf

poolbuf: report scratch buffers allocated on every iteration or call

A scratch buffer is a bytes.Buffer (new(bytes.Buffer), &bytes.Buffer{},
bytes.Buffer{}, var b bytes.Buffer, bytes.NewBuffer(nil) or
bytes.NewBuffer(make([]byte, 0, n))), a bufio.Writer or bufio.Reader
(bufio.NewWriter, NewReader and their Size forms), or a byte slice
(make([]byte, n) or make([]byte, 0, n)) of at least 512 bytes or of a size
not known until run time. Each one allocated afresh costs an allocation
and, for a bytes.Buffer, the reallocations of its storage as it grows from
empty again.

In a loop. A buffer declared in the body of a loop that is not cold, whose
memory does not outlive the iteration, is reported with a fix that
declares it once before the loop and resets it where it was declared:
b.Reset() for a bytes.Buffer, clear(b) for make([]byte, n) (clear keeps
the zeroed contents the make gave), b = b[:0] for make([]byte, 0, n). A
reused buffer is cheaper than a sync.Pool, so this is what the message
suggests inside loops.

	// Bad: a buffer, and its growth, per record.
	for _, r := range recs {
		buf := new(bytes.Buffer)
		fmt.Fprintf(buf, "%d,%s\n", r.ID, r.Name)
		w.Write(buf.Bytes())
	}

	// Good.
	buf := new(bytes.Buffer)
	for _, r := range recs {
		buf.Reset()
		fmt.Fprintf(buf, "%d,%s\n", r.ID, r.Name)
		w.Write(buf.Bytes())
	}

The fix is withheld, and the message says why, when hoisting could change
what the code does: the size or the allocation's arguments change from one
iteration to the next, the variable is assigned again in the loop (an
append buffer may only be grown by append or a standard library AppendX),
the loop takes a byte slice's address, a reslice of an append buffer could
read bytes past those this iteration wrote, the name would clash with
another declaration around the loop, or the buffer is a bufio.Writer or
Reader (Reset takes the new destination, and a Writer must be flushed
first).

Per call. A buffer declared among the top-level statements of an HTTP
handler (a ServeHTTP method or any func(http.ResponseWriter,
*http.Request)), of a function that a hot loop of the same package calls,
or, given a CPU profile (-hot.profile), of a function holding at least 1%
of its samples with its callees, is reported with the suggestion to keep such buffers in a package-level
sync.Pool, without a fix: the pool must be declared, and every path must
Get, Reset and Put (see pooluse). Byte slices are reported here only with a
constant size: a buffer sized to each call's input is no case for a pool,
which keeps the largest buffer it has seen (golang/go#23199). Declarations
under a condition (an error path) are not "every call" and are not
reported.

Not reported: buffers whose memory outlives the iteration or call
(returned, stored outside the loop or through a pointer, sent on a
channel, captured by a closure or goroutine, deferred, or passed to a
function that may keep it; see the bufflow package for what is trusted not
to keep its arguments), because reusing those would corrupt data;
constant-size byte slices of at most 64 KiB that reach no interface call
or function value, which the compiler keeps on the stack
(TestCompilerAgrees checks both kinds of fixture against go build
-gcflags=-m); NewBuffer(data), which wraps data for reading; loops that
are cold (a constant trip count of at most 4, or code run once per
program) or that run a declaration at most once (it is followed by a
return). A byte slice sized per iteration (make([]byte, n) with n
changing) that does not outlive the iteration is reported with the
grow-and-reslice that reuses it, b = slices.Grow(b[:0], n)[:n], which
allocates only when an item is larger than any before; without a fix,
because make zeroes the bytes and the reused buffer does not. Findings in
_test.go files are kept only inside the timed loop of a Benchmark
function, and there set aside as cold (a benchmark repeats what it
measures; -cold lists them), unless -tests is given.

# Cost

bench_test.go, 100 items per op (go test ./analyzers/poolbuf -run XXX
-bench . -benchmem -count 3; median of 3; Go 1.26.8, 2-core Xeon @
2.50GHz, 2026-11-27):

	form                                  time      bytes    allocs
	new(bytes.Buffer) per item            14.6 µs   19200    200
	one buffer, Reset per item            4.1 µs    192      2     (3.6x)
	sync.Pool Get/Reset/Put per item      5.3 µs    0        0     (2.8x)
	make([]byte, 4096) per read           108 µs    409600   100
	one buffer, clear per read            9.7 µs    4096     1     (11x)
	sync.Pool of *[4096]byte per read     8.5 µs    0        0     (13x)

Measured on a quiet machine. An earlier run while two other builds shared
its 2 cores gave 26.7 µs and 257 µs for the allocating forms (6.7x and
19x): allocation and garbage collection suffer most under load.

Reusing one buffer is the cheapest fix for a loop: it costs one
allocation per run of the loop where the pool costs a Get and a Put per
item. The pool wins when the buffer must outlive a single loop, as across
calls.

# Precision

perfvet -poolbuf over the Go 1.26.8 standard library, and over
golang.org/x/tools v0.52.0 (with its godoc module), honnef.co/go/tools
v0.8.2, github.com/golangci/golangci-lint/v2 v2.15.0 and every package they
import (2026-11-27), reports 13 and 21 findings. Every one was read:

	                           findings   true   false   true but not worth fixing
	in a loop (std)                  10     10       0                          10
	per call (std)                    3      3       0                           3
	in a loop (modules)               2      2       0                           1
	per call (modules)               19     19       0                          15

The std loop findings are benchmarks that allocate on purpose
(bufio_test.go, bytes/buffer_test.go, strings/builder_test.go) and
go/types' error formatting (format.go, a buffer per argument of an error
message). The worth-fixing ones: x/tools' deadcode -f=template output (a
buffer per object), staticcheck's isGenerated (a 4 KiB bufio.Reader per
file), regexp2's replacementImplRTL (a buffer per match) and ultraviolet's
line rendering (a buffer per rendered line). Most per-call findings are in
String and Description methods and error paths of tools: the allocation
is real and per call, but the code is rarely hot. This is where a CPU
profile decides (-hot.profile); without one, the per-call rule is the
noisier half of the analyzer.

A second corpus takes every package of the 43 modules of that graph that
use sync.Pool (grpc, x/net, zap, pgx, logrus, go-kit, otel, json-iterator
and others; 9 minutes cold): 28 findings, 12 of them beyond the first
corpus, all true; 4 of those worth fixing (pgx parses each array element
and range bound into a new bytes.Buffer, pgtype/array.go:268 and :314,
multirange.go:381; go-hclog renders each slice value of a log line into
one, intlogger.go:410), 8 not (two benchmarks, a debug printer, an
example, a collation tool, godoc, a grpc test proxy).

Over golangci-lint's whole build list (397 modules, scripts/corpus.sh
-graph) poolbuf reports 65 findings, 34 beyond the corpora above. All 34
messages were read and 12 of the findings judged at the source: 12 true, 2
worth fixing (go-logr's funcr builds each logged group and each quoted
string in a new 1 KiB buffer, funcr.go:331 and :693). One claim is loose:
x/mod's checkTrees declares its buffer at the top level of the function,
but after the early return of the common path, so it runs "on every call"
only when a fork of the checksum database is found: true, not worth
fixing, and the message overstates how often.

An earlier cut reported 27 more findings in std, mostly per-call byte
slices sized to the input (base64's EncodeToString buffer, whose pooling
would pin the largest input's memory), and in the modules buffers built
under a condition or in a block that ends in a return (magiconair/properties
builds one for an error message). The rules were narrowed for those, not
special-cased; loops.Info.Repeating now treats a block that ends in a
return as run once, for every analyzer.

# Kind, and code that looks cold (issue #16)

Its findings are costs: set aside by default in code that looks cold (see
the README's "Two kinds of finding"), listed with -cold. A function literal
the loop only creates (go func, errgroup's Go, a handler, a stored closure)
is not run per iteration: its calls do not make a function "called in a
loop" (loops.Info.Innermost stops at it). Nor is one the loop passes to a
callee that is not known to call it before returning (issue #27: a health
check registered per name runs when it is served); sort.Slice, strings.Map,
t.Run and a function of the package that only calls its parameter are
known to (internal/passes/loops/argcalls.go).

The "sized to each item" advice is held to a fix's standard (issue #27):
a size that is not an int is converted for slices.Grow, and a size with
an effect (rng.Int()&0xfffff+1) is computed once (size := ...) rather
than written twice.

Judged on std (perfvet -json std, Go 1.26, 2026-11-29; every finding of
the default output read in context, verdicts as in docs/judging.md, which
lists them; scripts/judge-list.sh regenerates the lists):

	| list | findings | worth fixing | not worth it | false |
	|---|---:|---:|---:|---:|
	| default output | 7 | 0 | 7 | 0 |
	| set aside as cold (all) | 7 | 0 | 7 | 0 |

The 7: 4 in go/types' sprintf, which formats error messages (an error path
seen only through its callers), 2 in debug HTTP handlers (net/http/pprof,
the trace viewer), and internal/xcoff's archive member names (a few per
archive, copied into a string anyway). Set aside: go/ast CommentMap.String's
helper, and 6 in benchmarks' timed loops (bufio, bytes, strings) that
measure a fresh buffer per iteration on purpose (a _test.go file is cold
evidence since main 33d6fe9; they were shown, and judged, before).

On the application modules of scripts/corpus.sh -apps (docs/judging.md): 4
shown, 3 worth fixing (pgx's text-format array and multirange parsers, a
new bytes.Buffer per element of every array decoded; nats-server's
convertToHeadersOnly, a scratch buffer per message delivered to a
headers-only consumer), 1 not worth it (pgx's explicit array bounds, n at
most 6), 0 false.

On golangci-lint's module graph (every poolbuf finding judged,
docs/judged/graph-sample-2.md, counted at main 6f515ee): 37 still shown, 4
worth fixing (pgx's array and range parsers, go-logr's funcr buffers), 33
not worth it, 0 false; of the 3 false, 2 went (a Buffer sized to each
call, a buffer kept through unsafe.Pointer(&buf[0])) and 1 is set aside as
cold (after the common path returned).
*/
package poolbuf
