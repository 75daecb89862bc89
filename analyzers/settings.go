package analyzers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/verdict"
)

// Settings configure the suite the way the perfvet binary's flags do, as a
// JSON object: the golangci-lint plugin's settings in .golangci.yml and
// the language server's initializationOptions share these names. Besides
// the suite's own keys, each key that names one of perfvet's analyzers
// holds an object of that analyzer's flags ({"pooluse": {"maxcap":
// 65536}} is -pooluse.maxcap=65536), read from the analyzer itself, so a
// new flag needs no new field here. An unknown key is an error.
type Settings struct {
	Tests bool `json:"tests"`
	// Cold is -cold: also report cost findings in code that looks cold,
	// each message ending with the evidence. Bugs are always reported.
	Cold bool `json:"cold"`
	// Escape is -escape: the compiler's verdict on allocation findings.
	// Each package is built with -gcflags=-m=2 the first time it is
	// analysed (one go build per package, dependencies from the build
	// cache; verdict.Lazy).
	Escape   bool     `json:"escape"`
	IRChecks bool     `json:"ir-checks"`
	Enable   []string `json:"enable"`
	Disable  []string `json:"disable"`
	// Hot is -hot.profile and -hot.min: CPU and allocation profiles
	// (comma-separated files) that rank findings, and the share of the
	// samples of the profile measuring a finding's cost under which it is
	// dropped.
	Hot struct {
		Profile string  `json:"profile"`
		Min     float64 `json:"min"`
	} `json:"hot"`
	// Flags holds, under an analyzer's name, the values of its flags.
	Flags map[string]map[string]any `json:"-"`
}

// UnmarshalJSON splits the analyzers' objects from the suite's keys and
// decodes the latter strictly.
func (s *Settings) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	s.Flags = make(map[string]map[string]any)
	for _, name := range Own() {
		v, ok := raw[name]
		if !ok {
			continue
		}
		var values map[string]any
		if err := json.Unmarshal(v, &values); err != nil {
			return fmt.Errorf("settings of %s: want an object of its flags, have %s", name, v)
		}
		s.Flags[name] = values
		delete(raw, name)
	}
	rest, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	type plain Settings // without this method
	dec := json.NewDecoder(bytes.NewReader(rest))
	dec.DisallowUnknownFields()
	p := plain{Flags: s.Flags}
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*s = Settings(p)
	return nil
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
	if s.Escape {
		cfg.Policy.Compiler = &verdict.Lazy{}
	}
	if err := cfg.Hot.Prepare(); err != nil {
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
	for _, a := range suite {
		for flag, value := range s.Flags[a.Name] {
			if a.Flags.Lookup(flag) == nil {
				return nil, fmt.Errorf("%s has no setting %q", a.Name, flag)
			}
			if err := a.Flags.Set(flag, flagValue(value)); err != nil {
				return nil, fmt.Errorf("%s.%s: %v", a.Name, flag, err)
			}
		}
	}
	selected := slices.DeleteFunc(suite, func(a *analysis.Analyzer) bool {
		return len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) || slices.Contains(s.Disable, a.Name)
	})
	return selected, nil
}

// flagValue writes a setting as the binary's flag would take it: YAML and
// JSON numbers arrive as float64, and 1e+06 would not parse as an int.
func flagValue(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
