package pooluse

import (
	"fmt"
	"sync"
)

// Issue #27: an object handed out by a pooled allocator is not the pool
// object's memory once handed out. A slab that hands out its first element
// and moves past it (a.slab = a.slab[1:]) never hands that element out
// again: the next user of the arena gets a different one.

type entry struct {
	key string
	val []byte
}

type arena struct {
	slab []entry
}

// alloc hands out the first free entry and moves past it; a spent slab is
// replaced by a fresh one, never reused.
func (a *arena) alloc() *entry {
	if len(a.slab) == 0 {
		a.slab = make([]entry, 64)
	}
	e := &a.slab[0]
	a.slab = a.slab[1:]
	return e
}

// chunk hands out n bytes of a byte slab the same way.
type byteArena struct {
	buf []byte
}

func (b *byteArena) chunk(n int) []byte {
	if len(b.buf) < n {
		b.buf = make([]byte, 4096+n)
	}
	c := b.buf[:n:n]
	b.buf = b.buf[n:]
	return c
}

var arenaPool = sync.Pool{New: func() any { return new(arena) }}

var byteArenaPool = sync.Pool{New: func() any { return new(byteArena) }}

// As written in the issue: a := pool.Get(); e := a.alloc(); pool.Put(a); use(e).
func newEntry(key string) *entry {
	a := arenaPool.Get().(*arena)
	e := a.alloc()
	arenaPool.Put(a)
	e.key = key
	return e
}

// A chunk of a byte slab used after Put.
func label(id int) []byte {
	b := byteArenaPool.Get().(*byteArena)
	c := b.chunk(16)
	byteArenaPool.Put(b)
	return fmt.Appendf(c[:0], "item-%d", id)
}

// The allocation one call away, in a helper.
func entryFrom(a *arena, key string) *entry {
	e := a.alloc()
	e.key = key
	return e
}

func newEntryHelper(key string) *entry {
	a := arenaPool.Get().(*arena)
	e := entryFrom(a, key)
	arenaPool.Put(a)
	e.val = append(e.val, key...)
	return e
}

// Must flag, the twin: an arena that hands out by a counter which the
// next user resets (reset; alloc) hands out the same entry again.
type countingArena struct {
	slab []entry
	n    int
}

func (a *countingArena) reset() { a.n = 0 }

func (a *countingArena) alloc() *entry {
	e := &a.slab[a.n]
	a.n++
	return e
}

var countingPool = sync.Pool{New: func() any { return &countingArena{slab: make([]entry, 64)} }}

func countedEntry(key string) *entry {
	a := countingPool.Get().(*countingArena)
	a.reset()
	e := a.alloc()
	countingPool.Put(a)
	e.key = key // want `e, which shares a's memory, is used after countingPool.Put\(a\)`
	return e
}
