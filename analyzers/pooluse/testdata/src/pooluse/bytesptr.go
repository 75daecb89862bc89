package pooluse

import (
	"io"
	"strconv"
	"sync"
)

// Recall class (issue #20): a *[]byte pool whose Put does not truncate.

var slicePool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func writeGreeting(w io.Writer, name string) error {
	bp := slicePool.Get().(*[]byte)
	*bp = append(*bp, "hello, "...)
	*bp = append(*bp, name...)
	_, err := w.Write(*bp)
	slicePool.Put(bp) // want `slicePool.Put\(bp\) returns bp to the pool without truncating it, and the Get at line 14 does not truncate it either: the next user appends after the last one's bytes; truncate it with \*bp = \(\*bp\)\[:0\] before Put`
	return err
}

// Not flagged: truncated before Put.
func writeFarewell(w io.Writer, name string) error {
	bp := slicePool.Get().(*[]byte)
	*bp = append(*bp, "bye, "...)
	*bp = append(*bp, name...)
	_, err := w.Write(*bp)
	*bp = (*bp)[:0]
	slicePool.Put(bp)
	return err
}

// Recall class (issue #20): a Get passed to the package's own method,
// then dropped on an error return.

type encoder struct{ sep byte }

// fill only writes into b: it neither keeps it nor puts it back.
func (e encoder) fill(b *[]byte, n int) error {
	if n < 0 {
		return io.ErrUnexpectedEOF
	}
	*b = append(*b, e.sep)
	return nil
}

func encodeN(e encoder, w io.Writer, n int) error {
	bp := slicePool.Get().(*[]byte) // want `bp from slicePool.Get is not put back on the path through the return at line \d+`
	if err := e.fill(bp, n); err != nil {
		return err
	}
	_, err := w.Write(*bp)
	*bp = (*bp)[:0]
	slicePool.Put(bp)
	return err
}

// releaseBytes puts b back itself.
func releaseBytes(b *[]byte) {
	*b = (*b)[:0]
	slicePool.Put(b)
}

// Not flagged: the error path hands the object to releaseBytes, which puts it back.
func encodeReleasing(e encoder, w io.Writer, n int) error {
	bp := slicePool.Get().(*[]byte)
	if err := e.fill(bp, n); err != nil {
		releaseBytes(bp)
		return err
	}
	_, err := w.Write(*bp)
	releaseBytes(bp)
	return err
}

var readPool = sync.Pool{New: func() any { b := make([]byte, 8192); return &b }}

// Not flagged: a fixed-size buffer read into (as io.Discard's ReadFrom
// does); truncating it would break the next Read.
func drain(r io.Reader) (int64, error) {
	bp := readPool.Get().(*[]byte)
	var n int64
	for {
		k, err := r.Read(*bp)
		n += int64(k)
		if err != nil {
			readPool.Put(bp)
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
	}
}

// Not flagged: strconv.AppendFloat((*bp)[:0], ...) refills the buffer from
// the start, like append((*bp)[:0], ...) (issue #16; prometheus/common's
// openmetrics writer). The twin appendAfter (with a non-empty start) is
// flagged.
func writeFloat(w io.Writer, f float64) error {
	bp := slicePool.Get().(*[]byte)
	*bp = strconv.AppendFloat((*bp)[:0], f, 'g', -1, 64)
	*bp = append(*bp, '.', '0')
	_, err := w.Write(*bp)
	slicePool.Put(bp)
	return err
}

func appendAfter(w io.Writer, f float64) error {
	bp := slicePool.Get().(*[]byte)
	*bp = strconv.AppendFloat(*bp, f, 'g', -1, 64)
	_, err := w.Write(*bp)
	slicePool.Put(bp) // want `slicePool.Put\(bp\) returns bp to the pool without truncating it`
	return err
}
