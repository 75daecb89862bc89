// Package lib is a library of a module named "tools": not a command.
package lib

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}
