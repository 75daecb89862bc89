package verdict_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/internal/testkit/tree"
	"github.com/perfvet/perfvet/internal/verdict"
)

const src = `package m

type Point struct{ X, Y, Z float64 }

func Count(ps []Point) int {
	seen := make(map[any]int)
	for _, p := range ps {
		seen[p] = 1
	}
	n := 0
	for _, p := range ps {
		n += seen[p]
	}
	return n
}
`

// TestBuild checks the verdicts of a real build: a map key stored is moved
// to the heap (with the compiler's reason), one only looked up stays on
// the stack, and a position the compiler says nothing of has no verdict.
func TestBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	dir := tree.Write(t, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", "m.go": src, "sub/s.go": "package sub\n\nfunc F(x int) any { return x }\n"})
	table, err := verdict.Build(dir, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	pkg, _ := table.Verdicts("example.com/m", "")
	heap, stack := pkg.Judge("m.go", 8, 8)
	if heap == nil || stack || !strings.Contains(heap.Reason, "key of map put: seen[p]") {
		t.Errorf("seen[p] = 1: heap %+v stack %v, want heap with the reason key of map put", heap, stack)
	}
	if heap, stack := pkg.Judge(filepath.Join(dir, "m.go"), 12, 13); heap != nil || !stack {
		t.Errorf("n += seen[p]: heap %+v stack %v, want stack", heap, stack)
	}
	if heap, stack := pkg.Judge("m.go", 3, 1); heap != nil || stack {
		t.Errorf("a type declaration: heap %+v stack %v, want no verdict", heap, stack)
	}
	sub, _ := table.Verdicts("example.com/m/sub", "")
	if heap, _ := sub.Judge("s.go", 3, 28); heap == nil {
		t.Errorf("sub: return x: want heap, got none")
	}
	t.Logf("build: %v, %d lines", table.Elapsed, table.Lines)

	var lazy verdict.Lazy
	pkg, err = lazy.Verdicts("example.com/m/sub", filepath.Join(dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if heap, _ := pkg.Judge("s.go", 3, 28); heap == nil {
		t.Errorf("lazy: return x: want heap, got none")
	}
}

func TestBuildFails(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	dir := tree.Write(t, map[string]string{"go.mod": "module example.com/bad\n\ngo 1.26\n", "bad.go": "package bad\n\nfunc F() int { return \"x\" }\n"})
	if _, err := verdict.Build(dir, []string{"./..."}); !errors.Is(err, verdict.ErrBuild) {
		t.Errorf("Build of a package with a type error: %v, want ErrBuild", err)
	}
}

// BenchmarkBuild measures what -escape adds to a run: one go build of the
// target packages with -gcflags=-m=2 and the reading of its output, here
// on perfvet's own module with a warm build cache (the compiler's output is
// replayed from the cache), against a plain go build of the same packages
// in the same run:
//
//	go test ./internal/verdict -run XXX -bench Build -count 3
func BenchmarkBuild(b *testing.B) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	b.Run("escape", func(b *testing.B) {
		for b.Loop() {
			if _, err := verdict.Build(root, []string{"./..."}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command("go", "build", "-o", os.DevNull, "./...")
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v\n%s", err, out)
			}
		}
	})
}
