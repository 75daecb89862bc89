package coldevidence

// Fake is test support outside a _test.go file, judged by the file name.
func Fake(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: in testing.go: test support \(judged by the file name\)$`
	}
	return s
}
