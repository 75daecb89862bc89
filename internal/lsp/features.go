package lsp

import (
	"bytes"
	"fmt"
	"go/token"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	protocol "github.com/tliron/glsp/protocol_3_16"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/hot"
)

// convert turns one diagnostic into the protocol's terms: the analyzer is
// its source and code, the code links to the check's documentation, each
// suggested fix becomes a quick fix, and the hover shows heat and cost.
func (res *pkgResult) convert(a *analysis.Analyzer, fset *token.FileSet, d analysis.Diagnostic, h hot.Heat) *finding {
	_, rng := res.rangeOf(fset, d.Pos, d.End)
	severity := protocol.DiagnosticSeverityWarning
	source := a.Name
	diag := protocol.Diagnostic{
		Range:    rng,
		Severity: &severity,
		Code:     &protocol.IntegerOrString{Value: a.Name},
		Source:   &source,
		Message:  d.Message,
	}
	if a.URL != "" {
		diag.CodeDescription = &protocol.CodeDescription{HRef: a.URL}
	}
	for _, rel := range d.Related {
		rf, rr := res.rangeOf(fset, rel.Pos, rel.End)
		diag.RelatedInformation = append(diag.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: pathURI(rf), Range: rr},
			Message:  rel.Message,
		})
	}
	f := &finding{diag: diag, hover: hoverText(a, d, h)}
	quickfix := protocol.CodeActionKindQuickFix
	for i, fix := range d.SuggestedFixes {
		edit := &protocol.WorkspaceEdit{Changes: make(map[protocol.DocumentUri][]protocol.TextEdit)}
		for _, e := range fix.TextEdits {
			ef, er := res.rangeOf(fset, e.Pos, e.End)
			if !e.End.IsValid() {
				er.End = er.Start
			}
			uri := pathURI(ef)
			edit.Changes[uri] = append(edit.Changes[uri], protocol.TextEdit{Range: er, NewText: string(e.NewText)})
		}
		preferred := i == 0
		f.fixes = append(f.fixes, protocol.CodeAction{
			Title:       fix.Message,
			Kind:        &quickfix,
			Diagnostics: []protocol.Diagnostic{diag},
			IsPreferred: &preferred,
			Edit:        edit,
		})
	}
	return f
}

// hoverText is the Markdown shown over a finding: the message, the heat of
// its code, and the cost section of the check's documentation.
func hoverText(a *analysis.Analyzer, d analysis.Diagnostic, h hot.Heat) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**perfvet %s**: %s\n\n", a.Name, d.Message)
	b.WriteString("**Heat**: ")
	switch {
	case h.Func == "" && len(h.StaticWhy) == 0:
		b.WriteString("unknown")
	default:
		if h.Func != "" {
			fmt.Fprintf(&b, "in %s; ", h.Func)
		}
		fmt.Fprintf(&b, "static heat %d", h.Static)
		if len(h.StaticWhy) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(h.StaticWhy, "; "))
		}
	}
	if suffix := h.Suffix(); suffix != "" {
		fmt.Fprintf(&b, "%s", strings.Replace(suffix, "; ", "; profile: ", 1))
	} else if h.Func != "" {
		b.WriteString("; no CPU profile given (initializationOptions hot.profile)")
	}
	b.WriteString("\n")
	if cost := docSection(a.Doc, "Cost"); cost != "" {
		fmt.Fprintf(&b, "\n**Cost** (from the check's documentation):\n\n%s\n", cost)
	}
	if a.URL != "" {
		fmt.Fprintf(&b, "\n[%s documentation](%s)\n", a.Name, a.URL)
	}
	return b.String()
}

// docSection returns the body of the "# name" section of an analyzer's
// documentation (doc.go's headings), or "".
func docSection(doc, name string) string {
	heading := "# " + name + "\n"
	i := strings.Index(doc, heading)
	if i < 0 || (i > 0 && doc[i-1] != '\n') {
		return ""
	}
	body := doc[i+len(heading):]
	if j := strings.Index(body, "\n# "); j >= 0 {
		body = body[:j]
	}
	return strings.TrimSpace(body)
}

