// Package errs allocates through std calls the compiler inlines here, and
// instantiates std generics whose own allocations and inlining failures
// belong to std.
package errs

import (
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Check allocates the errors of errors.New and fmt.Errorf on its own lines.
func Check(n int) error {
	if n > 0 {
		return errors.New("positive")
	}
	return fmt.Errorf("bad %d", n)
}

// Grow sorts with std's generic sort and appends.
func Grow(xs []float64) []float64 {
	slices.Sort(xs)
	return append(xs, 1)
}

var cache sync.Map

// Lookup inlines sync.Map's generic internals.
func Lookup(k string) (any, bool) { return cache.Load(k) }
