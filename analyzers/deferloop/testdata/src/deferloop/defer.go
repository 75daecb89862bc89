package deferloop

import (
	"context"
	"os"
	"sync"
	"time"
)

type cache struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	items map[string]int
}

type item struct {
	mu sync.Mutex
	n  int
}

// Bugs: shown with or without a profile, hot or cold.

func readAll(names []string) int {
	n := 0
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer in a loop releases f \(Close\) only when readAll returns: each iteration acquires another`
		n++
	}
	return n
}

func coldReadAll(names []string) {
	for i := 0; i < len(names); i++ {
		f, _ := os.Open(names[i])
		defer func() { _ = f.Close() }() // want `defer in a loop releases f \(Close\) only when coldReadAll returns`
	}
}

func (c *cache) fill(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() // want `defer in a loop unlocks the lock c.mu only when fill returns, but the next iteration locks it again: the second iteration blocks forever`
		c.items[k]++
	}
}

func (c *cache) read(keys []string) int {
	n := 0
	for _, k := range keys {
		c.rw.RLock()
		defer c.rw.RUnlock() // want `defer in a loop releases the lock c.rw only when read returns`
		n += c.items[k]
	}
	return n
}

func bump(items []*item) {
	for _, it := range items {
		it.mu.Lock()
		defer it.mu.Unlock() // want `defer in a loop releases the lock it.mu only when bump returns`
		it.n++
	}
}

func poll(ctx context.Context, n int) {
	for range n {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer in a loop releases the context cancel cancels only when poll returns`
		<-ctx.Done()
	}
}

var walk = func(names []string) {
	for _, name := range names {
		f, _ := os.Create(name)
		defer f.Close() // want `defer in a loop releases f \(Close\) only when the function literal returns`
	}
}

// Not bugs: hot-only cost findings, shown because the profile sees these
// functions.

func connect(ctx context.Context, hosts []string) error {
	octx := ctx
	for i, h := range hosts {
		if i == 0 || hosts[i-1] != h {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(octx, time.Second)
			defer cancel() // want `defer in a hot loop pushes a runtime defer record`
		}
		<-ctx.Done()
	}
	return nil
}

func openAll(names []string) []*os.File {
	var all []*os.File
	for _, name := range names {
		f, _ := os.Open(name)
		all = append(all, f)
		defer f.Close() // want `defer in a hot loop pushes a runtime defer record`
	}
	return all
}

func logEach(names []string, done func(string)) {
	for _, name := range names {
		defer done(name) // want `defer in a hot loop pushes a runtime defer record on every iteration`
	}
}

func closeShared(f *os.File, names []string) {
	for range names {
		defer f.Close() // want `defer in a hot loop pushes a runtime defer record`
	}
}

func (c *cache) unlockOnly(keys []string) {
	c.mu.Lock()
	for range keys {
		defer c.mu.Unlock() // want `defer in a hot loop pushes a runtime defer record`
	}
}

// Not hot: the profile never saw these, so nothing is shown by default.

func coldLogEach(names []string, done func(string)) {
	for _, name := range names {
		defer done(name)
	}
}

// Not in a loop of its own function, or run once: nothing.

func perItem(names []string) {
	for _, name := range names {
		func() {
			f, _ := os.Open(name)
			defer f.Close()
		}()
	}
}

func first(names []string) *os.File {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		return f
	}
	return nil
}

func outside(names []string) {
	f, _ := os.Open(names[0])
	defer f.Close()
	for range names {
	}
}

func spawn(names []string, wg *sync.WaitGroup) {
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, _ := os.Open(name)
			defer f.Close()
		}()
	}
}
