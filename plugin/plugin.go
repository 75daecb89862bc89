// Package plugin registers perfvet with golangci-lint v2's module plugin
// system (github.com/golangci/plugin-module-register).
//
// It registers an umbrella plugin, "perfvet", that runs the whole suite,
// and one plugin per perfvet analyzer, so that golangci-lint's
// //nolint:concatloop and its SARIF rule ids name the check. The plugin of
// prealloc is called "perfvet-prealloc": golangci-lint has a built-in
// linter named prealloc, and two linters of one name would be enabled and
// suppressed together. A blank import of this package in a golangci-lint
// build (golangci-lint custom, or tools/gcl) makes them available:
//
//	linters:
//	  enable: [concatloop, perfvet-prealloc, leakysend, unbufchan, boxing, reflectloop, poolbuf, pooluse]
//	  settings:
//	    custom:
//	      perfvet-prealloc:
//	        type: module
//	        settings:
//	          prealloc: {conditional: true}
//
// Settings are the binary's flags: tests (-tests), cold (-cold: cost
// findings in code that looks cold are reported too, with the reason),
// ir-checks
// (-ir-checks), enable and disable (-NAME, -NAME=false), hot: {profile:
// FILE, min: PERCENT} (-hot.profile, -hot.min; a relative FILE is taken
// from the directory golangci-lint runs in), and one object per analyzer
// with its own flags (prealloc: {conditional: true} is
// -prealloc.conditional, pooluse: {maxcap: 65536} is -pooluse.maxcap). An unknown key is an error. golangci-lint applies
// //nolint itself, so the plugin leaves it to it (and nolintlint sees the
// directives used); //lint:ignore is still honoured. Related positions are
// left out: golangci-lint would print each as an issue of its own, and the
// messages name them already.
package plugin

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

// Settings are the plugin settings of .golangci.yml
// (linters.settings.custom.NAME.settings).
type Settings struct {
	Tests bool `json:"tests"`
	// Cold is -cold: also report cost findings in code that looks cold,
	// each message ending with the evidence. Bugs are always reported.
	Cold     bool     `json:"cold"`
	IRChecks bool     `json:"ir-checks"`
	Enable   []string `json:"enable"`
	Disable  []string `json:"disable"`
	Prealloc struct {
		Conditional bool `json:"conditional"`
	} `json:"prealloc"`
	Pooluse struct {
		MaxCap int `json:"maxcap"`
	} `json:"pooluse"`
	// Hot is -hot.profile and -hot.min: a CPU profile that ranks findings,
	// and the share of its samples under which they are dropped.
	Hot struct {
		Profile string  `json:"profile"`
		Min     float64 `json:"min"`
	} `json:"hot"`
}

// flagValues lists the analyzer flags the settings set, as the binary's
// -ANALYZER.FLAG=VALUE would: every struct-valued field of Settings is an
// analyzer's group, each of its fields one flag, named by the json tags.
func (s *Settings) flagValues() map[string]map[string]string {
	out := make(map[string]map[string]string)
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		group := v.Field(i)
		if group.Kind() != reflect.Struct {
			continue
		}
		analyzer := jsonName(v.Type().Field(i))
		if analyzer == "hot" {
			continue // the suite's options, not an analyzer's flags
		}
		out[analyzer] = make(map[string]string)
		for j := range group.NumField() {
			out[analyzer][jsonName(group.Type().Field(j))] = fmt.Sprint(group.Field(j).Interface())
		}
	}
	return out
}

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return name
}

// PluginName returns the golangci-lint plugin name of an analyzer.
func PluginName(analyzer string) string {
	if analyzer == "prealloc" {
		return "perfvet-prealloc"
	}
	return analyzer
}

// Own is the list of perfvet's own analyzers (the bundled staticcheck
// checks run under golangci-lint's staticcheck linter already).
var Own = []string{"concatloop", "prealloc", "leakysend", "unbufchan", "boxing", "reflectloop", "poolbuf", "pooluse"}

func init() {
	register.Plugin("perfvet", New(nil))
	for _, name := range Own {
		register.Plugin(PluginName(name), New([]string{name}))
	}
}

// New returns the constructor of a plugin that runs the named analyzers,
// or the whole suite when only is nil.
func New(only []string) register.NewPlugin {
	return func(conf any) (register.LinterPlugin, error) {
		s, err := register.DecodeSettings[Settings](conf)
		if err != nil {
			return nil, err
		}
		cfg := &analyzers.Config{IRChecks: s.IRChecks}
		cfg.Policy.TestFiles = s.Tests
		cfg.Policy.Cold = s.Cold
		cfg.Policy.IgnoreNolint = true
		cfg.Policy.DropRelated = true
		cfg.Hot.Profile, cfg.Hot.Min = s.Hot.Profile, s.Hot.Min
		if err := cfg.Hot.Validate(); err != nil {
			return nil, fmt.Errorf("perfvet: %v", err)
		}
		suite := analyzers.New(cfg) // a fresh instance: no state shared with other plugins or the vet tool
		names := make([]string, len(suite))
		for i, a := range suite {
			names[i] = a.Name
		}
		for _, n := range append(slices.Clone(s.Enable), s.Disable...) {
			if !slices.Contains(names, n) {
				return nil, fmt.Errorf("perfvet: unknown analyzer %q in enable/disable (have %v)", n, names)
			}
		}
		for analyzer, values := range s.flagValues() {
			for _, a := range suite {
				if a.Name != analyzer {
					continue
				}
				for flag, value := range values {
					if err := a.Flags.Set(flag, value); err != nil {
						return nil, fmt.Errorf("perfvet: %s.%s: %v", analyzer, flag, err)
					}
				}
			}
		}
		var selected []*analysis.Analyzer
		for _, a := range suite {
			switch {
			case only != nil && !slices.Contains(only, a.Name):
			case len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name):
			case slices.Contains(s.Disable, a.Name):
			default:
				selected = append(selected, a)
			}
		}
		return &linterPlugin{selected}, nil
	}
}

type linterPlugin struct {
	analyzers []*analysis.Analyzer
}

func (p *linterPlugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for types: every perfvet analyzer needs them.
func (p *linterPlugin) GetLoadMode() string { return register.LoadModeTypesInfo }
