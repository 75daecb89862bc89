package bufflowtest

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unsafe"
)

var global []byte

type holder struct{ b []byte }

func returned() []byte {
	buf := make([]byte, 8) // want `escapes: returned`
	return buf[:4]
}

func stringsCopy() string {
	buf := new(bytes.Buffer) // want `stays \(aliases: buf; dynamic: false\)`
	buf.WriteString("x")
	return buf.String()
}

func storedGlobally() {
	buf := make([]byte, 8) // want `escapes: stored in global, which outlives it`
	tail := buf[2:]
	global = tail
}

func throughLocalStruct(w io.Writer) {
	buf := make([]byte, 8) // want `stays \(aliases: buf h; dynamic: true\)`
	var h holder
	h.b = buf
	w.Write(h.b)
}

func throughPointer(h *holder) {
	buf := make([]byte, 8) // want `escapes: stored in h.b`
	h.b = buf
}

func captured() func() int {
	buf := make([]byte, 8) // want `escapes: captured by a function literal`
	return func() int { return len(buf) }
}

func sent(ch chan []byte) {
	buf := make([]byte, 8) // want `escapes: sent on a channel`
	ch <- buf
}

func appendTrusted() int {
	buf := make([]byte, 0, 8) // want `stays \(aliases: buf out; dynamic: false\)`
	out := strconv.AppendInt(buf, 42, 10)
	return len(out)
}

func errorsDoNotAlias(w io.Writer) error {
	buf := make([]byte, 8) // want `stays \(aliases: buf; dynamic: true\)`
	_, err := w.Write(buf)
	if err != nil {
		return errors.Join(err)
	}
	return err
}

func keep(p []byte) { global = p }

func viaOwnHelper() {
	buf := make([]byte, 8) // want `escapes: passed to keep, which keeps it`
	keep(buf)
}

func mine(p []byte) []byte { return p[1:] }

func viaReturningHelper() {
	buf := make([]byte, 8) // want `escapes: stored in global, which outlives it`
	global = mine(buf)
}

func unknown(f func([]byte)) {
	buf := make([]byte, 8) // want `escapes: passed to a function value, which may keep it`
	f(buf)
}

func deferred(w io.Writer) {
	buf := make([]byte, 8) // want `escapes: passed to a deferred call`
	defer w.Write(buf)
}

func readAllIsFresh(r io.Reader) []byte {
	buf := bytes.NewReader(nil) // want `stays \(aliases: buf src; dynamic: true\)`
	var src io.Reader = buf
	data, _ := io.ReadAll(io.LimitReader(src, 10))
	return data
}

// unsafe.SliceData gives a pointer into buf's bytes that the types do not
// follow: an escape, named as such (unsafe's functions are builtins, not
// functions with a body).
func unsafeData() *byte {
	buf := make([]byte, 8) // want `escapes: passed to unsafe.SliceData$`
	return unsafe.SliceData(buf)
}
