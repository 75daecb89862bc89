package pooluse

import (
	"io"
	"sync"
)

// Issue #27: a value copied out of a pooled pointer shares the pool's
// memory only if some user of the pool writes into what the value
// references. Users that only overwrite the pointed-to value whole
// (*ptr = item) never do; a type parameter's memory is unknown, so the
// rule cannot prove a use after Put and says nothing.

// A generic pool of pointers, as written in the issue.
type ptrPool[T any] struct {
	pointers sync.Pool
}

// New is set once, by the constructor: the field seen from each method is
// the same pool.
func newPtrPool[T any]() *ptrPool[T] {
	p := &ptrPool[T]{}
	p.pointers.New = func() any { return new(T) }
	return p
}

func (p *ptrPool[T]) get() T {
	ptr := p.pointers.Get().(*T)
	item := *ptr
	p.pointers.Put(ptr)
	return item
}

func (p *ptrPool[T]) put(item T) {
	ptr := p.pointers.Get().(*T)
	*ptr = item
	p.pointers.Put(ptr)
}

// A second shape: the copied-out value used after Put rather than
// returned.
func (p *ptrPool[T]) each(use func(T)) {
	ptr := p.pointers.Get().(*T)
	v := *ptr
	p.pointers.Put(ptr)
	use(v)
}

// A pool of *[]byte whose users only ever overwrite the slice header
// whole: the bytes item references were handed in by a caller, and no
// user of the pool writes into them.
var headerPool = sync.Pool{New: func() any { return new([]byte) }}

func stashHeader(item []byte) {
	ptr := headerPool.Get().(*[]byte)
	*ptr = item
	headerPool.Put(ptr)
}

func takeHeader() []byte {
	ptr := headerPool.Get().(*[]byte)
	item := *ptr
	headerPool.Put(ptr)
	return item
}

// A third shape: a struct element whose field is overwritten whole, the
// value read through a field after Put.
type slot struct{ payload []byte }

var slotPool = sync.Pool{New: func() any { return new(slot) }}

func fillSlot(b []byte) {
	s := slotPool.Get().(*slot)
	*s = slot{payload: b}
	slotPool.Put(s)
}

func readSlot(w io.Writer) {
	s := slotPool.Get().(*slot)
	item := *s
	slotPool.Put(s)
	w.Write(item.payload)
}

// Must flag, the twin: a pool of *[]byte whose users write into the
// bytes (append to (*bp)[:0]); the copied-out slice shares them.
var bytePtrPool = sync.Pool{New: func() any { b := make([]byte, 0, 64); return &b }}

func render(w io.Writer, name string) {
	bp := bytePtrPool.Get().(*[]byte)
	*bp = append((*bp)[:0], name...)
	out := *bp
	bytePtrPool.Put(bp)
	w.Write(out) // want `out, which shares bp's memory, is used after bytePtrPool.Put\(bp\)`
}
