/*
Package pooluse defines an Analyzer that reports sync.Pool used in ways
that waste it or corrupt data.

# Analyzer pooluse

pooluse: report sync.Pool misuse

A sync.Pool saves allocations only if what is taken out is put back clean,
and is safe only if nothing touches an object once it is back. pooluse
checks seven rules, numbered as in the code (one file per rule) and the
fixtures (testdata/src/pooluse/<file>.go); rule 7 is staticcheck's SA6002,
which perfvet therefore no longer bundles under -ir-checks.

Rule 1, use after Put (afterput.go). The object, or memory it shares (a slice from b.Bytes(), a
variable assigned from it), is read after pool.Put(b): another goroutine
may have taken it from the pool and be writing into it. With a deferred
Put, returning such memory is the same bug: the caller reads it after the
Put ran. This is the article's example; the finding names the Put as
related information.

A finding of this rule is a bug, always shown, so it needs a proof that
the next user of the pool writes into the memory read (issue #27). A value
copied out of a pooled pointer before Put (item := *ptr, or a field:
item := ptr.f) shares only what the value references; it is reported only
when the pool's element type is not a type parameter (whose memory is
unknown) and some user of the pool writes through those references
(append((*bp)[:0], ...), Read(*bp), a method): a pool whose users only
overwrite the value whole (*ptr = item) or copy it out never does
(copied.go). A field copied out (item := ptr.f, ptr.inner.f, a promoted
field) is judged by the uses of that field alone: users that write
through other fields of the object (ptr.ctx.n++) write into other
memory, so a pointer to a live peer that is only ever assigned whole
(parent := f.parent; f.parent = nil; Put(f); return parent) is not
reported. A function or method of the package that a user is handed to
counts as a user, up to two calls away; a user handed to a call outside
view, or stored, may have the field written through; one returned is
not followed (copiedfield.go). Memory a method of the pooled object
hands out once is not the object's: an allocator that returns the front of a slab held in a
field and moves the field past it (e := &a.slab[0]; a.slab = a.slab[1:];
return e), with nothing else ever stored in that field but a fresh make,
never hands that element out again (internal/bufflow/handout.go). An
arena that hands out by a counter its next user may reset is still
reported.

	// Bad: returns the pooled buffer's bytes; the next Get overwrites them.
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	buf.Write(data)
	return buf.Bytes()

	// Good: copy first (bytes.Clone(buf.Bytes()), or buf.String()).

Rule 2, Get without Put on some path (paths.go). The function puts the object back, but a
path from the Get to a return does not (an early error return), so the
pool falls back to allocating. A path that panics or exits is not
counted, and neither is one that hands the object to a function of the
package that may put it back or keep it (its body calls a Put, or the
object may outlive the call there) or lets it go elsewhere (returned,
stored). A function of the package that only fills or reads the object
releases nothing: e.fill(bp) followed by an error return drops bp. When there is one Get, outside any loop, and every Put is a
statement of its own written the same way with nothing reading the object
after it, the fix replaces the Puts with one defer after the Get.

Rule 3, Put without Reset (reset.go). The pooled type has a Reset method, the Put does not
call it first, and some Get of the pool does not call it after: the next
user sees the previous one's contents. Only for pools the package owns (an
unexported variable or field), so every Get is in view. A Reset through a
variable that holds the object (e := v.(*T); e.Reset()) or through the
embedded field that provides the method counts. The fix adds
b.Reset() before a Put that is a statement of its own. A pooled *[]byte
that the code appends to is reset by truncation: *bp = (*bp)[:0] (or *bp =
append((*bp)[:0], ...)), and a Put of one that neither it nor every Get
truncates is reported the same way, with *bp = (*bp)[:0] as the fix:
otherwise the next user appends after the last one's bytes. A fixed-size
buffer read into (Read(*bp), as io.Discard's pool is used) is left alone:
truncating it would break the next read.

Rule 4, a pooled strings.Builder (builder.go). Builder.Reset drops the buffer (it must: a
Builder's String shares it), so a pooled Builder allocates again on its
next use, and one not reset hands out stale text. Pool a *bytes.Buffer.

Rule 5, unbounded retention (maxcap.go; off by default). With -pooluse.maxcap=N, a Put of a
*bytes.Buffer or byte slice that is not inside an if on its capacity is
reported with the suggestion if b.Cap() <= N { pool.Put(b) }: one large
input otherwise pins that much memory for as long as the pool keeps the
buffer (golang/go#23199). The limit is a policy choice, hence the flag.

Rule 6, a Get that panics (assert.go). pool.Get().(T) where the pool's New returns, or a Put
stores, a value of another type; or where the pool has no New at all, so
Get returns nil whenever the pool is empty (every garbage collection
empties it). Only for owned pools whose New assignments are all seen; the
two-value form v, ok := pool.Get().(T) is never reported.

Rule 7, a Put of a value that is not pointer-shaped (nonpointer.go,
staticcheck's SA6002). Put takes an interface; a []byte, a string or a
struct converted to one is copied to the heap, so every Put allocates
(24 bytes for a slice header), the allocation the pool was meant to save.
The argument's type tells it, so pooluse reports it by default, for any
sync.Pool (a field, a parameter), without staticcheck's IR. Not
reported: pointers, maps, channels, functions and one-field structs of
those (stored in the interface itself), values already of interface type,
constants, and values of zero or one byte. The rule stands in for SA6002
(the suite does not bundle it), so a line silenced for that check
(//nolint:staticcheck, //nolint:SA6002, //lint:ignore SA6002) is not
reported.

	// Bad: each Put allocates a slice header.
	buf := pool.Get().([]byte)
	...
	pool.Put(buf[:0])

	// Good: pool *[]byte.
	bp := pool.Get().(*[]byte)
	...
	*bp = (*bp)[:0]
	pool.Put(bp)

# Cost

bench_test.go, 100 uses of a pool per op, each writing 1000 bytes (go
test ./analyzers/pooluse -run XXX -bench . -benchmem -count 3; median of
3; Go 1.26.8, 2-core Xeon @ 2.50GHz):

	form                              time      bytes     allocs
	Get, Reset, write, Put            7.6 µs    0         0
	Get, Reset, write, no Put         99.8 µs   336031    500   (13x)
	pooled bytes.Buffer               7.7 µs    0         0
	pooled strings.Builder            78.2 µs   254423    400   (10x)

An earlier run of the same benchmarks on this machine, while two other
builds shared its 2 cores, measured 28x and 21x: the allocating forms
suffer most when the machine (and its garbage collector) is busy.

TestUseAfterPutCorrupts runs the article's two forms in 8 goroutines of
200 calls each and checks every result after the calls: with the
returned-bytes form, 1592 of 1600 results had been overwritten by later
users of the pool; with the copying form, none.

# Kind, and code that looks cold

Use after Put and a Get().(T) that can panic (another type put, or no New)
are bugs, shown whatever the heat; the others (Get without Put, Put without
Reset, a pooled strings.Builder, an unchecked capacity) are costs, set
aside by default in code that looks cold and listed with -cold. Only
memory the pooled object owns counts as used after Put: a copy taken
before (bytes.Clone, slices.Clone, append([]byte(nil), b...), string(b),
copy into a fresh slice, buf.String()), an element popped from its free
list, an interface field or a scalar shares none.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"pooluse".
*/
package pooluse
