package concatloop_test

import (
	"fmt"
	"strings"
	"testing"
)

// concatPlus is the form the concatloop analyzer flags: a string
// accumulated with += across loop iterations.
func concatPlus(parts []string) string {
	result := ""
	for _, part := range parts {
		result += part //nolint:perfsprint // the flagged form, measured on purpose
	}
	return result
}

// concatBuilder is the same function after the analyzer's SuggestedFix
// has been applied.
func concatBuilder(parts []string) string {
	result := ""
	var resultBuilder strings.Builder
	for _, part := range parts {
		resultBuilder.WriteString(part)
	}
	result = resultBuilder.String()
	return result
}

// benchSink keeps benchmark results alive so the work is not optimised away.
var benchSink string

var benchSizes = []int{10, 100, 1000, 10000}

// benchParts returns n distinct 8-byte strings.
func benchParts(n int) []string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%08d", i)
	}
	return parts
}

func TestConcatLoopBenchEquivalent(t *testing.T) {
	for _, n := range benchSizes {
		parts := benchParts(n)
		for _, p := range parts {
			if len(p) != 8 {
				t.Fatalf("n=%d: piece %q is %d bytes, want 8", n, p, len(p))
			}
		}
		plus, builder := concatPlus(parts), concatBuilder(parts)
		if plus != builder {
			t.Errorf("n=%d: concatPlus and concatBuilder differ", n)
		}
		if want := 8 * n; len(plus) != want {
			t.Errorf("n=%d: result length %d, want %d", n, len(plus), want)
		}
	}
}

func BenchmarkConcatLoop(b *testing.B) {
	for _, n := range benchSizes {
		parts := benchParts(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.Run("plus", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink = concatPlus(parts)
				}
			})
			b.Run("builder", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					benchSink = concatBuilder(parts)
				}
			})
		})
	}
}
