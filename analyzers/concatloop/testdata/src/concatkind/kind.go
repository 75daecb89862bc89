package concatkind

import (
	"bufio"
	"io"
)

// Lines of a reader: input whose size nothing bounds, so the concatenation
// is quadratic in the input: a bug.
func allLines(r io.Reader) string {
	s := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		s += sc.Text() // want `s \+= sc.Text\(\) in a loop`
	}
	return s
}

// formatParser scans one format string held in memory: its Scan is named
// like a reader's, but the input is bounded by that string: a cost, not a
// bug (x/text's message/pipeline).
type formatParser struct {
	format string
	pos    int
}

func (p *formatParser) Scan() bool   { p.pos++; return p.pos < len(p.format) }
func (p *formatParser) Text() string { return p.format[p.pos : p.pos+1] }

func literal(format string) string {
	msg := ""
	p := &formatParser{format: format}
	for p.Scan() {
		msg += p.Text() // want `msg \+= p.Text\(\) in a loop`
	}
	return msg
}

// A range over a channel (issue #27): how many values arrive is the
// sender's business, bounded here by the slice it sends; nothing proves
// the input unbounded, so a cost, not a bug.
func joined(parts []string) string {
	ch := make(chan string, len(parts))
	for _, p := range parts {
		ch <- p
	}
	close(ch)
	out := ""
	for p := range ch {
		out += p // want `out \+= p in a loop`
	}
	return out
}
