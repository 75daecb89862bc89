// Rule 3, Put without Reset.
package pooluse

import (
	"bytes"
	"sync"
)

var linePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Must flag: neither side resets.
func line(parts []string) string {
	b := linePool.Get().(*bytes.Buffer)
	for _, p := range parts {
		b.WriteString(p)
	}
	s := b.String()
	linePool.Put(b) // want `linePool.Put\(b\) returns b to the pool without b.Reset\(\), and the Get at line 13 does not reset it either: the next user sees stale contents; call b.Reset\(\) before Put`
	return s
}

var cleanPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Must not flag: the Get side resets.
func clean(parts []string) string {
	b := cleanPool.Get().(*bytes.Buffer)
	b.Reset()
	for _, p := range parts {
		b.WriteString(p)
	}
	s := b.String()
	cleanPool.Put(b)
	return s
}

type state struct {
	bytes.Buffer
	depth int
}

var statePool sync.Pool

// Must not flag: the Get side resets through the asserted variable.
func newState() *state {
	if v := statePool.Get(); v != nil {
		s := v.(*state)
		s.Reset()
		return s
	}
	return new(state)
}

// Must not flag: the Put side resets through the embedded field, the same
// method as s.Reset().
func (s *state) free() {
	s.Buffer.Reset()
	s.depth = 0
	statePool.Put(s)
}

type runContext struct{ state *bytes.Buffer }

var runPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func run(ctx *runContext, work func(*runContext)) {
	b := runPool.Get().(*bytes.Buffer)
	ctx.state = b // handed on: whoever uses ctx.state may reset it
	defer func() {
		runPool.Put(b)
	}()
	work(ctx)
}
