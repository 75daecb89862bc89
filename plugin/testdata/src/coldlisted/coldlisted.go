// Package coldlisted: with the plugin setting cold, findings in code that
// looks cold are reported with the evidence.
package coldlisted

type T struct{ parts []string }

func (t T) String() string {
	s := ""
	for _, p := range t.parts {
		s += p // want `; looks cold: a String method: text for people \(logs, errors, debugging\)$`
	}
	return s
}

func Hot(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `build it with a strings.Builder$`
	}
	return s
}
