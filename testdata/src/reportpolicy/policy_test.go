package reportpolicy

import "testing"

func TestSomething(t *testing.T) {
	mark()
}

func helper() {
	mark()
}

func BenchmarkSomething(b *testing.B) {
	for b.Loop() {
		mark() // want `mark called`
	}
}
