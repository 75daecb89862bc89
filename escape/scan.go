package escape

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// A Diagnostic is one line of compiler output in its package, with the
// -m=2 explanations that belong to it.
type Diagnostic struct {
	// Package is the import path of the package whose compilation printed
	// the line, from the "# path" header or the go build -json event.
	// Test variants keep go's spelling ("p [p.test]").
	Package string `json:"package,omitempty"`
	Line
	// Explanations are the -m=2 blocks ("x escapes to heap in F:" and
	// its flow and from lines) about this line's subject at its position.
	Explanations []Explanation `json:"explanations,omitempty"`
}

// An Explanation is one -m=2 block: a header and its flow and from lines.
type Explanation struct {
	Header Line   `json:"header"`
	Steps  []Line `json:"steps,omitempty"`
}

// Reason returns the first step of d's first explanation that says why the
// value moves (a from line whose why is not "spill", the compiler's note
// that a value is stored in a temporary), and the destination of the
// explanation's last flow, such as "{heap}" or "~r0". Both are empty when
// d has no explanation.
func (d *Diagnostic) Reason() (why Line, sink string) {
	if len(d.Explanations) == 0 {
		return Line{}, ""
	}
	e := d.Explanations[0]
	found := false
	for i := range e.Steps {
		s := &e.Steps[i]
		switch s.Kind {
		case From:
			if !found && s.Detail != "spill" {
				why, found = *s, true
			}
		case Flow:
			sink = s.Subject
		}
	}
	return why, sink
}

// Options control how a [Scanner] names packages and files.
type Options struct {
	// Package is the package of lines that come before any package header
	// (a log without "# path" lines).
	Package string
	// Dir is the directory the build ran in (default Root). Relative
	// paths are made absolute against it. Leave Dir and Root empty for
	// -trimpath builds, whose paths ("example.com/m/file.go") are not
	// relative to any directory; they are then only cleaned ("./a.go" and
	// "a.go" become "a.go").
	Dir string
	// Root is the main module's directory. When set, its files are named
	// relative to it ("pkg/file.go"), the same on every machine and in
	// every checkout; see [Origin] for the other canonical forms.
	Root string
	// GOROOT and ModCache, when set, are the Go distribution and the
	// module cache (go env GOMODCACHE): files below them are named
	// "$GOROOT/src/..." and "$GOMODCACHE/module@version/...".
	GOROOT, ModCache string
}

// Stats counts what a [Scanner] has read.
type Stats struct {
	Lines    int `json:"lines"`
	Packages int `json:"packages"`
	// Unknown counts lines that matched no template.
	Unknown int `json:"unknown"`
	// IRDump counts -m=3 IR dump lines.
	IRDump int `json:"irDump,omitempty"`
	// Unpaired counts explanation headers for which no summary line with
	// the same package, position and subject came (the compiler prints
	// none for go and defer wrappers); each is delivered as a Diagnostic of
	// its own.
	Unpaired int `json:"unpaired,omitempty"`
	// Orphans counts flow and from lines outside any block.
	Orphans int `json:"orphans,omitempty"`
	// Truncated is set when the input ended in the middle of a line or of
	// a go build -json event. A cut last line that is no known message is
	// dropped, not counted as Unknown (unless it is the only line).
	Truncated bool `json:"truncated,omitempty"`
	// BuildFailed lists the packages go build -json reported as failed.
	BuildFailed []string `json:"buildFailed,omitempty"`
	// Kinds counts diagnostics by kind (explanation lines included).
	Kinds [numKinds]int `json:"-"`
}

// Count returns how many lines of kind k were read.
func (s *Stats) Count(k Kind) int {
	if k < numKinds {
		return s.Kinds[k]
	}
	return 0
}

// A Scanner reads compiler output and delivers one [Diagnostic] per line,
// with -m=2 explanation lines attached to the diagnostic they explain.
//
// Its input is the text go build prints with -gcflags=-m or -m=2 (with or
// without "# path" headers), or the event stream of go build -json, told
// apart by the first byte. It reads line by line: memory holds the current
// line (for go build -json, the current event, which carries one package's
// output) and the explanations waiting for their summary line, which are
// released when the package ends.
//
// Explanations are paired with their summary by package, position and
// subject, not by adjacency: the compiler prints a block before its
// summary, not always right before, and a parameter can have several.
type Scanner struct {
	r    *bufio.Reader
	opts Options
	json bool // reading a go build -json event stream
	init bool

	pkg                string
	open               *Explanation // the block being read
	pending            map[pairKey][]Explanation
	order              []pairKey         // pending keys in arrival order, for deterministic flushing
	atPos              map[Pos][]pairKey // pending escape-header keys by position
	out                []*Diagnostic
	next               int
	buf                []byte
	canon              map[string]string // raw file name -> canonical
	lastRaw, lastCanon string
	err                error
	eof                bool
	stats              Stats
}

