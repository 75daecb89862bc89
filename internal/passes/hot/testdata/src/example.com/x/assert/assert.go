package assert

import "testing"

// A package named assert holds test assertions.
func Equal(t testing.TB, parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: package assert: test assertions \(judged by the name\)`
	}
	return s
}
