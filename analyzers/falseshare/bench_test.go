package falseshare_test

import (
	"sync"
	"testing"
)

const adds = 1_000_000

type paddedCounter struct {
	n int64
	_ [56]byte
}

// adjacent is the form falseshare reports: each goroutine adds to its own
// element, 8 bytes from the other's.
func adjacent(workers int) []int64 {
	counts := make([]int64, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			for range adds {
				counts[i]++
			}
		})
	}
	wg.Wait()
	return counts
}

// padded gives each counter a cache line of its own.
func padded(workers int) []int64 {
	counts := make([]paddedCounter, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			for range adds {
				counts[i].n++
			}
		})
	}
	wg.Wait()
	out := make([]int64, workers)
	for i := range counts {
		out[i] = counts[i].n
	}
	return out
}

// local accumulates in a local and stores once.
func local(workers int) []int64 {
	counts := make([]int64, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			var n int64
			for range adds {
				n++
			}
			counts[i] = n
		})
	}
	wg.Wait()
	return counts
}

func TestBenchFormsAgree(t *testing.T) {
	for _, f := range []func(int) []int64{adjacent, padded, local} {
		for _, n := range f(2) {
			if n != adds {
				t.Fatalf("a counter holds %d, want %d", n, adds)
			}
		}
	}
}

func BenchmarkCounters(b *testing.B) {
	for _, bc := range []struct {
		name string
		f    func(int) []int64
	}{{"adjacent", adjacent}, {"padded", padded}, {"local", local}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				bc.f(2)
			}
		})
	}
}
