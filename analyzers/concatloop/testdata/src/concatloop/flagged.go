package concatloop

import (
	"fmt"
	"strings"
)

// Findings that carry no fix, each with the reason in the message.

type record struct{ text string }

func field(r *record, parts []string) {
	for _, p := range parts {
		r.text += p // want `r.text \+= p in a loop copies r.text on every iteration \(O\(n²\) bytes\); build it with a strings.Builder; no automatic fix: r.text is a field, and code called in the loop may read it`
	}
}

var global string

func packageVar(parts []string) {
	for _, p := range parts {
		global += p // want `global \+= p in a loop .*no automatic fix: global is a package variable`
	}
}

func readInLoop(parts []string) string {
	s := ""
	for _, p := range parts {
		if len(s) > 80 {
			break
		}
		s += p // want `s \+= p in a loop copies s on every iteration \(O\(n²\) bytes\); build it with a strings.Builder; no automatic fix: s is read inside the loop \(line \d+\)`
	}
	return s
}

func readInCall(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `no automatic fix: s is read inside the loop \(line \d+\)`
		fmt.Println(s)
	}
	return s
}

func prepend(parts []string) string {
	s := ""
	for _, p := range parts {
		s = p + s // want `s = \.\.\. \+ s in a loop copies s on every iteration \(O\(n²\) bytes\); collect the pieces in a slice and join them once \(in reverse order\), or restructure to append; no automatic fix: a strings\.Builder only appends, so the loop itself must change`
	}
	return s
}

func capturedByClosure(parts []string) string {
	s := ""
	show := func() { fmt.Println(s) }
	for _, p := range parts {
		s += p // want `no automatic fix: s is used by a closure \(line \d+\)`
		show()
	}
	return s
}

func addressTaken(parts []string) string {
	s := ""
	p := &s
	for _, part := range parts {
		s += part // want `no automatic fix: the address of s is taken \(line \d+\)`
	}
	return *p
}

func sprintfNotFirst(n int) string {
	s := ""
	for i := range n {
		s = fmt.Sprintf("%d:%s", i, s) // want `s = fmt.Sprintf\(\.\.\., s, \.\.\.\) in a loop .* no automatic fix: the format at line \d+ does not start with %s consuming s`
	}
	return s
}

func channel(ch <-chan string) string {
	s := ""
	for x := range ch {
		s += x // want `s \+= x in a loop`
		if strings.HasSuffix(x, ".") {
			fmt.Println(len(s))
		}
	}
	return s
}

func closureInLoop(rows [][]string) string {
	s := ""
	for _, row := range rows {
		func() {
			for _, c := range row[:1] {
				s += c // want `s \+= c in a loop .*no automatic fix: s is used by a closure \(line \d+\)`
			}
		}()
	}
	return s
}

func notUsedAfter(parts []string) {
	s := "x"
	for _, p := range parts {
		s += p // want `no automatic fix: s is not used after the loop`
	}
}

func withGoto(parts []string) string {
	s := ""
	for _, p := range parts {
		if p == "" {
			goto done
		}
		s += p // want `no automatic fix: the loop contains a goto`
	}
done:
	return s
}

// The twin of padOnce (notflagged.go) without the break (and reading
// prefix in the loop, so without a fix).
func padEach(widths []int, max int) string {
	prefix := ""
	width := 0
	for _, w := range widths {
		if width+w > max {
			if width < max {
				prefix += " " // want `prefix \+= " " in a loop copies prefix on every iteration`
			}
		}
		width += w + len(prefix)
	}
	return prefix
}

// The twin of insertOnce (notflagged.go): a continue after the
// concatenation, in its own branch, starts another iteration.
func insertEach(path string, wild bool) string {
	indices := ""
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c != ':' {
			indices += string(c) // want `indices \+= string\(c\) in a loop copies indices on every iteration`
			if wild {
				continue
			}
		}
		remember(indices)
		return indices
	}
	return indices
}

// The twin of rebuiltEach (notflagged.go): the reset comes after the +=,
// only when the line is empty, so expected grows across iterations.
func appendEach(lines [][]string) []string {
	var out []string
	expected := ""
	for _, buf := range lines {
		expected = expected + strings.Join(buf, "\n") // want `expected = expected \+ ... in a loop copies expected on every iteration`
		if len(buf) == 0 {
			expected = ""
		}
		out = append(out, expected)
	}
	return out
}

// The twin of elseOnce (notflagged.go): "endif" clears the flag (reading
// prefix, so no fix), and the guarded += can run once per if-block, any
// number of times.
func elseEach(tags []string) (string, error) {
	prefix := ""
	elseUsed := false
	for _, t := range tags {
		switch t {
		case "else":
			if elseUsed {
				return "", fmt.Errorf("duplicate else")
			}
			prefix += "\t" // want `prefix \+= "\\t" in a loop copies prefix on every iteration`
			elseUsed = true
		case "endif":
			elseUsed = prefix == ""
		}
	}
	return prefix, nil
}

// The twin of indentSame (notflagged.go): one byte dropped, two added
// (and prefix read in the loop, so no fix).
func indentDeeper(tags []string) string {
	prefix := "\t"
	for range tags {
		prefix = prefix[1:]
		prefix += "\t\t" // want `prefix \+= "\\t\\t" in a loop copies prefix on every iteration`
	}
	return prefix
}

// A flag declared in the loop starts false on every iteration: the guard
// never fires, and the += runs every time (prefix is read in the loop, so
// no fix).
func elseFresh(tags []string) (string, error) {
	prefix := ""
	for _, t := range tags {
		var used bool
		if used {
			return "", fmt.Errorf("twice")
		}
		prefix += t // want `prefix \+= t in a loop copies prefix on every iteration`
		used = true
		_ = used && len(prefix) > 0
	}
	return prefix, nil
}

// The twin of headerOnce (notflagged.go): the flag is set only for some
// methods, so the += can run on every iteration before that.
func headerEach(methods []string) string {
	doc := ""
	found := false
	for _, m := range methods {
		if !found {
			doc += "## " + m + "\n" // want `doc \+= "## " \+ m \+ "\\n" in a loop copies doc on every iteration`
			if len(doc) > 80 {
				found = true
			}
		}
	}
	return doc
}

// In a function literal, a local that a closure inside it reads is still
// captured.
var capturedInLiteral = func(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `no automatic fix: s is used by a closure \(line \d+\)`
	}
	show := func() string { return s }
	return show()
}
