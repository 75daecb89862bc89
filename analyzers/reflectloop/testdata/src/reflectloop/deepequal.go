package reflectloop

import (
	"fmt"
	"reflect"
)

type point struct{ X, Y int }

type withSlice struct {
	Tags []string
}

func countOrigin(ps []point) int {
	n := 0
	origin := point{}
	for _, p := range ps {
		if reflect.DeepEqual(p, origin) { // want `reflect.DeepEqual on point in a loop boxes both operands and compares them by reflection on every iteration; point is comparable with ==`
			n++
		}
	}
	return n
}

func countDifferent(names []string, want string) int {
	n := 0
	for _, name := range names {
		if !reflect.DeepEqual(name, want) { // want `reflect.DeepEqual on string in a loop`
			n++
		}
	}
	return n
}

func allSame(xs []int, y int) bool {
	for i := range xs {
		same := reflect.DeepEqual(xs[i]+1, y) && xs[i] > 0 // want `reflect.DeepEqual on int in a loop`
		if !same {
			return false
		}
	}
	return true
}

func bytesEqual(lines [][]byte, want []byte) int {
	n := 0
	for _, line := range lines {
		if reflect.DeepEqual(line, want) { // want `reflect.DeepEqual on \[\]byte in a loop boxes both operands and compares them by reflection on every iteration; use bytes.Equal; no automatic fix: bytes.Equal treats a nil and an empty slice as equal, DeepEqual does not`
			n++
		}
	}
	return n
}

func slicesEqual(rows [][]string, want []string) int {
	n := 0
	for _, row := range rows {
		if reflect.DeepEqual(row, want) { // want `reflect.DeepEqual on \[\]string in a loop .* use slices.Equal`
			n++
		}
	}
	return n
}

func mapsEqual(ms []map[string]int, want map[string]int) int {
	n := 0
	for _, m := range ms {
		if reflect.DeepEqual(m, want) { // want `reflect.DeepEqual on map\[string\]int in a loop .* use maps.Equal; no automatic fix: maps.Equal treats a nil and an empty map as equal`
			n++
		}
	}
	return n
}

// Not flagged: DeepEqual does real work on pointers, interfaces and
// nested slices.
func deep(ps []*point, q *point, vs []any, w any, ws []withSlice, x withSlice) int {
	n := 0
	for i := range ps {
		if reflect.DeepEqual(ps[i], q) {
			n++
		}
		if reflect.DeepEqual(vs[i], w) {
			n++
		}
		if reflect.DeepEqual(ws[i], x) {
			n++
		}
	}
	return n
}

// Not flagged: different static types (always false: a bug, not a cost).
func mixed(xs []int64) bool {
	for _, x := range xs {
		if reflect.DeepEqual(x, 1) {
			return true
		}
	}
	return false
}

// Not flagged: outside a loop.
func single(p, q point) bool { return reflect.DeepEqual(p, q) }

func describe(p point) string { return fmt.Sprint(p) }

// A composite literal of a named type as an operand in an if, for or
// switch header is parenthesised: if p == point{} { would not parse.
func countZero(ps []point) int {
	n := 0
	for _, p := range ps {
		if reflect.DeepEqual(p, point{}) { // want `reflect.DeepEqual on point in a loop`
			n++
		}
		if !reflect.DeepEqual(point{X: 1}.X, p.X) { // want `reflect.DeepEqual on int in a loop`
			n--
		}
		same := reflect.DeepEqual(p, point{}) // want `reflect.DeepEqual on point in a loop`
		_ = same
	}
	return n
}
