//go:build unix

package escape

import (
	"bytes"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReportCPU is BenchmarkReport measured in CPU time of the
// process, which on a shared machine says more than the wall clock:
// lines per CPU second on one core (GOMAXPROCS=1 keeps the collector on
// the same core). go test ./escape -run XXX -bench CPU -cpu 1
func BenchmarkReportCPU(b *testing.B) {
	// Function names from the compiler's lines.
	benchCPU(b, func(data []byte) { reportFrom(bytes.NewReader(data), &ReportBuilder{}) })
}

// BenchmarkScanCPU is BenchmarkScan in lines per CPU second.
func BenchmarkScanCPU(b *testing.B) {
	benchCPU(b, scanAll)
}

func benchCPU(b *testing.B, run func([]byte)) {
	data, lines := benchInput(b)
	b.ResetTimer()
	start := cpuTime()
	for b.Loop() {
		run(data)
	}
	b.ReportMetric(float64(lines)*float64(b.N)/(cpuTime()-start).Seconds(), "lines/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
