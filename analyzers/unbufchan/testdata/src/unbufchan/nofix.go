package unbufchan

// The count is in scope at the make but may change before the loop: no
// fix, and the message says so rather than "not known".
func changedBeforeLoop(items []item, extra item) []result {
	ch := make(chan result) // want `give ch a buffer of len\(items\) so they finish at once; no automatic fix: len\(items\) may change between the make of ch \(line 6\) and the loop \(line 8\)$`
	items = append(items, extra)
	for _, it := range items {
		go func(it item) { ch <- process(it) }(it)
	}
	out := make([]result, 0, len(items))
	for range items {
		out = append(out, <-ch)
	}
	return out
}
