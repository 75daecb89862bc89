package deferloop_test

import (
	"sync"
	"testing"
)

var mu sync.Mutex

var sink int

// deferInLoop is the form deferloop reports: every defer runs when the
// function returns (here a counter, so the loop can complete).
func deferInLoop(items []int) int {
	n := 0
	for _, it := range items {
		mu.Lock()
		n += it
		mu.Unlock()
		defer func() { sink++ }()
	}
	return n
}

// deferPerItem is the form the message suggests: the body in a function
// whose defer runs per item (open-coded by the compiler).
func deferPerItem(items []int) int {
	n := 0
	for _, it := range items {
		n += addOne(it)
	}
	return n
}

func addOne(it int) int {
	mu.Lock()
	defer mu.Unlock()
	sink++
	return it
}

func TestBenchFormsAgree(t *testing.T) {
	items := make([]int, 100)
	for i := range items {
		items[i] = i
	}
	if a, b := deferInLoop(items), deferPerItem(items); a != b {
		t.Fatalf("deferInLoop = %d, deferPerItem = %d", a, b)
	}
}

func BenchmarkDefer(b *testing.B) {
	items := make([]int, 100)
	b.Run("in-loop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			deferInLoop(items)
		}
	})
	b.Run("per-item", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			deferPerItem(items)
		}
	})
}
