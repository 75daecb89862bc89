package analyzers_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenFilesCompile checks what every fix produces: for each fixture
// package with .golden files, the package as the fixes leave it (golden
// files in place of the originals) must build, pass go vet and be
// gofmt-clean. analysistest only compares text; this makes a fix that
// compiles to nothing, or formats badly, fail.
func TestGoldenFilesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet on every fixture package")
	}
	// Fixtures live beside the package that owns them: the analyzers',
	// and those of the internal libraries and shared passes (fixes).
	var dirs []string
	for _, pattern := range []string{
		filepath.Join("*", "testdata", "src", "*"),
		filepath.Join("..", "internal", "*", "testdata", "src", "*"),
		filepath.Join("..", "internal", "passes", "*", "testdata", "src", "*"),
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, matches...)
	}
	checked := 0
	for _, dir := range dirs {
		goldens, _ := filepath.Glob(filepath.Join(dir, "*.golden"))
		if len(goldens) == 0 {
			continue
		}
		checked++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			tmp := t.TempDir()
			// The fixture is a GOPATH-style tree rooted at its directory
			// name; as a module of that name its imports still resolve.
			err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || filepath.Ext(path) != ".go" {
					return err
				}
				src := path
				if _, err := os.Stat(path + ".golden"); err == nil {
					src = path + ".golden"
				}
				data, err := os.ReadFile(src)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, path)
				dst := filepath.Join(tmp, rel)
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return err
				}
				return os.WriteFile(dst, data, 0o644)
			})
			if err != nil {
				t.Fatal(err)
			}
			gomod := "module " + filepath.Base(dir) + "\n\ngo 1.26\n"
			if err := os.WriteFile(filepath.Join(tmp, "go.mod"), []byte(gomod), 0o644); err != nil {
				t.Fatal(err)
			}
			vet := exec.Command("go", "vet", "./...")
			vet.Dir = tmp
			if out, err := vet.CombinedOutput(); err != nil {
				t.Errorf("the package as fixed does not pass go vet: %v\n%s", err, out)
			}
			gofmt := exec.Command("gofmt", "-l", ".")
			gofmt.Dir = tmp
			out, err := gofmt.CombinedOutput()
			if err != nil || strings.TrimSpace(string(out)) != "" {
				t.Errorf("golden files are not gofmt-clean: %v %s", err, out)
			}
		})
	}
	if checked == 0 {
		t.Fatal("found no fixture packages with golden files")
	}
}
