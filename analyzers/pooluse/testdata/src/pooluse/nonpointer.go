package pooluse

import (
	"bytes"
	"sync"
)

// Rule 7 (issue #32, staticcheck's SA6002): a Put of a value that is not
// pointer-shaped allocates on every Put. Each must-flag shape has a
// must-not twin.

var chunkPool = sync.Pool{New: func() any { return make([]byte, 0, 4096) }}

// A []byte put back as it is.
func compressChunk(src []byte) int {
	buf := chunkPool.Get().([]byte)
	buf = append(buf[:0], src...)
	n := len(buf)
	chunkPool.Put(buf) // want `chunkPool.Put\(buf\) puts a \[\]byte, which is not pointer-shaped: converting it to any copies its 24 bytes to the heap on every Put.*; pool a \*\[\]byte instead.*; no automatic fix: every Get of the pool and its type assertion change with it`
	return n
}

var chunkPtrPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// Twin: the pool holds *[]byte.
func compressChunkPtr(src []byte) int {
	bp := chunkPtrPool.Get().(*[]byte)
	*bp = append((*bp)[:0], src...)
	n := len(*bp)
	*bp = (*bp)[:0]
	chunkPtrPool.Put(bp)
	return n
}

// A resliced []byte put back from a struct's pool field, in a method.
type chunkCodec struct {
	scratch sync.Pool
}

func (c *chunkCodec) encode(src []byte) int {
	b, _ := c.scratch.Get().([]byte)
	b = append(b[:0], src...)
	defer c.scratch.Put(b[:0]) // want `c.scratch.Put\(b\[:0\]\) puts a \[\]byte, which is not pointer-shaped`
	return len(b)
}

// Twin: a *bytes.Buffer from the same kind of field.
func (c *chunkCodec) encodeBuffer(src []byte) int {
	b, _ := c.scratch.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	b.Write(src)
	n := b.Len()
	c.scratch.Put(b)
	return n
}

// A pool passed as a parameter, and a struct value put back.
type window struct {
	lo, hi int
	data   []byte
}

func releaseWindow(p *sync.Pool, w window) {
	p.Put(w) // want `p.Put\(w\) puts a window, which is not pointer-shaped: converting it to any copies its 40 bytes to the heap on every Put.*; put a pointer to it instead \(a \*window\)`
}

// Twin: the same through a pointer, and a value already boxed.
func releasePtr(p *sync.Pool, w *window, boxed any) {
	p.Put(w)
	p.Put(boxed)
}

// Twin: a one-byte value and a constant, which box without allocating.
func releaseSmall(p *sync.Pool, b byte) {
	p.Put(b)
	p.Put(42)
}

// Directives that silence staticcheck's SA6002 silence rule 7 too: the
// rule stands in for that check (bbolt and msgp mark such Puts
// //nolint:staticcheck), whatever shape the directive takes; one naming
// another linter does not.
func putSilencedForStaticcheck(b []byte) {
	chunkPool.Put(b[:0]) //nolint:staticcheck // the box is cheaper than a *[]byte here
}

func putSilencedForSA6002(b []byte) {
	chunkPool.Put(b[:0]) //nolint:SA6002
}

func putIgnoredSA6002(b []byte) {
	//lint:ignore SA6002 the pool's users assert []byte
	chunkPool.Put(b[:0])
}

func putSilencedForAnotherLinter(b []byte) {
	chunkPool.Put(b[:0]) //nolint:gosec // want `chunkPool.Put\(b\[:0\]\) puts a \[\]byte, which is not pointer-shaped`
}
