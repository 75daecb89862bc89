package poolbuf_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/pprof/profile"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/poolbuf"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestHotFunction checks the per-call rule's third reason: with a CPU
// profile, a function holding at least poolbuf.HotShare of the samples is
// per item, and one the profile never saw is not.
func TestHotFunction(t *testing.T) {
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     10_000_000,
	}
	encode := &profile.Function{ID: 1, Name: "poolbufhot.Encode", SystemName: "poolbufhot.Encode", Filename: "poolbufhot.go", StartLine: 9}
	other := &profile.Function{ID: 2, Name: "example.com/other.Work", SystemName: "example.com/other.Work", Filename: "other.go", StartLine: 1}
	p.Function = []*profile.Function{encode, other}
	for i, s := range []struct {
		fn    *profile.Function
		line  int64
		count int64
	}{{encode, 11, 30}, {other, 3, 70}} {
		loc := &profile.Location{ID: uint64(i + 1), Line: []profile.Line{{Function: s.fn, Line: s.line}}}
		p.Location = append(p.Location, loc)
		p.Sample = append(p.Sample, &profile.Sample{Location: []*profile.Location{loc}, Value: []int64{s.count, s.count * 10_000_000}})
	}
	path := filepath.Join(t.TempDir(), "cpu.pprof")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	a := poolbuf.New(report.NewAnalyzer(&report.Policy{}, hot.New(&hot.Options{Profile: path})))
	analysistest.Run(t, analysistest.TestData(), a, "poolbufhot")
}
