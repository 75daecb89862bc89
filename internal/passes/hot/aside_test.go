package hot_test

import (
	"math"
	"testing"

	"github.com/perfvet/perfvet/internal/passes/hot"
)

// TestAsideShare checks that the share -hot.min sets aside never reads as
// the threshold itself ("1.0% is under -hot.min=1%", seen on a loop with
// 0.99% of the bytes), and that other shares keep one decimal.
func TestAsideShare(t *testing.T) {
	for _, tc := range []struct {
		min, share float64
		want       string
	}{
		{1, 0.996, "0.99% is under -hot.min=1%"},
		{1, 0.951, "0.95% is under -hot.min=1%"},
		{1, 0.5, "0.5% is under -hot.min=1%"},
		{5, 4.97, "4.97% is under -hot.min=5%"},
		{5, 2, "2.0% is under -hot.min=5%"},
		{1, 1, ""},
	} {
		if got := hot.AsideAt(tc.min, tc.share); got != tc.want {
			t.Errorf("min %g, share %g: %q, want %q", tc.min, tc.share, got, tc.want)
		}
	}
}

// TestAsideAlloc checks that an allocation profile measures an allocation
// finding by its own lines (what its change would save), not its loop: a
// branch of a hot loop that never allocated is set aside whatever
// -hot.min, a sliver of the bytes under -hot.min is, and a loop under
// -hot.min does not set aside lines that are not.
func TestAsideAlloc(t *testing.T) {
	for _, tc := range []struct {
		name             string
		min, loop, share float64
		bytes            int64
		want             string
	}{
		{"quiet branch of a hot loop", 1, 40, 0, 0, "the allocation profile saw no allocation on its lines"},
		{"quiet branch, -hot.min=0", 0, 40, 0, 0, "the allocation profile saw no allocation on its lines"},
		{"a sliver of a hot loop", 1, 40, 0.4, 400, "its lines allocated 0.4% of all bytes, under -hot.min=1%"},
		{"rounds to the threshold", 1, 40, 0.996, 996, "its lines allocated 0.99% of all bytes, under -hot.min=1%"},
		{"measurable", 1, 40, 5, 5000, ""},
		{"a sliver, -hot.min=0", 0, 40, 0.01, 10, ""},
	} {
		if got := hot.AsideAlloc(tc.min, tc.loop, tc.bytes, tc.share); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestAsideTime checks the same for a finding about time (deferloop's
// records): its own code's share decides, not its loop's.
func TestAsideTime(t *testing.T) {
	for _, tc := range []struct {
		name             string
		min, loop, share float64
		value            int64
		want             string
	}{
		{"no sample in its own code", 1, 40, 0, 0, "the CPU profile saw no time in its own code"},
		{"a sliver of a hot loop", 1, 40, 0.3, 3, "its own code took 0.3% of the CPU, under -hot.min=1%"},
		{"measurable", 1, 40, 12, 120, ""},
		{"a sliver, -hot.min=0", 0, 40, 0.3, 3, ""},
	} {
		if got := hot.AsideTime(tc.min, tc.loop, tc.value, tc.share); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestRankBySaving checks that findings rank by what -hot.min compares:
// an allocation finding by its lines' bytes, a time finding by its own
// code's CPU, not by the loops around them.
func TestRankBySaving(t *testing.T) {
	seen := hot.Heat{Profiled: true, Func: "F", Seen: true, InLoop: true}
	bigLoopSmallLines, smallLoopBigLines := seen, seen
	bigLoopSmallLines.Loop, bigLoopSmallLines.Alloc = 60, &hot.AllocSite{Bytes: 200, Share: 2}
	smallLoopBigLines.Loop, smallLoopBigLines.Alloc = 20, &hot.AllocSite{Bytes: 1500, Share: 15}
	if bigLoopSmallLines.Rank() >= smallLoopBigLines.Rank() {
		t.Errorf("allocation: lines with 2%% of the bytes in a loop with 60%% rank above lines with 15%% in a loop with 20%%")
	}
	bigLoopSmallLines.Alloc, smallLoopBigLines.Alloc = nil, nil
	bigLoopSmallLines.Own, smallLoopBigLines.Own = &hot.OwnTime{Value: 2, Share: 2}, &hot.OwnTime{Value: 15, Share: 15}
	if bigLoopSmallLines.Rank() >= smallLoopBigLines.Rank() {
		t.Errorf("time: own code with 2%% of the CPU in a loop with 60%% ranks above own code with 15%% in a loop with 20%%")
	}
}

// TestSurelyAtLeast checks the sampling bound -hot.min applies: a share
// just over the threshold needs hundreds of samples to count, twice the
// threshold a handful, and a profile that does not say how it sampled
// (+Inf samples) is taken at its word.
func TestSurelyAtLeast(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		share, samples, min float64
		want                bool
	}{
		{1.1, 4, 1, false},    // liquid's box, issue #26's judged run
		{1.1, 37, 1, false},   // graphql's box: still within chance of 1%
		{1.1, 500, 1, true},   // a hundredth of a large profile
		{2.2, 436, 1, true},   // casbin's conversion
		{2, 8, 1, true},       // twice the threshold, 8 samples
		{2, 5, 1, false},      // twice the threshold, 5 samples
		{3, 1, 1, false},      // one sample says little
		{0.9, inf, 1, false},  // under the threshold whatever the samples
		{1, inf, 1, true},     // unknown sampling: the share as measured
		{40, 0.5, 20, false},  // less than one sample
		{5, 10000, 5, false},  // at the threshold, the bound is under it
		{5.2, 10000, 5, true}, // a little over, many samples
	} {
		if got := hot.SurelyAtLeast(tc.share, tc.samples, tc.min); got != tc.want {
			t.Errorf("SurelyAtLeast(%g%%, %g samples, %g%%) = %v, want %v (lower bound %.3g%%)",
				tc.share, tc.samples, tc.min, got, tc.want, hot.LowerShare(tc.share, tc.samples))
		}
	}
}

// TestAsideFewSamples checks what a finding over -hot.min but measured by
// too few samples is told: how many, and that it cannot be told from a
// share under the threshold; measured by enough, it is kept.
func TestAsideFewSamples(t *testing.T) {
	const rate = 512 * 1024 // the runtime's default allocation sampling rate
	for _, tc := range []struct {
		name  string
		bytes int64
		share float64
		want  string
	}{
		{"four samples", 4 * rate, 1.1, "its lines allocated 1.1% of all bytes, from about 4 samples, too few to tell it from a share under -hot.min=1% (a longer profile samples more)"},
		{"one sample", rate, 3, "its lines allocated 3.0% of all bytes, from about 1 sample, too few to tell it from a share under -hot.min=1% (a longer profile samples more)"},
		{"many samples", 600 * rate, 1.1, ""},
		{"under the threshold", 600 * rate, 0.9, "its lines allocated 0.9% of all bytes, under -hot.min=1%"},
	} {
		if got := hot.AsideSampled(1, tc.bytes, tc.share, rate); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
