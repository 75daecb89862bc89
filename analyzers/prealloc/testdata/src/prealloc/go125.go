//go:build go1.25

package prealloc

// Built as Go 1.25, which has no stack start for append: the 16 bytes
// are one allocation that presizing would size exactly.
func smallBytes125() int {
	var b []byte // want `b grows by append in a loop of 16 iterations \(≈log2\(n\) reallocations and copies\); preallocate with make\(\[\]byte, 0, 16\)`
	for i := range 16 {
		b = append(b, byte(i))
	}
	return len(b)
}