type pairKey struct {
	pos     Pos
	subject string
	leak    bool
}

// NewScanner returns a Scanner reading r. opts may be nil.
func NewScanner(r io.Reader, opts *Options) *Scanner {
	s := &Scanner{r: bufio.NewReaderSize(r, 64<<10), pending: make(map[pairKey][]Explanation), atPos: make(map[Pos][]pairKey)}
	if opts != nil {
		s.opts = *opts
	}
	s.pkg = s.opts.Package
	return s
}

// Scan advances to the next diagnostic and reports whether there is one.
func (s *Scanner) Scan() bool {
	for s.next >= len(s.out) {
		s.out, s.next = s.out[:0], 0
		if s.eof {
			return false
		}
		s.fill()
	}
	s.next++
	return true
}

// Diagnostic returns the diagnostic Scan found. It is not reused.
func (s *Scanner) Diagnostic() *Diagnostic { return s.out[s.next-1] }

// Err returns the first read error, not io.EOF.
func (s *Scanner) Err() error { return s.err }

// Stats returns the counts so far; after Scan returned false, for the
// whole input.
func (s *Scanner) Stats() *Stats { return &s.stats }

// fill reads one line (one event for go build -json) and queues what it
// yields.
func (s *Scanner) fill() {
	line, complete, err := s.readLine()
	if err != nil {
		s.eof = true
		if !errors.Is(err, io.EOF) {
			s.err = err
		}
		if len(line) == 0 {
			s.endPackage()
			return
		}
	}
	if !complete && len(line) > 0 {
		s.stats.Truncated = true
	}
	if !s.init {
		if trimmed := bytes.TrimLeft(line, " \t\r"); len(trimmed) > 0 {
			s.init = true
			s.json = trimmed[0] == '{'
		}
	}
	if s.json && len(line) > 0 && line[0] == '{' {
		var ev struct{ ImportPath, Action, Output string }
		if jerr := json.Unmarshal(line, &ev); jerr == nil {
			s.event(ev.ImportPath, ev.Action, ev.Output)
			if s.eof {
				s.endPackage()
			}
			return
		}
		if !complete {
			// A go build -json stream cut off in the middle of an event.
			if s.eof {
				s.endPackage()
			}
			return
		}
	}
	if !complete && s.stats.Lines > 0 && ParseLine(string(line)).Kind == Unknown {
		// The head of a line the log was cut in: Truncated says so, and
		// it is not a message the parser failed to recognise.
		s.endPackage()
		return
	}
	s.text(string(bytes.TrimSuffix(line, []byte{'\r'})))
	if s.eof {
		s.endPackage()
	}
}

