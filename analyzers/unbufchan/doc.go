/*
Package unbufchan defines an Analyzer that reports result channels whose
senders must wait for a collector that runs only after all of them start.

# Analyzer unbufchan

unbufchan: report worker-result channels without room for every result

In the worker-results pattern, n goroutines started in a loop each send
one result, and the function collects the results after the loop:

	// Bad: every sender blocks until the collector reaches it.
	ch := make(chan Result)
	for _, item := range items {
		go func() { ch <- process(item) }()
	}
	for range items {
		use(<-ch)
	}

	// Good: senders deliver and exit at once.
	ch := make(chan Result, len(items))

With an unbuffered channel each sender stays parked, keeping its stack
(at least 2 KiB, often more) and everything its closure references alive,
until the collector receives its value; with a buffer of n they all finish
as soon as their work is done, and the collector drains the buffer.

The check flags a channel made in the function with no buffer (or a
smaller constant one), one go statement in a loop of known count whose
goroutine sends exactly once, unguarded, and receives only after that loop
in a loop that takes every value (the same count, or a range over the
channel once it is closed) and cannot stop early. The fix sets the buffer
to the loop's count, when that count has the same value where the channel
is made.

It does not flag: fixed worker pools that read jobs from a channel (each
worker sends many results; a concurrent collector reads them all);
pipelines whose receiver runs in its own goroutine; chan struct{}
signals; channels that leave the function or are used in a defer; and
collectors that can stop early, which leave senders blocked forever: that
is leakysend's finding, and the two never report the same channel.

# Cost

BenchmarkWorkerResults (bench_test.go) starts n goroutines that each do a
little work and send one int, and collects after the loop (go test
./analyzers/unbufchan -run XXX -bench WorkerResults -benchmem -count 3;
median of 3; Go 1.26.8, 2-core Xeon @ 2.50GHz):

	n        unbuffered                       buffered (the fix)
	10       9.2 µs    peak 15 goroutines     6.1 µs    peak 4
	100      124 µs    peak 115               101 µs    peak 72
	1000     1.21 ms   peak 1014              1.17 ms   peak 36
	10000    26.9 ms   peak 10003             14.9 ms   peak 63

"peak" is the number of goroutines alive when the spawning loop ends:
without a buffer every sender is still parked there, each holding its
stack; with one they have delivered and exited. At 10000 the buffered form
is also 1.8x faster.

# Kind, and code that looks cold

Its findings are costs (the senders finish late, but they finish): set
aside by default in code that looks cold, listed with -cold. Without a fix
the message says why: a variable of the count declared after the make, or
a count that may change between the make and the loop.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"unbufchan".
*/
package unbufchan
