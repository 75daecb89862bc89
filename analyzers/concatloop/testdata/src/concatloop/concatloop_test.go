package concatloop

import "testing"

func TestJoinIsNotReported(t *testing.T) {
	s := ""
	for _, p := range []string{"a", "b", "c", "d", "e", "f"} {
		s += p
	}
	if s == "" {
		t.Fatal(s)
	}
}

// A benchmark's timed loop repeats what the benchmark measures: the
// finding is set aside as cold (a _test.go file) unless -tests.
func BenchmarkConcat(b *testing.B) {
	parts := make([]string, 100)
	for b.Loop() {
		s := ""
		for _, p := range parts {
			s += p
		}
		_ = s
	}
}
