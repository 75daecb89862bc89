package explain

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/perfvet/perfvet/internal/profile"
)

// The page is one file: the stylesheet is inline, there is no script and
// nothing is fetched (no fonts, no images), so it opens from disk, from a
// CI artifact or a mail attachment alike. It reads in light and dark
// (prefers-color-scheme), works with the keyboard alone (links and
// details elements, visible focus) and prints (bars keep their colour,
// details print open).

//go:embed page.html
var pageSource string

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"amount":  amount,
	"percent": profile.Percent,
	"objects": profile.Objects,
	"diff":    diffLines,
	"width":   func(share, top float64) float64 { return round1(100 * share / max(top, 0.1)) },
	"topShare": func(ls []SourceLine) float64 {
		top := 0.0
		for _, l := range ls {
			top = max(top, l.Share)
		}
		return top
	},
	"maxLine": func(ls []*Line) float64 {
		top := 0.0
		for _, l := range ls {
			top = max(top, l.Share)
		}
		return top
	},
	"kinds":   func(ks []string) string { return strings.Join(ks, ", ") },
	"profile": profileName,
	"section": func(title, id string, lines []*Line) pageSection { return pageSection{title, id, lines} },
}).Parse(pageSource))

// A pageSection is one ranking on the page.
type pageSection struct {
	Title, ID string
	Lines     []*Line
}

// A diffLine is one line of a unified diff, with its class for colouring.
type diffLine struct {
	Class, Text string
}

func diffLines(d string) []diffLine {
	var out []diffLine
	for line := range strings.Lines(d) {
		line = strings.TrimSuffix(line, "\n")
		class := "ctx"
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
			class = "file"
		case strings.HasPrefix(line, "@@"):
			class = "hunk"
		case strings.HasPrefix(line, "+"):
			class = "add"
		case strings.HasPrefix(line, "-"):
			class = "del"
		}
		out = append(out, diffLine{class, strings.ReplaceAll(line, "\t", "    ")})
	}
	return out
}

// WriteHTML writes the report as one self-contained HTML page.
func (r *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, r)
}
