package pooluse

import (
	"io"
	"sync"
)

// Recall class (issue #20): a *[]byte pool whose Put does not truncate.

var slicePool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

func writeGreeting(w io.Writer, name string) error {
	bp := slicePool.Get().(*[]byte)
	*bp = append(*bp, "hello, "...)
	*bp = append(*bp, name...)
	_, err := w.Write(*bp)
	slicePool.Put(bp) // want `slicePool.Put\(bp\) returns bp to the pool without truncating it, and the Get at line 13 does not truncate it either: the next user appends after the last one's bytes; truncate it with \*bp = \(\*bp\)\[:0\] before Put`
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
