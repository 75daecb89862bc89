package concatloop

import (
	"fmt"
	"strings"
)

func declaredInBody(rows [][]string) []string {
	var out []string
	for _, row := range rows {
		line := ""
		for _, c := range row[:2] {
			_ = c
		}
		line += row[0] // reset each iteration: not an accumulation across iterations
		out = append(out, line)
	}
	return out
}

func coldConstant(x string) string {
	s := ""
	for i := 0; i < 3; i++ {
		s += x
	}
	for range 4 {
		s += x
	}
	return s
}

func coldLiteral() string {
	s := ""
	for _, p := range []string{"a", "b", "c"} {
		s += p
	}
	return s
}

func coldArray(a [2]string) string {
	s := ""
	for _, p := range a {
		s += p
	}
	return s
}

var table = func() string {
	s := ""
	for i := range 100 {
		s += fmt.Sprint(i)
	}
	return s
}()

func init() {
	s := ""
	for i := range 100 {
		s += fmt.Sprint(i)
	}
	_ = s
}

func notAccumulating(parts []string, s string) []string {
	var out []string
	for _, p := range parts {
		t := s + p
		out = append(out, t)
	}
	return out
}

func bytesAppend(parts []string) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

func onceThenBreak(parts []string) string {
	s := ""
	for _, p := range parts {
		if p != "" {
			s += p
			break
		}
	}
	return s
}

func onceThenReturn(parts []string) string {
	s := "prefix:"
	for _, p := range parts {
		if p != "" {
			s += p
			return s
		}
	}
	return s
}

func onceThenLabelledBreak(rows [][]string) string {
	s := ""
outer:
	for _, row := range rows {
		for _, c := range row {
			s += c
			break outer
		}
	}
	return s
}

func suppressed(parts []string) string {
	s, t, u := "", "", ""
	for _, p := range parts {
		s += p //nolint:concatloop // measured: parts has at most 3 elements
		//lint:ignore concatloop parts is tiny here
		t += p
		u += p //nolint:perfvet
	}
	return s + t + u
}

//nolint:concatloop // a directive above a function covers all of it
func suppressedFunc(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

// Generics: a type parameter constrained to ~string is not a string type
// to this check (its accumulation would need conversions both ways), and
// it must not trip it up.
func joinAll[T ~string](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Runs at most once per loop: the block around it ends in a break of the
// loop (issue #16; go-runewidth's Truncate). Its twin without the break,
// padEach, stays flagged.
func padOnce(widths []int, max int) string {
	prefix := ""
	width := 0
	for _, w := range widths {
		if width+w > max {
			if width < max {
				prefix += " "
			}
			break
		}
		width += w
	}
	return prefix
}

// Runs at most once per call: after its branch the body falls through to
// a return, and the continue sits in the else, which excludes it (issue
// #16; gin's tree.go addRoute). Its twin insertEach, whose continue comes
// after the concatenation, stays flagged.
func insertOnce(path string, wild bool) string {
	indices := ""
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c != ':' {
			indices += string(c)
		} else if wild {
			continue
		}
		remember(indices)
		return indices
	}
	return indices
}

func remember(string) {}

// Not accumulated across iterations: expected is rebuilt from buf before
// the += in every iteration (issue #16; goldmark's testutil). Its twin
// appendEach (flagged.go) resets after the +=.
func rebuiltEach(lines [][]string) []string {
	var out []string
	expected := ""
	for _, buf := range lines {
		expected = strings.Join(buf, "\n")
		if len(expected) != 0 {
			expected = expected + "\n"
		}
		out = append(out, expected)
	}
	return out
}

// Runs at most once per loop: a flag guards it, and a second "else"
// returns before reaching it (issue #16; quicktemplate's parser). Its twin
// elseEach (flagged.go) clears the flag on "endif".
func elseOnce(tags []string) (string, error) {
	prefix := ""
	elseUsed := false
	for _, t := range tags {
		switch t {
		case "else":
			if elseUsed {
				return "", fmt.Errorf("duplicate else")
			}
			prefix += "\t"
			elseUsed = true
		}
	}
	return prefix, nil
}

// Does not grow: each iteration drops a byte before adding one, an
// indentation prefix kept at its depth (issue #16; quicktemplate's
// parser). Its twin indentDeeper (flagged.go) adds two.
func indentSame(tags []string) string {
	prefix := "\t"
	for range tags {
		prefix = prefix[1:]
		prefix += "\t"
	}
	return prefix
}

// Runs once per loop: if !found { ...; found = true } (issue #16; expr's
// docgen). Its twin headerEach (flagged.go) never sets the flag.
func headerOnce(methods []string) string {
	doc := ""
	found := false
	for _, m := range methods {
		if !found {
			doc += "## Methods\n"
			found = true
		}
		_ = m
	}
	return doc
}
