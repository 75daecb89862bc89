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

// make([]byte, 0, n) sized to each item and dropped with the iteration
// (found by scripts/seeded.sh, issue #26): the same allocation per item,
// and the reused buffer needs no clearing, its length being 0. Shapes: a
// range over a parameter, an index loop over a field, a size from a
// helper, a package-level size, a loop in a method.

var seedSize = 4096

// The compiler says joinEach's buf "does not escape", yet a size over 32
// bytes is allocated by makeslice on the heap (Go 1.25+ keeps only small
// variable sizes on the stack): TestVariableSizeAllocates counts it.
func joinEach(words []string) int {
	n := 0
	for _, w := range words {
		buf := make([]byte, 0, seedSize+len(w)) // heap by size // want `buf := make\(\[\]byte, …\) allocates seedSize \+ len\(w\) bytes on every iteration, sized to each item; declare buf once before the loop and reuse it with buf = slices.Grow\(buf\[:0\], seedSize \+ len\(w\)\) here, which allocates only when an item needs more than any before; no automatic fix: the declaration moves out of the loop$`
		buf = append(buf, w...)
		n += len(buf)
	}
	return n
}

type batch struct{ items [][]byte }

func (b *batch) encodeIndexed(w io.Writer) error {
	for i := 0; i < len(b.items); i++ {
		out := make([]byte, 0, 8+len(b.items[i])) // want `out := make\(\[\]byte, …\) allocates 8 \+ len\(b.items\[i\]\) bytes on every iteration, sized to each item; .*slices.Grow\(out\[:0\], 8 \+ len\(b.items\[i\]\)\)`
		out = append(out, "header: "...)
		out = append(out, b.items[i]...)
		if _, err := w.Write(out); err != nil {
			return err
		}
	}
	return nil
}

func sizeOf(p []byte) uint32 { return uint32(len(p)) * 2 }

func sizedByHelper(w io.Writer, parts [][]byte) {
	for _, p := range parts {
		dst := make([]byte, 0, sizeOf(p)) // want `dst := make\(\[\]byte, …\) allocates sizeOf\(p\) bytes on every iteration, sized to each item; .*dst = slices.Grow\(dst\[:0\], int\(sizeOf\(p\)\)\)`
		dst = append(dst, p...)
		dst = append(dst, p...)
		w.Write(dst)
	}
}

// Twins: the buffer kept past the iteration (stored, returned through a
// slice), and a size small and constant enough for the stack.
func keepEach(words []string) [][]byte {
	var out [][]byte
	for _, w := range words {
		buf := make([]byte, 0, seedSize+len(w))
		buf = append(buf, w...)
		out = append(out, buf)
	}
	return out
}

func smallEach(words []string) int {
	n := 0
	for range words {
		buf := make([]byte, 0, 16)
		buf = append(buf, 'x')
		n += len(buf)
	}
	return n
}
