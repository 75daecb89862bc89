package stringbytes_test

import (
	"bytes"
	"strings"
	"testing"
)

var lines = func() [][]byte {
	out := make([][]byte, 1000)
	for i := range out {
		out[i] = bytes.Repeat([]byte{'a' + byte(i%26)}, 64)
	}
	return out
}()

var sink int

// converted is the form stringbytes reports.
func converted(lines [][]byte) int {
	n := 0
	for _, line := range lines {
		if strings.HasPrefix(string(line), "b") {
			n++
		}
	}
	return n
}

// twin is the fix: bytes has the same function.
func twin(lines [][]byte) int {
	n := 0
	for _, line := range lines {
		if bytes.HasPrefix(line, []byte("b")) {
			n++
		}
	}
	return n
}

func TestBenchFormsAgree(t *testing.T) {
	if a, b := converted(lines), twin(lines); a != b || a == 0 {
		t.Fatalf("converted = %d, twin = %d", a, b)
	}
}

func BenchmarkHasPrefix(b *testing.B) {
	b.Run("string(line)", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = converted(lines)
		}
	})
	b.Run("bytes", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = twin(lines)
		}
	})
}
