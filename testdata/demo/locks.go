package demo

import (
	"sync"
	"sync/atomic"
)

// Counter is the article's "High lock contention" example: every
// Increment takes the mutex (mutexcount).
type Counter struct {
	mu    sync.Mutex
	value int64
}

func (c *Counter) Increment() {
	c.mu.Lock()
	c.value++
	c.mu.Unlock()
}

// AtomicCounter is the article's fix; perfvet is silent on it.
type AtomicCounter struct {
	value atomic.Int64
}

func (c *AtomicCounter) Increment() {
	c.value.Add(1)
}
