package analyzers

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/report"
	"github.com/perfvet/perfvet/internal/verdict"
)

// Settings configure the suite the way the perfvet binary's flags do, as a
// JSON object: the golangci-lint plugin's settings in .golangci.yml and
// the language server's initializationOptions share these names. Every
// key is a flag, a dotted flag nesting: each Option with Setting
// ({"tests": true} is -tests, {"hot": {"profile": "cpu.pprof"}} is
// -hot.profile), and, under an analyzer's name, that analyzer's flags
// ({"pooluse": {"maxcap": 65536}} is -pooluse.maxcap=65536), read from the
// analyzer itself, so a new option or flag needs no new field here.
// enable and disable list analyzers (the binary's -NAME and -NAME=false).
// An unknown key is an error.
type Settings struct {
	Enable  []string
	Disable []string
	// Values holds each setting as its flag would take it, by flag name
	// ("tests": "true", "hot.profile": "cpu.pprof", "prealloc.conditional":
	// "true").
	Values map[string]string
}

// UnmarshalJSON reads the settings object, flattening nested objects to
// dotted flag names, and refuses keys that name no option or analyzer.
func (s *Settings) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	own := Own()
	s.Values = make(map[string]string)
	for _, key := range sortedKeys(raw) {
		v := raw[key]
		switch {
		case key == "enable" || key == "disable":
			var names []string
			if err := json.Unmarshal(v, &names); err != nil {
				return fmt.Errorf("settings: %s: want a list of analyzer names, have %s", key, v)
			}
			if key == "enable" {
				s.Enable = names
			} else {
				s.Disable = names
			}
		case slices.Contains(own, key):
			var values map[string]any
			if err := json.Unmarshal(v, &values); err != nil {
				return fmt.Errorf("settings of %s: want an object of its flags, have %s", key, v)
			}
			for flag, value := range values {
				s.Values[key+"."+flag] = flagValue(value)
			}
		default:
			if err := s.option(key, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// option reads the suite option (or object of options) under key.
func (s *Settings) option(key string, v json.RawMessage) error {
	if o := LookupOption(key); o != nil && o.Setting {
		var value any
		if err := json.Unmarshal(v, &value); err != nil {
			return err
		}
		if _, isObject := value.(map[string]any); isObject || value == nil {
			return fmt.Errorf("settings: %s: want a value, have %s", key, v)
		}
		s.Values[key] = flagValue(value)
		return nil
	}
	var nested map[string]json.RawMessage
	if slices.ContainsFunc(Options, func(o Option) bool { return o.Setting && len(o.Name) > len(key) && o.Name[:len(key)+1] == key+"." }) &&
		json.Unmarshal(v, &nested) == nil {
		for _, k := range sortedKeys(nested) {
			if err := s.option(key+"."+k, nested[k]); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("json: unknown field %q", key)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Build builds a fresh suite configured by s, with the report policy p
// (whose TestFiles and Cold s overrides), and returns the analyzers s
// enables: all but those in Disable, or only those in Enable when it is
// not empty. A relative hot.profile is taken from the process's working
// directory.
func (s *Settings) Build(p report.Policy) ([]*analysis.Analyzer, error) {
	cfg := NewConfig()
	cfg.Policy = p
	cfg.Policy.TestFiles, cfg.Policy.Cold = false, false
	for i := range Options {
		o := &Options[i]
		if v, ok := s.Values[o.Name]; ok && o.Setting {
			if err := o.Value(cfg).Set(v); err != nil {
				return nil, fmt.Errorf("%s: invalid value %q: %v", o.Name, v, err)
			}
		}
	}
	if cfg.Escape {
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
		prefix := a.Name + "."
		for _, name := range sortedKeys(s.Values) {
			if len(name) <= len(prefix) || name[:len(prefix)] != prefix {
				continue
			}
			flag := name[len(prefix):]
			if a.Flags.Lookup(flag) == nil {
				return nil, fmt.Errorf("%s has no setting %q", a.Name, flag)
			}
			if err := a.Flags.Set(flag, s.Values[name]); err != nil {
				return nil, fmt.Errorf("%s.%s: %v", a.Name, flag, err)
			}
		}
	}
	selected := slices.DeleteFunc(suite, func(a *analysis.Analyzer) bool {
		return len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name) || slices.Contains(s.Disable, a.Name)
	})
	return selected, nil
}

// ResolvePaths makes the relative files of path-valued settings
// (hot.profile) absolute, taken from dir: the language server takes them
// from the workspace root.
func (s *Settings) ResolvePaths(dir string) {
	for i := range Options {
		o := &Options[i]
		if v, ok := s.Values[o.Name]; ok && o.Paths && dir != "" {
			s.Values[o.Name] = AbsPaths(v, dir)
		}
	}
}

// flagValue writes a setting as the binary's flag would take it: YAML and
// JSON numbers arrive as float64, and 1e+06 would not parse as an int.
func flagValue(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
