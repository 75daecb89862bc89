package unbufio_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// writeUnbuffered is the form unbufio flags: one Fprintf, so one write
// system call, per line.
func writeUnbuffered(f *os.File, n int) error {
	for i := range n {
		if _, err := fmt.Fprintf(f, "line %d\n", i); err != nil {
			return err
		}
	}
	return nil
}

// writeBuffered is the same function after unbufio's fix.
func writeBuffered(f *os.File, n int) error {
	fBuf := bufio.NewWriter(f)
	for i := range n {
		if _, err := fmt.Fprintf(fBuf, "line %d\n", i); err != nil {
			return err
		}
	}
	if err := fBuf.Flush(); err != nil {
		return err
	}
	return nil
}

// readUnbuffered reads n integers with fmt.Fscan straight from the file:
// fmt reads a reader without ReadRune one byte per Read call.
func readUnbuffered(f *os.File, n int) (int, error) {
	sum := 0
	for range n {
		var x int
		if _, err := fmt.Fscan(f, &x); err != nil {
			return sum, err
		}
		sum += x
	}
	return sum, nil
}

// readBuffered reads through a bufio.Reader made before the loop.
func readBuffered(f *os.File, n int) (int, error) {
	r := bufio.NewReader(f)
	sum := 0
	for range n {
		var x int
		if _, err := fmt.Fscan(r, &x); err != nil {
			return sum, err
		}
		sum += x
	}
	return sum, nil
}

func tempFile(tb testing.TB) *os.File {
	tb.Helper()
	f, err := os.Create(filepath.Join(tb.TempDir(), "out"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := f.Close(); err != nil {
			tb.Error(err)
		}
	})
	return f
}

func TestBenchFormsAgree(t *testing.T) {
	const n = 1000
	var outs [2]string
	for i, write := range []func(*os.File, int) error{writeUnbuffered, writeBuffered} {
		f := tempFile(t)
		if err := write(f, n); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		outs[i] = string(data)
	}
	if outs[0] != outs[1] || len(outs[0]) < n*7 {
		t.Fatalf("the two write forms differ or wrote too little: %d and %d bytes", len(outs[0]), len(outs[1]))
	}
	f := tempFile(t)
	for i := range n {
		fmt.Fprintln(f, i)
	}
	want := n * (n - 1) / 2
	for _, read := range []func(*os.File, int) (int, error){readUnbuffered, readBuffered} {
		if _, err := f.Seek(0, 0); err != nil {
			t.Fatal(err)
		}
		if got, err := read(f, n); err != nil || got != want {
			t.Fatalf("read %d (%v), want %d", got, err, want)
		}
	}
}

// BenchmarkWrite writes n short lines to a temporary file.
func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		for _, form := range []struct {
			name  string
			write func(*os.File, int) error
		}{{"unbuffered", writeUnbuffered}, {"buffered", writeBuffered}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, form.name), func(b *testing.B) {
				f := tempFile(b)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := f.Seek(0, 0); err != nil {
						b.Fatal(err)
					}
					if err := form.write(f, n); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRead reads n integers, one per line, from a temporary file.
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		for _, form := range []struct {
			name string
			read func(*os.File, int) (int, error)
		}{{"unbuffered", readUnbuffered}, {"buffered", readBuffered}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, form.name), func(b *testing.B) {
				f := tempFile(b)
				for i := range n {
					fmt.Fprintln(f, i)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := f.Seek(0, 0); err != nil {
						b.Fatal(err)
					}
					if _, err := form.read(f, n); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
