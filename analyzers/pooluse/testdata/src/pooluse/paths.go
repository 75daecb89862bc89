package pooluse

import (
	"bytes"
	"errors"
	"io"
)

var errEmpty = errors.New("empty")

// Must flag: the early return leaves the buffer out of the pool.
func encode(w io.Writer, data []byte) error {
	buf := bufPool.Get().(*bytes.Buffer) // want `buf from bufPool.Get is not put back on the path through the return at line 16, so the pool allocates a new one next time; defer bufPool.Put\(buf\) right after the Get`
	buf.Reset()
	if len(data) == 0 {
		return errEmpty
	}
	buf.Write(data)
	_, err := w.Write(buf.Bytes())
	bufPool.Put(buf)
	return err
}

// Must not flag: deferred.
func encodeDeferred(w io.Writer, data []byte) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if len(data) == 0 {
		return errEmpty
	}
	buf.Write(data)
	_, err := w.Write(buf.Bytes())
	return err
}

// Must not flag: every path puts it back.
func encodeBoth(w io.Writer, data []byte) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if len(data) == 0 {
		bufPool.Put(buf)
		return errEmpty
	}
	buf.Write(data)
	_, err := w.Write(buf.Bytes())
	bufPool.Put(buf)
	return err
}

// Must not flag: a helper of the package puts it back.
func release(b *bytes.Buffer) { b.Reset(); bufPool.Put(b) }

func encodeHelper(w io.Writer, data []byte) error {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if len(data) == 0 {
		release(buf)
		return errEmpty
	}
	buf.Write(data)
	_, err := w.Write(buf.Bytes())
	bufPool.Put(buf)
	return err
}

// Must not flag: a panic path.
func mustEncode(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if len(data) == 0 {
		panic("empty")
	}
	buf.Write(data)
	w.Write(buf.Bytes())
	bufPool.Put(buf)
}

// Must not flag: ownership moves to the caller.
func acquire() *bytes.Buffer {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	return buf
}
