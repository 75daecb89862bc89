package boxing_test

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

// TestCompilerAgrees builds the analysistest package with -gcflags=-m and
// checks the analyzer's expectations against the compiler's escape
// analysis: every line where a finding is expected must hold a value the
// compiler moves to the heap ("escapes to heap"), and every line marked
// "// stays on the stack" must hold one it keeps ("does not escape").
func TestCompilerAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a package with the go command")
	}
	src := filepath.Join("..", "..", "testdata", "src", "boxing")
	dir := t.TempDir()
	files, err := filepath.Glob(filepath.Join(src, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	wantEscape := map[string]bool{} // file:line
	wantStack := map[string]bool{}  // file:line
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			key := filepath.Base(f) + ":" + strconv.Itoa(i+1)
			if strings.Contains(line, "// want `converting") {
				wantEscape[key] = true
			}
			if strings.Contains(line, "// stays on the stack") {
				wantStack[key] = true
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module boxing\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, ".")
	cmd.Dir = dir
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
		case strings.HasSuffix(m[3], " escapes to heap"):
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
