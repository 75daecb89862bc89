package main_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/testkit/tree"
)

// coldSource has one finding in hot-looking code, and one in a String
// method (code that looks cold).
const coldSource = `package c

type T struct{ parts []string }

func (t T) String() string {
	s := ""
	for _, p := range t.parts {
		s += p
	}
	return s
}

func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}
`

// TestCold checks -cold in every mode: the default text output lists the
// hot-looking finding and one line counting the cold one; -cold lists
// both, the cold one with its evidence; JSON and SARIF carry both with
// kind, shown and reason (SARIF level note for the cold one); go vet
// honours -cold the same way.
func TestCold(t *testing.T) {
	dir := tree.Write(t, map[string]string{"go.mod": "module example.com/c\n\ngo 1.26\n", "c/c.go": coldSource})
	hot, cold := "c/c.go:16:3", "c/c.go:8:3"
	const summary = "1 more in code that looks cold (config, startup, CLI, debug, tests); -cold lists them"
	const reason = "; looks cold: a String method: text for people (logs, errors, debugging)"

	// Findings on stdout, the summary lines on stderr.
	stdout, stderr, code := run(t, dir, perfvetBin, "./...")
	if got := findings(stdout); code != 3 || !slices.Equal(got, []string{hot}) || strings.TrimSpace(stderr) != summary+"\n"+driver.NoProfile {
		t.Errorf("default: exit %d, findings %v, want 3 with %s and the summary lines\nstdout:\n%s\nstderr:\n%s", code, got, hot, stdout, stderr)
	}
	stdout, _, code = run(t, dir, perfvetBin, "-cold", "./...")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 3 || len(lines) != 2 || !strings.HasPrefix(lines[0], hot) || !strings.HasPrefix(lines[1], cold) || !strings.Contains(lines[1], reason+" (concatloop)") {
		t.Errorf("-cold: exit %d, want 3 with the hot finding first and the cold one with its reason\n%s", code, stdout)
	}

	stdout, _, _ = run(t, dir, perfvetBin, "-json", "./...")
	var tree map[string]map[string][]struct {
		Posn   string `json:"posn"`
		Kind   string `json:"kind"`
		Shown  bool   `json:"shown"`
		Reason string `json:"reason"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, stdout)
	}
	diags := tree["example.com/c/c"]["concatloop"]
	if len(diags) != 2 {
		t.Fatalf("-json carries %d concatloop findings, want both\n%s", len(diags), stdout)
	}
	for _, d := range diags {
		isCold := strings.Contains(d.Posn, ":8:3")
		if d.Kind != "cost" || d.Shown == isCold || isCold != strings.HasPrefix(d.Reason, "looks cold: a String method") {
			t.Errorf("-json finding %+v: want kind cost, shown only if hot, the reason naming the String method if cold", d)
		}
	}

	stdout, _, _ = run(t, dir, perfvetBin, "-format=sarif", "./...")
	var log struct {
		Runs []struct {
			Results []struct {
				Level      string         `json:"level"`
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	levels := make([]string, 0, len(log.Runs[0].Results))
	for _, r := range log.Runs[0].Results {
		levels = append(levels, r.Level)
		if r.Properties["kind"] != "cost" || r.Properties["reason"] == "" {
			t.Errorf("SARIF result lacks kind and reason: %v", r.Properties)
		}
	}
	slices.Sort(levels)
	if !slices.Equal(levels, []string{"note", "warning"}) {
		t.Errorf("SARIF levels %v, want the cold finding as a note and the hot one as a warning", levels)
	}

	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "./...")
	if got := findings(stderr); code != 1 || !slices.Equal(got, []string{hot}) {
		t.Errorf("go vet: exit %d, findings %v, want 1 with %s only\n%s", code, got, hot, stderr)
	}
	_, stderr, code = run(t, dir, "go", "vet", "-vettool="+perfvetBin, "-cold", "./...")
	if got := findings(stderr); code != 1 || !slices.Equal(got, []string{hot, cold}) || !strings.Contains(stderr, reason) {
		t.Errorf("go vet -cold: exit %d, findings %v, want both, the cold one with its reason\n%s", code, got, stderr)
	}
}
