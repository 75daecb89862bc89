package driver

import (
	"cmp"
	"os"
	"slices"
	"sync"
)

// Admission: how many bytes of source may be in flight across workers.
//
// A package's memory while it is analysed (syntax, types.Info, the
// analyzers' results) grows with its source, and on std a few packages are
// ten times the size of the rest. With one worker per core taking the
// biggest packages first, two of those giants were analysed at once, and
// their overlap was the peak (perfvet at 1.43× the streaming floor on std,
// docs/performance.md). So a worker may start a package only while the
// source in flight, its own included, stays within a budget; a package
// larger than the budget waits until nothing else is in flight and then
// runs alone.
//
// The budget is the biggest package plus workers−1 packages of the 90th
// percentile's size: the biggest package runs beside ordinary ones (every
// core stays busy) but never beside another giant, and when packages are
// of similar size (the common case, and the scale benchmark's) the budget
// admits one per worker.
//
// golang.org/x/sync/semaphore's weighted semaphore bounds the same sum, but
// it is FIFO: a worker waiting for room for the second giant would block
// every small package behind it and leave its core idle while the first
// giant runs. The scheduler below instead gives a free worker the biggest
// pending package that fits, so small packages fill the room beside a giant.
type admission struct {
	mu      sync.Mutex
	room    sync.Cond
	pending []int   // unit indexes, biggest first
	weight  []int64 // per unit index: bytes of source
	budget  int64
	used    int64 // bytes of source in flight
}

// newAdmission schedules units of the given weights on workers workers.
func newAdmission(weight []int64, workers int) *admission {
	a := &admission{weight: weight, pending: make([]int, len(weight))}
	a.room.L = &a.mu
	for i := range a.pending {
		a.pending[i] = i
	}
	// Biggest first, so that no large package starts last and leaves the
	// other workers idle.
	slices.SortStableFunc(a.pending, func(x, y int) int { return cmp.Compare(weight[y], weight[x]) })
	if len(weight) > 0 {
		p90 := weight[a.pending[len(a.pending)/10]]
		a.budget = max(weight[a.pending[0]]+int64(workers-1)*p90, 1)
	}
	return a
}

// next blocks until a pending unit fits in the budget, marks it in flight
// and returns it; ok is false when no unit is pending.
func (a *admission) next() (i int, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for len(a.pending) > 0 {
		for k, i := range a.pending {
			if a.used == 0 || a.used+a.weight[i] <= a.budget {
				a.pending = slices.Delete(a.pending, k, k+1)
				a.used += a.weight[i]
				return i, true
			}
		}
		a.room.Wait()
	}
	return 0, false
}

// done marks unit i as finished, making room for others.
func (a *admission) done(i int) {
	a.mu.Lock()
	a.used -= a.weight[i]
	a.mu.Unlock()
	a.room.Broadcast()
}

// sourceBytes is the weight of a unit: the size of the files it parses.
// A file that cannot be stat'ed weighs nothing; parsing reports the error.
func sourceBytes(un unit) int64 {
	var n int64
	for _, name := range un.pkg.CompiledGoFiles {
		if fi, err := os.Stat(name); err == nil {
			n += fi.Size()
		}
	}
	return n
}
