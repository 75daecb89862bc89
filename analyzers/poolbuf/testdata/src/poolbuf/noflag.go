package poolbuf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
)

var sink [][]byte

// Must not flag: the bytes are kept after the iteration.
func collect(rows []string) [][]byte {
	var out [][]byte
	for _, r := range rows {
		buf := new(bytes.Buffer)
		buf.WriteString(r)
		out = append(out, buf.Bytes())
	}
	return out
}

// Must not flag: the slice derived from the buffer is stored globally.
func keepGlobal(rows []string) {
	for _, r := range rows {
		b := make([]byte, 0, 4096)
		b = append(b, r...)
		line := b[:len(b)]
		sink = append(sink, line)
	}
}

// Must not flag: the buffer is sent to another goroutine.
func send(ch chan<- *bytes.Buffer, rows []string) {
	for _, r := range rows {
		b := new(bytes.Buffer)
		b.WriteString(r)
		ch <- b
	}
}

// Must not flag: captured by a goroutine.
func spawn(rows []string, w io.Writer) {
	for _, r := range rows {
		b := new(bytes.Buffer)
		b.WriteString(r)
		go func() { w.Write(b.Bytes()) }()
	}
}

// Must not flag: passed to a function of another package that may keep it.
func handOff(rows []string, keep func([]byte)) {
	for _, r := range rows {
		b := make([]byte, 0, 1024)
		b = append(b, r...)
		keep(b)
	}
}

// Must not flag: a helper of the package stores it.
var kept [][]byte

func store(p []byte) { kept = append(kept, p) }

func viaStore(rows []string) {
	for _, r := range rows {
		b := make([]byte, 0, 1024)
		b = append(b, r...)
		store(b)
	}
}

// Must not flag: a small buffer.
func small(w io.Writer, xs []string) {
	for _, x := range xs {
		b := make([]byte, 0, 64)
		b = append(b, x...)
		w.Write(b)
	}
}

// Must not flag: a constant-size buffer only hashed stays on the stack.
func onStack(xs [][]byte) (sums [][32]byte) {
	for _, x := range xs {
		tmp := make([]byte, 1024) // stays on the stack
		copy(tmp, x)
		sums = append(sums, sha256.Sum256(tmp))
	}
	return sums
}

// Must not flag: NewBuffer(data) wraps data for reading.
func readAll(chunks [][]byte) int {
	n := 0
	for _, c := range chunks {
		r := bytes.NewBuffer(c)
		n += r.Len()
	}
	return n
}

// Must not flag: a cold loop.
func cold(w io.Writer) {
	for i := 0; i < 3; i++ {
		b := new(bytes.Buffer)
		b.WriteString("x")
		w.Write(b.Bytes())
	}
}

// Must not flag: returned from the first iteration only.
func firstOnly(rows []string) []byte {
	for _, r := range rows {
		if r != "" {
			b := new(bytes.Buffer)
			b.WriteString(r)
			return b.Bytes()
		}
	}
	return nil
}

// Must not flag: not in a loop nor per call.
func once(w io.Writer, s string) {
	b := new(bytes.Buffer)
	b.WriteString(s)
	w.Write(b.Bytes())
}

// Must not flag: the block ends in a return, so the buffer is built at
// most once per call.
func circular(keys []string, key string) error {
	for _, k := range keys {
		if key == k {
			var b bytes.Buffer
			b.WriteString("circular reference in:\n")
			for _, k1 := range keys {
				b.WriteString(k1 + "\n")
			}
			return errors.New(b.String())
		}
	}
	return nil
}

// Must not flag: the continue comes before the buffer; once it is built
// the loop returns.
func firstText(lines [][]string) string {
	for _, l := range lines {
		if len(l) == 0 {
			continue
		}
		var buf bytes.Buffer
		for _, s := range l {
			buf.WriteString(s)
		}
		return buf.String()
	}
	return ""
}
