// Package coldhidden: by default (no -cold) cost findings in code that
// looks cold are set aside; hot-looking ones are reported.
package coldhidden

type T struct{ parts []string }

func (t T) String() string {
	s := ""
	for _, p := range t.parts {
		s += p // set aside: a String method
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
