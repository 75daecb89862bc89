/*
Package leakysend defines an Analyzer that reports goroutines that can be
left blocked forever on a send nobody will receive.

# Analyzer leakysend

leakysend: report goroutines that block forever sending on a channel the function stops receiving

A goroutine that sends on an unbuffered channel waits until someone
receives. When the function that started it can leave without receiving
(a select that takes a timeout or ctx.Done() first, an error return
between the go statement and the receive, a first-answer-wins receive of
one value out of n, a receiving loop that returns early), the goroutine
waits forever: its stack (2 KiB at least) and everything it references
are never freed. go vet, staticcheck and golangci-lint have no check for
it; the fixes in moby, prometheus, cadvisor and gvisor are all the same:

	// Bad: if the timeout wins, the sender blocks forever.
	ch := make(chan result)
	go func() { ch <- fetch() }()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(d):
		return result{}, errTimeout
	}

	// Good: the send always completes.
	ch := make(chan result, 1)

The check looks at channels made in a function (make(chan T) or with a
constant buffer) that goroutines it starts (function literals, or named
functions and methods of the same package given the channel) send on, and
reports the go statement when:

 1. one goroutine sends once and a path from the go statement leaves the
    function without receiving: through a select that proceeds on another
    case or its default, a return, a panic or a no-return call (os.Exit,
    log.Fatal, t.Fatal), or the end of the function;
 2. n goroutines started in a loop of known count send once each and the
    function receives only once or a few times (first response wins);
 3. they are collected by a loop that can stop early (a return, break or
    goto in its body);
 4. one goroutine may send many values (a producer ranging over a slice)
    and the function receives them in a range over the channel that can
    stop early: returning at the first error leaves every later send
    blocked.

A goroutine sends once when no loop of it repeats a send (a send followed
by a return in a loop runs once) and no send can follow another (sends in
exclusive branches of an if or a switch, or with a return between): a
buffer of 1 then holds its one value.

Paths come from a go/cfg control-flow graph built only for functions that
both make a channel and start a goroutine on it; nothing else pays.

The fix gives the channel room for every pending send: a buffer of 1 for
one goroutine with one send, of len(items) for one per iteration (when
the count has the same value where the channel is made). When a goroutine
sends an unknown number of times there is no fix; the message says to
select on ctx.Done() (or a done channel) in the sender.

It does not flag: buffers with room for every send; senders that select
on another case; channels used in a defer (a deferred drain or close);
functions whose only way out receives; and channels it cannot follow:
passed to other functions, stored, returned, received by another
goroutine, or not made in the function. The analysis is intraprocedural
(plus same-package functions started with go); those limits are deliberate,
to keep the check precise. Collecting loops of unknown length (for { select
{ ... } }) are not judged: they usually stop on a counter ("return when
every worker is done") that the check cannot follow.

# Cost of the leak

TestFixStopsLeak (leak_test.go) runs each fixture shape 50 times, in the
flagged form and with the fix's buffer, and counts the goroutines left
when every sender has had time to finish: at least 50 (one per call, or
more for the n-sender shapes) before the fix, 0 after, for the timeout,
context, error-return, select-default, first-of-n and stop-early shapes
(the test asserts both bounds). Each
leaked goroutine keeps at least its 2 KiB initial stack and everything its
closure references, for the life of the process.

# The runtime's word

With a goroutine leak profile in -hot.profile (Go 1.26,
GOEXPERIMENT=goroutineleakprofile: /debug/pprof/goroutineleak), a finding
whose goroutines leaked says so: "confirmed: 20 goroutines leaked here"
(goroutines whose outermost frame is in the function the go statement
starts). Leaked goroutines no finding names are listed once after the
findings, as leaks the rules missed (docs/leaks.md).

# Kind, and code that looks cold

Its findings are bugs: a goroutine blocked forever costs whatever the heat
of the code that started it, so they are shown even in code that looks
cold, and must be certain. Code after a range over a channel that the
sending goroutine closes (deferred, or as its last statement) runs only
once that goroutine is past all its sends, so it cannot abandon one; a
goroutine that may send many times (a send in a loop that does not
return) on a channel the function receives from once is reported.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"leakysend".
*/
package leakysend
