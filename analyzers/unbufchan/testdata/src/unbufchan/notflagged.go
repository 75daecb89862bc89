package unbufchan

import "runtime"

func alreadyBuffered(items []item) []result {
	ch := make(chan result, len(items))
	for _, it := range items {
		go func() { ch <- process(it) }()
	}
	out := make([]result, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out
}

// A fixed pool: each worker sends many results and a concurrent collector
// reads them all.
func workerPool(jobs <-chan item, n int) []result {
	results := make(chan result)
	for range runtime.NumCPU() {
		go func() {
			for j := range jobs {
				results <- process(j)
			}
		}()
	}
	var out []result
	for range n {
		out = append(out, <-results)
	}
	return out
}

// The receiver runs in its own goroutine, started before the senders.
func pipeline(items []item, sink func(result)) {
	ch := make(chan result)
	done := make(chan struct{})
	go func() {
		for r := range ch {
			sink(r)
		}
		close(done)
	}()
	for _, it := range items {
		go func() { ch <- process(it) }()
	}
	<-done
}

// Signals, not results.
func signals(items []item) {
	done := make(chan struct{})
	for _, it := range items {
		go func() {
			process(it)
			done <- struct{}{}
		}()
	}
	for range items {
		<-done
	}
}

// Received while spawning.
func interleaved(items []item) []result {
	ch := make(chan result)
	var out []result
	for _, it := range items {
		go func() { ch <- process(it) }()
		out = append(out, <-ch)
	}
	return out
}

// A collector that can stop early is leakysend's finding, not this one.
func stopsEarly(items []item) (result, bool) {
	ch := make(chan result)
	for _, it := range items {
		go func() { ch <- process(it) }()
	}
	for range items {
		if r := <-ch; r.n > 10 {
			return r, true
		}
	}
	return result{}, false
}
