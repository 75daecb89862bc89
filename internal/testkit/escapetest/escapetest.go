// Package escapetest checks an analyzer's fixtures against the compiler's
// escape analysis, so that a finding about an allocation is one the
// compiler makes, and a case the analyzer leaves alone because "it stays on
// the stack" really does.
package escapetest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// StackMarker marks a fixture line whose allocation the compiler must keep
// on the stack.
const StackMarker = "// stays on the stack"

// Check copies the fixture package in dir to a module named module, builds
// it with -gcflags=-m, and checks that every line for which isFinding
// reports true holds a value that "escapes to heap" (or is "moved to heap"),
// and every line carrying StackMarker one that "does not escape".
func Check(t *testing.T, dir, module string, isFinding func(line string) bool) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a package with the go command")
	}
	tmp := CopyModule(t, dir, module)
	files, _ := filepath.Glob(filepath.Join(tmp, "*.go"))
	wantEscape := map[string]bool{} // file:line
	wantStack := map[string]bool{}  // file:line
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			key := filepath.Base(f) + ":" + strconv.Itoa(i+1)
			if isFinding(line) {
				wantEscape[key] = true
			}
			if strings.Contains(line, StackMarker) {
				wantStack[key] = true
			}
		}
	}
	cmd := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, ".")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	escapes, stays := map[string]bool{}, map[string]bool{}
	diag := regexp.MustCompile(`^\./([^:]+\.go):(\d+):\d+: (.*)$`)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		m := diag.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		key := m[1] + ":" + m[2]
		switch {
		case strings.HasSuffix(m[3], " escapes to heap"), strings.HasPrefix(m[3], "moved to heap: "):
			escapes[key] = true
		case strings.HasSuffix(m[3], " does not escape"):
			stays[key] = true
		}
	}
	if len(wantEscape) == 0 || len(wantStack) == 0 {
		t.Fatalf("testdata has %d expected findings and %d stack markers; want both", len(wantEscape), len(wantStack))
	}
	for key := range wantEscape {
		if !escapes[key] {
			t.Errorf("%s: a finding is expected, but the compiler reports no heap escape there", key)
		}
	}
	for key := range wantStack {
		if !stays[key] {
			t.Errorf("%s: marked as staying on the stack, but the compiler reports no \"does not escape\" there", key)
		}
	}
}

// CopyModule copies the Go files of the fixture package in dir into a
// temporary module named module, which the go command can build, and
// returns its directory.
func CopyModule(t testing.TB, dir, module string) string {
	t.Helper()
	tmp := t.TempDir()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata in %s: %v", dir, err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tmp, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte("module "+module+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return tmp
}
