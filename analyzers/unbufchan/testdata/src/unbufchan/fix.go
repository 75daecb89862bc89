package unbufchan

import "sync"

type item struct{ n int }
type result struct{ n int }

func process(it item) result { return result{it.n * 2} }

// The seed article's processBad.
func processBad(items []item) []result {
	ch := make(chan result) // want `the len\(items\) goroutines started in the loop at line \d+ each send one value on unbuffered ch, which is received only after that loop \(line \d+\): each sender stays blocked, keeping its stack \(≥ 2 KiB\) and data alive, until the collector reaches it; give ch a buffer of len\(items\) so they finish at once`
	for _, it := range items {
		go func(it item) {
			ch <- process(it) // May block
		}(it)
	}
	out := make([]result, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out
}

// Collected with range after the senders are waited for and the channel
// is closed.
func waitThenRange(n int, work func(int) int) int {
	results := make(chan int) // want `the n goroutines started in the loop at line \d+ each send one value on unbuffered results`
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(i)
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for v := range results {
		sum += v
	}
	return sum
}
