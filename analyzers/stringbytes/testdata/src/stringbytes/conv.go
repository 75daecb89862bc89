package stringbytes

import (
	"bufio"
	"bytes"
	"io"
	"strings"
)

type Name string

type Parser struct {
	lines [][]byte
	out   bytes.Buffer
	sep   string
}

// Flagged with a fix.

func comments(lines [][]byte) int {
	n := 0
	for _, line := range lines {
		if strings.HasPrefix(string(line), "#") { // want `string\(line\) converts only to call strings.HasPrefix: a copy on every iteration of a hot loop.*; call bytes.HasPrefix`
			n++
		}
	}
	return n
}

func (p *Parser) count(word []byte) int {
	n := 0
	for i := 0; i < len(p.lines); i++ {
		n += strings.Count(string(p.lines[i]), string(word)) // want `string\(p.lines\[i\]\) converts only to call strings.Count`
	}
	return n
}

func matches(keys []string, want []byte) int {
	n := 0
	for _, k := range keys {
		if bytes.Equal([]byte(k), want) { // want `\[\]byte\(k\) converts only to compare with bytes.Equal`
			n++
		}
		if !bytes.Equal(want, []byte(k)) { // want `\[\]byte\(k\) converts only to compare with bytes.Equal`
			n--
		}
	}
	return n
}

func (p *Parser) emit(words []string) {
	w := bufio.NewWriter(io.Discard)
	for _, word := range words {
		p.out.Write([]byte(word))     // want `\[\]byte\(word\) converts only to call Write: .*; call p.out.WriteString`
		w.Write([]byte(word + p.sep)) // want `call w.WriteString`
	}
	w.Flush()
}

func names(ns []Name, b *strings.Builder) {
	for _, n := range ns {
		b.Write([]byte(n)) // want `\[\]byte\(n\) converts only to call Write`
	}
}

func literal(lines []string) int {
	find := func(sub []byte) int {
		n := 0
		for _, l := range lines {
			if bytes.Contains([]byte(l), sub) {
				n++
			}
			n += bytes.IndexByte([]byte(l), ':') // want `\[\]byte\(l\) converts only to call bytes.IndexByte`
		}
		return n
	}
	return find([]byte("x"))
}

// Flagged without a fix.

func named(ns []Name) int {
	n := 0
	for _, x := range ns {
		n += bytes.Index([]byte(x), []byte("a")) // want `no automatic fix: x is a stringbytes.Name, which strings.Index does not take`
	}
	return n
}

// Not flagged: free conversions, arguments already of the type, cold code.

func free(lines [][]byte, m map[string]int, s string) int {
	n := 0
	for _, line := range lines {
		n += m[string(line)]
		if string(line) == s {
			n++
		}
		if strings.Contains(string(line), s) { // s is a string: bytes.Contains would convert it instead
			n++
		}
	}
	return n
}

func writer(w io.Writer, words []string) {
	for _, word := range words {
		w.Write([]byte(word)) // io.Writer has no WriteString
	}
}

func once(line []byte) bool {
	return strings.HasPrefix(string(line), "#")
}

func coldComments(lines [][]byte) int {
	n := 0
	for _, line := range lines {
		if strings.HasPrefix(string(line), "#") {
			n++
		}
	}
	return n
}
