// Package tool lives under cmd/: a command-line tool.
package tool

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: under a cmd/ directory: a command-line tool \(judged by the path\)$`
	}
	return s
}
