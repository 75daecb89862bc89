package pooluse

import (
	"bytes"
	"strings"
	"sync"
)

var noNew sync.Pool

// Must flag: no New, so an empty pool gives nil.
func fromNoNew() *bytes.Buffer {
	b := noNew.Get().(*bytes.Buffer) // want `noNew has no New function, so Get returns nil whenever the pool is empty \(every GC empties it\) and noNew.Get\(\).\(\*bytes.Buffer\) panics`
	b.Reset()
	return b
}

// Must not flag: the two-value form.
func fromNoNewOK() *bytes.Buffer {
	b, ok := noNew.Get().(*bytes.Buffer)
	if !ok {
		b = new(bytes.Buffer)
	}
	return b
}

var mixed = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Must flag: New returns *bytes.Buffer.
func wrongType() *strings.Builder {
	return mixed.Get().(*strings.Builder) // want `New returns \*bytes.Buffer \(line 27\), so mixed.Get\(\).\(\*strings.Builder\) panics when it gets one`
}

type codec struct {
	scratch sync.Pool
}

func newCodec() *codec {
	c := &codec{}
	c.scratch.New = func() any { b := make([]byte, 0, 1024); return &b }
	return c
}

// Must not flag: New is set in the constructor.
func (c *codec) get() *[]byte {
	return c.scratch.Get().(*[]byte)
}

type layout struct{ frames *sync.Pool }

func makeLayout() layout {
	return layout{frames: &sync.Pool{New: func() any { return new([64]byte) }}}
}

// Must not flag: a *sync.Pool from elsewhere; its New is not this
// variable's business.
func useLayout() *[64]byte {
	frames := makeLayout().frames
	return frames.Get().(*[64]byte)
}

// Must not panic the analyzer: a method expression and a parenthesised
// method.
var oddPool sync.Pool

func oddCalls() {
	x := (*sync.Pool).Get(&oddPool)
	(oddPool.Put)(x)
}
