package unbufchan_test

import (
	"fmt"
	"runtime"
	"testing"
)

// The worker-results pattern in the form unbufchan flags (buffer 0) and the
// form its fix writes (buffer len(items)). Each worker does a little work;
// the collector starts after the spawning loop. peak-goroutines is the
// most goroutines alive at once, sampled when the spawning loop ends: with
// no buffer every sender is still parked there.

var sink int

func work(i int) int {
	s := 0
	for j := range 200 {
		s += i ^ j
	}
	return s
}

func fanOut(items []int, buffer int) (sum, peak int) {
	ch := make(chan int, buffer)
	for _, it := range items {
		go func() { ch <- work(it) }()
	}
	runtime.Gosched()
	peak = runtime.NumGoroutine()
	for range items {
		sum += <-ch
	}
	return sum, peak
}

func BenchmarkWorkerResults(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		items := make([]int, n)
		for i := range items {
			items[i] = i
		}
		for _, form := range []struct {
			name   string
			buffer int
		}{{"unbuffered", 0}, {"buffered", n}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, form.name), func(b *testing.B) {
				b.ReportAllocs()
				peaks := 0
				for b.Loop() {
					s, p := fanOut(items, form.buffer)
					sink += s
					peaks += p
				}
				b.ReportMetric(float64(peaks)/float64(b.N), "peak-goroutines")
			})
		}
	}
}
