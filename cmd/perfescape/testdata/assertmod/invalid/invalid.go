// Package invalid holds directives that cannot be checked.
package invalid

// F is fine.
//
//perf:noalloc
func F() int { return 1 }

// G's directive is misspelt.
//
//perf:noaloc
func G() {}

// H's directive has a space after the slashes.
//
// perf:noalloc
func H() {}

// I's line directive names no call.
func I() int {
	x := 1 //perf:inline
	return x
}

// J is generic and never instantiated: the compiler says nothing of it.
//
//perf:inline
func J[T any](x T) T { return x }

//perf:nobce

// V follows a directive about nothing.
var V = 1
