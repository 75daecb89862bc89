package escape

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchInput is about 100k lines of -m=2 text from the fixtures.
func benchInput(b *testing.B) ([]byte, int) {
	var one bytes.Buffer
	for _, name := range []string{"synthetic.m2.txt", "xtools-go-ssa.m2.txt", "std-encoding-json.m2.txt", "std-net-http.m2.excerpt.txt", "xtools-hostport.unknownpos.m2.txt"} {
		data, err := os.ReadFile("testdata/samples/" + name)
		if err != nil {
			b.Fatal(err)
		}
		one.Write(data)
	}
	lines := bytes.Count(one.Bytes(), []byte("\n"))
	reps := 100000/lines + 1
	// Each copy gets package names of its own, as in a build of many
	// packages: repeating the same packages would make every finding one
	// of reps identical twins, which no build has.
	var all bytes.Buffer
	for i := range reps {
		renamed := bytes.ReplaceAll(append([]byte{'\n'}, one.Bytes()...), []byte("\n# "), fmt.Appendf(nil, "\n# r%d/", i))
		all.Write(renamed[1:])
	}
	return all.Bytes(), lines * reps
}

// scanAll scans data and drops the diagnostics.
func scanAll(data []byte) {
	s := NewScanner(bytes.NewReader(data), nil)
	for s.Scan() {
		_ = s.Diagnostic()
	}
}

// BenchmarkScan measures the Scanner over -m=2 text; it reports lines/s.
// go test ./escape -run XXX -bench Scan -benchmem
func BenchmarkScan(b *testing.B) {
	data, lines := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		scanAll(data)
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkReport adds report building (function names from the
// compiler's lines) to BenchmarkScan.
func BenchmarkReport(b *testing.B) {
	data, lines := benchInput(b)
	b.ResetTimer()
	for b.Loop() {
		reportFrom(bytes.NewReader(data), &ReportBuilder{})
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestScanMemoryFlat checks that the Scanner's own memory does not grow
// with its input: reading ten times more lines, whose diagnostics are
// dropped, allocates no more live heap.
func TestScanMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("measures heap")
	}
	data, err := os.ReadFile("testdata/samples/synthetic.m2.txt")
	if err != nil {
		t.Fatal(err)
	}
	peak := func(reps int) uint64 {
		r := strings.NewReader(strings.Repeat(string(data), reps))
		s := NewScanner(r, nil)
		var max uint64
		n := 0
		for s.Scan() {
			n++
			if n%5000 == 0 {
				if m := liveHeap(); m > max {
					max = m
				}
			}
		}
		return max
	}
	small, large := peak(50), peak(500)
	// The input string itself is 10x larger; subtract it.
	inputGrowth := uint64(len(data)) * 450
	if large > small+inputGrowth+4<<20 {
		t.Errorf("live heap grows with input: %d bytes at 50 copies, %d at 500 (input grows by %d)", small, large, inputGrowth)
	}
}
