package profile

import (
	"slices"
	"testing"
)

// TestFailedBenchmarks checks the names read from go test's output: a
// failure's line (a sub-benchmark's names its top level; -N is
// GOMAXPROCS), a panic's frame (a closure's too), only benchmarks the
// package declares and has not skipped yet.
func TestFailedBenchmarks(t *testing.T) {
	names := []string{"BenchmarkA", "BenchmarkB", "BenchmarkC", "BenchmarkD"}
	for _, tc := range []struct {
		name, out string
		skipped   []string
		want      []string
	}{
		{"a failure", "--- FAIL: BenchmarkA\n    a_test.go:3: stale\nFAIL\n", nil, []string{"BenchmarkA"}},
		{"a sub-benchmark's", "BenchmarkB/small-2   \t100\t 10 ns/op\n    --- FAIL: BenchmarkB/large-2\n", nil, []string{"BenchmarkB"}},
		{"with GOMAXPROCS", "--- FAIL: BenchmarkC-8\n", nil, []string{"BenchmarkC"}},
		{"a panic", "panic: boom\n\ngoroutine 7 [running]:\nexample.com/p.BenchmarkD.func1(0xc000)\n\t/p/p_test.go:9 +0x1\ntesting.(*B).runN(0xc000, 0x1)\n", nil, []string{"BenchmarkD"}},
		{"skipped already", "--- FAIL: BenchmarkA\n--- FAIL: BenchmarkB\n", []string{"BenchmarkA"}, []string{"BenchmarkB"}},
		{"not a benchmark of the package", "panic: boom\nexample.com/p.BenchmarkHelper(0xc000)\n--- FAIL: BenchmarkE\n", nil, nil},
		{"a build failure", "# example.com/p\n./p_test.go:3:1: syntax error\nFAIL\texample.com/p [build failed]\n", nil, nil},
	} {
		if got := failedBenchmarks([]byte(tc.out), names, tc.skipped); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFailureReason checks the reason given for a benchmark left out: a
// panic's line, a benchmark's own message, testify's Error field rather
// than its trace.
func TestFailureReason(t *testing.T) {
	for _, tc := range []struct{ name, out, want string }{
		{"a panic", "panic: open ../data/x.js: no such file or directory\n\ngoroutine 10 [running]:\n", "panic: open ../data/x.js: no such file or directory"},
		{"a message", "--- FAIL: BenchmarkA\n    a_test.go:35: got 1292721, want 1292760\nFAIL\n", "a_test.go:35: got 1292721, want 1292760"},
		{"testify", "--- FAIL: BenchmarkGoSliceHeapSort\n    functional_benchmark_test.go:45: \n" +
			"        \tError Trace:\t/m/functional_benchmark_test.go:141\n" +
			"        \t            \t\t\t\t/m/functional_benchmark_test.go:45\n" +
			"        \tError:      \tReceived unexpected error:\n" +
			"        \t            \tReferenceError: 'testSlice' is not defined\n" +
			"        \tTest:       \tBenchmarkGoSliceHeapSort\nFAIL\nexit status 1\n",
			"functional_benchmark_test.go:45: Received unexpected error: ReferenceError: 'testSlice' is not defined"},
		{"a panic after the benchmark's name", "BenchmarkPanics-2   \tpanic: runtime error: index out of range [-1]\n\ngoroutine 7 [running]:\n", "panic: runtime error: index out of range [-1]"},
		{"a panic in a log", "--- FAIL: BenchmarkA\n    panic: boom [recovered]\nFAIL\n", "panic: boom [recovered]"},
		{"a message on the next line", "--- FAIL: BenchmarkA\n    a_test.go:9:\n        want 3\nFAIL\n", "a_test.go:9: want 3"},
	} {
		if got := failureReason([]byte(tc.out)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestLeftOut: a reason that several runs gave is said once.
func TestLeftOut(t *testing.T) {
	got := leftOut([]string{"BenchmarkA", "BenchmarkB", "BenchmarkC"}, []string{"panic: boom", "a_test.go:3: stale", "panic: boom"})
	if want := "BenchmarkA, BenchmarkB, BenchmarkC failed (panic: boom; a_test.go:3: stale)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

// TestBenchTimeFor checks that a package's benchmarks run for ten times
// -hot.benchtime together at least (a second at the default: enough CPU
// samples for a loop's share to count), each for -hot.benchtime at least,
// and that a count of iterations is kept.
func TestBenchTimeFor(t *testing.T) {
	for _, tc := range []struct {
		benchTime string
		n         int
		want      string
	}{
		{"100ms", 1, "1s"},
		{"100ms", 3, "333ms"},
		{"100ms", 10, "100ms"},
		{"100ms", 40, "100ms"},
		{"2s", 1, "20s"},
		{"50ms", 2, "250ms"},
		{"20x", 1, "20x"},
		{"100ms", 0, "100ms"},
	} {
		if got := benchTimeFor(tc.benchTime, tc.n); got != tc.want {
			t.Errorf("benchTimeFor(%q, %d) = %q, want %q", tc.benchTime, tc.n, got, tc.want)
		}
	}
}
