package plugin_test

import (
	"flag"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/testkit/hotonlytest"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
	"github.com/perfvet/perfvet/plugin"
)

func build(t *testing.T, name string, conf any) []*analysis.Analyzer {
	t.Helper()
	newPlugin, err := register.GetPlugin(name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(conf)
	if err != nil {
		t.Fatalf("plugin %s with %v: %v", name, conf, err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func names(as []*analysis.Analyzer) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestRegistered(t *testing.T) {
	if got, want := names(build(t, "perfvet", nil)), names(analyzers.New(&analyzers.Config{})); !reflect.DeepEqual(got, want) {
		t.Errorf("perfvet plugin runs %v, want the suite %v", got, want)
	}
	own := analyzers.Own()
	if len(own) == 0 || slices.Contains(own, "SA6005") {
		t.Fatalf("analyzers.Own() = %v, want perfvet's own analyzers only", own)
	}
	for _, a := range own {
		if got := names(build(t, plugin.PluginName(a), nil)); !reflect.DeepEqual(got, []string{a}) {
			t.Errorf("plugin %s runs %v, want just %s", plugin.PluginName(a), got, a)
		}
	}
}

func TestSettings(t *testing.T) {
	as := build(t, "perfvet", map[string]any{
		"disable":   []any{"SA6005"},
		"ir-checks": true,
		"escape":    true, // builds lazily, per package: nothing runs here
		"prealloc":  map[string]any{"conditional": true},
	})
	got := names(as)
	if strings.Contains(strings.Join(got, ","), "SA6005") || !strings.Contains(strings.Join(got, ","), "SA6000") {
		t.Errorf("with disable [SA6005] and ir-checks: %v", got)
	}
	for _, a := range as {
		if a.Name == "prealloc" && a.Flags.Lookup("conditional").Value.String() != "true" {
			t.Errorf("prealloc.conditional was not applied")
		}
	}
	// Another plugin instance, and the package-level analyzers the go vet
	// tool uses, are untouched.
	for _, a := range build(t, "perfvet-prealloc", nil) {
		if a.Flags.Lookup("conditional").Value.String() != "false" {
			t.Errorf("settings of one plugin instance leaked into another")
		}
	}
	for _, a := range analyzers.New(&analyzers.Config{}) {
		if a.Name == "prealloc" && a.Flags.Lookup("conditional").Value.String() != "false" {
			t.Errorf("settings leaked into a new suite")
		}
	}
}

func TestUnknownSettings(t *testing.T) {
	newPlugin, _ := register.GetPlugin("perfvet")
	for _, conf := range []any{
		map[string]any{"bogus": true},
		map[string]any{"prealloc": true}, // an analyzer's settings are an object
		map[string]any{"prealloc": map[string]any{"nosuchflag": true}},
		map[string]any{"disable": []any{"nosuchanalyzer"}},
		map[string]any{"hot": map[string]any{"profile": "/no/such/profile.pprof"}},
		map[string]any{"hot": map[string]any{"nosuch": 5}},
	} {
		if _, err := newPlugin(conf); err == nil {
			t.Errorf("settings %v: no error", conf)
		}
	}
}

// TestEveryFlagHasASetting sets every analyzer flag through the plugin's
// settings, as .golangci.yml would (numbers arrive as float64), and checks
// that the plugin's instance took it: the settings are read from the
// analyzers, so a new flag needs no plugin change.
func TestEveryFlagHasASetting(t *testing.T) {
	flags := 0
	for _, a := range analyzers.New(&analyzers.Config{}) {
		a.Flags.VisitAll(func(f *flag.Flag) {
			flags++
			value, want := any(float64(1000000)), "1000000"
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value, want = true, "true"
			}
			for _, got := range build(t, plugin.PluginName(a.Name), map[string]any{a.Name: map[string]any{f.Name: value}}) {
				if v := got.Flags.Lookup(f.Name).Value.String(); v != want {
					t.Errorf("setting %s: {%s: %v} gave -%s.%s=%s, want %s", a.Name, f.Name, value, a.Name, f.Name, v, want)
				}
			}
		})
	}
	if flags == 0 {
		t.Fatal("no analyzer flags found; the test checks nothing")
	}
}

// TestNolintStaticcheck runs the plugin's SA6005 as golangci-lint would:
// the directives nolint:SA6005 and nolint:staticcheck suppress it
// (golangci-lint files the finding under the perfvet linter, so it
// cannot), while nolint:perfvet and a bare nolint are left to
// golangci-lint.
func TestNolintStaticcheck(t *testing.T) {
	for _, a := range build(t, "perfvet", map[string]any{"enable": []any{"SA6005"}}) {
		analysistest.Run(t, analysistest.TestData(), a, "nolintsa")
	}
}

// TestCold: the plugin honours the cold setting as the binary honours
// -cold: by default cost findings in code that looks cold are not
// reported; with cold: true they are, with the evidence.
func TestCold(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	// The fixture the heat analyzer's own test uses without -cold.
	hotdata, err := filepath.Abs(filepath.Join("..", "internal", "passes", "hot", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	hidden := build(t, "concatloop", nil)
	analysistest.Run(t, hotdata, hidden[0], "coldhidden")
	listed := build(t, "concatloop", map[string]any{"cold": true})
	analysistest.Run(t, dir, listed[0], "coldlisted")
}

// TestHotOnly: the plugin honours hot-only as the binary does: a hot-only
// analyzer (bigcopy) reports on its fixture what its own test expects
// with a profile that shows the fixture's functions hot (a sample on each
// line: a copy's line has a sliver of the whole, so min: 0), nothing
// without one, and with cold: true lists its findings with the reason.
func TestHotOnly(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "analyzers", "bigcopy", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	prof := proftest.Functions(t, filepath.Join(testdata, "src", "bigcopy"), "bigcopy", func(name string) bool { return !hotonlytest.Cold(name) })
	shown := build(t, plugin.PluginName("bigcopy"), map[string]any{"hot": map[string]any{"profile": prof, "min": 0}})
	analysistest.Run(t, testdata, shown[0], "bigcopy")

	count := func(conf any, note string) int {
		n := 0
		for _, r := range analysistest.Run(quiet{}, testdata, build(t, plugin.PluginName("bigcopy"), conf)[0], "bigcopy") {
			for _, d := range r.Diagnostics {
				if !strings.Contains(d.Message, note) {
					t.Errorf("%v: %q does not say %q", conf, d.Message, note)
				}
				n++
			}
		}
		return n
	}
	if n := count(nil, ""); n != 0 {
		t.Errorf("without a profile: %d findings, want none", n)
	}
	if n := count(map[string]any{"cold": true}, "; hot-only: shown where a profile shows heat, and no profile was given"); n == 0 {
		t.Errorf("with cold: true and no profile: no findings listed")
	}
}

// quiet ignores // want mismatches: the fixture's are the profile's.
type quiet struct{}

func (quiet) Errorf(string, ...any) {}

// TestPackageDoc holds the package documentation to the suite: its enable
// list names every analyzer's plugin, and it names every setting the
// suite's options declare (analyzers.Options).
func TestPackageDoc(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "plugin.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	doc := f.Doc.Text()
	want := make([]string, 0, len(analyzers.Own()))
	for _, name := range analyzers.Own() {
		want = append(want, plugin.PluginName(name))
	}
	m := regexp.MustCompile(`enable: \[([^\]]*)\]`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatal("the package doc has no enable list")
	}
	if got := strings.Split(m[1], ", "); !slices.Equal(got, want) {
		t.Errorf("the package doc enables %v, want every analyzer's plugin: %v", got, want)
	}
	for _, o := range analyzers.Options {
		if o.Setting && !strings.Contains(doc, "(-"+o.Name) && !strings.Contains(doc, " -"+o.Name+")") && !strings.Contains(doc, ", -"+o.Name) {
			t.Errorf("the package doc does not name the setting of -%s", o.Name)
		}
	}
}

// TestListsInDocs holds every list of analyzers in the documentation to
// the suite: a golangci-lint enable list that names perfvet's plugins
// names them all, and a Bazel nogo list names every analyzer package.
// (The package doc's list: TestPackageDoc.)
func TestListsInDocs(t *testing.T) {
	own := analyzers.Own()
	plugins, packages := make([]string, 0, len(own)), make([]string, 0, len(own))
	for _, name := range own {
		plugins = append(plugins, plugin.PluginName(name))
		packages = append(packages, name)
	}
	docs, err := filepath.Glob(filepath.Join("..", "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	enable := regexp.MustCompile(`enable: \[([^\]]*)\]`)
	nogo := regexp.MustCompile(`"@com_github_perfvet_perfvet//analyzers/(\w+)"`)
	lists := 0
	for _, path := range append(docs, filepath.Join("..", "README.md")) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range enable.FindAllStringSubmatch(string(data), -1) {
			got := strings.Split(m[1], ", ")
			if !slices.Contains(got, "concatloop") {
				continue // another linter's list
			}
			lists++
			if !slices.Equal(got, plugins) {
				t.Errorf("%s: enable: %v, want every analyzer's plugin: %v", path, got, plugins)
			}
		}
		matches := nogo.FindAllStringSubmatch(string(data), -1)
		deps := make([]string, 0, len(matches))
		for _, m := range matches {
			deps = append(deps, m[1])
		}
		if len(deps) > 0 {
			lists++
			slices.Sort(deps)
			want := slices.Sorted(slices.Values(packages))
			if !slices.Equal(deps, want) {
				t.Errorf("%s: the nogo deps name %v, want every analyzer package: %v", path, deps, want)
			}
		}
	}
	if lists == 0 {
		t.Error("found no list of analyzers in README.md or docs/: the test checks nothing")
	}
	// The project's own lint configuration enables every plugin, so that
	// golangci-lint knows each //nolint:NAME the code may carry.
	data, err := os.ReadFile(filepath.Join("..", ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range plugins {
		if !regexp.MustCompile(`(?m)^    - `+name+`$`).Match(data) || !strings.Contains(string(data), "      "+name+": {type: module}") {
			t.Errorf(".golangci.yml does not enable and declare the plugin %s", name)
		}
	}
}
