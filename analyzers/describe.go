package analyzers

import (
	"flag"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A Check describes one analyzer of the suite, for documentation that is
// generated from the suite (the README's table of checks, docs/flags.md)
// rather than kept beside it.
type Check struct {
	Name string
	// Summary is the first line of the analyzer's Doc, without its name.
	Summary string
	// Doc is the path of the analyzer's doc.go from the module root; ""
	// for the bundled staticcheck checks.
	Doc string
	// Default says whether the analyzer runs by default; the checks that
	// need staticcheck's IR run only with -ir-checks.
	Default bool
	// Flags are the analyzer's own flags (-NAME.FLAG).
	Flags []*flag.Flag
}

// Checks describes the whole suite, -ir-checks included, in suite order.
func Checks() []Check {
	plain, all := New(&Config{}), New(&Config{IRChecks: true})
	out := make([]Check, 0, len(all))
	for _, a := range all {
		c := Check{Name: a.Name, Summary: Summary(a)}
		c.Default = slices.ContainsFunc(plain, func(b *analysis.Analyzer) bool { return b.Name == a.Name })
		if slices.Contains(Own(), a.Name) {
			c.Doc = "analyzers/" + a.Name + "/doc.go"
		}
		a.Flags.VisitAll(func(f *flag.Flag) { c.Flags = append(c.Flags, f) })
		out = append(out, c)
	}
	return out
}

// ChecksMarkdown is Checks as a Markdown table (analyzer, what it
// reports, when it runs), for the README.
func ChecksMarkdown() string {
	var b strings.Builder
	b.WriteString("| analyzer | reports | runs |\n|---|---|---|\n")
	for _, c := range Checks() {
		name := "`" + c.Name + "`"
		if c.Doc != "" {
			name = "[" + name + "](" + c.Doc + ")"
		}
		runs := []string{"by default"}
		if !c.Default {
			runs[0] = "with `-ir-checks`"
		}
		for _, f := range c.Flags {
			runs = append(runs, fmt.Sprintf("`-%s.%s`", c.Name, f.Name))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", name, strings.ReplaceAll(c.Summary, "|", `\|`), strings.Join(runs, "; "))
	}
	return b.String()
}

// Summary is the first line of an analyzer's Doc, without the "NAME: "
// that the x/tools convention puts before it.
func Summary(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n")
	first = strings.TrimPrefix(first, a.Name+": ")
	return strings.TrimSpace(first)
}
