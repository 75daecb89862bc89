package concatloop

import (
	"fmt"
	"iter"
)

// Findings whose fix is safe; fix.go.golden holds the result.

func buildString(parts []string) string {
	result := ""
	for _, part := range parts {
		result += part // want `result \+= part in a loop copies result on every iteration \(O\(n²\) bytes\); build it with a strings.Builder$`
	}
	return result
}

func counted(n int, sep string) string {
	s := "start"
	for i := 0; i < n; i++ {
		s = s + sep + fmt.Sprint(i) // want `s = s \+ \.\.\. in a loop copies s`
	}
	return s
}

func overMap(m map[string]int) (out string) {
	for k := range m {
		out += k // want `out \+= k in a loop`
		out += ","
	}
	return
}

func runes(text string) string {
	var s string
	for _, r := range text {
		if r != ' ' {
			s += string(r) // want `s \+= string\(r\) in a loop`
		}
	}
	return s
}

func rawBytes(chunks [][]byte, b byte) string {
	var s string
	for _, c := range chunks {
		s += string(c) // want `s \+= string\(c\) in a loop`
		s += string(b)
	}
	return s
}

func sprintf(n int) string {
	s := "values:"
	for i := range n {
		s = fmt.Sprintf("%s %d", s, i) // want `s = fmt.Sprintf\(\.\.\., s, \.\.\.\) in a loop copies s on every iteration \(O\(n²\) bytes\); write each piece to a strings.Builder`
	}
	return s
}

func infinite(next func() (string, bool)) string {
	s := ""
	for {
		x, ok := next()
		if !ok {
			break
		}
		s += x // want `s \+= x in a loop`
	}
	return s
}

func nested(rows [][]string) string {
	s := ""
	for _, row := range rows {
		for _, c := range row {
			s += c // want `s \+= c in a loop`
		}
		s += "\n"
	}
	return s
}

func namedResultEarlyReturn(parts []string) (s string, err error) {
	for _, p := range parts {
		if p == "" {
			return s, fmt.Errorf("empty part after %d bytes", 0)
		}
		s += p // want `s \+= p in a loop`
	}
	return s, nil
}

type path string

func named(parts []path) path {
	var p path
	for _, x := range parts {
		p += x + "/" // want `p \+= x \+ "/" in a loop`
	}
	return p
}

func labelled(rows [][]string) string {
	s := ""
	for _, row := range rows {
	cells:
		for _, c := range row {
			switch c {
			case "":
				continue cells
			case "end":
				break cells
			}
			s += c // want `s \+= c in a loop`
		}
	}
	return s
}

func seeded(prefix string, parts []string) string {
	s := prefix
	fmt.Println(s)
	for _, p := range parts {
		s += p // want `s \+= p in a loop`
	}
	return s
}

func iterator(seq iter.Seq[string]) string {
	s := ""
	for x := range seq {
		s += x // want `s \+= x in a loop`
	}
	return s
}

func switchBreak(parts []string) string {
	s := ""
	for _, p := range parts {
		switch p {
		case "a":
			s += p // want `s \+= p in a loop`
			break  // leaves the switch, not the loop
		}
	}
	return s
}

func resetPerRow(rows [][]string) []string {
	var out []string
	var s string
	for _, row := range rows {
		s = ""
		for _, c := range row {
			s += c // want `s \+= c in a loop`
		}
		out = append(out, s)
	}
	return out
}

// Two loops rebuild the same string in one block: each fix gets its own
// builder name.
func twoLoops(values []int, ids []int) string {
	var sv string
	for _, v := range values {
		sv = fmt.Sprintf("%s %10d", sv, v) // want `sv = fmt.Sprintf`
	}
	sv = sv + ": "
	for _, id := range ids {
		sv = sv + fmt.Sprintf("%d ", id) // want `sv = sv \+ \.\.\.`
	}
	return sv
}

// A function literal's own local is not captured by the literal that
// holds the loop.
var joinLiteral = func(parts []string) string {
	s := ""
	for i := 0; i < len(parts); i++ {
		s += parts[i] // want `s \+= parts\[i\] in a loop copies s on every iteration \(O\(n²\) bytes\); build it with a strings.Builder$`
	}
	return s
}
