package poolusemaxcap

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Must flag under -pooluse.maxcap: a buffer grown by any input goes back.
func render(s string) string {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(s)
	out := b.String()
	pool.Put(b) // want `pool.Put\(b\) keeps the buffer however large it grew, so one big input pins that memory for the pool's life \(golang/go#23199\); put it back only if b.Cap\(\) <= 65536; no automatic fix: the limit is a policy choice \(-pooluse\.maxcap\)`
	return out
}

// Must not flag: capped.
func renderCapped(s string) string {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(s)
	out := b.String()
	if b.Cap() <= 64<<10 {
		pool.Put(b)
	}
	return out
}

var slices = sync.Pool{New: func() any { s := make([]byte, 0, 512); return &s }}

// Must flag: a pointer to a slice.
func appendTo(s string) int {
	p := slices.Get().(*[]byte)
	*p = append((*p)[:0], s...)
	n := len(*p)
	slices.Put(p) // want `slices.Put\(p\) keeps the buffer .* put it back only if cap\(\*p\) <= 65536`
	return n
}
