package escape

import "slices"

// A Change is a finding present in only one of two reports.
type Change struct {
	Finding
	// Regression is true for a new heap allocation, a function that is no
	// longer inlinable, a call no longer inlined and a new bounds check;
	// false for the reverse.
	Regression bool `json:"regression"`
	// What says what changed, e.g. "new heap allocation".
	What string `json:"what"`
}

// Diff compares two reports by finding [Key], which leaves positions out:
// an edit that only moves code reports nothing. Findings with the same
// package, function, kind and subject are matched in position order, so
// one more allocation of a subject in a function is one change (reported
// at the last of its positions when the new one cannot be told apart).
// Static boxings and unknown lines are not compared.
func Diff(old, new *Report) []Change {
	oldSet := index(old)
	newSet := index(new)
	var changes []Change
	for i := range new.Findings {
		f := &new.Findings[i]
		if _, ok := oldSet[f.Key()]; ok {
			continue
		}
		if c, ok := change(*f, true, oldSet); ok {
			changes = append(changes, c)
		}
	}
	for i := range old.Findings {
		f := &old.Findings[i]
		if _, ok := newSet[f.Key()]; ok {
			continue
		}
		if c, ok := change(*f, false, newSet); ok {
			changes = append(changes, c)
		}
	}
	slices.SortStableFunc(changes, func(a, b Change) int {
		if a.Regression != b.Regression {
			if a.Regression {
				return -1
			}
			return 1
		}
		return compareFindings(&a.Finding, &b.Finding)
	})
	return changes
}

func index(r *Report) map[Key]*Finding {
	m := make(map[Key]*Finding, len(r.Findings))
	for i := range r.Findings {
		m[r.Findings[i].Key()] = &r.Findings[i]
	}
	return m
}

// change describes f, which is only in the new report (added) or only in
// the old one; other is the report it is missing from.
func change(f Finding, added bool, other map[Key]*Finding) (Change, bool) {
	c := Change{Finding: f}
	switch f.Kind {
	case Heap:
		c.Regression = added
		c.What = pick(added, "new heap allocation", "heap allocation removed")
	case BoundsChecked:
		c.Regression = added
		c.What = pick(added, "new bounds check", "bounds check removed")
	case InlinedCall:
		c.Regression = !added
		c.What = pick(added, "call now inlined", "call no longer inlined")
	case Inlinable:
		// A function that appears or disappears altogether is not a
		// change of inlining; one that flips kind is, and is reported
		// once, from its cannot-inline side.
		return c, false
	case NotInlinable:
		k := f.Key()
		k.Kind, k.Index = Inlinable, 0
		if _, flipped := other[k]; !flipped {
			return c, false
		}
		c.Regression = added
		c.What = pick(added, "function no longer inlinable", "function now inlinable")
	default:
		return c, false
	}
	return c, true
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}
