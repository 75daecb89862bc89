package mutexcount_test

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// mutexCounter is the form mutexcount flags.
type mutexCounter struct {
	mu sync.Mutex
	n  int64
}

func (c *mutexCounter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func (c *mutexCounter) load() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// atomicCounter is the form the message suggests.
type atomicCounter struct {
	n atomic.Int64
}

func (c *atomicCounter) inc()        { c.n.Add(1) }
func (c *atomicCounter) load() int64 { return c.n.Load() }

type incrementer interface {
	inc()
	load() int64
}

func TestBenchFormsAgree(t *testing.T) {
	for _, c := range []incrementer{&mutexCounter{}, &atomicCounter{}} {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 1000 {
					c.inc()
				}
			})
		}
		wg.Wait()
		if got := c.load(); got != 4000 {
			t.Errorf("%T counted %d, want 4000", c, got)
		}
	}
}

// BenchmarkCounter increments one counter from GOMAXPROCS goroutines
// (b.RunParallel), and from one goroutine (serial), with the mutex and with
// an atomic.Int64.
func BenchmarkCounter(b *testing.B) {
	forms := []struct {
		name string
		new  func() incrementer
	}{{"mutex", func() incrementer { return &mutexCounter{} }}, {"atomic", func() incrementer { return &atomicCounter{} }}}
	for _, form := range forms {
		b.Run("serial/"+form.name, func(b *testing.B) {
			c := form.new()
			for b.Loop() {
				c.inc()
			}
		})
	}
	for _, form := range forms {
		b.Run(fmt.Sprintf("parallel-%d/%s", runtime.GOMAXPROCS(0), form.name), func(b *testing.B) {
			c := form.new()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.inc()
				}
			})
		})
	}
}
