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

func BenchmarkConcat(b *testing.B) {
	parts := make([]string, 100)
	for b.Loop() {
		s := ""
		for _, p := range parts {
			s += p // want `s \+= p in a loop`
		}
		_ = s
	}
}
