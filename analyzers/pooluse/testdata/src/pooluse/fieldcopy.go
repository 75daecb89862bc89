package pooluse

import (
	"io"
	"sync"
)

// A field copied out of a pooled object before Put is judged by the uses
// of that field alone: a user writing through another field of the
// object writes into other memory.

// Must not flag: cel-go's frames. parent points to another live frame,
// is only ever assigned whole, and is cleared before Put; ctx and act are
// written through, but they are not what Pop returns.
type frame struct {
	parent *frame
	ctx    *frameCtx
	act    []int
}

type frameCtx struct{ depth int }

var framePool = sync.Pool{New: func() any { return new(frame) }}

func newFrame(ctx *frameCtx) *frame {
	f := framePool.Get().(*frame)
	f.ctx = ctx
	f.ctx.depth++
	f.act = append(f.act[:0], 1)
	return f
}

func (f *frame) push() *frame {
	child := framePool.Get().(*frame)
	child.parent = f
	child.ctx = f.ctx
	child.act = append(child.act[:0], len(f.act))
	return child
}

func (f *frame) pop() *frame {
	if f.parent == nil {
		return f
	}
	parent := f.parent
	f.ctx.depth--
	f.parent = nil
	f.ctx = nil
	framePool.Put(f)
	return parent
}

// The same in a func literal.
var popFrame = func(f *frame) *frame {
	parent := f.parent
	f.parent = nil
	framePool.Put(f)
	return parent
}

// Must flag: a slice field whose bytes a later Get's user writes into.
type piece struct {
	buf  []byte
	name string
}

var piecePool = sync.Pool{New: func() any { return new(piece) }}

func fillPiece(data []byte) *piece {
	c := piecePool.Get().(*piece)
	c.buf = append(c.buf[:0], data...)
	return c
}

func drainPiece(w io.Writer, c *piece) {
	b := c.buf
	piecePool.Put(c)
	w.Write(b) // want `b, which shares c's memory, is used after piecePool.Put\(c\)`
}

// Must flag, in a func literal.
var drainPieceLit = func(w io.Writer, c *piece) {
	b := c.buf
	piecePool.Put(c)
	w.Write(b) // want `b, which shares c's memory, is used after piecePool.Put\(c\)`
}

// Must flag: a pointer field whose pointee a later Get's user writes
// through.
type job struct {
	out  *jobOut
	next *job
}

type jobOut struct{ n int }

var jobPool = sync.Pool{New: func() any { return &job{out: new(jobOut)} }}

func runJob(n int) int {
	j := jobPool.Get().(*job)
	j.out.n = n
	o := j.out
	jobPool.Put(j)
	return o.n // want `o, which shares j's memory, is used after jobPool.Put\(j\)`
}

// Must not flag, its twin: next is only assigned whole; out is written
// through, but next is what is copied.
func nextJob(j *job) *job {
	j2 := jobPool.Get().(*job)
	j2.next = j
	jobPool.Put(j2)
	nxt := j.next
	j.next = nil
	jobPool.Put(j)
	return nxt
}

// Must flag: the write is in a helper one call away, a function and a
// method.
type rec struct {
	line []byte
	prev *rec
}

var recPool = sync.Pool{New: func() any { return new(rec) }}

func setLine(r *rec, s string) { r.line = append(r.line[:0], s...) }

func (r *rec) clearLine() {
	for i := range r.line {
		r.line[i] = 0
	}
}

func logRec(w io.Writer, s string) {
	r := recPool.Get().(*rec)
	setLine(r, s)
	line := r.line
	recPool.Put(r)
	w.Write(line) // want `line, which shares r's memory, is used after recPool.Put\(r\)`
}

func wipeRec() {
	r := recPool.Get().(*rec)
	r.clearLine()
	recPool.Put(r)
}

// Must not flag, their twin: prev is only assigned whole, in a helper too.
func linkRec(r, prev *rec) { r.prev = prev }

func unlinkRec(prev *rec) *rec {
	r := recPool.Get().(*rec)
	linkRec(r, prev)
	p := r.prev
	r.prev = nil
	recPool.Put(r)
	return p
}

// The field reached through an embedded struct, and through a nested
// selector.
type header struct {
	key  []byte
	prev *item
}

type item struct {
	header
	meta struct {
		tags []string
		up   *item
	}
}

var itemPool = sync.Pool{New: func() any { return new(item) }}

// Must flag: key is written into through the promoted field, in a range
// loop; tags through the nested one, in an index loop.
func fillItem(k []byte, tags []string) {
	e := itemPool.Get().(*item)
	for i, b := range k {
		e.key[i] = b
	}
	for i := 0; i < len(tags); i++ {
		e.meta.tags[i] = tags[i]
	}
	itemPool.Put(e)
}

func itemKey(w io.Writer) {
	e := itemPool.Get().(*item)
	k := e.header.key
	itemPool.Put(e)
	w.Write(k) // want `k, which shares e's memory, is used after itemPool.Put\(e\)`
}

func itemTags() []string {
	e := itemPool.Get().(*item)
	t := e.meta.tags
	itemPool.Put(e)
	return t // want `t, which shares e's memory, is used after itemPool.Put\(e\)`
}

// Must not flag: prev (promoted) and meta.up are only assigned whole,
// while key and tags are written through.
func itemLinks(prev, up *item) (*item, *item) {
	e := itemPool.Get().(*item)
	e.prev = prev
	e.meta.up = up
	p := e.prev
	u := e.meta.up
	e.prev, e.meta.up = nil, nil
	itemPool.Put(e)
	return p, u
}
