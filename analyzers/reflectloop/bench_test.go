package reflectloop_test

import (
	"bytes"
	"reflect"
	"testing"
)

// The benchmarks measure each rule's flagged form against the form its
// message suggests, over 100 items per op (go test -bench . -benchmem).

type record struct {
	ID   int
	Name string
	Tags []string
	X, Y float64
	Z    int
}

type small struct{ A, B int }

var (
	sinkInt  int64
	sinkBool bool
	sinkType reflect.Type
)

func BenchmarkNameLookup(b *testing.B) {
	rs := make([]record, 100)
	b.Run("FieldByName", func(b *testing.B) {
		for b.Loop() {
			for i := range rs {
				sinkInt += reflect.ValueOf(&rs[i]).Elem().FieldByName("Z").Int() // the flagged form
			}
		}
	})
	b.Run("FieldByIndex", func(b *testing.B) {
		for b.Loop() {
			z, _ := reflect.TypeFor[record]().FieldByName("Z") // one lookup per op, counted on purpose
			for i := range rs {
				sinkInt += reflect.ValueOf(&rs[i]).Elem().FieldByIndex(z.Index).Int()
			}
		}
	})
}

func BenchmarkDeepEqual(b *testing.B) {
	xs := make([]small, 100)
	y := small{1, 2}
	b.Run("struct/DeepEqual", func(b *testing.B) {
		for b.Loop() {
			for i := range xs {
				sinkBool = reflect.DeepEqual(xs[i], y) // the flagged form
			}
		}
	})
	b.Run("struct/==", func(b *testing.B) {
		for b.Loop() {
			for i := range xs {
				sinkBool = xs[i] == y
			}
		}
	})
	lines := make([][]byte, 100)
	for i := range lines {
		lines[i] = []byte("hello world, this is a line")
	}
	want := []byte("hello world, this is a line")
	b.Run("bytes/DeepEqual", func(b *testing.B) {
		for b.Loop() {
			for i := range lines {
				sinkBool = reflect.DeepEqual(lines[i], want) // the flagged form
			}
		}
	})
	b.Run("bytes/bytes.Equal", func(b *testing.B) {
		for b.Loop() {
			for i := range lines {
				sinkBool = bytes.Equal(lines[i], want)
			}
		}
	})
}

func BenchmarkKnownAccess(b *testing.B) {
	xs := make([]int, 100)
	b.Run("ValueOf.Index", func(b *testing.B) {
		for b.Loop() {
			for i := range xs {
				sinkInt += reflect.ValueOf(xs).Index(i).Int() // the flagged form
			}
		}
	})
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			for i := range xs {
				sinkInt += int64(xs[i])
			}
		}
	})
}

// BenchmarkInvariant measures the rules the analyzer does not have:
// loop-invariant TypeOf and ValueOf, and TypeOf(T{}) against TypeFor. The
// compiler inlines them; hoisting gains nothing.
func BenchmarkInvariant(b *testing.B) {
	r := record{ID: 1}
	b.Run("TypeOf/inLoop", func(b *testing.B) {
		for b.Loop() {
			for range 100 {
				sinkType = reflect.TypeOf(r)
			}
		}
	})
	b.Run("TypeOf/hoisted", func(b *testing.B) {
		for b.Loop() {
			t := reflect.TypeOf(r)
			for range 100 {
				sinkType = t
			}
		}
	})
	b.Run("TypeOfLiteral", func(b *testing.B) {
		for b.Loop() {
			for range 100 {
				sinkType = reflect.TypeOf(record{})
			}
		}
	})
	b.Run("TypeFor", func(b *testing.B) {
		for b.Loop() {
			for range 100 {
				sinkType = reflect.TypeFor[record]()
			}
		}
	})
	b.Run("ValueOf/inLoop", func(b *testing.B) {
		for b.Loop() {
			for range 100 {
				sinkInt += reflect.ValueOf(r).Field(0).Int() // measured on purpose
			}
		}
	})
	b.Run("ValueOf/hoisted", func(b *testing.B) {
		for b.Loop() {
			v := reflect.ValueOf(r)
			for range 100 {
				sinkInt += v.Field(0).Int()
			}
		}
	})
}
