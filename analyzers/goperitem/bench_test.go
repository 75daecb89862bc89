package goperitem_test

import (
	"sync"
	"sync/atomic"
	"testing"
)

var total atomic.Int64

// work is a little work per item.
func work(it int) {
	n := 0
	for i := range 200 {
		n += i ^ it
	}
	total.Add(int64(n))
}

// perItem is the form goperitem reports.
func perItem(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { work(it) })
	}
	wg.Wait()
}

// pool is the bounded form: 4 workers reading the items.
func pool(items []int) {
	ch := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for it := range ch {
				work(it)
			}
		})
	}
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
}

func TestBenchFormsAgree(t *testing.T) {
	items := make([]int, 100)
	total.Store(0)
	perItem(items)
	a := total.Swap(0)
	pool(items)
	if b := total.Load(); a != b {
		t.Fatalf("perItem = %d, pool = %d", a, b)
	}
}

func BenchmarkFanOut(b *testing.B) {
	items := make([]int, 10_000)
	for i := range items {
		items[i] = i
	}
	b.Run("goroutine-per-item", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			perItem(items)
		}
	})
	b.Run("4-workers", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pool(items)
		}
	})
}
