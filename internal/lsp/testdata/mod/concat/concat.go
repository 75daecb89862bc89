// Package concat is the language server's test fixture: one finding with
// a fix (concatloop), in a function called once per item.
package concat

// Join joins the parts, each followed by a comma.
func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p + ","
	}
	return s
}
