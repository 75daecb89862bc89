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
functions of the same package given the channel) send on, and reports
the go statement when:

 1. one goroutine sends once and a path from the go statement leaves the
    function without receiving: through a select that proceeds on another
    case or its default, a return, a panic or a no-return call (os.Exit,
    log.Fatal, t.Fatal), or the end of the function;
 2. n goroutines started in a loop of known count send once each and the
    function receives only once or a few times (first response wins);
 3. they are collected by a loop that can stop early (a return, break or
    goto in its body).

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

# Precision

Counted on 2026-11-26 with Go 1.26.8, every finding read in context:

  - the standard library: 0 findings. An earlier version reported
    internal/fuzz's coordinator, whose for-select loop returns only once a
    counter shows every worker done: a false positive, which led to the
    rule that loops of unknown length are not judged.
  - golang.org/x/tools, honnef.co/go/tools and golangci-lint (module
    cache), and the 973 non-standard packages that golangci-lint,
    staticcheck and gopls import: 1 finding, true:
    x/tools playground/socket socketHandler, whose decoder goroutine sends
    every message on an unbuffered channel; when the encoder fails, the
    handler returns on errc and a decoder blocked mid-send stays blocked.
    An earlier version also reported charmbracelet/ultraviolet's
    terminal reader (two sends on exclusive paths into a buffer of 1):
    false, and the reason sends that each end the goroutine now count as
    one.

The check is narrow by design (local channels, visible receivers), so it
finds few, real leaks; its fixtures reproduce the published fixes.
BenchmarkOverhead (analyzers/overhead_test.go) measures its cost on a
generated 400-function package without goroutines: 19.0 ms per run
against 12.4 ms for building the inspector alone; the difference includes
the loops and report analyzers, which the suite computes once for all its
checks. No control-flow graph is built there: the check only visits go
statements.

# The runtime's word (issue #27)

With a goroutine leak profile in -hot.profile (Go 1.26,
GOEXPERIMENT=goroutineleakprofile: /debug/pprof/goroutineleak), a finding
whose goroutines leaked says so: "confirmed: 20 goroutines leaked here"
(goroutines whose outermost frame is in the function the go statement
starts). Leaked goroutines no finding names are listed once after the
findings, as leaks the rules missed (docs/leaks.md).

# Kind, and code that looks cold (issue #16)

Its findings are bugs: a goroutine blocked forever costs whatever the heat
of the code that started it, so they are shown even in code that looks
cold, and must be certain. Code after a range over a channel that the
sending goroutine closes (deferred, or as its last statement) runs only
once that goroutine is past all its sends, so it cannot abandon one; a
goroutine that may send many times (a send in a loop that does not
return) on a channel the function receives from once is reported.

Judged on std (perfvet -json std, Go 1.26, 2026-11-29; every finding of
the default output read in context, verdicts as in docs/judging.md, which
lists them; scripts/judge-list.sh regenerates the lists):

	| list | findings | worth fixing | not worth it | false |
	|---|---:|---:|---:|---:|
	| default output | 0 | | | |

std has no goroutine of this shape. On the modules corpus
(docs/judging.md) it reports one, shown as a bug: x/tools'
playground/socket.go:109, a real leak when the encoder fails (worth
fixing).

On golangci-lint's module graph (all findings judged,
docs/judged/graph-sample.md, counted at main 6f515ee): 2 shown, both worth
fixing (x/tools' playground socket, google-api's settings: real leaks);
the 4 false went (a send followed by a return in a loop, sends in
exclusive branches, a send latched by an error).
*/
package leakysend
