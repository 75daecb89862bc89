package prealloc

import (
	"bufio"
	"iter"
	"os"
	"strings"
)

func conditional(items []item) []string {
	var out []string
	for _, it := range items {
		if it.Name != "" {
			out = append(out, it.Name)
		}
	}
	return out
}

func afterContinue(items []item) []string {
	var out []string
	for _, it := range items {
		if it.Name == "" {
			continue
		}
		out = append(out, it.Name)
	}
	return out
}

func withBreak(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
		if len(out) > 10 {
			break
		}
	}
	return out
}

func inSwitch(items []item) []string {
	var out []string
	for _, it := range items {
		switch it.Name {
		case "":
		default:
			out = append(out, it.Name)
		}
	}
	return out
}

func channel(ch chan item) []string {
	var out []string
	for it := range ch {
		out = append(out, it.Name)
	}
	return out
}

func iterator(seq iter.Seq[item]) []string {
	var out []string
	for it := range seq {
		out = append(out, it.Name)
	}
	return out
}

func scanner() []string {
	var out []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

func usedBetween(items []item, f func([]string)) []string {
	var out []string
	f(out)
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

func resliced(items []item, out []string) []string {
	out = out[:0]
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

func reassignedInLoop(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
		if len(out) > 100 {
			out = out[1:]
		}
	}
	return out
}

func twoAppends(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
		out = append(out, it.Name)
	}
	return out
}

func capturedByClosure(items []item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Name)
		func() { out = append(out, "x") }()
	}
	return out
}

func acrossOuterLoop(rows [][]item) []string {
	var out []string
	for _, row := range rows {
		for _, it := range row {
			out = append(out, it.Name)
		}
	}
	return out
}

func cold() []string {
	var out []string
	for _, s := range []string{"a", "b", "c"} {
		out = append(out, s)
	}
	for i := 0; i < 4; i++ {
		out = append(out, "x")
	}
	return out
}

func tinyCapacity() []string {
	var out []string
	for range 2 {
		out = append(out, "a", "b")
	}
	return out
}

func alreadySized(items []item) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.Name)
	}
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it.Name] = true
	}
	return out
}

func variantSpread(rows [][]byte) []byte {
	var buf []byte
	for _, row := range rows {
		buf = append(buf, row...)
	}
	return buf
}

func rangeOverItself(s []int) []int {
	for _, x := range s {
		s = append(s, x)
	}
	return s
}

func param(out []string, items []item) []string {
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

var global []string

func packageLevel(items []item) {
	for _, it := range items {
		global = append(global, it.Name)
	}
}

func unknownBound(items []item) []string {
	var out []string
	for i := 0; i < len(items); i += 2 {
		out = append(out, items[i].Name)
	}
	return out
}

func init() {
	var out []string
	for i := range 100 {
		out = append(out, string(rune(i)))
	}
	_ = out
}

func suppressed(items []item) []string {
	var out []string //nolint:prealloc // items is tiny here
	for _, it := range items {
		out = append(out, it.Name)
	}
	return out
}

func grouping(items []item) map[string][]item {
	byName := map[string][]item{}
	for _, it := range items {
		byName[it.Name] = append(byName[it.Name], it)
	}
	return byName
}

func counting(items []item) map[string]int {
	counts := map[string]int{}
	for _, it := range items {
		counts[it.Name] = counts[it.Name] + 1
	}
	return counts
}

func grownAfterTheLoop(dirs, files []string) map[string]bool {
	found := make(map[string]bool)
	for _, d := range dirs {
		found[d] = true
	}
	for _, f := range files {
		found[f] = true
	}
	return found
}

func capturedAcrossCalls(run func(func([]item))) []string {
	var out []string
	run(func(items []item) {
		for _, it := range items {
			out = append(out, it.Name)
		}
	})
	return out
}

func computedKey(items []item) map[string]item {
	byLower := map[string]item{}
	for _, it := range items {
		byLower[strings.ToLower(it.Name)] = it
	}
	return byLower
}

// A type switch's variable holds x's value in each clause: nothing makes it
// empty (this used to crash prealloc: the symbolic variable has no Defs
// entry).
func typeSwitchVar(x any, items []item) any {
	switch s := x.(type) {
	case []string:
		for _, it := range items {
			s = append(s, it.Name)
		}
		return s
	}
	return nil
}

// A map holds its distinct keys, not its iterations (issue #16): none of
// these keys is known to differ per iteration, so the loop's count is no
// size. Their hot-looking twins (byID, byKey, byIndex in flagged.go) key by
// the index, the range key or a field of the element.

type metric struct {
	Name   string
	Labels map[string]string
}

func byComputedKey(ms []metric) map[string]int {
	seen := map[string]int{}
	for _, m := range ms {
		seen[m.Labels["__name__"]] = len(m.Labels) // a lookup: shared by many elements
	}
	return seen
}

func byMapValue(owners map[string]string) map[string]bool {
	teams := map[string]bool{}
	for _, team := range owners {
		teams[team] = true // a map's values repeat
	}
	return teams
}

type Level int

const (
	LevelDebug Level = iota
	LevelInfo
	LevelWarn
	LevelError
	LevelFatal
	LevelPanic
	LevelTrace
)

type record struct{ Level Level }

func byLevel(rs []record) map[Level]int {
	counts := map[Level]int{}
	for i, r := range rs {
		counts[r.Level] = i // Level has 7 values: the map never passes 8
	}
	return counts
}

func fewKeys() map[int]bool {
	m := map[int]bool{}
	for i := 0; i < 6; i++ {
		m[i] = true // at most 6 entries: never past 8
	}
	return m
}

// Counting and grouping read the entry at the key before writing it: keys
// repeat, so the loop's count is not the map's size (issue #16; difflib's
// b2j). Whether through a temporary or in place.
func countWords(words []string) map[string]int {
	counts := map[string]int{}
	for _, w := range words {
		c := counts[w]
		counts[w] = c + 1
	}
	return counts
}

func groupLines(lines []string) map[string][]int {
	b2j := map[string][]int{}
	for i, s := range lines {
		indices := b2j[s]
		indices = append(indices, i)
		b2j[s] = indices
	}
	return b2j
}
