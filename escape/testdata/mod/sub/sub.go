// Package sub allocates on its own line and through an inlined std call.
package sub

import (
	"errors"
	"slices"
)

// T is a value.
type T struct{ n int }

// New returns a T on the heap.
func New(n int) *T { return &T{n} }

// Fail allocates in errors.New, inlined here.
func Fail() error { return errors.New("fail") }

// Sort instantiates std's generic sort here.
func Sort(xs []int) { slices.Sort(xs) }
