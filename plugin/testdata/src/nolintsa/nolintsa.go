// Package nolintsa holds SA6005 findings under //nolint directives, as
// golangci-lint users write them. In plugin mode golangci-lint applies
// //nolint for its linters (perfvet, concatloop, a bare //nolint), so
// perfvet must keep those findings for it; it applies the directives that
// golangci-lint cannot match to the perfvet linter's SA6005 itself.
package nolintsa

import "strings"

func flagged(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) // want `should use strings.EqualFold instead`
}

func byCheck(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint:SA6005 // tested
}

func byCheckLowerCase(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint:sa6005 // tested
}

func byLinter(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint:staticcheck // tested
}

func otherCheck(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint:SA6006 // want `should use strings.EqualFold instead`
}

// golangci-lint applies these two itself.
func bySuite(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint:perfvet // want `should use strings.EqualFold instead`
}

func bare(a, b string) bool {
	return strings.ToLower(a) == strings.ToLower(b) //nolint // want `should use strings.EqualFold instead`
}
