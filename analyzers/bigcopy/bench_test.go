package bigcopy_test

import "testing"

// record is 512 bytes, as the doc's benchmark says.
type record struct {
	id, amount int
	notes      [496]byte
}

var records = make([]record, 1000)

var sink int

// byValue is the form bigcopy reports: r is a copy of each element.
func byValue(rs []record) int {
	n := 0
	for _, r := range rs {
		n += r.amount
	}
	return n
}

// byIndex is the fix: r points at the element.
func byIndex(rs []record) int {
	n := 0
	for i := range rs {
		r := &rs[i]
		n += r.amount
	}
	return n
}

//go:noinline
func weighValue(r record) int { return r.amount + int(r.notes[7]) }

//go:noinline
func weighPointer(r *record) int { return r.amount + int(r.notes[7]) }

func TestBenchFormsAgree(t *testing.T) {
	for i := range records {
		records[i].amount = i
	}
	if a, b := byValue(records), byIndex(records); a != b {
		t.Fatalf("byValue = %d, byIndex = %d", a, b)
	}
}

func BenchmarkRange(b *testing.B) {
	b.Run("value", func(b *testing.B) {
		for b.Loop() {
			sink = byValue(records)
		}
	})
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			sink = byIndex(records)
		}
	})
}

func BenchmarkCall(b *testing.B) {
	b.Run("value", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for i := range records {
				n += weighValue(records[i])
			}
			sink = n
		}
	})
	b.Run("pointer", func(b *testing.B) {
		for b.Loop() {
			n := 0
			for i := range records {
				n += weighPointer(&records[i])
			}
			sink = n
		}
	})
}
