/*
Package falseshare defines an Analyzer that reports goroutines writing,
in hot loops, memory that shares a cache line with another goroutine's.

# Analyzer falseshare

falseshare: report goroutines whose hot loops write neighbouring memory (false sharing)

Cores keep memory in 64-byte cache lines, and a line can be written by
one core at a time. When goroutines each write their own counter, but
the counters sit side by side (an []int64 indexed by goroutine, two
fields of one struct), every write takes the line away from the other
cores: the goroutines share nothing, yet they wait for each other as if
they did.

	// Bad: counts[0..7] share one cache line.
	counts := make([]int64, workers)
	for i := range workers {
		wg.Go(func() {
			for _, x := range parts[i] {
				counts[i] += x
			}
		})
	}

	// Good: a local per goroutine, stored once.
	for i := range workers {
		wg.Go(func() {
			var n int64
			for _, x := range parts[i] {
				n += x
			}
			counts[i] = n
		})
	}

	// Or pad each element to a cache line.
	type counter struct {
		n int64
		_ [56]byte
	}

The check looks at function literals run as goroutines (go func() {...},
errgroup's and sync.WaitGroup's Go) and the stores in their loops (an
assignment, an increment, an atomic function's pointer operand or an
atomic type's Add, Store, Swap, CompareAndSwap). It reports:

  - xs[i] (or a field of it) written in such a loop, when the goroutine
    is one of many a loop starts, i is the goroutine's own index (a
    parameter of the literal, or a variable of the starting loop's
    iteration, unchanged in the literal), xs is shared (declared outside
    the literal) and its elements are smaller than a cache line;
  - s.f written in one goroutine's loop while another goroutine's loop
    writes s.g of the same variable, less than 64 bytes apart.

The findings are hot-only (report.ReportIfHot): shown only where a
profile (-hot.profile) shows the goroutine's function hot, listed with
-cold otherwise. There is no automatic fix: padding changes a type's
layout and size, and a local changes when other goroutines see the
value.

# Cost

BenchmarkCounters (bench_test.go) has 2 goroutines (GOMAXPROCS=2) each
add 1 000 000 times to its own counter: adjacent int64s of one slice,
the same padded to 64 bytes, and a local stored once (go test
./analyzers/falseshare -run XXX -bench . -count 3; median of 3; Go 1.26,
2-core AMD EPYC, 2026-12-07, load average near 4):

	                    ms/op (2 x 1 000 000 adds)
	adjacent int64s     2.79
	padded to 64 bytes  1.68
	local, stored once  0.79

Sharing one cache line makes the two goroutines' loops 1.7x slower than
padded counters; a local stored once is 3.5x faster than the shared line
(its loop stores nothing). The effect needs the goroutines running at
once on different cores: on the same machine at load average 60, with
the goroutines seldom running together, padding did not help (48.4,
62.2 and 31.1 ms). The local form wins either way.

# Precision

Judged in profile mode (docs/judging.md, "Hot-only checks in profile
mode"): on encoding/json, compress/flate, image/png, archive/tar,
go-toml v2 and regexp2 v2, each profiled with its own benchmarks, it
shows 0 findings (0 false; no finding to judge worth fixing), and 0
without a profile. The fixtures hold the must-flag and must-not shapes.
*/
package falseshare
