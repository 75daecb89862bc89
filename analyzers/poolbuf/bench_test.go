package poolbuf_test

import (
	"bytes"
	"io"
	"strconv"
	"sync"
	"testing"
)

// The benchmarks measure a scratch buffer allocated per item against one
// hoisted and reset, and one taken from a sync.Pool, over 100 items per op
// (go test -bench . -benchmem).

type item struct {
	ID   int
	Name string
}

var items = func() []item {
	out := make([]item, 100)
	for i := range out {
		out[i] = item{i, "item-name-" + strconv.Itoa(i) + "-with-some-padding-to-grow-the-buffer-past-64-bytes"}
	}
	return out
}()

func format(b *bytes.Buffer, it item) {
	b.WriteString(`{"id":`)
	b.WriteString(strconv.Itoa(it.ID))
	b.WriteString(`,"name":"`)
	b.WriteString(it.Name)
	b.WriteString(`"}`)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func BenchmarkBuffer(b *testing.B) {
	b.Run("alloc", func(b *testing.B) {
		for b.Loop() {
			for _, it := range items {
				buf := new(bytes.Buffer) // the flagged form
				format(buf, it)
				_, _ = io.Discard.Write(buf.Bytes())
			}
		}
	})
	b.Run("hoisted", func(b *testing.B) {
		for b.Loop() {
			buf := new(bytes.Buffer) // one per op, counted on purpose
			for _, it := range items {
				buf.Reset()
				format(buf, it)
				_, _ = io.Discard.Write(buf.Bytes())
			}
		}
	})
	b.Run("pooled", func(b *testing.B) {
		for b.Loop() {
			for _, it := range items {
				buf := bufPool.Get().(*bytes.Buffer)
				buf.Reset()
				format(buf, it)
				_, _ = io.Discard.Write(buf.Bytes())
				bufPool.Put(buf)
			}
		}
	})
}

// zeros fills what it is given. Reading through an io.Reader variable is
// what moves a read buffer to the heap: the compiler cannot see the callee.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

var source io.Reader = zeros{}

func BenchmarkReadBuffer(b *testing.B) {
	b.Run("alloc", func(b *testing.B) {
		for b.Loop() {
			for range 100 {
				chunk := make([]byte, 4096) // the flagged form
				_, _ = source.Read(chunk)
			}
		}
	})
	b.Run("hoisted", func(b *testing.B) {
		for b.Loop() {
			chunk := make([]byte, 4096) // one per op, counted on purpose
			for range 100 {
				clear(chunk)
				_, _ = source.Read(chunk)
			}
		}
	})
	b.Run("pooled", func(b *testing.B) {
		pool := sync.Pool{New: func() any { return new([4096]byte) }}
		for b.Loop() {
			for range 100 {
				chunk := pool.Get().(*[4096]byte)
				clear(chunk[:])
				_, _ = source.Read(chunk[:])
				pool.Put(chunk)
			}
		}
	})
}
