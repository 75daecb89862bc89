/*
Package mutexcount defines an Analyzer that reports mutexes taken only to
change one integer counter.

# Analyzer mutexcount

mutexcount: report a mutex locked only to add to one counter that sync/atomic could update

A critical section that only adds to an integer takes and releases a lock
(two atomic operations, and under contention a trip through the
scheduler) to do what one atomic add does. With parallel callers every
increment queues on the lock; an atomic.Int64 counts without one.

	// Bad: every Increment takes the mutex.
	type Counter struct {
		mu    sync.Mutex
		value int64
	}

	func (c *Counter) Increment() {
		c.mu.Lock()
		c.value++
		c.mu.Unlock()
	}

	// Good: no lock.
	type Counter struct {
		value atomic.Int64
	}

	func (c *Counter) Increment() {
		c.value.Add(1)
	}

The check flags mu.Lock(); x++; mu.Unlock() (and x--, x += n, x -= n,
x = x + n), and mu.Lock(); defer mu.Unlock(); x++ ending a function
(optionally followed by return x: Add returns the new value), on a
sync.Mutex or the write lock of a sync.RWMutex (embedded or not), where x
is an unexported integer field of a struct of the package that also holds
the mutex (c.n with c.mu, or c embedding the mutex), or an unexported
package variable under a package-level mutex, and n has no calls and does
not read x.

It reports only when every access to x in the package can be rewritten:
each write is such a lone critical section, and every other access is a
read (under the lock or not), which becomes x.Load(). It does not report
when x is also assigned (a reset under the lock loses no increment only
because of the lock), changed in a critical section that touches other
state (x counts something the lock keeps consistent), has its address
taken, or is set in a composite literal; nor exported fields (other
packages may access them), nor fields of a struct that does not hold the
mutex (such a struct may be copied, which an atomic forbids), nor
floats. Reads of several counters under one lock see a consistent
snapshot today and would not after the change; the message counts the
reads so the reader can judge.

There is no automatic fix: the field's type changes, and with it every
access.

With a mutex or block profile in -hot.profile (/debug/pprof/mutex,
/debug/pprof/block), a finding whose critical section the profile saw
contended says so ("measured: 5 contentions, 73ms waited on this lock")
and is shown even in code that looks cold (docs/leaks.md).

# Cost

BenchmarkCounter (bench_test.go) increments one counter with the mutex
and with an atomic.Int64, from one goroutine and from GOMAXPROCS=2
goroutines under b.RunParallel (go test ./analyzers/mutexcount -run XXX
-bench . -benchmem -count 3 -benchtime 200ms; median of 3; Go 1.26, a
2-core machine shared with other jobs at a load average near 30, so
absolute times are inflated and noisy; the ratios come from one run):

	                 mutex      atomic.Int64   ratio
	serial           96.6 ns    25.8 ns        3.7x
	parallel (2)     76.9 ns    20.0 ns        3.8x

With two cores the lock is contended by two goroutines at most; the gap
grows with the number of cores that increment at once.

# Precision

Over the Go 1.26 standard library, golang.org/x/tools v0.52.0,
honnef.co/go/tools v0.8.2, golangci-lint v2.15.0 and every non-std
package those import (973 packages; one perfvet -mutexcount -json run,
2026-11-29, 28 minutes and 4.5 GB on the loaded machine, shared with
unbufio) mutexcount reports 1 finding, judged:

  - worth fixing (1): net/rpc server.go:378, methodType.numCalls,
    incremented under the method's mutex in service.call, once per RPC,
    from the goroutine serving each request: concurrent calls of one
    method contend on a lock that guards nothing else (NumCalls reads it
    under the lock; both become atomic.Uint64 Add and Load, and the
    mutex goes).
  - false (0).

The rule is narrow on purpose: in these modules most counters under a
mutex change with other state in the same section, are reset under the
lock, or live in a struct that does not hold the mutex, and each of
those is excluded (a fixture twin for each).

The counts above are from the earlier, smaller corpus. scripts/corpus.sh
-graph, main 589e6ae, 2026-11-29 (golangci-lint v2.15.0's whole build list
and std; 93 packages of it, test variants counted, failed to type-check
and were not analysed): 5 shown, 1 worth fixing, 4 not worth it, 0 false;
none set aside as cold. In all five every access of the field is under the
lock (or, appengine's, a read beside other state that stays under it), and
the atomic rewrite the message proposes keeps behaviour.

  - shown, worth: net/rpc server.go:378, as above: once per RPC, from
    the goroutines of every connection.
  - shown, not worth: ginkgo v2.32.1 internal/node.go:21, UniqueNodeID:
    once per spec node while the tree is built, one goroutine, beside
    NewNode's reflection.
  - shown, not worth: x/mobile exp/gl/glutil/glimage.go:120, NewImage:
    once per texture, beside an RGBA allocation and GL calls.
  - shown, not worth: x/mobile glimage.go:161, Image.Release: the same,
    once per texture (the lock is there for the finalizer).
  - shown, not worth: appengine v1.6.8 internal/api.go:610, flushLog:
    once a second per request (logFlusher's loop is paced by a ticker),
    before a Flush RPC; the lock is per request, not shared.
*/
package mutexcount
