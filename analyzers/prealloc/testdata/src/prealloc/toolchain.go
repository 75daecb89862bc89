package prealloc

import (
	"errors"
	"fmt"
	"io"
)

// Go 1.26 starts an append with 32 bytes on the stack: a loop that never
// grows past them gains nothing from presizing.

func smallBytes() int {
	var b []byte
	for i := range 16 {
		b = append(b, byte(i)) // 16 bytes: on the stack
	}
	return len(b)
}

func smallInt32s() int {
	var s []int32
	for i := range 8 {
		s = append(s, int32(i)) // 32 bytes: on the stack
	}
	return len(s)
}

func stringPairs() int {
	var s []string
	for i := range 1 {
		s = append(s, "a", fmt.Sprint(i)) // 2 strings, 32 bytes
	}
	return len(s)
}

func largerBytes() int {
	var b []byte // want `b grows by append in a loop of 40 iterations \(Go 1.26 starts it with 32 elements \(32 bytes\) on the stack; past them ≈log2\(n/32\) reallocations and copies\); preallocate with make\(\[\]byte, 0, 40\)`
	for i := range 40 {
		b = append(b, byte(i))
	}
	return len(b)
}

func moreInt32s() int {
	var s []int32 // want `s grows by append in a loop of 9 iterations \(Go 1.26 starts it with 8 elements`
	for i := range 9 {
		s = append(s, int32(i))
	}
	return len(s)
}

type wide struct{ a, b, c, d, e int64 }

func wides(n int) int {
	var rs []wide // want `rs grows by append in a loop of n iterations \(≈log2\(n\) reallocations and copies\)`
	for i := range n {
		rs = append(rs, wide{a: int64(i)})
	}
	return len(rs)
}

func halves(xs []float64) int {
	var out []float64 // want `out grows by append in a loop of len\(xs\) iterations \(Go 1.26 starts it with 4 elements \(32 bytes\) on the stack; past them ≈log2\(n/4\) reallocations and copies\)`
	for _, x := range xs {
		out = append(out, x/2)
	}
	return len(out)
}

// Errors collected for errors.Join: most calls return nil, so the advice
// is to append only the errors that are not.

func closeAll(cs []io.Closer) error {
	var errs []error // want `errs grows by append in a loop of len\(cs\) iterations \(.*\); most calls return nil: append only the errors that are not \(if err := c.Close\(\); err != nil \{ errs = append\(errs, err\) \}\), so errs stays nil when nothing fails; presizing would allocate for errors that do not come; no automatic fix: dropping the nil errors changes len\(errs\), which code other than errors.Join may count$`
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

func flushAll(ws []interface{ Flush() error }) error {
	var errs []error // want `errs grows by append .*; most calls return nil: append only the errors that are not \(if err := ws\[i\].Flush\(\); err != nil`
	for i := range ws {
		errs = append(errs, ws[i].Flush())
	}
	return errors.Join(errs...)
}

func checkAll(names []string, check func(string) error) int {
	var errs []error // want `errs grows by append .*; most calls return nil: append only the errors that are not \(if err := check\(n\); err != nil`
	for _, n := range names {
		errs = append(errs, check(n))
	}
	return len(errs)
}

// Not the idiom: every appended error is a new one, never nil.
func describeAll(names []string) int {
	var errs []error // want `errs grows by append in a loop of len\(names\) iterations .*; preallocate with make\(\[\]error, 0, len\(names\)\)$`
	for _, n := range names {
		errs = append(errs, fmt.Errorf("bad name %q", n))
	}
	return len(errs)
}
