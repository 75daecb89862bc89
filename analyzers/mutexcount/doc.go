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

How its findings on real code were judged, with the counts: docs/judging.md,
"mutexcount".
*/
package mutexcount
