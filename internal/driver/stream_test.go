package driver_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
)

// run runs a fresh suite through the driver, streamed or all at once, and
// returns its stdout, stderr and exit code.
func run(t *testing.T, allAtOnce bool, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cfg := &analyzers.Config{}
	var out, errs bytes.Buffer
	cmd := &driver.Command{
		Name:  "perfvet",
		Suite: analyzers.New(cfg),
		SuiteFlags: func(fs *flag.FlagSet) {
			fs.BoolVar(&cfg.Policy.TestFiles, "tests", false, "")
		},
		Stdout:    &out,
		Stderr:    &errs,
		AllAtOnce: allAtOnce,
	}
	code = cmd.Main(args)
	return out.String(), errs.String(), code
}

// sameResults runs the driver both ways with JSON output (findings, their
// suggested fixes and failures, by package) and with -fix -diff (the fixes
// as applied), and fails unless both agree, exit codes included. It
// returns the number of findings.
func sameResults(t *testing.T, patterns ...string) int {
	t.Helper()
	var findings int
	for _, mode := range [][]string{{"-format=json", "-tests"}, {"-fix", "-diff"}} {
		args := append(slices.Clip(mode), patterns...)
		oldOut, oldErr, oldCode := run(t, true, args...)
		newOut, newErr, newCode := run(t, false, args...)
		if oldCode != newCode {
			t.Errorf("perfvet %s: exit %d streamed, %d all at once\nstreamed stderr:\n%s\nall at once stderr:\n%s",
				strings.Join(args, " "), newCode, oldCode, newErr, oldErr)
		}
		if oldOut != newOut {
			t.Errorf("perfvet %s: output differs\nstreamed:\n%s\nall at once:\n%s", strings.Join(args, " "), newOut, oldOut)
		}
		// Fixes that overlap others are left for a second run, which -fix
		// says with a failure exit (explain's fixture has a prealloc and a
		// concatloop fix inserting before one loop): both drivers must
		// agree, which the checks above hold them to.
		overlap := mode[0] == "-fix" && newCode == driver.ExitError && strings.Contains(newErr, "fixes overlap others")
		if newCode != driver.ExitClean && newCode != driver.ExitFindings && !overlap {
			t.Errorf("perfvet %s: exit %d:\n%s", strings.Join(args, " "), newCode, newErr)
		}
		if mode[0] == "-format=json" && newOut != "" {
			var tree map[string]map[string]json.RawMessage
			if err := json.Unmarshal([]byte(newOut), &tree); err != nil {
				t.Fatalf("%v\n%s", err, newOut)
			}
			for _, byAnalyzer := range tree {
				for _, diags := range byAnalyzer {
					var list []any
					if json.Unmarshal(diags, &list) == nil {
						findings += len(list)
					}
				}
			}
		}
	}
	return findings
}

// TestStreamingMatchesAllAtOnce runs the repository's fixtures
// (GOPATH-style testdata/src trees) through the streaming driver and
// through the driver that loads everything at once.
func TestStreamingMatchesAllAtOnce(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// Every GOPATH-style fixture tree of the repository (analyzers/NAME,
	// internal/..., x/tools style), except the nested tools module's.
	var srcs []string
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path == filepath.Join(root, "tools"):
			return filepath.SkipDir
		case d.IsDir() && d.Name() == "src" && filepath.Base(filepath.Dir(path)) == "testdata":
			srcs = append(srcs, path)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil || len(srcs) == 0 {
		t.Fatalf("no fixtures found (%v)", err)
	}
	total := 0
	for _, src := range srcs {
		gopath := filepath.Dir(src)
		dirs, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		var patterns []string
		for _, d := range dirs {
			if d.IsDir() {
				patterns = append(patterns, d.Name()+"/...")
			}
		}
		t.Run(strings.TrimPrefix(gopath, root), func(t *testing.T) {
			t.Setenv("GO111MODULE", "off")
			t.Setenv("GOPATH", gopath)
			t.Setenv("GOFLAGS", "")
			t.Chdir(src)
			total += sameResults(t, patterns...)
		})
	}
	if total == 0 {
		t.Errorf("the fixtures gave no findings: the comparison proves nothing")
	}
}

// TestStreamingMatchesAllAtOnceOnAModule does the same on a real module
// from the module cache: staticcheck's, a dependency of perfvet.
func TestStreamingMatchesAllAtOnceOnAModule(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a whole module twice over")
	}
	if runtime.GOOS == "windows" {
		t.Skip("cp -a")
	}
	out, err := exec.Command("go", "mod", "download", "-json", "honnef.co/go/tools@v0.8.2").Output()
	if err != nil {
		t.Fatalf("go mod download: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	// A writable copy: the go command may need to update go.sum.
	dir := filepath.Join(t.TempDir(), "mod")
	if out, err := exec.Command("cp", "-a", mod.Dir, dir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", dir).CombinedOutput(); err != nil {
		t.Fatalf("chmod: %v\n%s", err, out)
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Chdir(dir)
	// A third of the module, to stay within CI's time: the parts with
	// findings and fixes (the whole module gave the same result).
	if n := sameResults(t, "./pattern/...", "./go/...", "./stylecheck/..."); n == 0 {
		t.Errorf("no findings on honnef.co/go/tools: the comparison proves nothing")
	}
}
