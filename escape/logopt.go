package escape

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// ScanDir reads a -gcflags=-json=0,DIR tree (cmd/compile/internal/logopt:
// DIR/<escaped import path>/<escaped file base>.json, a header line and
// then one LSP-style diagnostic per line) and calls fn for each record in
// file order.
//
// The format is lossy and this reader does not hide it: there is no "does
// not escape", successful inlining, devirtualization or capture record;
// function names are not recorded (CanInline has only a cost, so names
// come from the source); two source files with the same base name
// overwrite each other; and a build served from the cache writes nothing.
// Named variables and expressions both appear as EscapesToHeap. It adds
// what text lacks: bounds checks, nil checks and large copies. The
// compiler's duplicate "escape" records with an empty message are skipped.
func ScanDir(fsys fs.FS, opts *Options, fn func(*Diagnostic)) (*Stats, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	stats := &Stats{}
	pkgs := map[string]bool{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(name, ".json") {
			return nil
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer func() { _ = f.Close() }()
		r := bufio.NewReaderSize(f, 64<<10)
		var hdr struct {
			Version int
			Package string
			File    string
		}
		first := true
		var buf []byte
		for {
			line, rerr := r.ReadSlice('\n')
			buf = append(buf[:0], line...)
			for rerr == bufio.ErrBufferFull {
				line, rerr = r.ReadSlice('\n')
				buf = append(buf, line...)
			}
			if len(buf) > 0 && buf[len(buf)-1] != '\n' {
				stats.Truncated = true
			}
			if trimmed := strings.TrimSpace(string(buf)); trimmed != "" {
				stats.Lines++
				if first {
					first = false
					if json.Unmarshal([]byte(trimmed), &hdr) != nil || hdr.Package == "" {
						// Not a logopt file: report it and skip the rest.
						stats.Unknown++
						fn(&Diagnostic{Package: o.Package, Line: Line{Kind: Unknown, Text: trimmed, Cost: -1, Budget: -1, Level: -1}})
						return nil
					}
					if !pkgs[hdr.Package] {
						pkgs[hdr.Package] = true
						stats.Packages++
					}
					hdr.File = o.canonical(hdr.File)
				} else if d := logoptRecord(trimmed, hdr.Package, hdr.File, &o); d != nil {
					stats.Kinds[d.Kind]++
					if d.Kind == Unknown {
						stats.Unknown++
					}
					fn(d)
				}
			}
			if rerr != nil {
				return nil
			}
		}
	})
	return stats, err
}

type logoptPos struct{ Line, Character int }

type logoptRange struct{ Start, End logoptPos }

type logoptDiag struct {
	Range              logoptRange
	Code               string
	Message            string
	RelatedInformation []struct {
		Location struct {
			URI   string
			Range logoptRange
		}
		Message string
	}
}

// logoptRecord converts one diagnostic line; nil for the duplicates the
// compiler writes.
func logoptRecord(text, pkg, file string, o *Options) *Diagnostic {
	var rec logoptDiag
	d := &Diagnostic{Package: pkg, Line: Line{Cost: -1, Budget: -1, Level: -1, Text: text}}
	if json.Unmarshal([]byte(text), &rec) != nil {
		return d
	}
	d.Pos = Pos{File: file, Line: rec.Range.Start.Line, Col: rec.Range.Start.Character}
	msg := rec.Message
	d.Text = rec.Code
	if msg != "" {
		d.Text += ": " + msg
	}
	switch rec.Code {
	case "canInlineFunction":
		d.Kind = CanInline
		if c, ok := strings.CutPrefix(msg, "cost: "); ok {
			d.Cost = atoi(c)
		}
	case "cannotInlineFunction":
		classifyCannotInline(&d.Line, "?: "+msg)
		d.Subject = ""
	case "cannotInlineCall":
		d.Kind, d.Detail = CannotInlineCall, msg
	case "escape", "escapes":
		if msg == "" {
			return nil
		}
		subj, ok := strings.CutSuffix(msg, " escapes to heap")
		if !ok {
			return d
		}
		d.Kind, d.Subject, d.Text = EscapesToHeap, subj, msg
		e := Explanation{Header: Line{Kind: EscapeHeader, Pos: d.Pos, Subject: subj, Cost: -1, Budget: -1, Level: -1, Text: msg + ":"}}
		for _, ri := range rec.RelatedInformation {
			flow, ok := strings.CutPrefix(ri.Message, "escflow:  ")
			if !ok {
				continue
			}
			at := Pos{File: uriPath(ri.Location.URI, o), Line: ri.Location.Range.Start.Line, Col: ri.Location.Range.Start.Character}
			if strings.HasPrefix(flow, "    from ") {
				flow += " at " + at.String()
			}
			step := ParseLine(flow)
			step.Pos = d.Pos
			e.Steps = append(e.Steps, step)
		}
		d.Explanations = []Explanation{e}
	case "leak":
		rest, ok := strings.CutPrefix(msg, "parameter ")
		if !ok {
			return d
		}
		p, dst, _ := strings.Cut(rest, " leaks to ")
		dst, derefs := cutLast(dst, " with derefs=")
		d.Kind, d.Subject, d.Detail, d.Level = LeakingParam, p, dst, atoi(derefs)
	case "isInBounds":
		d.Kind, d.Subject = BoundsCheck, "IsInBounds"
	case "isSliceInBounds":
		d.Kind, d.Subject = BoundsCheck, "IsSliceInBounds"
	case "nilcheck":
		d.Kind, d.Detail = NilCheck, "generated"
	case "copy":
		d.Kind, d.Detail = LargeCopy, msg
	case "iteration-variable-to-heap":
		d.Kind, d.Subject, d.Detail = LoopVar, msg, "heap"
	case "iteration-variable-to-stack":
		d.Kind, d.Subject, d.Detail = LoopVar, msg, "stack"
	case "loop-modified-range", "loop-modified-for":
		d.Kind, d.Subject, d.Detail = LoopVar, msg, strings.TrimPrefix(rec.Code, "loop-")
	}
	return d
}

// uriPath turns a file:// URI of a relatedInformation location into a
// normalised path.
func uriPath(uri string, o *Options) string {
	p, ok := strings.CutPrefix(uri, "file://")
	if !ok {
		return uri
	}
	if unq, err := url.PathUnescape(p); err == nil {
		p = unq
	}
	return o.canonical(path.Clean(p))
}
