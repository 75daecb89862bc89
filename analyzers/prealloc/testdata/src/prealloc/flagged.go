package prealloc

// Findings without a fix.

func callInCount(load func() []item) []string {
	var out []string // want `out grows by append in a loop of len\(load\(\)\) iterations .*; no automatic fix: the count has a call or receive \(hoist it into a variable\)`
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
