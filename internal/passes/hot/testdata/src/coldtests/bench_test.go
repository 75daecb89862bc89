package coldtests

import "testing"

// A benchmark's timed loop repeats what the benchmark measures: without
// -tests the finding is listed (-cold) with the test file as its evidence.
func BenchmarkConcat(b *testing.B) {
	for b.Loop() {
		s := ""
		for _, p := range Parts {
			s += p // want `s \+= p in a loop .*; looks cold: in a _test.go file: test code`
		}
		_ = s
	}
}
