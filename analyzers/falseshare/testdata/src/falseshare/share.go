package falseshare

import (
	"sync"
	"sync/atomic"
)

type stats struct {
	hits   int64
	misses int64
}

type padded struct {
	hits   int64
	_      [56]byte
	misses int64
}

type slot struct {
	n   int64
	sum int64
}

type bigSlot struct {
	n int64
	_ [56]byte
}

// Flagged: per-goroutine elements written in the goroutine's loop.

func count(items [][]int) []int64 {
	counts := make([]int64, len(items))
	var wg sync.WaitGroup
	for i, part := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, x := range part {
				counts[i] += int64(x) // want `each goroutine writes its own element of counts in a loop, but the elements are 8 bytes, 8 to a 64-byte cache line`
			}
		}()
	}
	wg.Wait()
	return counts
}

func slots(n int, work []int) []slot {
	out := make([]slot, n)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for _, x := range work {
				out[id].n++             // want `each goroutine writes its own element of out in a loop, but the elements are 16 bytes, 4 to a 64-byte cache line`
				out[id].sum += int64(x) // want `each goroutine writes its own element of out`
			}
		}(w)
	}
	wg.Wait()
	return out
}

var totals [4]atomic.Int64

func atomics(work []int) {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range work {
				totals[i].Add(1) // want `each goroutine writes its own element of totals`
			}
		})
	}
	wg.Wait()
}

func fields(work []int) stats {
	var s stats
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for range work {
			s.hits++
		}
	}()
	go func() {
		defer wg.Done()
		for range work {
			s.misses++ // want `this goroutine writes s.misses in a loop while another writes s.hits \(line 85\), 8 bytes away in the same struct`
		}
	}()
	wg.Wait()
	return s
}

// Not flagged: padded elements and fields, writes outside loops, the
// index changing in the loop, one shared element, cold code.

func countPadded(items [][]int) []bigSlot {
	counts := make([]bigSlot, len(items))
	var wg sync.WaitGroup
	for i, part := range items {
		wg.Go(func() {
			for _, x := range part {
				counts[i].n += int64(x)
			}
		})
	}
	wg.Wait()
	return counts
}

func countLocal(items [][]int) []int64 {
	counts := make([]int64, len(items))
	var wg sync.WaitGroup
	for i, part := range items {
		wg.Go(func() {
			var n int64
			for _, x := range part {
				n += int64(x)
			}
			counts[i] = n
		})
	}
	wg.Wait()
	return counts
}

func stripes(out []int64, work []int) {
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for j := w; j < len(out); j += 2 {
				out[j]++
			}
		})
	}
	wg.Wait()
}

func paddedFields(work []int) padded {
	var s padded
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for range work {
			s.hits++
		}
	}()
	go func() {
		defer wg.Done()
		for range work {
			s.misses++
		}
	}()
	wg.Wait()
	return s
}

func coldCount(items [][]int) []int64 {
	counts := make([]int64, len(items))
	var wg sync.WaitGroup
	for i, part := range items {
		wg.Go(func() {
			for _, x := range part {
				counts[i] += int64(x)
			}
		})
	}
	wg.Wait()
	return counts
}
