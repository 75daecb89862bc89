package pooluse

import (
	"bytes"
	"io"
	"slices"
	"sync"
)

// Copies taken before Put share no memory with the pooled object (issue
// #16): none of these is a use after Put. The hot-looking twin,
// writeAfterPut in afterput.go, keeps buf.Bytes() itself and stays flagged.

func cloneBeforePut(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	out := bytes.Clone(buf.Bytes())
	bufPool.Put(buf)
	w.Write(out)
}

func slicesCloneBeforePut(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	out := slices.Clone(buf.Bytes())
	bufPool.Put(buf)
	w.Write(out)
}

func appendCopyBeforePut(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	out := append([]byte(nil), buf.Bytes()...)
	bufPool.Put(buf)
	w.Write(out)
}

func stringCopyBeforePut(data []byte) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	s := string(buf.Bytes())
	t := buf.String()
	bufPool.Put(buf)
	return s + t
}

func copyBeforePut(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	out := make([]byte, buf.Len())
	copy(out, buf.Bytes())
	bufPool.Put(buf)
	w.Write(out)
}

// A pooled object with a free list: the elements are separate allocations
// that the pool object hands out; popping one is the intended use.
type node struct{ next *node }

type freeList struct {
	nodes   []*node
	scratch []byte
	err     error
	n       int
}

var listPool = sync.Pool{New: func() any { return new(freeList) }}

func pop() *node {
	fl := listPool.Get().(*freeList)
	var nd *node
	if len(fl.nodes) > 0 {
		nd = fl.nodes[len(fl.nodes)-1]
		fl.nodes = fl.nodes[:len(fl.nodes)-1]
	}
	listPool.Put(fl)
	return nd
}

// Must flag, the free list's twin: its scratch bytes are the pool
// object's own memory.
func scratchAfterPut(w io.Writer) {
	fl := listPool.Get().(*freeList)
	b := fl.scratch[:0]
	listPool.Put(fl)
	w.Write(b) // want `b, which shares fl's memory, is used after listPool.Put\(fl\)`
}

// Values copied out: a scalar, an interface value, a struct copy.
type heldState struct {
	err  error
	n    int
	name string
}

var heldPool = sync.Pool{New: func() any { return new(heldState) }}

func copiedOut() (error, int, string) {
	st := heldPool.Get().(*heldState)
	err, n := st.err, st.n
	item := *st
	heldPool.Put(st)
	return err, n, item.name
}
