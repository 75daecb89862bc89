package coldloops

import "time"

// rule: table. Tables that the package never changes: loops over them are
// small.
var (
	versions = []string{"1.0", "2.0"}
	levels   = map[string]int{"debug": 0, "info": 1, "warn": 2}
)

func overFixedTables() {
	for range versions { // want `range over slice count="len\(versions\)" cold: runs at most 2 times \(versions is a package-level literal of 2 elements that the package never changes\)`
	}
	for range levels { // want `range over map count="len\(levels\)" cold: runs at most 3 times`
	}
	_ = levels["info"]
	_ = len(levels)
	versions[0] = "1.1" // an element changes, not the count
}

// Twins that are not small: grown by the package, its address taken, a map
// filled by index or handed to a callee, exported, or too long.
var (
	grown     = []string{"a"}
	addressed = []string{"a"}
	filled    = map[string]int{"a": 1}
	handed    = map[string]int{"a": 1}
	Exported  = []string{"a"}
	long      = []int{1, 2, 3, 4, 5}
)

func fill(m map[string]int) { m["b"] = 2 }

func overChangedTables() {
	grown = append(grown, "b")
	p := &addressed
	_ = p
	filled["b"] = 2
	fill(handed)
	for range grown { // want `range over slice count="len\(grown\)"$`
	}
	for range addressed { // want `range over slice count="len\(addressed\)"$`
	}
	for range filled { // want `range over map count="len\(filled\)"$`
	}
	for range handed { // want `range over map count="len\(handed\)"$`
	}
	for range Exported { // want `range over slice count="len\(Exported\)"$`
	}
	for range long { // want `range over slice count="len\(long\)"$`
	}
}

// rule: logarithmic. A variable divided on every iteration: O(log n) passes. The twin divides
// only sometimes.
func logarithmic(n int64, parts []int64) {
	for n >= 1000 { // want `conditional loop count="" cold: runs O\(log n\) times \(n /= 1000 on every iteration\)`
		n /= 1000
	}
	for n > 0 { // want `conditional loop count="" cold: runs O\(log n\) times \(n >>= 1 on every iteration\)`
		n >>= 1
	}
	for n > 1 { // want `conditional loop count=""$`
		if n%2 == 0 {
			n /= 2
		}
	}
	for n > 1 { // want `conditional loop count=""$`
		n /= 2
		n += parts[0]
	}
}

// rule: paced. Loops that wait on a timer every iteration run once per tick. The twin
// with a data channel among the cases does not.
func paced(stop, data chan int, tick *time.Ticker, d time.Duration) {
	for { // want `infinite loop count="" cold: waits on a timer every iteration \(a select on tick.C\): runs once per tick`
		select {
		case <-stop:
			return
		case <-tick.C:
		}
	}
	for range tick.C { // want `range over channel count="" cold: waits on a timer every iteration \(a range over tick.C\): runs once per tick`
	}
	for { // want `infinite loop count="" cold: waits on a timer every iteration \(time.Sleep\): runs once per tick`
		time.Sleep(d)
	}
	for { // want `infinite loop count=""$`
		select {
		case <-data:
		case <-time.After(d):
		}
	}
}
