// Package integration tests perfvet inside golangci-lint: it builds
// bin/custom-gcl with scripts/build-gcl.sh (golangci-lint v2.15.0 with
// perfvet's module plugins) and runs it on testdata/mod. It is the slow
// part of CI (a cold build takes minutes):
//
//	scripts/build-gcl.sh && (cd tools/gcl && go test ./integration/)
package integration

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/plugin"
)

var gclBin string

func TestMain(m *testing.M) {
	repo, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	build := exec.Command("bash", filepath.Join(repo, "scripts", "build-gcl.sh"))
	if out, err := build.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	gclBin = filepath.Join(repo, "bin", "custom-gcl")
	os.Exit(m.Run())
}

// copyMod copies testdata/mod to a temporary directory, with a
// .golangci.yml that enables every perfvet plugin (golangciConfig).
func copyMod(t *testing.T) string {
	t.Helper()
	return copyModWith(t, nil)
}

// copyModWith is copyMod with extra plugin settings (YAML, by plugin name).
func copyModWith(t *testing.T, settings map[string]string) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("..", "testdata", "mod")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dst, ".golangci.yml"), []byte(golangciConfig(settings)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// golangciConfig enables nolintlint and one plugin per analyzer of the
// suite (analyzers.Own), so a new analyzer is loaded through golangci-lint
// as soon as it is in the suite. perfvet-prealloc gets -prealloc.conditional;
// settings adds YAML to other plugins.
func golangciConfig(settings map[string]string) string {
	settings = maps.Clone(settings)
	if settings == nil {
		settings = make(map[string]string)
	}
	settings[plugin.PluginName("prealloc")] += "prealloc: {conditional: true}\n"
	var b strings.Builder
	b.WriteString("version: \"2\"\nlinters:\n  default: none\n  enable: [nolintlint")
	for _, a := range analyzers.Own() {
		b.WriteString(", " + plugin.PluginName(a))
	}
	b.WriteString("]\n  settings:\n    nolintlint:\n      require-explanation: true\n      require-specific: true\n    custom:\n")
	for _, a := range analyzers.Own() {
		name := plugin.PluginName(a)
		fmt.Fprintf(&b, "      %s:\n        type: module\n        description: perfvet's %s\n", name, a)
		if s := settings[name]; s != "" {
			b.WriteString("        settings:\n")
			for line := range strings.Lines(s) {
				b.WriteString("          " + line)
			}
		}
	}
	return b.String()
}

func gcl(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(gclBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("%s %v: %v", gclBin, args, err)
		}
	}
	return string(out)
}

var issueLine = regexp.MustCompile(`(?m)^mod\.go:(\d+):\d+: .* \(([\w-]+)\)$`)

func issues(out string) map[string][]string {
	got := make(map[string][]string)
	for _, m := range issueLine.FindAllStringSubmatch(out, -1) {
		got[m[2]] = append(got[m[2]], m[1])
	}
	return got
}

func TestFindings(t *testing.T) {
	out := gcl(t, copyMod(t), "run", "--show-stats=false", "./...")
	got := issues(out)
	want := map[string][]string{
		"concatloop":       {"13"},       // line 22's twin is suppressed by //nolint:concatloop
		"perfvet-prealloc": {"27", "35"}, // 35 is conditional: reported because the settings turn it on
		"leakysend":        {"46"},
		"unbufchan":        {"56"},
	}
	for linter, lines := range want {
		if strings.Join(got[linter], ",") != strings.Join(lines, ",") {
			t.Errorf("%s reported lines %v, want %v", linter, got[linter], lines)
		}
	}
	for linter, lines := range got {
		if _, ok := want[linter]; !ok && linter != "nolintlint" {
			t.Errorf("%s reported lines %v, want none", linter, lines)
		}
	}
	if len(got["nolintlint"]) > 0 {
		t.Errorf("nolintlint complains about perfvet's directives: %v\n%s", got["nolintlint"], out)
	}
	if strings.Contains(out, "related information") {
		t.Errorf("related positions were printed as issues of their own:\n%s", out)
	}
}

func TestFix(t *testing.T) {
	dir := copyMod(t)
	gcl(t, dir, "run", "--fix", "--show-stats=false", "./...")
	data, err := os.ReadFile(filepath.Join(dir, "mod.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"var sBuilder strings.Builder",
		"names := make([]string, 0, len(items))",
		"ch := make(chan int, 1)",
		"ch := make(chan int, len(items))",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("after --fix, mod.go lacks %q:\n%s", want, data)
		}
	}
	build := exec.Command("go", "vet", "./...")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Errorf("the fixed module does not pass go vet: %v\n%s", err, out)
	}
	if got := issues(gcl(t, dir, "run", "--show-stats=false", "./...")); len(got) != 0 {
		t.Errorf("issues remain after --fix: %v", got)
	}
}

func TestVersionCarriesSourceHash(t *testing.T) {
	out := gcl(t, ".", "version")
	if !regexp.MustCompile(`version v2\.15\.0-perfvet-[0-9a-f]{12} `).MatchString(out) {
		t.Errorf("version %q does not carry a source hash", out)
	}
}

// TestHotProfile gives the concatloop plugin a CPU profile through its
// settings (hot: {profile: FILE}) and checks that its finding carries the
// heat while the other plugins, configured without one, are unchanged.
func TestHotProfile(t *testing.T) {
	dir := t.TempDir()
	fn := &profile.Function{ID: 1, Name: "example.com/gclmod.concat", SystemName: "example.com/gclmod.concat", Filename: "mod.go", StartLine: 10}
	loc := &profile.Location{ID: 1, Line: []profile.Line{{Function: fn, Line: 13}}}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "cpu", Unit: "nanoseconds"}},
		Sample:     []*profile.Sample{{Location: []*profile.Location{loc}, Value: []int64{1e9}}},
		Location:   []*profile.Location{loc},
		Function:   []*profile.Function{fn},
	}
	prof := filepath.Join(dir, "cpu.pprof")
	f, err := os.Create(prof)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	mod := copyModWith(t, map[string]string{"concatloop": "hot: {profile: " + prof + "}\n"})
	out := gcl(t, mod, "run", "--show-stats=false", "./...")
	if !strings.Contains(out, "; hot: 100.0% of CPU in concat, 100.0% in this loop (concatloop)") {
		t.Errorf("concatloop's finding lacks its heat:\n%s", out)
	}
	// With a profile the profile decides what is shown: suppressed, which
	// the profile never saw, is set aside as cold, so its //nolint has
	// nothing left to silence and nolintlint says so (README: with a
	// profile, -cold keeps such directives in use).
	if got := issues(out); strings.Join(got["perfvet-prealloc"], ",") != "27,35" || strings.Join(got["nolintlint"], ",") != "21" {
		t.Errorf("plugins without a profile changed, or the cold finding's //nolint was not the one unused: %v\n%s", got, out)
	}
}
