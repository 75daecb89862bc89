package analyzers_test

import (
	"encoding/json"
	"flag"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// TestEveryOptionHasASetting writes each option the Options table marks
// as a setting in its settings form (a dotted name nested) and checks that
// Settings reads it back under the flag's name: a new option needs no
// change to Settings.
func TestEveryOptionHasASetting(t *testing.T) {
	obj := make(map[string]any)
	var want []string
	for _, o := range analyzers.Options {
		if !o.Setting {
			continue
		}
		want = append(want, o.Name)
		parts := strings.Split(o.Name, ".")
		m := obj
		for _, p := range parts[:len(parts)-1] {
			if m[p] == nil {
				m[p] = make(map[string]any)
			}
			m = m[p].(map[string]any)
		}
		m[parts[len(parts)-1]] = "x"
	}
	data, err := json.Marshal(obj)
	if err != nil {
		t.Fatal(err)
	}
	var s analyzers.Settings
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	got := slices.Sorted(maps.Keys(s.Values))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("settings %s read as %v, want %v", data, got, want)
	}
}

// TestBooleansParseBool: every boolean option takes what strconv.ParseBool
// takes, as a flag and as a setting.
func TestBooleansParseBool(t *testing.T) {
	for _, o := range analyzers.Options {
		if !o.IsBool() {
			continue
		}
		for _, v := range []string{"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"} {
			fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
			analyzers.RegisterFlags(fs, &analyzers.Config{})
			if err := fs.Parse([]string{"-" + o.Name + "=" + v}); err != nil {
				t.Errorf("-%s=%s: %v", o.Name, v, err)
			}
		}
		fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
		fs.SetOutput(new(strings.Builder))
		analyzers.RegisterFlags(fs, &analyzers.Config{})
		if err := fs.Parse([]string{"-" + o.Name + "=yes"}); err == nil {
			t.Errorf("-%s=yes: no error", o.Name)
		}
	}
	var s analyzers.Settings
	if err := json.Unmarshal([]byte(`{"tests": "TRUE", "cold": 1}`), &s); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Build(report.Policy{}); err != nil {
		t.Errorf(`{"tests": "TRUE", "cold": 1}: %v`, err)
	}
}
