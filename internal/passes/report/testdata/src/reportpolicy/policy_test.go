package reportpolicy

import "testing"

func TestSomething(t *testing.T) {
	mark()
}

func helper() {
	mark()
}

func BenchmarkSomething(b *testing.B) {
	mark() // setup: not timed
	for b.Loop() {
		mark() // want `mark called`
	}
	for i := 0; i < b.N; i++ {
		mark() // want `mark called`
	}
	b.Run("sub", func(b *testing.B) {
		mark()
		for range b.N {
			mark() // want `mark called`
		}
	})
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mark() // want `mark called`
		}
	})
}
