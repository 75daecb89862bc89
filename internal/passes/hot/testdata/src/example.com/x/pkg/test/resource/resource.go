package resource

// A package under a test/ directory is test support: fixtures and harnesses.
func Names(ids []string) string {
	s := ""
	for _, id := range ids {
		s += id // want `; looks cold: under a test/ directory: test support \(judged by the path\)$`
	}
	return s
}
