package shipping

// A package under an examples/ directory is example code.
func Route(legs []string) string {
	s := ""
	for _, l := range legs {
		s += l // want `; looks cold: under an examples/ directory: example code \(judged by the path\)$`
	}
	return s
}
