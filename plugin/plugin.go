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
//	  enable: [concatloop, perfvet-prealloc, leakysend, unbufchan, boxing, reflectloop, poolbuf, pooluse, unbufio, mutexcount, regexpcompile, httptransport, sqlperrow, deferloop, bigcopy, stringbytes, goperitem, falseshare]
//	  settings:
//	    custom:
//	      perfvet-prealloc:
//	        type: module
//	        settings:
//	          prealloc: {conditional: true}
//
// Settings are the binary's flags (analyzers.Settings; docs/flags.md has
// the table): tests (-tests), cold (-cold), escape (-escape: each package
// built once with -m=2), ir-checks (-ir-checks), hot: {profile:
// FILE[,FILE...], min: PERCENT} (-hot.profile, -hot.min; a relative FILE
// is taken from the directory golangci-lint runs in), enable and disable
// (-NAME, -NAME=false), and one object per analyzer whose keys are its
// flags (prealloc: {conditional: true} is -prealloc.conditional). An
// unknown key is an error. golangci-lint applies //nolint itself, so the
// plugin leaves it to it (and nolintlint sees the directives used),
// except //nolint:SA6005 and //nolint:staticcheck on the bundled
// staticcheck checks, which golangci-lint files under the perfvet linter
// and so cannot match; //lint:ignore is still honoured. Related positions
// are left out: golangci-lint would print each as an issue of its own,
// and the messages name them already.
package plugin

import (
	"fmt"
	"slices"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// Settings are the plugin settings of .golangci.yml
// (linters.settings.custom.NAME.settings); the language server's
// initializationOptions have the same shape.
type Settings = analyzers.Settings

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
		s, err := register.DecodeSettings[Settings](conf)
		if err != nil {
			return nil, err
		}
		suite, err := s.Build(report.Policy{IgnoreNolint: true, DropRelated: true})
		if err != nil {
			return nil, fmt.Errorf("perfvet: %v", err)
		}
		var selected []*analysis.Analyzer
		for _, a := range suite {
			if only == nil || slices.Contains(only, a.Name) {
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
