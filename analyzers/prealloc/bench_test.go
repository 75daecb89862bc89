package prealloc_test

import (
	"fmt"
	"slices"
	"testing"
)

// The forms prealloc flags and the forms its fix writes, measured on the
// same work. The doc quotes the results.

func appendGrown(items []int) []int {
	var out []int //nolint:prealloc // the flagged form, measured on purpose
	for _, it := range items {
		out = append(out, it+1)
	}
	return out
}

func appendPrealloc(items []int) []int {
	out := make([]int, 0, len(items))
	for _, it := range items {
		out = append(out, it+1)
	}
	return out
}

func appendGrow(items []int) []int {
	var out []int
	out = slices.Grow(out, len(items))
	for _, it := range items {
		out = append(out, it+1)
	}
	return out
}

func mapGrown(items []int) map[int]int {
	m := make(map[int]int)
	for i, it := range items {
		m[it] = i
	}
	return m
}

func mapSized(items []int) map[int]int {
	m := make(map[int]int, len(items))
	for i, it := range items {
		m[it] = i
	}
	return m
}

var (
	sliceSink []int
	mapSink   map[int]int
)

var sizes = []int{10, 100, 1000, 100000}

func items(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i * 7
	}
	return s
}

func BenchmarkSlice(b *testing.B) {
	for _, n := range sizes {
		in := items(n)
		for _, form := range []struct {
			name string
			f    func([]int) []int
		}{{"append", appendGrown}, {"make", appendPrealloc}, {"grow", appendGrow}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, form.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					sliceSink = form.f(in)
				}
			})
		}
	}
}

func BenchmarkMap(b *testing.B) {
	for _, n := range sizes {
		in := items(n)
		for _, form := range []struct {
			name string
			f    func([]int) map[int]int
		}{{"grown", mapGrown}, {"sized", mapSized}} {
			b.Run(fmt.Sprintf("n=%d/%s", n, form.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					mapSink = form.f(in)
				}
			})
		}
	}
}

func TestBenchFormsAgree(t *testing.T) {
	for _, n := range append([]int{0}, sizes...) {
		in := items(n)
		a, p, g := appendGrown(in), appendPrealloc(in), appendGrow(in)
		if !slices.Equal(a, p) || !slices.Equal(a, g) {
			t.Errorf("n=%d: slice forms differ", n)
		}
		if (a == nil) != (g == nil) {
			t.Errorf("n=%d: slices.Grow changed nil-ness: append form nil=%v, grow form nil=%v", n, a == nil, g == nil)
		}
		if m, s := mapGrown(in), mapSized(in); len(m) != len(s) {
			t.Errorf("n=%d: map forms differ", n)
		}
	}
}
