package poolbuf

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
)

type record struct {
	ID   int
	Name string
}

// Must flag: a fresh bytes.Buffer per record, written out and dropped.
func writeRecords(w io.Writer, recs []record) error {
	for _, r := range recs {
		buf := new(bytes.Buffer) // want `buf is a new bytes.Buffer, whose storage is allocated again as it grows, on every iteration; declare it once before the loop and reuse it with buf.Reset\(\) here`
		fmt.Fprintf(buf, "%d,%s\n", r.ID, r.Name)
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// Must flag: the value form allocates its storage on the first write.
func joinLines(w io.Writer, rows [][]string) {
	for _, row := range rows {
		var b bytes.Buffer // want `b is a new bytes.Buffer`
		for _, cell := range row {
			b.WriteString(cell)
			b.WriteByte(',')
		}
		b.WriteTo(w)
	}
}

// Must flag: a read buffer of unknown size for every file.
func checksum(paths []string, size int) (sum int) {
	for _, p := range paths {
		data := make([]byte, size) // want `data := make\(\[\]byte, …\) allocates size bytes on every iteration; declare it once before the loop and reuse it with clear\(data\) here`
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		n, _ := io.ReadFull(f, data)
		f.Close()
		for _, c := range data[:n] {
			sum += int(c)
		}
	}
	return sum
}

// Must flag: a constant-size buffer that reaches an io.Reader goes to the heap.
func copyAll(dst io.Writer, srcs []io.Reader) error {
	for _, src := range srcs {
		chunk := make([]byte, 32*1024) // want `chunk := make\(\[\]byte, …\) allocates 32768 bytes on every iteration`
		if _, err := io.CopyBuffer(dst, src, chunk); err != nil {
			return err
		}
	}
	return nil
}

// Must flag: an append buffer; the fix truncates it instead.
func encodeAll(w io.Writer, ids []int) {
	for _, id := range ids {
		line := make([]byte, 0, 1024) // want `line := make\(\[\]byte, …\) allocates 1024 bytes on every iteration; declare it once before the loop and reuse it with line = line\[:0\] here`
		line = strconv.AppendInt(line, int64(id), 10)
		line = append(line, '\n')
		w.Write(line)
	}
}

// Must flag, no fix: bufio's Reset takes the destination.
func flushEach(files []*os.File, msg string) {
	for _, f := range files {
		bw := bufio.NewWriter(f) // want `bw := bufio.NewWriter allocates a 4096-byte buffer \(or the size given\) on every iteration; declare it once before the loop and reuse it with bw.Reset\(f\) here; no automatic fix: Reset takes the new source or destination, and a bufio.Writer must be flushed first`
		bw.WriteString(msg)
		bw.Flush()
	}
}

// Must flag: the buffer goes through a helper of the package that only
// writes it out.
func viaHelper(w io.Writer, names []string) {
	for _, name := range names {
		b := &bytes.Buffer{} // want `b is a new bytes.Buffer`
		render(b, name)
		emit(w, b.Bytes())
	}
}

func render(b *bytes.Buffer, name string) { b.WriteString("<" + name + ">") }

func emit(w io.Writer, p []byte) { w.Write(p) }

// Must flag, no fix: the block after the loop declares another buf.
func clash(w io.Writer, xs []string) {
	for _, x := range xs {
		buf := new(bytes.Buffer) // want `buf is a new bytes.Buffer.*; no automatic fix: the block around the loop declares another buf`
		buf.WriteString(x)
		w.Write(buf.Bytes())
	}
	buf := "done"
	_ = buf
}

// Must flag both, fix the first only: both fixes would declare buf in the
// function's block.
func twoLoops(w io.Writer, xs, ys []string) {
	for _, x := range xs {
		buf := new(bytes.Buffer) // want `buf is a new bytes.Buffer.* on every iteration; declare it once before the loop and reuse it with buf.Reset\(\) here$`
		buf.WriteString(x)
		w.Write(buf.Bytes())
	}
	for _, y := range ys {
		buf := new(bytes.Buffer) // want `buf is a new bytes.Buffer.*; no automatic fix: another fix declares a buf before a loop of the same block`
		buf.WriteString(y)
		w.Write(buf.Bytes())
	}
}
