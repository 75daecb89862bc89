package coldtestsasked

import "testing"

// With -tests, test code is judged as code: the finding is shown by
// default, with no cold evidence from its file.
func BenchmarkConcat(b *testing.B) {
	for b.Loop() {
		s := ""
		for _, p := range Parts {
			s += p // want `s \+= p in a loop`
		}
		_ = s
	}
}
