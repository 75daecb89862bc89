package report_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/profile"
)

// TestHotOnlyShown checks the one visibility decision for hot-only
// findings: shown only where a profile saw the place, never on static
// heat alone, and listed with -cold with the reason.
func TestHotOnlyShown(t *testing.T) {
	hotOnly := analysis.Diagnostic{Category: report.HotOnly, Message: "m"}
	cost := analysis.Diagnostic{Message: "m"}
	staticHot := hot.Heat{Func: "F", Static: 2, StaticWhy: []string{"in a range loop"}}
	seen := hot.Heat{Func: "F", Profiled: true, Seen: true, Cum: 20}
	unseen := hot.Heat{Func: "F", Profiled: true}
	quietLines := hot.Heat{Func: "F", Profiled: true, Seen: true, Measure: profile.Alloc, Alloc: &hot.AllocSite{}}
	// A box in a hot loop whose own lines are a sliver of all bytes (an
	// interpreter's stack push), and one that is not.
	sliver := hot.Heat{Func: "F", Profiled: true, Seen: true, Measure: profile.Alloc, Min: 1, Alloc: &hot.AllocSite{Bytes: 100, Share: 0.2, OwnBytes: 100, OwnShare: 0.2}}
	measurable := hot.Heat{Func: "F", Profiled: true, Seen: true, Measure: profile.Alloc, Min: 1, Alloc: &hot.AllocSite{Bytes: 4500, Share: 4.5, OwnBytes: 4500, OwnShare: 4.5}}
	// A box on a line whose call allocates the rest (an inlined constructor):
	// the line's 30% is the callee's, its own box a sliver.
	overstated := hot.Heat{Func: "F", Profiled: true, Seen: true, Measure: profile.Alloc, Min: 1, Alloc: &hot.AllocSite{Bytes: 30000, Share: 30, OwnBytes: 200, OwnShare: 0.2}}
	for _, tc := range []struct {
		name  string
		d     analysis.Diagnostic
		h     hot.Heat
		shown bool
		note  string // what ColdMessage adds, its start, "" for none
	}{
		{"cost, static heat", cost, staticHot, true, ""},
		{"hot-only, static heat", hotOnly, staticHot, false, "; hot-only: shown where a profile shows heat, and no profile was given"},
		{"hot-only, no heat at all", hotOnly, hot.Heat{}, false, "; hot-only: shown where a profile shows heat"},
		{"hot-only, profile saw it", hotOnly, seen, true, ""},
		{"hot-only, profile never saw it", hotOnly, unseen, false, "; hot-only: the profile does not show this place hot"},
		{"hot-only, no allocation on its lines", hotOnly, quietLines, false, "; hot-only: the profile does not show this place hot"},
		{"hot-only, package level", hotOnly, hot.Heat{Profiled: true}, false, "; hot-only: the profile does not show"},
		{"hot-only, own lines under -hot.min", hotOnly, sliver, false, "; hot-only: its own lines allocated 0.2% of all bytes, under -hot.min=1%"},
		{"hot-only, own lines over -hot.min", hotOnly, measurable, true, ""},
		{"hot-only, a call on the line allocates the share", hotOnly, overstated, false, "; hot-only: its own lines allocated 0.2% of all bytes"},
		// With a profile the message already ends with the heat's suffix
		// (withHeat): the note does not repeat it.
		{"hot-only, message with the heat", withSuffix(hotOnly, unseen), unseen, false, "; hot-only: the profile does not show this place hot"},
		{"hot-only, quiet lines, message with the heat", withSuffix(hotOnly, quietLines), quietLines, false, "; hot-only: the profile does not show this place hot"},
	} {
		if got := report.Shown(tc.d, tc.h, false); got != tc.shown {
			t.Errorf("%s: Shown = %v, want %v", tc.name, got, tc.shown)
		}
		if !report.Shown(tc.d, tc.h, true) {
			t.Errorf("%s: not shown with -cold", tc.name)
		}
		msg := report.ColdMessage(tc.d, tc.h)
		if strings.Count(msg, "cold: ") > 1 || strings.Count(msg, "hot: ") > 1 {
			t.Errorf("%s: ColdMessage repeats the heat: %q", tc.name, msg)
		}
		note, ok := strings.CutPrefix(msg, tc.d.Message)
		if !ok || (tc.note == "") != (note == "") || !strings.HasPrefix(note, tc.note) {
			t.Errorf("%s: ColdMessage = %q, want %q and a note starting with %q", tc.name, msg, tc.d.Message, tc.note)
		}
	}
}

// withSuffix is d with the heat h's suffix, as withHeat writes it.
func withSuffix(d analysis.Diagnostic, h hot.Heat) analysis.Diagnostic {
	d.Message += h.Suffix()
	return d
}
