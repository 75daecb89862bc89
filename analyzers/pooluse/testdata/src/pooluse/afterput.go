package pooluse

import (
	"bytes"
	"io"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Must flag: the seed's bug: the returned slice is the pooled buffer's
// memory, handed to the next Get by the deferred Put.
func processBad(data []byte) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	buf.Write(data)
	buf.WriteString(" processed")
	return buf.Bytes() // want `the function returns memory of buf, which the deferred bufPool.Put\(buf\) \(line 16\) hands to the next user of the pool; return a copy`
}

// Must flag: the same with a deferred closure that resets.
func processClosure(data []byte) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		bufPool.Put(buf)
	}()
	buf.Write(data)
	return buf.Bytes() // want `the function returns memory of buf`
}

// Must not flag: the seed's good form copies before the deferred Put.
func processGood(data []byte) []byte {
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		bufPool.Put(buf)
	}()
	buf.Write(data)
	buf.WriteString(" processed")
	result := make([]byte, buf.Len())
	copy(result, buf.Bytes())
	return result
}

// Must flag: a slice taken before Put is read after it.
func writeAfterPut(w io.Writer, data []byte) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	out := buf.Bytes()
	bufPool.Put(buf)
	w.Write(out) // want `out, which shares buf's memory, is used after bufPool.Put\(buf\) \(line 53\)`
}

// Must flag: the object itself after Put.
func lenAfterPut(data []byte) int {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	bufPool.Put(buf)
	return buf.Len() // want `buf is used after bufPool.Put\(buf\)`
}

// Must not flag: String copies.
func stringBeforePut(data []byte) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	s := buf.String()
	bufPool.Put(buf)
	return s
}

// Must not flag: the Put is on a path that returns.
func earlyPut(data []byte) int {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if len(data) == 0 {
		bufPool.Put(buf)
		return 0
	}
	buf.Write(data)
	n := buf.Len()
	bufPool.Put(buf)
	return n
}

// Must not flag: a new object is taken before the next use.
func reget(data []byte) int {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	bufPool.Put(buf)
	buf = bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Write(data)
	n := buf.Len()
	bufPool.Put(buf)
	return n
}

// Must not flag: the other case of a switch is another path, not what
// follows the Put.
func byKind(kind int, data []byte) int {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	switch kind {
	case 0:
		bufPool.Put(buf)
		return 0
	case 1:
		bufPool.Put(buf)
	default:
		buf.Write(data)
		bufPool.Put(buf)
	}
	return 1
}
