package prealloc

import (
	"encoding/json"
	"strconv"
	"strings"
)

type item struct{ Name string }

// The seed article's example.
func buildSlice() int {
	var result []int // want `result grows by append in a loop of 1000 iterations \(Go 1.26 starts it with 4 elements \(32 bytes\) on the stack; past them ≈log2\(n/4\) reallocations and copies\); preallocate with make\(\[\]int, 0, 1000\)$`
	for i := 0; i < 1000; i++ {
		result = append(result, i)
	}
	return len(result)
}

func names(items []item) []string {
	names := []string{} // want `names grows by append in a loop of len\(items\) iterations .*; preallocate with make\(\[\]string, 0, len\(items\)\)$`
	for _, it := range items {
		names = append(names, it.Name)
	}
	return names
}

func makeZero(items []item) []string {
	out := make([]string, 0) // want `out grows by append`
	for _, it := range items {
		out = append(out, it.Name, it.Name+"!")
	}
	return out
}

func pairs(m map[string]int) []string {
	var keys []string // want `keys grows .*preallocate with make\(\[\]string, 0, 2\*len\(m\)\)`
	for k, v := range m {
		keys = append(keys, k, strconv.Itoa(v))
	}
	for _, k := range keys {
		_ = k
	}
	return nil
}

func spread(rows []string, sep []byte) int {
	var buf []byte // want `buf grows .*preallocate with make\(\[\]byte, 0, len\(sep\)\*len\(rows\)\)`
	for range rows {
		buf = append(buf, sep...)
	}
	return len(buf)
}

func index(items []item) map[string]item {
	byName := make(map[string]item) // want `byName gets a new entry in a loop of len\(items\) iterations \(past 8 entries its table grows ≈log2\(n/8\) times, rehashing each time\); size it with make\(map\[string\]item, len\(items\)\)`
	for _, it := range items {
		byName[it.Name] = it
	}
	return byName
}

func countdown(n int) []int {
	out := []int{} // want `out grows .*make\(\[\]int, 0, max\(n, 0\)\)`
	for i := n; i > 0; i-- {
		out = append(out, i)
	}
	return out
}

func window(lo, hi int) []int {
	out := []int{} // want `out grows .*make\(\[\]int, 0, max\(hi-lo\+1, 0\)\)`
	for i := lo; i <= hi; i++ {
		out = append(out, i)
	}
	return out
}

// A nil slice that is returned: JSON tells nil from empty, so the fix keeps
// s nil for zero iterations with slices.Grow.
func encoded(items []item) ([]byte, error) {
	var names []string // want `names grows by append in a loop of len\(items\) iterations \(Go 1.26 starts it with 2 elements \(32 bytes\) on the stack; past them ≈log2\(n/2\) reallocations and copies\); grow it just before the loop with names = slices.Grow\(names, len\(items\)\) \(unlike make, this keeps names nil when the loop does not run\)`
	for _, it := range items {
		names = append(names, it.Name)
	}
	return json.Marshal(names)
}

// The count is declared after the slice: the declaration moves.
func declaredLater(load func() []item) map[string]bool {
	seen := map[string]bool{} // want `seen gets a new entry .*make\(map\[string\]bool, len\(items\)\)`
	items := load()
	for _, it := range items {
		seen[it.Name] = true
	}
	return seen
}

// The count changes between the declaration and the loop, and the slice is
// returned (nil matters): Grow before the loop.
func changedCount(items []item, extra item) []item {
	var out []item // want `out grows`
	items = append(items, extra)
	for _, it := range items {
		out = append(out, it)
	}
	return out
}

func labelledLoop(items []item) int {
	var total []int // want `total grows`
	n := len(items)
	_ = n
rows:
	for i := range items {
		total = append(total, i)
		continue rows
	}
	return len(total)
}

func folded() []string {
	var labels []string // want `labels grows .*make\(\[\]string, 0, 20\)`
	for i := range 10 {
		labels = append(labels, "k", strconv.Itoa(i))
	}
	return labels
}

// The loop always runs, so returning the slice cannot tell nil from empty.
func seedReturned() []int {
	var result []int // want `result grows .*preallocate with make\(\[\]int, 0, 1000\)$`
	for i := 0; i < 1000; i++ {
		result = append(result, i)
	}
	return result
}

// Nothing tells nil from empty (strings.Join), the count changes after
// the declaration and the loop is in another block: a plain make before
// the loop, not slices.Grow (issue #16).
func joined(items []item, extra item, all bool) string {
	var names []string // want `names grows .*; make it just before the loop with names = make\(\[\]string, 0, len\(items\)\)$`
	items = append(items, extra)
	if all {
		for _, it := range items {
			names = append(names, it.Name)
		}
	}
	return strings.Join(names, ",")
}

type user struct{ ID int64 }

// Keys that differ per iteration: the loop's count is the map's size.
func byID(users []user) map[int64]user {
	m := map[int64]user{} // want `m gets a new entry in a loop of len\(users\) iterations`
	for _, u := range users {
		m[u.ID] = u
	}
	return m
}

func byKey(in map[string]int) map[string]bool {
	m := map[string]bool{} // want `m gets a new entry in a loop of len\(in\) iterations`
	for k := range in {
		m[k] = true
	}
	return m
}

func byIndex(n int) map[int]bool {
	m := map[int]bool{} // want `m gets a new entry in a loop of n iterations`
	for i := 0; i < n; i++ {
		m[i] = true
	}
	return m
}

// The twin of countWords (notflagged.go): the entry is read after this
// iteration stored it (chroma's Rules.Clone), so each key is new.
func cloneRules(r map[string][]int) map[string][]int {
	out := map[string][]int{} // want `out gets a new entry in a loop of len\(r\) iterations`
	for key, rules := range r {
		out[key] = make([]int, len(rules))
		copy(out[key], rules)
	}
	return out
}
