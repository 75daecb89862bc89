package analyzers

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/report"
)

// Settings configure the suite the way the perfvet binary's flags do, as a
// JSON object: the golangci-lint plugin's settings in .golangci.yml and
// the language server's initializationOptions share these names.
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

// Build builds a fresh suite configured by s, with the report policy p
// (whose TestFiles s overrides), and returns the analyzers s enables: all
// but those in Disable, or only those in Enable when it is not empty.
// A relative hot.profile is taken from the process's working directory.
func (s *Settings) Build(p report.Policy) ([]*analysis.Analyzer, error) {
	cfg := &Config{IRChecks: s.IRChecks, Policy: p}
	cfg.Policy.TestFiles = s.Tests
	cfg.Policy.Cold = s.Cold
	cfg.Hot.Profile, cfg.Hot.Min = s.Hot.Profile, s.Hot.Min
	if err := cfg.Hot.Validate(); err != nil {
		return nil, err
	}
	suite := New(cfg) // a fresh instance: no state shared with other plugins or the vet tool
	names := make([]string, len(suite))
	for i, a := range suite {
		names[i] = a.Name
	}
	for _, n := range append(slices.Clone(s.Enable), s.Disable...) {
		if !slices.Contains(names, n) {
			return nil, fmt.Errorf("unknown analyzer %q in enable/disable (have %v)", n, names)
		}
	}
	for analyzer, values := range s.flagValues() {
		for _, a := range suite {
			if a.Name != analyzer {
				continue
			}
			for flag, value := range values {
				if err := a.Flags.Set(flag, value); err != nil {
					return nil, fmt.Errorf("%s.%s: %v", analyzer, flag, err)
				}
			}
		}
	}
	selected := slices.DeleteFunc(suite, func(a *analysis.Analyzer) bool {
		return len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) || slices.Contains(s.Disable, a.Name)
	})
	return selected, nil
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
