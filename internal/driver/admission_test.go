package driver

import (
	"slices"
	"testing"
	"time"
)

// next calls a.next, failing the test if it blocks: every call below
// expects a unit to be admitted at once.
func nextNow(t *testing.T, a *admission) int {
	t.Helper()
	got := make(chan int, 1)
	go func() {
		i, ok := a.next()
		if !ok {
			i = -1
		}
		got <- i
	}()
	select {
	case i := <-got:
		return i
	case <-time.After(5 * time.Second):
		t.Fatal("next blocked although a unit fits in the budget")
		return -1
	}
}

// Two giants never run at once, but small packages run beside one.
func TestAdmissionGiantsDoNotOverlap(t *testing.T) {
	weight := make([]int64, 100)
	for i := range weight {
		weight[i] = 5
	}
	weight[1], weight[2] = 100, 90
	a := newAdmission(weight, 2)
	if first := nextNow(t, a); first != 1 {
		t.Fatalf("first unit %d, want the biggest (1)", first)
	}
	// The second giant does not fit beside the first; small ones do.
	for range 10 {
		i := nextNow(t, a)
		if weight[i] != 5 {
			t.Fatalf("unit %d of weight %d admitted beside the biggest", i, weight[i])
		}
		a.done(i)
	}
	a.done(1)
	if second := nextNow(t, a); second != 2 {
		t.Fatalf("unit %d admitted after the biggest finished, want the second giant (2)", second)
	}
}

// Packages of similar size run one per worker: no core waits.
func TestAdmissionSimilarSizesUseEveryWorker(t *testing.T) {
	weight := slices.Repeat([]int64{10}, 8)
	a := newAdmission(weight, 4)
	for range 4 {
		nextNow(t, a) // none done: all four in flight at once
	}
}

// A package bigger than the budget still runs, alone; every unit is
// handed out exactly once, and next reports the end.
func TestAdmissionEveryUnitOnce(t *testing.T) {
	weight := []int64{0, 7, 3, 0, 12, 1}
	a := newAdmission(weight, 3)
	a.budget = 4 // smaller than units 4 and 1
	seen := make(map[int]bool)
	for range weight {
		i := nextNow(t, a)
		if seen[i] {
			t.Fatalf("unit %d handed out twice", i)
		}
		seen[i] = true
		a.done(i)
	}
	if i := nextNow(t, a); i != -1 {
		t.Fatalf("next returned unit %d after all were handed out", i)
	}
}
