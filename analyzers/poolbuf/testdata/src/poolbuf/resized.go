package poolbuf

import (
	"io"
	"unsafe"
)

// Recall class (issue #20): a buffer sized to each item.

func frames(r io.Reader, sizes []int) (int, error) {
	total := 0
	for _, n := range sizes {
		b := make([]byte, n) // want `b := make\(\[\]byte, …\) allocates n bytes on every iteration, sized to each item; declare b once before the loop and reuse it with b = slices.Grow\(b\[:0\], n\)\[:n\] here, which allocates only when an item is larger than any before; no automatic fix: make zeroes the bytes and the reused buffer does not \(add clear\(b\) if the code reads a byte before writing it\)$`
		if _, err := io.ReadFull(r, b); err != nil {
			return total, err
		}
		total += len(b)
	}
	return total, nil
}

// Not flagged: each item's buffer is kept.
func framesKept(r io.Reader, sizes []int) ([][]byte, error) {
	var out [][]byte
	for _, n := range sizes {
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// Flagged since issue #20 (it was a must-not case): zero padding of each
// item's size. The reused buffer needs clear(pad), as the message says.
func perSize(w io.Writer, sizes []int) {
	for _, n := range sizes {
		pad := make([]byte, n) // want `pad := make\(\[\]byte, …\) allocates n bytes on every iteration, sized to each item; .*add clear\(pad\)`
		w.Write(pad)
	}
}

type header struct {
	Len  uint32
	Type int32
}

// Must not flag: each header points into its own buffer through
// unsafe.Pointer(&buf[0]) and outlives the iteration; reusing the buffer
// would make every header alias the last record (issue #16; x/sys's
// NameToHandleAt shape).
func headers(r io.Reader, sizes []int) ([]*header, error) {
	var hs []*header
	for _, size := range sizes {
		buf := make([]byte, size)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		hs = append(hs, (*header)(unsafe.Pointer(&buf[0])))
	}
	return hs, nil
}

// The twin: the header is read within the iteration only.
func headerTypes(r io.Reader, sizes []int) (int32, error) {
	var sum int32
	for _, size := range sizes {
		buf := make([]byte, size) // want `buf := make\(\[\]byte, …\) allocates size bytes on every iteration, sized to each item`
		if _, err := io.ReadFull(r, buf); err != nil {
			return 0, err
		}
		h := (*header)(unsafe.Pointer(&buf[0]))
		sum += h.Type
	}
	return sum, nil
}

// Issue #27: the advice compiles and keeps meaning. A size with an effect
// is computed once; a size that is not an int is converted for
// slices.Grow (a slice bound takes any integer).

type source interface{ Int() int }

func randomSizes(rng source, w io.Writer, src []byte, n int) {
	for range n {
		b := make([]byte, rng.Int()&0xfffff+1) // want `declare b once before the loop and reuse it with size := rng.Int\(\) & 0xfffff \+ 1; b = slices.Grow\(b\[:0\], size\)\[:size\] here`
		copy(b, src)
		w.Write(b)
	}
}

func headerSizes(r io.Reader, hdrs []header) error {
	for _, h := range hdrs {
		b := make([]byte, h.Len) // want `reuse it with b = slices.Grow\(b\[:0\], int\(h.Len\)\)\[:h.Len\] here`
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
	}
	return nil
}

func nextSize(r io.Reader) uint64 { return 64 }

func readSized(r io.Reader, n int) error {
	for range n {
		b := make([]byte, nextSize(r)) // want `reuse it with size := int\(nextSize\(r\)\); b = slices.Grow\(b\[:0\], size\)\[:size\] here`
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
	}
	return nil
}
