package demo

import "context"

type item struct{ n int }
type result struct{ n int }

func process(it item) result { return result{it.n * 2} }

func expensiveOperation() int { return 42 }

// leaky is the article's "Goroutine leak": nobody ever receives, so the
// goroutine blocks forever (leakysend).
func leaky() {
	ch := make(chan int)
	go func() {
		result := expensiveOperation()
		ch <- result // Blocks forever if no receiver
	}()
}

// firstDone returns when the context ends first; the sender is then
// stranded (leakysend).
func firstDone(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- expensiveOperation() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// processBad is the article's "Unbuffered channel (blocking)": every
// sender waits for the collector, which starts after the loop (unbufchan).
func processBad(items []item) {
	ch := make(chan result)
	for _, it := range items {
		go func(it item) {
			ch <- process(it) // May block
		}(it)
	}
	for range items {
		<-ch
	}
}

// processGood is the article's fix; perfvet is silent on it.
func processGood(items []item) {
	ch := make(chan result, len(items))
	for _, it := range items {
		go func(it item) {
			ch <- process(it)
		}(it)
	}
	for range items {
		<-ch
	}
}

var _ = []any{leaky, firstDone, processBad, processGood}
