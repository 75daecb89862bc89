package house

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

var update = flag.Bool("update", false, "rewrite the README's generated table of checks")

const (
	checksStart = "<!-- checks: generated from analyzers.New by TestREADMEChecks;\n     go test ./internal/testkit/house -run TestREADMEChecks -update rewrites it -->\n"
	checksEnd   = "<!-- end checks -->"
)

// TestREADMEChecks keeps the README's table of checks what the suite holds:
// one row per analyzer of analyzers.New (with the IR checks), its summary
// from its Doc, and when it runs. -update rewrites the table.
func TestREADMEChecks(t *testing.T) {
	file := filepath.Join(root(t), "README.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, checksStart)
	end := strings.Index(readme, checksEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no generated table of checks between %q and %q", checksStart, checksEnd)
	}
	want := checksTable()
	got := readme[start+len(checksStart) : end]
	if got == want {
		return
	}
	if *update {
		readme = readme[:start+len(checksStart)] + want + readme[end:]
		if err := os.WriteFile(file, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's table of checks is not the suite's; run go test ./internal/testkit/house -run TestREADMEChecks -update\n--- README\n%s--- suite\n%s", got, want)
}

// checksTable renders the suite as a Markdown table.
func checksTable() string {
	inDefault := map[string]bool{}
	for _, a := range analyzers.New(&analyzers.Config{}) {
		inDefault[a.Name] = true
	}
	var b strings.Builder
	b.WriteString("| check | reports | runs |\n|---|---|---|\n")
	for _, a := range analyzers.New(&analyzers.Config{IRChecks: true}) {
		link := fmt.Sprintf("[`%s`](analyzers/%s/doc.go)", a.Name, a.Name)
		if strings.HasPrefix(a.Name, "SA") {
			link = fmt.Sprintf("[`%s`](https://staticcheck.dev/docs/checks/#%s) (staticcheck)", a.Name, a.Name)
		}
		runs := "by default"
		if !inDefault[a.Name] {
			runs = "with `-ir-checks`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", link, summary(a), runs)
	}
	return b.String()
}

// summary is the first line of an analyzer's Doc without its "NAME: "
// prefix and "report " verb: "strings accumulated with += across loop
// iterations".
func summary(a *analysis.Analyzer) string {
	line, _, _ := strings.Cut(a.Doc, "\n")
	line = strings.TrimPrefix(line, a.Name+": ")
	line = strings.TrimPrefix(line, "report ")
	return strings.ReplaceAll(line, "|", `\|`)
}
