package lsp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// BenchmarkDiagnostics compares, on a generated 5,000-line package, the
// time perfvet takes from the command line (the process, go list,
// type-checking, the suite) with the time from an editor's open or save
// to the server's diagnostics, and the cost of saving a file unchanged.
// Run all four in one invocation, so the ratios share the machine's state:
//
//	go test ./internal/lsp -run '^$' -bench Diagnostics -count 3
func BenchmarkDiagnostics(b *testing.B) {
	dir, lines := writeLinesPackage(b, 5000)
	file := filepath.Join(dir, "gen0.go")
	text, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	bin := filepath.Join(b.TempDir(), "perfvet")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/perfvet/perfvet/cmd/perfvet").CombinedOutput(); err != nil {
		b.Fatalf("building perfvet: %v\n%s", err, out)
	}
	// Each run follows an edit written to disk, as an editor's save does:
	// the go command then compiles the package again for go list's export
	// data, for the command line and the server alike.
	edits := 0
	edit := func() string {
		edits++
		changed := fmt.Sprintf("%s\n// edit %d\n", text, edits) // a different text each time
		if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
			b.Fatal(err)
		}
		return changed
	}
	cli := func() {
		cmd := exec.Command(bin, ".")
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 3 {
			b.Fatalf("perfvet: %v, want exit 3 (findings)\n%s", err, out)
		}
	}
	c := newClient(b)
	c.initialize(dir, nil)
	c.open(file, text)
	c.waitAnalysis()
	var saved string
	save := func() {
		c.change(file, edits+1, saved)
		c.save(file)
		if e := c.waitAnalysis(); e.cached {
			b.Fatal("a changed file was answered from the cache")
		}
	}
	openFresh := func() {
		c := newClient(b)
		c.initialize(dir, nil)
		c.open(file, text)
		if len(c.waitDiagnostics(pathURI(file))) == 0 {
			b.Fatal("no findings")
		}
	}
	timed := func(f func()) float64 {
		start := time.Now()
		f()
		return float64(time.Since(start).Milliseconds())
	}
	name := fmt.Sprintf("lines=%d/", lines)

	// The machine is shared and its load swings within seconds, so each
	// iteration times the command line and the server back to back and
	// the ratio is of sums over the same iterations.
	versus := func(b *testing.B, server func(edited string)) {
		var cliMS, serverMS float64
		for b.Loop() {
			b.StopTimer()
			edit()
			b.StartTimer()
			cliMS += timed(cli)
			b.StopTimer()
			edited := edit()
			b.StartTimer()
			serverMS += timed(func() { server(edited) })
		}
		b.ReportMetric(cliMS/float64(b.N), "cli-ms/op")
		b.ReportMetric(serverMS/float64(b.N), "server-ms/op")
		b.ReportMetric(serverMS/cliMS, "server/cli")
	}
	b.Run(name+"save-changed-vs-cli", func(b *testing.B) {
		versus(b, func(edited string) { saved = edited; save() })
	})
	b.Run(name+"open-vs-cli", func(b *testing.B) {
		versus(b, func(edited string) { text = []byte(edited); openFresh() })
	})
	b.Run(name+"save-unchanged", func(b *testing.B) {
		for b.Loop() {
			c.save(file)
			if e := c.waitAnalysis(); !e.cached {
				b.Fatal("saving an unchanged file analysed the package again")
			}
		}
	})
}

// writeLinesPackage writes a module holding one package of about n lines
// in five files: record types with parsers, filters and formatters whose
// loops carry a few findings (concatenation, appends without capacity)
// among code that has none. It returns the directory and the line count.
func writeLinesPackage(b testing.TB, n int) (string, int) {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/bench\n\ngo 1.26\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	const files = 5
	lines := 0
	for f := range files {
		var src strings.Builder
		src.WriteString("package bench\n\nimport (\n\t\"fmt\"\n\t\"sort\"\n\t\"strconv\"\n\t\"strings\"\n)\n")
		for i := f; lines+strings.Count(src.String(), "\n") < n*(f+1)/files; i += files {
			fmt.Fprintf(&src, `
// record%[1]d is one parsed line of input.
type record%[1]d struct {
	key   string
	value int
	tags  []string
}

// parse%[1]d reads key=value;tag,tag lines, skipping malformed ones.
func parse%[1]d(input string) []record%[1]d {
	var out []record%[1]d
	for _, line := range strings.Split(input, "\n") {
		kv, tags, _ := strings.Cut(line, ";")
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			continue
		}
		out = append(out, record%[1]d{key: k, value: n, tags: strings.Split(tags, ",")})
	}
	return out
}

// keys%[1]d lists the keys of records above min, sorted.
func keys%[1]d(rs []record%[1]d, min int) []string {
	keys := make([]string, 0, len(rs))
	for _, r := range rs {
		if r.value > min {
			keys = append(keys, r.key)
		}
	}
	sort.Strings(keys)
	return keys
}

// format%[1]d renders the records as one line each.
func format%[1]d(rs []record%[1]d) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("%%s=%%d\n", r.key, r.value)
	}
	return s
}

// tagged%[1]d counts the records by tag.
func tagged%[1]d(rs []record%[1]d) map[string]int {
	counts := make(map[string]int)
	for _, r := range rs {
		for _, t := range r.tags {
			counts[t]++
		}
	}
	return counts
}

// doubled%[1]d returns each value twice over.
func doubled%[1]d(rs []record%[1]d) []int {
	var out []int
	for _, r := range rs {
		out = append(out, 2*r.value)
	}
	return out
}
`, i)
		}
		text := src.String()
		lines += strings.Count(text, "\n")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gen%d.go", f)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir, lines
}

// BenchmarkAnalyseAfterEdit times what a save costs the server once the
// package's metadata is known: parsing and type-checking the 5,000-line
// package from the editor's text and running the suite, without the
// protocol. Compare with the -m allocation figures across changes.
func BenchmarkAnalyseAfterEdit(b *testing.B) {
	dir, _ := writeLinesPackage(b, 5000)
	texts := make(map[string][]byte)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			path := filepath.Join(dir, e.Name())
			texts[path], _ = os.ReadFile(path)
		}
	}
	suite, err := new(analyzers.Settings).Build(report.Policy{})
	if err != nil {
		b.Fatal(err)
	}
	l := new(loader)
	if _, err := analysePackage(context.Background(), l, dir, nil, texts, suite, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := analysePackage(context.Background(), l, dir, nil, texts, suite, nil); err != nil {
			b.Fatal(err)
		}
	}
	if l.lists.Load() != 1 {
		b.Fatalf("go list ran %d times, want once", l.lists.Load())
	}
}
