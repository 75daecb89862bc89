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
// Settings are the binary's flags: tests (-tests), ir-checks
// (-ir-checks), enable and disable (-NAME, -NAME=false), hot: {profile:
// FILE, min: PERCENT} (-hot.profile, -hot.min; a relative FILE is taken
// from the directory golangci-lint runs in), and one object per analyzer
// whose keys are its flags, read from the analyzer itself (prealloc:
// {conditional: true} is -prealloc.conditional, pooluse: {maxcap: 65536}
// is -pooluse.maxcap). An unknown key is an error. golangci-lint applies
// //nolint itself, so the plugin leaves it to it (and nolintlint sees the
// directives used), except //nolint:SA6005 and //nolint:staticcheck on the
// bundled staticcheck checks, which golangci-lint files under the perfvet
// linter and so cannot match; //lint:ignore is still honoured. Related
// positions are left out: golangci-lint would print each as an issue of
// its own, and the messages name them already.
package plugin

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
)

// Settings are the suite's plugin settings of .golangci.yml
// (linters.settings.custom.NAME.settings); the analyzers' own flags are
// the other keys, one object per analyzer (see the package comment).
type Settings struct {
	Tests    bool     `json:"tests"`
	IRChecks bool     `json:"ir-checks"`
	Enable   []string `json:"enable"`
	Disable  []string `json:"disable"`
	// Hot is -hot.profile and -hot.min: a CPU profile that ranks findings,
	// and the share of its samples under which they are dropped.
	Hot struct {
		Profile string  `json:"profile"`
		Min     float64 `json:"min"`
	} `json:"hot"`
}

// decodeSettings splits golangci-lint's settings into the suite's options
// and, under each key that names one of perfvet's analyzers, that
// analyzer's flag values.
func decodeSettings(conf any) (Settings, map[string]map[string]any, error) {
	raw, err := register.DecodeSettings[map[string]any](conf)
	if err != nil {
		return Settings{}, nil, err
	}
	flags := make(map[string]map[string]any)
	for _, name := range analyzers.Own() {
		v, ok := raw[name]
		if !ok {
			continue
		}
		values, ok := v.(map[string]any)
		if !ok {
			return Settings{}, nil, fmt.Errorf("settings of %s: want an object of its flags, have %v", name, v)
		}
		flags[name] = values
		delete(raw, name)
	}
	s, err := register.DecodeSettings[Settings](raw)
	return s, flags, err
}

// flagValue writes a setting as the binary's flag would take it: YAML and
// JSON numbers arrive as float64, and 1e+06 would not parse as an int.
func flagValue(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// PluginName returns the golangci-lint plugin name of an analyzer.
func PluginName(analyzer string) string {
	if analyzer == "prealloc" {
		return "perfvet-prealloc"
	}
	return analyzer
}

func init() {
	register.Plugin("perfvet", New(nil))
	for _, name := range analyzers.Own() {
		register.Plugin(PluginName(name), New([]string{name}))
	}
}

// New returns the constructor of a plugin that runs the named analyzers,
// or the whole suite when only is nil.
func New(only []string) register.NewPlugin {
	return func(conf any) (register.LinterPlugin, error) {
		s, flagValues, err := decodeSettings(conf)
		if err != nil {
			return nil, fmt.Errorf("perfvet: %v", err)
		}
		cfg := &analyzers.Config{IRChecks: s.IRChecks}
		cfg.Policy.TestFiles = s.Tests
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
		for _, a := range suite {
			for flag, value := range flagValues[a.Name] {
				if a.Flags.Lookup(flag) == nil {
					return nil, fmt.Errorf("perfvet: %s has no setting %q", a.Name, flag)
				}
				if err := a.Flags.Set(flag, flagValue(value)); err != nil {
					return nil, fmt.Errorf("perfvet: %s.%s: %v", a.Name, flag, err)
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
