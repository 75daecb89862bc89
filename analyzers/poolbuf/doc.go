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
2.50GHz):

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

# Kind, and code that looks cold

Its findings are costs: set aside by default in code that looks cold (see
docs/heat.md, "Two kinds of finding"), listed with -cold. A function literal
the loop only creates (go func, errgroup's Go, a handler, a stored closure)
is not run per iteration: its calls do not make a function "called in a
loop" (loops.Info.Innermost stops at it).

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"poolbuf".
*/
package poolbuf
