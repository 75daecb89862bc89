package profile_test

import (
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// TestMatched checks what a profile that does not measure the analysed
// packages does: none matched (a profile of another program), some not
// matched, and a tiny share (a coincidental sample) counted as none. In
// each case the packages it does not measure get no profile (static heat)
// and the warning names the profile's own packages and the module.
func TestMatched(t *testing.T) {
	lib := proftest.Sample{Func: "example.com/lib.Parse", Start: 10, Line: 12, Count: 20000}
	app := proftest.Sample{Func: "example.com/app/a.Run", Start: 5, Line: 7, Count: 100}
	tiny := proftest.Sample{Func: "example.com/app/a.Run", Start: 5, Line: 7, Count: 1}
	cmd := proftest.Sample{Func: "main.main", Start: 3, Line: 4, Count: 50}

	cases := []struct {
		name    string
		samples []proftest.Sample
		got     map[string]bool // package → gets the profile
		warning []string        // substrings of the warning; none means no warning
	}{
		{"another program", []proftest.Sample{lib}, map[string]bool{"example.com/app/a": false, "example.com/app/b": false},
			[]string{"has no samples in the analysed packages (module example.com/app)", "example.com/lib (100.0%)", "It is ignored: heat is static"}},
		{"some packages", []proftest.Sample{lib, app}, map[string]bool{"example.com/app/a": true, "example.com/app/b": false},
			[]string{"has no samples in 1 of the 2 analysed packages (module example.com/app) (example.com/app/b): static heat there", "example.com/lib (99.5%)"}},
		{"a tiny share", []proftest.Sample{lib, tiny}, map[string]bool{"example.com/app/a": false},
			[]string{"has no samples in the analysed packages"}},
		{"a command", []proftest.Sample{cmd}, map[string]bool{"example.com/app/cmd/app": true}, nil},
		{"every package", []proftest.Sample{app}, map[string]bool{"example.com/app/a": true}, nil},
	}
	for _, c := range cases {
		set, err := profile.LoadFiles([]string{proftest.CPU(t, c.samples...)})
		if err != nil {
			t.Fatal(err)
		}
		m := &profile.Matched{Source: set, Command: func(p string) bool { return strings.Contains(p, "/cmd/") }}
		for pkg, want := range c.got {
			got, err := m.For(pkg, "")
			if err != nil || (got != nil) != want {
				t.Errorf("%s: For(%s) = %v, %v; want a profile: %v", c.name, pkg, got, err, want)
			}
		}
		w := m.Warning("example.com/app")
		if len(c.warning) == 0 && w != "" {
			t.Errorf("%s: warning %q, want none", c.name, w)
		}
		for _, sub := range c.warning {
			if !strings.Contains(w, sub) {
				t.Errorf("%s: warning %q, want it to say %q", c.name, w, sub)
			}
		}
	}
}