// publish sends the diagnostics of res for every file of the package, and
// empty lists for files that had diagnostics before and have none now.
func (s *Server) publish(old, res *pkgResult) {
	files := make(map[string]bool)
	for _, f := range res.files {
		files[f] = true
	}
	for f := range res.findings {
		files[f] = true
	}
	if old != nil {
		for f := range old.findings {
			files[f] = true
		}
	}
	for file := range files {
		diags := make([]protocol.Diagnostic, 0, len(res.findings[file]))
		for _, f := range res.findings[file] {
			diags = append(diags, f.diag)
		}
		if len(diags) == 0 && (old == nil || len(old.findings[file]) == 0) {
			continue // nothing to show and nothing to clear
		}
		err := s.w.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{URI: pathURI(file), Diagnostics: diags})
		if err != nil {
			s.log.Printf("publishing diagnostics: %v", err)
		}
	}
}

// findingsAt returns the findings of the file whose ranges meet rng, and
// whether the editor's text is still the one analysed.
func (s *Server) findingsAt(uri protocol.DocumentUri, rng protocol.Range) ([]*finding, bool, error) {
	path, err := uriPath(uri)
	if err != nil {
		return nil, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.pkgs[filepath.Dir(path)]
	if st == nil || st.result == nil {
		return nil, false, nil
	}
	current, err := s.text(path)
	fresh := err == nil && bytes.Equal(current, st.result.texts[path])
	var out []*finding
	for _, f := range st.result.findings[path] {
		if meets(f.diag.Range, rng) {
			out = append(out, f)
		}
	}
	return out, fresh, nil
}

// codeActions offers the quick fixes of the findings in the range, if the
// text is still the one analysed (else the edits' positions are stale).
func (s *Server) codeActions(p *protocol.CodeActionParams) (any, error) {
	found, fresh, err := s.findingsAt(p.TextDocument.URI, p.Range)
	actions := []protocol.CodeAction{}
	if err != nil || !fresh {
		return actions, err
	}
	if only := p.Context.Only; len(only) > 0 && !kindWanted(only) {
		return actions, nil
	}
	for _, f := range found {
		actions = append(actions, f.fixes...)
	}
	return actions, nil
}

// kindWanted reports whether a client asking only for the kinds listed
// wants quick fixes ("quickfix" has no parent kind but the empty one).
func kindWanted(only []protocol.CodeActionKind) bool {
	return slices.Contains(only, protocol.CodeActionKindQuickFix) || slices.Contains(only, "")
}

// hover shows the findings under the cursor.
func (s *Server) hover(p *protocol.HoverParams) (any, error) {
	found, _, err := s.findingsAt(p.TextDocument.URI, protocol.Range{Start: p.Position, End: p.Position})
	if err != nil || len(found) == 0 {
		return nil, err
	}
	var parts []string
	parts = slices.Grow(parts, len(found))
	for _, f := range found {
		parts = append(parts, f.hover)
	}
	r := found[0].diag.Range
	return protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n---\n\n")},
		Range:    &r,
	}, nil
}

// meets reports whether two ranges share a position, ends included (an
// empty range is a cursor).
func meets(a, b protocol.Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func before(x, y protocol.Position) bool {
	return x.Line < y.Line || x.Line == y.Line && x.Character < y.Character
}

func uriPath(uri protocol.DocumentUri) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", &rpcError{codeInvalidParams, err.Error()}
	}
	if u.Scheme != "file" {
		return "", &rpcError{codeInvalidParams, "perfvet lsp serves file: URIs only, not " + uri}
	}
	return filepath.Clean(filepath.FromSlash(u.Path)), nil
}

func pathURI(path string) protocol.DocumentUri {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
