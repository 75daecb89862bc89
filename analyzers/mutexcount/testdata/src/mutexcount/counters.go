package mutexcount

import "sync"

// The article's form.
type Counter struct {
	mu    sync.Mutex
	value int64
}

func (c *Counter) Increment() {
	c.mu.Lock() // want `c.mu.Lock\(\) only to change c.value serializes every update on the lock, and parallel callers contend for it; make value an atomic.Int64: c.value.Add\(1\) without the lock, and its read a Load\(\); no automatic fix: its declaration and every access would change`
	c.value++
	c.mu.Unlock()
}

// A read under the lock becomes a Load.
func (c *Counter) Value() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value
}

// The defer form, an embedded RWMutex, and a delta.
type stats struct {
	sync.RWMutex
	bytes uint64
	hits  int
}

func (s *stats) add(n int) {
	s.Lock() // want `s.Lock\(\) only to change s.bytes .* make bytes an atomic.Uint64: s.bytes.Add\(uint64\(n\)\) without the lock, and its 2 reads Load\(\)s`
	defer s.Unlock()
	s.bytes += uint64(n)
}

func (s *stats) hit() int {
	s.Lock() // want `s.Lock\(\) only to change s.hits .* make hits an atomic.Int64: s.hits.Add\(1\) without the lock \(Add returns the new value\)`
	defer s.Unlock()
	s.hits = s.hits + 1
	return s.hits
}

func (s *stats) report() (uint64, float64) {
	s.RLock()
	defer s.RUnlock()
	return s.bytes, float64(s.bytes) / 2
}

// A package-level counter under a package-level mutex.
var (
	mu       sync.Mutex
	requests int32
)

func countRequest() {
	mu.Lock() // want `mu.Lock\(\) only to change requests .* atomic.Int32`
	requests--
	mu.Unlock()
}
