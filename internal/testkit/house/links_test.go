package house

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	// mdLink is a relative Markdown link: [text](target), target without a
	// scheme.
	mdLink = regexp.MustCompile(`\]\(([^)\s:#]+)(#[^)\s]*)?\)`)
	// docsMention is a mention of a page under docs/ in any file.
	docsMention = regexp.MustCompile(`\bdocs/[a-z0-9-]+\.md\b`)
)

// TestDocLinks: every relative link of a Markdown file, and every mention
// of a docs/*.md page in any tracked file, names a file that exists, so a
// page that moves takes its references with it.
func TestDocLinks(t *testing.T) {
	dir := root(t)
	for _, f := range tracked(t, dir) {
		if inTestdata(f) && !strings.HasPrefix(f, "internal/lsp/testdata/editors/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		text := string(data)
		if strings.HasSuffix(f, ".md") {
			for _, m := range mdLink.FindAllStringSubmatch(text, -1) {
				target := path.Join(path.Dir(f), m[1])
				if _, err := os.Stat(filepath.Join(dir, target)); err != nil {
					t.Errorf("%s: the link %s names no file (%s)", f, m[1], target)
				}
			}
		}
		for _, m := range docsMention.FindAllString(text, -1) {
			if _, err := os.Stat(filepath.Join(dir, m)); err != nil {
				t.Errorf("%s mentions %s, which does not exist", f, m)
			}
		}
	}
}
