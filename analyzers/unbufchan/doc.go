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
*/
package unbufchan
