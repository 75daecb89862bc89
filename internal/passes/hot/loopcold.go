package hot

import (
	"fmt"

	"github.com/perfvet/perfvet/internal/passes/loops"
)

// Loops count iterations (internal/passes/loops); whether a loop is cold
// is decided here, by the first rule of loopRules that holds. A cold loop
// repeats nothing worth a finding: the analyzers ask IsCold and HotChain
// before they look at what a loop repeats, and heat gives a finding in one
// its reason (LoopCold's words).

// ColdLimit is the largest constant trip count of a cold loop.
const ColdLimit = 4

// A loopRule is one kind of evidence that a loop runs a few times, or
// once per tick or per program. Each has its cases, must and must-not, in
// testdata/src/coldloops, under a "// rule: NAME." comment (TestLoopRules
// fails for a rule without them).
type loopRule struct {
	name    string
	applies func(l *loops.Loop) bool
	reason  func(l *loops.Loop) string // the reason a finding's heat gives, after "in a loop that "
	// heatOnly rules set findings in the loop aside (cold evidence) but
	// do not make the loop cold to the analyzers (LoopCold, HotChain): a
	// map keyed by an enumeration holds at most that many entries, yet a
	// check of what the loop repeats still holds there.
	heatOnly bool
	// evidence, if set, is the cold evidence's own wording; else "in a
	// loop that " and the reason.
	evidence func(l *loops.Loop) string
}

// loopRules, in the order they are asked: the first that holds is the
// loop's reason.
var loopRules = []loopRule{
	{
		name:    "constant",
		applies: func(l *loops.Loop) bool { return l.ConstKnown && l.Const <= ColdLimit },
		reason:  func(l *loops.Loop) string { return fmt.Sprintf("runs at most %d times", l.Const) },
	},
	{
		name:    "table",
		applies: func(l *loops.Loop) bool { return l.FixedLen > 0 && l.FixedLen <= ColdLimit },
		reason: func(l *loops.Loop) string {
			return fmt.Sprintf("runs at most %d times (%s is a package-level literal of %d elements that the package never changes)", l.FixedLen, l.FixedName, l.FixedLen)
		},
	},
	{
		name:    "logarithmic",
		applies: func(l *loops.Loop) bool { return l.Divides != "" },
		reason: func(l *loops.Loop) string {
			return fmt.Sprintf("runs O(log n) times (%s on every iteration)", l.Divides)
		},
	},
	{
		name:    "paced",
		applies: func(l *loops.Loop) bool { return l.Timer != "" },
		reason: func(l *loops.Loop) string {
			return "waits on a timer every iteration (" + l.Timer + "): runs once per tick"
		},
	},
	{
		name:    "once",
		applies: func(l *loops.Loop) bool { return l.Once != "" },
		reason:  func(l *loops.Loop) string { return "runs once, in " + l.Once },
	},
	{
		name:    "smallkeys",
		applies: func(l *loops.Loop) bool { return l.KeyDomain > 0 && l.KeyDomain <= smallDomain },
		reason: func(l *loops.Loop) string {
			return fmt.Sprintf("ranges over a map keyed by %s, which has %d values", l.KeyType, l.KeyDomain)
		},
		evidence: func(l *loops.Loop) string {
			return fmt.Sprintf("in a loop over a map keyed by %s, which has %d values", l.KeyType, l.KeyDomain)
		},
		heatOnly: true,
	},
}

// coldRule returns the first rule of loopRules that holds for l, or nil;
// with heat false, the first of those that are not heatOnly.
func coldRule(l *loops.Loop, heat bool) *loopRule {
	for i := range loopRules {
		if r := &loopRules[i]; (heat || !r.heatOnly) && r.applies(l) {
			return r
		}
	}
	return nil
}

// heatEvidence is the loop's cold evidence for heat: any rule, heatOnly
// ones too, as "in a loop that ..." (cold.go's smallLoop).
func heatEvidence(l *loops.Loop) string {
	r := coldRule(l, true)
	switch {
	case r == nil:
		return ""
	case r.evidence != nil:
		return r.evidence(l)
	}
	return "in a loop that " + r.reason(l)
}

// LoopCold says why the loop l is cold ("runs at most 3 times", "waits on
// a timer every iteration (time.Sleep): runs once per tick"), or "" when
// no rule holds.
func LoopCold(l *loops.Loop) string {
	if r := coldRule(l, false); r != nil {
		return r.reason(l)
	}
	return ""
}

// IsCold reports whether a rule holds for l (LoopCold(l) != "", without
// the words).
func IsCold(l *loops.Loop) bool { return coldRule(l, false) != nil }

// Paced reports whether l is cold because every iteration waits on a
// timer: calls there run once per tick (a caller's evidence, cold.go).
func Paced(l *loops.Loop) bool {
	r := coldRule(l, false)
	return r != nil && r.name == "paced"
}

// HotChain reports whether any loop from l outward is not cold: a node
// repeated by such a chain runs many times.
func HotChain(l *loops.Loop) bool {
	for ; l != nil; l = l.Parent {
		if !IsCold(l) {
			return true
		}
	}
	return false
}
