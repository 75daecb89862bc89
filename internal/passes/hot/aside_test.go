package hot_test

import (
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
