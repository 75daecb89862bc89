/*
Package goperitem defines an Analyzer that reports a goroutine started for
every item of input whose size nothing bounds.

# Analyzer goperitem

goperitem: report a goroutine started per item of unbounded input, with no limit in sight

Starting a goroutine per item is cheap for ten items and a problem for a
million: every goroutine holds a stack (2 KB to start, more as it grows)
until it ends, the scheduler juggles them all, and the work they start
(connections, files, memory) is not limited either.

	// Bad: one goroutine per item, however many items come.
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(it)
		}()
	}
	wg.Wait()

	// Good: at most 8 at once.
	var g errgroup.Group
	g.SetLimit(8)
	for _, it := range items {
		g.Go(func() error { return process(it) })
	}
	return g.Wait()

The check reports a go statement, or errgroup's Go, that a loop repeats
in its own function and that uses the iteration's item (a range key or
value, or a variable of the body), when the loop goes through input whose
size the function does not choose: a range over a slice or map that
comes from a parameter, the receiver or a call, a range over a channel,
or a loop on x.Next() or x.Scan() (rows, scanners, iterators). It is
silent when something in sight bounds the goroutines: a SetLimit on the
errgroup in the function, or, in the loop's body outside function
literals, a channel send or receive (a semaphore), a select, or an
Acquire or Wait call (semaphore.Weighted, a WaitGroup waited per batch).
A range over an integer starts workers, not goroutines per item, and a
loop over a small constant literal is bounded by the code.

The finding is hot-only (report.ReportIfHot): shown only where a profile
(-hot.profile) shows the function hot, listed with -cold otherwise. A
fan-out over a handful of items is fine, and only a profile says that
the loop runs with many.

There is no automatic fix: the bound, and what to do with errors (stop
at the first, or collect them), are choices.

# Cost

BenchmarkFanOut (bench_test.go) processes 10 000 items, each a little
work, with a goroutine per item (sync.WaitGroup.Go) and with 4 workers
reading the items from a channel (go test ./analyzers/goperitem -run XXX -bench . -benchmem
-count 3; median of 3; Go 1.26, a 2-core machine shared with other jobs,
so absolute times are inflated and noisy):

	                        ms/op (10 000 items)   B/op      allocs/op
	goroutine per item      401                    655 920   20 500
	4 workers               128                    303       10

B/op counts the goroutines' closures and bookkeeping, not their stacks
(2 KB each at least, from the runtime's stack allocator): 10 000 items
in flight at once hold about 20 MB of stacks more.

# Precision

Judged in profile mode (docs/judging.md, "Hot-only checks in profile
mode"): on encoding/json, compress/flate, image/png, archive/tar,
go-toml v2 and regexp2 v2, each profiled with its own benchmarks, it
shows 0 findings (0 false; no finding to judge worth fixing), and 0
without a profile. The fixtures hold the must-flag and must-not shapes.
*/
package goperitem
