package explain

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestRuntimeWork checks what the typed syntax names as runtime work on
// each line of testdata/src/shapes: a line ending in "// runtime: KIND"
// must get exactly that kind, every other line none (a map read, a slice
// index, a constant-size make, an integer + are no runtime work).
func TestRuntimeWork(t *testing.T) {
	dir := analysistest.TestData()
	file, err := filepath.Abs(filepath.Join(dir, "src", "shapes", "shapes.go"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[int]string)
	lines := make(map[int]bool)
	for i, l := range strings.Split(string(data), "\n") {
		lines[i+1] = true
		if _, kind, ok := strings.Cut(l, "// runtime: "); ok {
			want[i+1] = kind
		}
	}
	ix := newSourceIndex(map[string]map[int]bool{file: lines})
	analysistest.Run(t, dir, ix.analyzer(), "shapes")
	for line := range lines {
		var got []string
		if lf := ix.at(file, line); lf != nil {
			for _, r := range lf.Runtime {
				got = append(got, r.Kind)
			}
		}
		switch {
		case want[line] == "" && len(got) > 0:
			t.Errorf("shapes.go:%d: runtime work %v, want none", line, got)
		case want[line] != "" && !slices.Equal(got, []string{want[line]}):
			t.Errorf("shapes.go:%d: runtime work %v, want [%s]", line, got, want[line])
		}
	}
	if lf := ix.at(file, 15); lf == nil || lf.Func == nil || lf.Func.Name != "grow" || lf.LoopFrom != 14 || lf.LoopTo != 27 {
		t.Errorf("shapes.go:15: facts %+v; want function grow and the loop of lines 14-27", lf)
	}
	if lf := ix.at(file, 31); lf == nil || lf.Func == nil || lf.Func.Name != "(*T).add" {
		t.Errorf("shapes.go:31: function %+v; want (*T).add", lf)
	}
}
