package prealloc

// Findings without a fix.

func callInCount(load func() []item) []string {
	var out []string // want `out grows by append in a loop of len\(load\(\)\) iterations .*; store load\(\) in a variable before the loop, use it in the loop, and size out from it; no automatic fix: the count calls load, which must not run twice, and the fix would have to move it`
	for _, it := range load() {
		out = append(out, it.Name)
	}
	return out
}

func mapCountChanged(items []item, extra item, more bool) map[string]item {
	m := map[string]item{} // want `m gets a new entry .*; no automatic fix: the count is not known where m is declared`
	if more {
		items = append(items, extra)
		for _, it := range items {
			m[it.Name] = it
		}
	}
	return m
}

// Issue #27: a count with a composite literal and no call says what it
// has.
func literalCount() []int {
	var out []int // want `; no automatic fix: the count builds \[\]int\{…\}, and the fix would build it a second time or have to move it`
	for i := range len([]int{1, 2, 3}) {
		out = append(out, i)
	}
	return out
}