// readLine returns the next line without its newline, and whether it
// ended with one.
func (s *Scanner) readLine() ([]byte, bool, error) {
	s.buf = s.buf[:0]
	for {
		frag, err := s.r.ReadSlice('\n')
		s.buf = append(s.buf, frag...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if n := len(s.buf); n > 0 && s.buf[n-1] == '\n' {
			return s.buf[:n-1], true, err
		}
		return s.buf, false, err
	}
}

// event handles one go build -json event.
func (s *Scanner) event(pkg, action, output string) {
	switch action {
	case "build-fail":
		s.stats.BuildFailed = append(s.stats.BuildFailed, pkg)
		return
	case "build-output":
	default:
		return
	}
	if pkg != s.pkg {
		s.endPackage()
		s.pkg = pkg
		s.stats.Packages++
	}
	for output != "" {
		line, rest, _ := strings.Cut(output, "\n")
		output = rest
		if h, ok := strings.CutPrefix(line, "# "); ok && s.pkg != "" && h == s.pkg {
			// The header repeats the event's ImportPath.
			s.stats.Lines++
			s.stats.Kinds[PackageHeader]++
			continue
		}
		// Copy: a substring would keep the package's whole output alive
		// for as long as any diagnostic of it is kept.
		s.text(strings.Clone(line))
	}
}

// text handles one line of compiler text.
func (s *Scanner) text(raw string) {
	s.stats.Lines++
	l := ParseLine(raw)
	s.stats.Kinds[l.Kind]++
	switch l.Kind {
	case PackageHeader:
		s.endPackage()
		s.pkg = l.Subject
		s.stats.Packages++
		return
	case Unknown:
		s.stats.Unknown++
	case IRDump:
		s.stats.IRDump++
	}
	s.normalize(&l.Pos)
	if l.Kind.explains() {
		s.explanation(l)
		return
	}
	s.closeBlock()
	d := &Diagnostic{Package: s.pkg, Line: l}
	if key, ok := summaryKey(&l); ok {
		d.Explanations = s.take(key, &l)
	}
	s.out = append(s.out, d)
}

// explanation handles a line of a -m=2 block.
func (s *Scanner) explanation(l Line) {
	if l.Kind == From {
		s.normalize(&l.At)
	}
	switch l.Kind {
	case EscapeHeader, LeakHeader:
		s.closeBlock()
		s.open = &Explanation{Header: l}
		return
	}
	if s.open == nil || s.open.Header.Pos != l.Pos {
		s.closeBlock()
		s.stats.Orphans++
		s.out = append(s.out, &Diagnostic{Package: s.pkg, Line: l})
		return
	}
	s.open.Steps = append(s.open.Steps, l)
}

// closeBlock files the open block under its pairing key.
func (s *Scanner) closeBlock() {
	if s.open == nil {
		return
	}
	h := s.open.Header
	key := pairKey{pos: h.Pos, subject: h.Subject, leak: h.Kind == LeakHeader}
	if h.Kind == EscapeHeader && strings.HasPrefix(h.Subject, "append(") {
		// The summary of an append says just "append escapes to heap".
		key.subject = "append"
	}
	if _, ok := s.pending[key]; !ok {
		s.order = append(s.order, key)
		if !key.leak {
			s.atPos[key.pos] = append(s.atPos[key.pos], key)
		}
	}
	s.pending[key] = append(s.pending[key], *s.open)
	s.open = nil
}

// summaryKey returns the pairing key of a line that explanations explain.
func summaryKey(l *Line) (pairKey, bool) {
	switch l.Kind {
	case MovedToHeap, EscapesToHeap:
		return pairKey{pos: l.Pos, subject: l.Subject}, true
	case LeakingParam, LeakingParamContent, LeakingParamToResult:
		return pairKey{pos: l.Pos, subject: l.Subject, leak: true}, true
	}
	return pairKey{}, false
}

// take removes and returns the pending explanations of a summary line. A
// parameter has one header per destination; each leak summary takes the
// headers of its destination ({heap} with derefs 0 for "leaking param",
// more derefs for "content", the result for "to result"), and a plain
// "leaking param" also takes those of other destinations (closure storage
// that itself leaks).
func (s *Scanner) take(key pairKey, l *Line) []Explanation {
	list, ok := s.pending[key]
	if !ok && !key.leak {
		// After inlining the summary may print the expression with
		// constants propagated (header "make([]byte, size)", summary
		// "make([]byte, 32768)"): pair with the one block at the position.
		var live []pairKey
		for _, k := range s.atPos[key.pos] {
			if _, ok := s.pending[k]; ok {
				live = append(live, k)
			}
		}
		if len(live) != 1 {
			return nil
		}
		key = live[0]
		list = s.pending[key]
		ok = true
	}
	if !ok {
		return nil
	}
	if !key.leak {
		delete(s.pending, key)
		return list
	}
	var took, kept []Explanation
	for i := range list {
		e := &list[i]
		if leakMatches(l, &e.Header) {
			took = append(took, *e)
		} else {
			kept = append(kept, *e)
		}
	}
	if len(took) == 0 && l.Kind == LeakingParam {
		took, kept = kept, nil
	}
	if len(kept) == 0 {
		delete(s.pending, key)
	} else {
		s.pending[key] = kept
	}
	return took
}

func leakMatches(summary, header *Line) bool {
	switch summary.Kind {
	case LeakingParam:
		return header.Detail == "{heap}" && header.Level == 0
	case LeakingParamContent:
		return header.Detail == "{heap}" && header.Level > 0
	case LeakingParamToResult:
		// Result names of generic bodies are package-qualified (gen.~r0).
		return (header.Detail == summary.Detail || strings.HasSuffix(header.Detail, "."+summary.Detail)) &&
			header.Level == summary.Level
	}
	return false
}

// endPackage delivers the explanations no summary claimed, in arrival
// order, as diagnostics of their own.
func (s *Scanner) endPackage() {
	s.closeBlock()
	for _, key := range s.order {
		pending := s.pending[key]
		for i := range pending {
			e := &pending[i]
			s.stats.Unpaired++
			s.out = append(s.out, &Diagnostic{Package: s.pkg, Line: e.Header, Explanations: []Explanation{*e}})
		}
	}
	clear(s.pending)
	clear(s.atPos)
	s.order = s.order[:0]
}

// normalize rewrites p.File to its canonical spelling (see [Origin]).
// Names repeat on nearly every line, so the spellings are remembered.
func (s *Scanner) normalize(p *Pos) {
	if p.File == "" || p.File[0] == '<' {
		return
	}
	if p.File == s.lastRaw {
		p.File = s.lastCanon
		return
	}
	c, ok := s.canon[p.File]
	if !ok {
		c = s.opts.canonical(p.File)
		if s.canon == nil {
			s.canon = make(map[string]string)
		}
		s.canon[strings.Clone(p.File)] = c
	}
	s.lastRaw, s.lastCanon = p.File, c
	p.File = c
}
