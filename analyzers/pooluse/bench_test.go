package pooluse_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// The benchmarks measure what two of the rules cost, 100 uses of a pool per
// op (go test -bench . -benchmem): a Get that is not put back, and a
// pooled strings.Builder.

var line = strings.Repeat("0123456789", 20) // 200 bytes per write

// scratch is what the benchmarks pool: a *bytes.Buffer or a
// *strings.Builder.
type scratch interface {
	Reset()
	WriteString(string) (int, error)
}

// usePool takes a scratch from pool 100 times per op, resets it and writes
// 1000 bytes into it, and puts it back if putBack.
func usePool(b *testing.B, newScratch func() any, putBack bool) {
	pool := sync.Pool{New: newScratch}
	for b.Loop() {
		for range 100 {
			s := pool.Get().(scratch)
			s.Reset()
			for range 5 {
				_, _ = s.WriteString(line)
			}
			if putBack {
				pool.Put(s)
			} // else: an early return that skips the Put, every time
		}
	}
}

func newBuffer() any  { return new(bytes.Buffer) }
func newBuilder() any { return new(strings.Builder) }

func BenchmarkGetWithoutPut(b *testing.B) {
	b.Run("put-back", func(b *testing.B) { usePool(b, newBuffer, true) })
	b.Run("not-put-back", func(b *testing.B) { usePool(b, newBuffer, false) })
}

func BenchmarkPooledBuilder(b *testing.B) {
	b.Run("strings.Builder", func(b *testing.B) { usePool(b, newBuilder, true) })
	b.Run("bytes.Buffer", func(b *testing.B) { usePool(b, newBuffer, true) })
}
