package analyzers_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/analyzers/bigcopy"
	"github.com/perfvet/perfvet/analyzers/boxing"
	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/analyzers/deferloop"
	"github.com/perfvet/perfvet/analyzers/falseshare"
	"github.com/perfvet/perfvet/analyzers/goperitem"
	"github.com/perfvet/perfvet/analyzers/httptransport"
	"github.com/perfvet/perfvet/analyzers/leakysend"
	"github.com/perfvet/perfvet/analyzers/mutexcount"
	"github.com/perfvet/perfvet/analyzers/poolbuf"
	"github.com/perfvet/perfvet/analyzers/pooluse"
	"github.com/perfvet/perfvet/analyzers/prealloc"
	"github.com/perfvet/perfvet/analyzers/reflectloop"
	"github.com/perfvet/perfvet/analyzers/regexpcompile"
	"github.com/perfvet/perfvet/analyzers/sqlperrow"
	"github.com/perfvet/perfvet/analyzers/stringbytes"
	"github.com/perfvet/perfvet/analyzers/unbufchan"
	"github.com/perfvet/perfvet/analyzers/unbufio"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// The exported Analyzer of each perfvet analyzer package: what build
// systems that run one go/analysis pass per package and shard the work
// across machines (Bazel rules_go's nogo, go vet per package) import.
var standalone = []*analysis.Analyzer{
	bigcopy.Analyzer,
	boxing.Analyzer,
	concatloop.Analyzer,
	falseshare.Analyzer,
	goperitem.Analyzer,
	deferloop.Analyzer,
	httptransport.Analyzer,
	leakysend.Analyzer,
	mutexcount.Analyzer,
	poolbuf.Analyzer,
	pooluse.Analyzer,
	prealloc.Analyzer,
	reflectloop.Analyzer,
	regexpcompile.Analyzer,
	sqlperrow.Analyzer,
	stringbytes.Analyzer,
	unbufchan.Analyzer,
	unbufio.Analyzer,
}

// TestAnalyzersStandAlone checks that each analyzer package's Analyzer is
// valid on its own (analysis.Validate: its requirements are complete, no
// facts), reports on its fixtures without the suite around it, and honours
// suppression there too (a //lint:file-ignore in every file silences it).
func TestAnalyzersStandAlone(t *testing.T) {
	// Every analyzer of the suite that is perfvet's own is listed above.
	want := analyzers.Own()
	got := make([]string, 0, len(standalone))
	for _, a := range standalone {
		got = append(got, a.Name)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Fatalf("standalone analyzers %v, the suite's %v: add the new package's Analyzer to the list", got, want)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range standalone {
		t.Run(a.Name, func(t *testing.T) {
			if err := analysis.Validate([]*analysis.Analyzer{a}); err != nil {
				t.Fatalf("analysis.Validate: %v", err)
			}
			if facts := factful(a); facts != "" {
				t.Errorf("requires %s, which has facts: a per-package build system would analyse every dependency", facts)
			}
			fixture := fixtureDir(root, a.Name)
			if fixture == "" {
				t.Fatalf("no fixture for %s", a.Name)
			}
			// A copy in a GOPATH of its own, to add the suppressions to.
			gopath := t.TempDir()
			dir := filepath.Join(gopath, "src", a.Name)
			if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
				t.Fatal(err)
			}
			// Stubs of the libraries the fixture imports (sqlperrow's
			// src/github.com/jackc/pgx/v5): every other tree of its src.
			if err := copyStubs(filepath.Dir(fixture), filepath.Join(gopath, "src"), a.Name); err != nil {
				t.Fatal(err)
			}
			if n := countFindings(t, gopath, a); n == 0 {
				// A hot-only analyzer (bigcopy) says nothing without a
				// profile; under -cold it lists its findings.
				a = withPolicy(a, &report.Policy{Cold: true})
				if n := countFindings(t, gopath, a); n == 0 {
					t.Fatalf("%s alone found nothing in its fixture, even with -cold", a.Name)
				}
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
			for _, name := range files {
				src, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				src = append(src, "\n//lint:file-ignore "+a.Name+" suppressed by the test\n"...)
				if err := os.WriteFile(name, src, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if n := countFindings(t, gopath, a); n != 0 {
				t.Errorf("%s alone reported %d findings in files that ignore it", a.Name, n)
			}
		})
	}
}

// withPolicy returns a copy of a that reports through a report analyzer
// with policy p (and static heat) in place of report.Default.
func withPolicy(a *analysis.Analyzer, p *report.Policy) *analysis.Analyzer {
	b := *a
	b.Requires = slices.Clone(a.Requires)
	for i, r := range b.Requires {
		if r == report.Default {
			b.Requires[i] = report.NewAnalyzer(p, hot.Default)
		}
	}
	return &b
}

// factful returns the name of an analyzer a requires (or a itself) that
// has facts, or "".
func factful(a *analysis.Analyzer) string {
	if len(a.FactTypes) > 0 {
		return a.Name
	}
	for _, r := range a.Requires {
		if name := factful(r); name != "" {
			return name
		}
	}
	return ""
}

// fixtureDir returns the directory of the analyzer's analysistest package,
// wherever the repository keeps fixtures.
func fixtureDir(root, name string) string {
	for _, dir := range []string{
		filepath.Join(root, "analyzers", name, "testdata", "src", name),
		filepath.Join(root, "testdata", "src", name),
	} {
		if _, err := os.Stat(dir); err == nil {
			return dir
		}
	}
	return ""
}

// countFindings runs a alone on the package named after it in gopath,
// test files included, and returns the number of diagnostics.
func countFindings(t *testing.T, gopath string, a *analysis.Analyzer) int {
	t.Helper()
	cfg := &packages.Config{
		Mode:  packages.LoadSyntax,
		Dir:   filepath.Join(gopath, "src", a.Name),
		Env:   append(os.Environ(), "GO111MODULE=off", "GOPATH="+gopath, "GOFLAGS="),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for act := range graph.All() {
		if act.Analyzer == a {
			if act.Err != nil {
				t.Errorf("%s: %v", act.Package.ID, act.Err)
			}
			n += len(act.Diagnostics)
		}
	}
	return n
}

// copyStubs copies the trees of src other than the fixture package itself
// and directories holding Go files (other fixtures) into dst.
func copyStubs(src, dst, fixture string) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == fixture {
			continue
		}
		if gofiles, _ := filepath.Glob(filepath.Join(src, e.Name(), "*.go")); len(gofiles) > 0 {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, e.Name()), os.DirFS(filepath.Join(src, e.Name()))); err != nil {
			return err
		}
	}
	return nil
}
