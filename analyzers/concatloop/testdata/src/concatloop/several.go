package concatloop

import "strings"

// Several accumulations of one string across one loop are one finding, at
// the first; its message names the lines of the others, whose bytes a
// profile counts with the first's and may find the larger part of.

// An index loop, the first of two in an if.
func severalIndex(parts []string) string {
	s := ""
	for i := 0; i < len(parts); i++ {
		if parts[i] == "" {
			s += "-" // want `^s \+= "-" in a loop \(also at line 17\) copies s on every iteration \(O\(n²\) bytes\); build it with a strings.Builder$`
			continue
		}
		s += parts[i]
	}
	return s
}

// A range loop, three in the branches of a switch (parse_filter's shape):
// tmp is read inside the loop, so no fix.
func severalSwitch(filter string) (lp, rp string) {
	tmp := ""
	quoted := false
	for _, c := range filter {
		switch c {
		case '\'':
			if quoted {
				tmp += string(c) // want `^tmp \+= string\(c\) in a loop \(also at lines 36 and 41\) copies tmp on every iteration \(O\(n²\) bytes\); build it with a strings.Builder; no automatic fix: tmp is read inside the loop \(line \d+\)$`
			}
			quoted = !quoted
		case ' ':
			if quoted {
				tmp += string(c)
				continue
			}
			lp, tmp = tmp, ""
		default:
			tmp += string(c)
		}
	}
	return lp, tmp
}

// A function literal's loop.
var severalLiteral = func(words []string) string {
	line := ""
	for _, word := range words {
		line += word // want `^line \+= word in a loop \(also at line 52\) copies line on every iteration \(O\(n²\) bytes\); build it with a strings.Builder$`
		line += " "
	}
	return line
}

// Nested loops: the inner loop's accumulation and the outer loop's are one
// finding, for the outer loop.
func severalNested(rows [][]string) string {
	out := ""
	for _, row := range rows {
		for _, cell := range row {
			out += cell // want `^out \+= cell in a loop \(also at line 65\) copies out`
		}
		out += strings.Repeat("-", len(row))
	}
	return out
}

// Two strings in one loop are two findings, each naming no other line.
func severalStrings(pairs [][2]string) (keys, values string) {
	for _, p := range pairs {
		keys += p[0]   // want `^keys \+= p\[0\] in a loop copies keys`
		values += p[1] // want `^values \+= p\[1\] in a loop copies values`
	}
	return keys, values
}
