package plugin_test

import (
	"flag"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers"
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
// //nolint:SA6005 and //nolint:staticcheck suppress it (golangci-lint
// files the finding under the perfvet linter, so it cannot), while
// //nolint:perfvet and a bare //nolint are left to golangci-lint.
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
