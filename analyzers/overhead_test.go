package analyzers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
)

// BenchmarkOverhead runs each analyzer of the suite alone, and the whole
// suite, on one generated package, against a baseline that only builds the
// shared inspector. Loading and type-checking happen once, outside the
// timed loop, so the numbers are the analyzers' own cost:
//
//	go test ./analyzers -run XXX -bench Overhead -benchmem
//
// The package "plain" has no goroutines, so leakysend and unbufchan should
// cost next to nothing there; "mixed" has some of every pattern.
func BenchmarkOverhead(b *testing.B) {
	for _, kind := range []string{"plain", "mixed"} {
		pkgs := loadGenerated(b, kind, 400)
		suite := analyzers.New(&analyzers.Config{})
		type benchCase struct {
			name string
			as   []*analysis.Analyzer
		}
		cases := make([]benchCase, 0, 2+len(suite))
		cases = append(cases, benchCase{"baseline-inspect", []*analysis.Analyzer{inspect.Analyzer}}, benchCase{"suite", suite})
		for _, a := range suite {
			cases = append(cases, benchCase{a.Name, []*analysis.Analyzer{a}})
		}
		for _, c := range cases {
			b.Run(kind+"/"+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := checker.Analyze(c.as, pkgs, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkScale10k, 100k and 1M run the whole suite and the
// inspector-only baseline on generated packages of about 10k, 100k and 1M
// lines, to show that the suite's cost grows linearly with code size
// (ns/line should stay flat). Run each in its own process, so that the
// live heap holds only its own package:
//
//	for s in 10k 100k 1M; do go test ./analyzers -run XXX -bench Scale$s -benchtime 3x -timeout 30m; done
func BenchmarkScale10k(b *testing.B)  { benchmarkScale(b, 400) }
func BenchmarkScale100k(b *testing.B) { benchmarkScale(b, 4000) }
func BenchmarkScale1M(b *testing.B)   { benchmarkScale(b, 40000) }

func benchmarkScale(b *testing.B, funcs int) {
	pkgs := loadGenerated(b, "mixed", funcs)
	lines := 0
	for _, f := range pkgs[0].Syntax {
		lines += pkgs[0].Fset.File(f.FileStart).LineCount()
	}
	for _, c := range []struct {
		name string
		as   []*analysis.Analyzer
	}{{"baseline-inspect", []*analysis.Analyzer{inspect.Analyzer}}, {"suite", analyzers.New(&analyzers.Config{})}} {
		b.Run(fmt.Sprintf("lines=%d/%s", lines, c.name), func(b *testing.B) {
			for b.Loop() {
				if _, err := checker.Analyze(c.as, pkgs, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
		})
	}
}

// loadGenerated writes a module with one package of n generated functions
// and loads it with syntax and types.
func loadGenerated(b *testing.B, kind string, n int) []*packages.Package {
	b.Helper()
	dir := b.TempDir()
	var src strings.Builder
	src.WriteString("package gen\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar _ = strings.ToLower\n")
	for i := range n {
		fmt.Fprintf(&src, `
type item%[1]d struct{ Name string; N int }

func build%[1]d(items []item%[1]d) (string, []string, map[string]int) {
	var names []string
	byName := make(map[string]int)
	s := ""
	for i, it := range items {
		if it.N > %[1]d {
			names = append(names, it.Name)
		}
		byName[it.Name] = i
		s += fmt.Sprint(it.N)
	}
	total := 0
	for j := 0; j < len(items); j++ {
		total += items[j].N * %[1]d
	}
	_ = total
	return s, names, byName
}
`, i)
		if kind == "mixed" && i%4 == 0 {
			fmt.Fprintf(&src, `
func fan%[1]d(items []item%[1]d) int {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- it.N }()
	}
	sum := 0
	for range items {
		sum += <-ch
	}
	return sum
}
`, i)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module gen\n\ngo 1.26\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Dir: dir}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("loading the generated package: %v", err)
	}
	return pkgs
}
