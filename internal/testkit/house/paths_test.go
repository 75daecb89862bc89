package house

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// machinePath matches an absolute path into a machine's own directories:
// the work area, root's and users' homes, the temporary directory. The
// repository is read on other machines, where none of them exists.
var machinePath = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.$~/-])(/(?:work|root|home|tmp|Users)/[^\s)\x60'"]+)`)

// pathExceptions are files allowed to hold such paths, with the reason.
var pathExceptions = map[string]string{
	"escape/scan_test.go":                  "fictional module roots (/home/m), inputs of the path canonicaliser",
	"internal/testkit/house/paths_test.go": "this test's own examples",
}

// TestNoMachinePaths: no tracked file names a location of the machine it
// was written on. Fixtures (testdata) are recorded output and stay as they
// were recorded.
func TestNoMachinePaths(t *testing.T) {
	dir := root(t)
	for _, f := range tracked(t, dir) {
		if inTestdata(f) || pathExceptions[f] != "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue // deleted in the work tree, not yet committed
		}
		if bytes.IndexByte(data, 0) >= 0 {
			continue // binary
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := machinePath.FindStringSubmatch(line); m != nil {
				t.Errorf("%s:%d: %s is a path of the machine this was written on: make it relative to the repository, or say what it stands for", f, i+1, m[1])
			}
		}
	}
}

func TestMachinePathPattern(t *testing.T) {
	for _, s := range []string{"see /work/shared/x.md", "`/root/go/pkg`", "-o /tmp/jg3/perfvet", "(/home/dev/x)"} {
		if !machinePath.MatchString(s) {
			t.Errorf("%q: not matched", s)
		}
	}
	for _, s := range []string{"internal/work/x.go", "$GOROOT/src", "/dev/null", "https://example.com/home/x", "~/work/x", "a/tmp/b"} {
		if machinePath.MatchString(s) {
			t.Errorf("%q: matched", s)
		}
	}
}
