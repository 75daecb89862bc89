package concatheat

// With an allocation profile the finding, at the first accumulation,
// quotes the bytes of all three (hot_test.go's profile puts 80 kB on the
// first and 8 MB on the last); its message names the others' lines, so
// that a reader finds the bytes where they are. hot_test.go checks the
// message: without the profile it has no heat.
func parse(filter string) string {
	tmp := ""
	for _, c := range filter {
		switch c {
		case '\'':
			tmp += "'"
		case ' ':
			tmp += "_"
		default:
			tmp += string(c)
		}
	}
	return tmp
}
