package plugin_test

import (
	"flag"
	"path/filepath"
	"reflect"
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
	if got := names(build(t, "perfvet", nil)); !reflect.DeepEqual(got, []string{"concatloop", "prealloc", "leakysend", "unbufchan", "boxing", "reflectloop", "poolbuf", "pooluse", "SA6005", "SA6006"}) {
		t.Errorf("perfvet plugin runs %v", got)
	}
	for _, a := range plugin.Own {
		if got := names(build(t, plugin.PluginName(a), nil)); !reflect.DeepEqual(got, []string{a}) {
			t.Errorf("plugin %s runs %v, want just %s", plugin.PluginName(a), got, a)
		}
	}
}

func TestSettings(t *testing.T) {
	as := build(t, "perfvet", map[string]any{
		"disable":   []any{"SA6005"},
		"ir-checks": true,
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
		map[string]any{"prealloc": map[string]any{"nosuchflag": true}},
		map[string]any{"disable": []any{"nosuchanalyzer"}},
		map[string]any{"hot": map[string]any{"profile": "/no/such/profile.pprof"}},
		map[string]any{"hot": map[string]any{"min": 5}}, // a threshold needs a profile
		map[string]any{"hot": map[string]any{"nosuch": 5}},
	} {
		if _, err := newPlugin(conf); err == nil {
			t.Errorf("settings %v: no error", conf)
		}
	}
}

// TestEveryFlagHasASetting keeps the settings one-to-one with the
// analyzers' flags: a new flag without a setting fails here.
func TestEveryFlagHasASetting(t *testing.T) {
	st := reflect.TypeFor[plugin.Settings]()
	field := func(t reflect.Type, tag string) (reflect.StructField, bool) {
		for i := range t.NumField() {
			if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name == tag {
				return t.Field(i), true
			}
		}
		return reflect.StructField{}, false
	}
	flags := 0
	for _, a := range analyzers.New(&analyzers.Config{}) {
		a.Flags.VisitAll(func(f *flag.Flag) {
			flags++
			group, ok := field(st, a.Name)
			if !ok || group.Type.Kind() != reflect.Struct {
				t.Errorf("flag -%s.%s has no settings object %q", a.Name, f.Name, a.Name)
				return
			}
			if _, ok := field(group.Type, f.Name); !ok {
				t.Errorf("flag -%s.%s has no setting %s.%s", a.Name, f.Name, a.Name, f.Name)
			}
		})
	}
	if flags == 0 {
		t.Fatal("no analyzer flags found; the test checks nothing")
	}
}

// TestOwnListsTheSuite keeps the per-analyzer plugins in step with the
// suite: a new perfvet analyzer without a plugin fails here.
func TestOwnListsTheSuite(t *testing.T) {
	var own []string
	for _, a := range analyzers.New(&analyzers.Config{}) {
		if !strings.HasPrefix(a.Name, "SA") {
			own = append(own, a.Name)
		}
	}
	if !reflect.DeepEqual(own, plugin.Own) {
		t.Errorf("plugin.Own = %v, but the suite's own analyzers are %v", plugin.Own, own)
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
