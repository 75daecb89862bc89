// Package gen lives under a tool/ directory of a module: a command-line
// tool's code.
package gen

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; looks cold: under a tool/ directory: a command-line tool \(judged by the path\)$`
	}
	return s
}
