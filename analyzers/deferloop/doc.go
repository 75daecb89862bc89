/*
Package deferloop defines an Analyzer that reports defer statements in
loops.

# Analyzer deferloop

deferloop: report a defer inside a loop, which runs only when the function returns

A deferred call runs when its function returns, not at the end of the
loop iteration that deferred it. In a loop that means two things.

It is a bug when the deferred call releases what the same iteration
acquired: a file, a response body, rows, a lock, a context's timer. Every
item's resource stays held until the function returns (a loop over 10 000
files keeps 10 000 descriptors open), and a sync.Mutex locked on each
iteration and unlocked by defer blocks the second iteration forever.
These findings are shown by default, like perfvet's other bugs:

	// Bad: every file stays open until readAll returns.
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		...
	}

	// Good: the defer runs per file.
	for _, name := range names {
		if err := readOne(name); err != nil {
			return err
		}
	}

	func readOne(name string) error {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		...
	}

A release counts as per iteration when the deferred call (or a call in a
deferred function literal) is Close, Stop or Release on a variable
declared in the loop's body (or a field of one: resp.Body.Close()), a
context.CancelFunc declared there, or Unlock/RUnlock of a sync mutex the
body locks. It is a deadlock when the body locks, with Lock, a mutex that
is not reached through a variable of the iteration (c.mu of a receiver).
It is no bug, and reported as the cost below, when the resource outlives
the iteration on purpose (handed to a variable declared outside the
loop, or to a goroutine the iteration starts: go dial(ctx) with the
context the deferred cancel ends), or when the iteration releases it
itself anyway (f.Close() or cancel() after the defer, on the path every
iteration takes: the deferred call is then a second, no-op one).

Otherwise a defer in a loop is a cost, and a hot-only one (report.ReportIfHot):
each iteration pushes a defer record onto the goroutine's defer chain
(taken from a per-P pool, so it shows in CPU rather than allocation
profiles), and the runtime runs the chain at exit; the compiler's
open-coded defers, which cost almost nothing, do not apply in loops. What
it releases is held for the whole loop.
Most such loops run a few times; the finding is shown only where a
profile shows the loop hot (-hot.profile), and listed with -cold
otherwise. A CPU profile measures it by what the change would save: the
runtime's own work for the records, on the defer's line (pushing one)
and at the function's closing brace (where the compiler runs the chain),
not the loop's other work nor the deferred calls, which run either way.
A defer per table of a fixed pair in a loop that spends its time in
lookups (1.1% of the CPU in goleveldb's DB.get, judged not worth it) is
set aside when that own work is under -hot.min.

A defer in a function literal that the loop calls on each iteration runs
at the literal's return, and is not reported; nor is a defer followed by
a return, which runs once (loops.Info.Repeating).

There is no automatic fix: moving the loop's body into a function changes
what its return, break and continue statements mean, and an explicit
release must run on every path out of the iteration.

# Cost

BenchmarkDefer (bench_test.go) unlocks a mutex 100 times per operation:
with a defer in the loop, and with the body moved into a function whose
defer runs per item (go test ./analyzers/deferloop -run XXX -bench .
-benchmem -count 3; median of 3; Go 1.26, a 2-core machine shared with
other jobs, so absolute times are inflated and noisy):

	                 ns/op (100 items)   allocs/op
	defer in loop    85 742              0
	defer per item   26 583              0

A defer in a loop costs about 3x the loop's work here (the lock and an
add), with no allocation: the records come from the runtime's pool.

# Precision

Judged in profile mode (docs/judging.md, "Hot-only checks in profile
mode"): on encoding/json, compress/flate, image/png, archive/tar,
go-toml v2 and regexp2 v2, each profiled with its own benchmarks, it
shows 0 findings (0 false; no finding to judge worth fixing), and 0
without a profile. The fixtures hold the must-flag and must-not shapes.

The bug rule runs without a profile: on perfvet's own packages it reports
nothing, even with -cold. On std and the application modules of
scripts/corpus.sh -apps (docs/judging.md, "Rules that generalize"): 3
bugs, each true but not worth it (a few addresses of one host, at most
two DNS networks, the depth of nested subtests); two false ones (a
context handed to a racing goroutine, a body closed again at the end of
the iteration) were fixed at the rule.
*/
package deferloop
