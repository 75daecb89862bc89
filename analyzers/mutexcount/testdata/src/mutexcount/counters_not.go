package mutexcount

import (
	"fmt"
	"sync"
)

// Reset under the lock: a read-and-reset elsewhere needs the lock to lose
// no increment.
type resetting struct {
	mu sync.Mutex
	n  int
}

func (r *resetting) inc() {
	r.mu.Lock()
	r.n++
	r.mu.Unlock()
}

func (r *resetting) take() int {
	r.mu.Lock()
	n := r.n
	r.n = 0
	r.mu.Unlock()
	return n
}

// The counter changes with other state in another section.
type queue struct {
	mu    sync.Mutex
	items []string
	n     int
}

func (q *queue) touch() {
	q.mu.Lock()
	q.n++
	q.mu.Unlock()
}

func (q *queue) push(s string) {
	q.mu.Lock()
	q.items = append(q.items, s)
	q.n++
	q.mu.Unlock()
}

// The section does more than count.
type multi struct {
	mu   sync.Mutex
	n    int
	last string
}

func (m *multi) record(s string) {
	m.mu.Lock()
	m.n++
	m.last = s
	m.mu.Unlock()
}

// An exported field: other packages may access it.
type Exported struct {
	mu sync.Mutex
	N  int
}

func (e *Exported) Inc() {
	e.mu.Lock()
	e.N++
	e.mu.Unlock()
}

// The address of the counter is taken.
type addressed struct {
	mu sync.Mutex
	n  int64
}

func (a *addressed) inc() {
	a.mu.Lock()
	a.n++
	a.mu.Unlock()
}

func (a *addressed) scan() { fmt.Sscan("1", &a.n) }

// The mutex belongs to another struct: the counter's struct may be copied.
type shard struct{ n int }

type table struct {
	mu     sync.Mutex
	shards []shard
}

func (t *table) inc(i int) {
	t.mu.Lock()
	t.shards[i].n++
	t.mu.Unlock()
}

// A float is no atomic's.
type gauge struct {
	mu sync.Mutex
	v  float64
}

func (g *gauge) add(x float64) {
	g.mu.Lock()
	g.v += x
	g.mu.Unlock()
}

// The delta calls code that may rely on the lock.
type sized struct {
	mu   sync.Mutex
	size int
}

func (s *sized) grow() {
	s.mu.Lock()
	s.size += s.compute()
	s.mu.Unlock()
}

func (s *sized) compute() int { return 1 }

// Read-only lock: RLock while writing is a race, not this check's.
type rcount struct {
	mu sync.RWMutex
	n  int
}

func (r *rcount) inc() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	fmt.Println(r.n)
}

// Set in a composite literal.
type seeded struct {
	mu sync.Mutex
	n  int
}

func newSeeded() *seeded { return &seeded{n: 10} }

func (s *seeded) inc() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}
