package boxing_test

import "testing"

// The benchmarks measure the flagged forms against the suggested ones over
// 100 values per op (go test -bench . -benchmem).

type point struct{ X, Y, Z float64 }

var sinkFloat float64

// BenchmarkAppend fills a container of any with points and reads them back,
// against a []point.
func BenchmarkAppend(b *testing.B) {
	ps := make([]point, 100)
	b.Run("[]any", func(b *testing.B) {
		for b.Loop() {
			out := make([]any, 0, len(ps))
			for _, p := range ps {
				out = append(out, p) // the flagged form
			}
			for _, v := range out { // the flagged form
				sinkFloat += v.(point).X
			}
		}
	})
	b.Run("[]point", func(b *testing.B) {
		for b.Loop() {
			out := make([]point, 0, len(ps))
			for _, p := range ps { //nolint:staticcheck // one append per element, as in the []any form
				out = append(out, p)
			}
			for _, v := range out {
				sinkFloat += v.X
			}
		}
	})
}

// parseAny is the pre-generics helper that the assertion rule points at;
// parseGeneric is the suggested form.
func parseAny(n int, conv func(int) any) []any {
	out := make([]any, 0, n)
	for i := range n {
		out = append(out, conv(i))
	}
	return out
}

func parseGeneric[T any](n int, conv func(int) T) []T {
	out := make([]T, 0, n)
	for i := range n {
		out = append(out, conv(i))
	}
	return out
}

func BenchmarkAsserted(b *testing.B) {
	b.Run("[]any", func(b *testing.B) {
		for b.Loop() {
			for _, v := range parseAny(100, func(i int) any { return float64(i) + 0.5 }) {
				sinkFloat += v.(float64)
			}
		}
	})
	b.Run("generic", func(b *testing.B) {
		for b.Loop() {
			for _, v := range parseGeneric(100, func(i int) float64 { return float64(i) + 0.5 }) {
				sinkFloat += v
			}
		}
	})
}
