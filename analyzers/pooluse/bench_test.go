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

func BenchmarkGetWithoutPut(b *testing.B) {
	b.Run("put-back", func(b *testing.B) {
		pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
		for b.Loop() {
			for range 100 {
				buf := pool.Get().(*bytes.Buffer)
				buf.Reset()
				for range 5 {
					buf.WriteString(line)
				}
				pool.Put(buf)
			}
		}
	})
	b.Run("not-put-back", func(b *testing.B) {
		pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
		for b.Loop() {
			for range 100 {
				buf := pool.Get().(*bytes.Buffer)
				buf.Reset()
				for range 5 {
					buf.WriteString(line)
				}
				// an early return that skips the Put, every time
			}
		}
	})
}

func BenchmarkPooledBuilder(b *testing.B) {
	b.Run("strings.Builder", func(b *testing.B) {
		pool := sync.Pool{New: func() any { return new(strings.Builder) }}
		for b.Loop() {
			for range 100 {
				sb := pool.Get().(*strings.Builder)
				sb.Reset()
				for range 5 {
					sb.WriteString(line)
				}
				pool.Put(sb) //nolint:pooluse // the reported form
			}
		}
	})
	b.Run("bytes.Buffer", func(b *testing.B) {
		pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
		for b.Loop() {
			for range 100 {
				buf := pool.Get().(*bytes.Buffer)
				buf.Reset()
				for range 5 {
					buf.WriteString(line)
				}
				pool.Put(buf)
			}
		}
	})
}
