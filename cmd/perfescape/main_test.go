package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/perfvet/perfvet/escape"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// Absolute, because tests change directory to build testdata modules.
var (
	testdata, _ = filepath.Abs("testdata")
	samples, _  = filepath.Abs("../../escape/testdata/samples")
)

// perfescape runs the command in dir and returns its output and exit code.
func perfescape(t *testing.T, dir string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(testdata, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestReportFromLog renders the synthetic -m=2 fixture without sources:
// function names come from the compiler's lines.
func TestReportFromLog(t *testing.T) {
	stdout, stderr, code := perfescape(t, "", "", "-in", samples+"/synthetic.m2.txt")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "synthetic.m2.golden", stdout)
}

// TestReportLogoptDir reads a -json=0,DIR tree.
func TestReportLogoptDir(t *testing.T) {
	stdout, stderr, code := perfescape(t, "", "", "-in", samples+"/logopt/rangefunc", "-almost=50")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "logopt-rangefunc.golden", stdout)
}

// TestReportLive builds a testdata module: names come from its source.
func TestReportLive(t *testing.T) {
	stdout, stderr, code := perfescape(t, filepath.Join(testdata, "diffmod", "v1"), "")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "v1.golden", stdout)
}

// TestDiff is the acceptance test: v2 inserts code above an
// unchanged function (shifting every line) and adds one allocation in
// it; the diff reports exactly that allocation.
func TestDiff(t *testing.T) {
	tmp := t.TempDir()
	for _, v := range []string{"v1", "v2"} {
		stdout, stderr, code := perfescape(t, filepath.Join(testdata, "diffmod", v), "", "-format=json")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", v, code, stderr)
		}
		if err := os.WriteFile(filepath.Join(tmp, v+".json"), []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, stderr, code := perfescape(t, "", "", "diff", filepath.Join(tmp, "v1.json"), filepath.Join(tmp, "v2.json"))
	if code != exitRegression {
		t.Errorf("diff: exit %d, want %d: %s", code, exitRegression, stderr)
	}
	golden(t, "diff.golden", stdout)

	// The reverse is one improvement and exits 0.
	stdout, _, code = perfescape(t, "", "", "diff", filepath.Join(tmp, "v2.json"), filepath.Join(tmp, "v1.json"))
	if code != exitOK || !strings.Contains(stdout, "0 regressions, 1 improvements") {
		t.Errorf("reverse diff: exit %d:\n%s", code, stdout)
	}
	// A report diffed with itself has no changes.
	stdout, _, code = perfescape(t, "", "", "diff", filepath.Join(tmp, "v2.json"), filepath.Join(tmp, "v2.json"))
	if code != exitOK || stdout != "0 regressions, 0 improvements\n" {
		t.Errorf("self diff: exit %d:\n%s", code, stdout)
	}
}

// TestDiffBase runs diff -base=HEAD in a git repository whose working
// tree has v2 over a committed v1.
func TestDiffBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	copyDir(t, filepath.Join(testdata, "diffmod", "v1"), repo)
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "v1")
	copyDir(t, filepath.Join(testdata, "diffmod", "v2"), repo)
	stdout, stderr, code := perfescape(t, repo, "", "diff", "-base=HEAD")
	if code != exitRegression {
		t.Fatalf("diff -base=HEAD: exit %d, want %d: %s", code, exitRegression, stderr)
	}
	if !strings.Contains(stdout, "new heap allocation: &T{...} escapes to heap") || !strings.HasSuffix(stdout, "1 regressions, 0 improvements\n") {
		t.Errorf("diff -base=HEAD:\n%s", stdout)
	}
	// The temporary worktree is gone.
	out, err := exec.Command("git", "-C", repo, "worktree", "list").Output()
	if err != nil || strings.Count(string(out), "\n") != 1 {
		t.Errorf("worktrees left: %s %v", out, err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadInput: every kind of bad input gives a one-line error (or a
// clean result) and its documented exit code, never a panic.
func TestBadInput(t *testing.T) {
	tmp := t.TempDir()
	m2, err := os.ReadFile(samples + "/synthetic.m2.txt")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 64<<10)
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	jsonStream, err := os.ReadFile(samples + "/synthetic.go-build-json.m1.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   string // substring of the one-line message
		stdout   string // substring of the report, for clean results
		oneLiner bool
	}{
		{"missing file", []string{"-in", filepath.Join(tmp, "nope.txt")}, exitUsage, "no such file", "", true},
		{"binary garbage", []string{"-in", write("garbage.bin", garbage)}, exitUsage, "not a compiler log", "", true},
		{"m=3", []string{"-in", samples + "/synthetic.m3.head150.txt"}, exitUsage, "-m=3 IR dumps", "", true},
		// The cut line is dropped, not also counted as unknown: one warning.
		{"truncated mid-line", []string{"-in", write("cut.txt", m2[:len(m2)/2+7])}, exitOK, "truncated", "total:", true},
		{"no such package", []string{"./nosuchdir"}, exitUsage, "no such package", "", true},
		{"pattern matches nothing", []string{"./nosuch/..."}, exitUsage, "no such package", "", true},
		{"truncated json event", []string{"-in", write("cut.jsonl", jsonStream[:len(jsonStream)-100])}, exitOK, "truncated", "total:", true},
		{"empty", []string{"-in", write("empty.txt", nil)}, exitOK, "", "total: 0 heap", false},
		{"go source is not a log", []string{"-in", samples + "/synthetic.main.go.txt"}, exitUsage, "not a compiler log", "", true},
		{"bad format", []string{"-format=xml", "-in", samples + "/synthetic.m2.txt"}, exitUsage, "unknown -format", "", true},
		{"-in with packages", []string{"-in", samples + "/synthetic.m2.txt", "./..."}, exitUsage, "-in takes no packages", "", true},
		{"diff arity", []string{"diff", samples + "/synthetic.m2.txt"}, exitUsage, "diff needs OLD and NEW", "", true},
		{"bad report", []string{"-in", write("bad.json", []byte(`{"tool": "perfescape", "version": [`))}, exitUsage, "bad perfescape report", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := perfescape(t, "", "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) || !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stderr %q, want %q; stdout %q, want %q", stderr, tt.stderr, stdout, tt.stdout)
			}
			if tt.oneLiner && strings.Count(stderr, "\n") != 1 {
				t.Errorf("want one line on stderr, got:\n%s", stderr)
			}
		})
	}
}

func TestBuildFails(t *testing.T) {
	_, stderr, code := perfescape(t, filepath.Join(testdata, "broken"), "")
	if code != exitBuild || !strings.Contains(stderr, "undefined: undefined") || !strings.Contains(stderr, "go build failed") {
		t.Errorf("exit %d, want %d:\n%s", code, exitBuild, stderr)
	}
}

// TestFormats checks that JSON round-trips through -in and that SARIF has
// what code scanning needs.
func TestFormats(t *testing.T) {
	stdout, _, code := perfescape(t, "", "", "-in", samples+"/synthetic.m2.txt", "-format=json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rep escape.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Tool != "perfescape" || len(rep.Findings) == 0 {
		t.Fatalf("json report: %v, %d findings", err, len(rep.Findings))
	}
	again, _, code := perfescape(t, "", stdout, "-in", "-", "-format=json")
	if code != exitOK || again != stdout {
		t.Errorf("report read back from stdin differs (exit %d)", code)
	}
	stdout, _, code = perfescape(t, "", "", "-in", samples+"/synthetic.m2.txt", "-format=sarif")
	if code != exitOK {
		t.Fatalf("sarif: exit %d", code)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool    struct{ Driver struct{ Name string } }
			Results []struct {
				RuleID    string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "perfescape" {
		t.Fatalf("sarif: %v %+v", err, log)
	}
	heap := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "heap" {
			heap++
		}
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.Region.StartLine < 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" || r.Message.Text == "" {
			t.Errorf("bad result %+v", r)
		}
	}
	if heap != 22 {
		t.Errorf("%d heap results, want 22 (as in the text report)", heap)
	}
}

func TestHelp(t *testing.T) {
	_, stderr, code := perfescape(t, "", "", "-help")
	if code != exitOK || !strings.Contains(stderr, "Exit codes:") || !strings.Contains(stderr, "-almost") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

// TestProfile profiles a small command with runtime/pprof and checks that
// -profile ranks the allocations of the function that used the CPU first,
// with its share, ahead of those of a function earlier in the file that
// never ran while profiling.
func TestProfile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/prof\n\ngo 1.26\n")
	write("main.go", `package main

import (
	"os"
	"runtime/pprof"
	"time"
)

type node struct{ next *node }

var sink *node

//go:noinline
func coldAlloc() *node { return &node{} }

//go:noinline
func hotAlloc(n int) *node {
	var head *node
	for range n {
		head = &node{next: head}
	}
	return head
}

func main() {
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		panic(err)
	}
	for start := time.Now(); time.Since(start) < time.Second; {
		sink = hotAlloc(1000)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		panic(err)
	}
	sink = coldAlloc()
}
`)
	prof := filepath.Join(dir, "cpu.pprof")
	cmd := exec.Command("go", "run", ".", prof)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("profiling: %v\n%s", err, out)
	}
	stdout, stderr, code := perfescape(t, dir, "", "-profile", prof, "-bce=false", ".")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	hotAt, coldAt := strings.Index(stdout, "  hotAlloc (hot: "), strings.Index(stdout, "  coldAlloc\n")
	if hotAt < 0 || coldAt < 0 || hotAt > coldAt {
		t.Errorf("want hotAlloc with its share before coldAlloc:\n%s", stdout)
	}
	if _, stderr, code := perfescape(t, dir, "", "-profile", filepath.Join(dir, "go.mod"), "."); code != 2 || !strings.Contains(stderr, "not a pprof profile") {
		t.Errorf("-profile go.mod: exit %d, want 2 naming the problem\n%s", code, stderr)
	}
}

// TestTwoCheckouts builds the same module at two absolute paths: the
// reports are identical (file names relative to the module root, the
// Go distribution as $GOROOT) and their diff is empty.
func TestTwoCheckouts(t *testing.T) {
	reports := make([]string, 0, 2)
	tmp := t.TempDir()
	for _, name := range []string{"a", "checkout-b/deeper"} {
		dir := filepath.Join(tmp, name)
		copyDir(t, filepath.Join(testdata, "usermod"), dir)
		stdout, stderr, code := perfescape(t, dir, "", "-format=json", "-all", "./...")
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		if strings.Contains(stdout, tmp) {
			t.Errorf("%s: the report names the checkout's absolute path %s", name, tmp)
		}
		file := filepath.Join(tmp, strings.ReplaceAll(name, "/", "-")+".json")
		if err := os.WriteFile(file, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, file)
	}
	a, _ := os.ReadFile(reports[0])
	b, _ := os.ReadFile(reports[1])
	if !bytes.Equal(a, b) {
		t.Errorf("reports of two checkouts differ:\n%s\n----\n%s", a, b)
	}
	stdout, stderr, code := perfescape(t, "", "", "diff", reports[0], reports[1])
	if code != exitOK || stdout != "0 regressions, 0 improvements\n" {
		t.Errorf("diff of two checkouts: exit %d: %s%s", code, stdout, stderr)
	}
}

// TestOwnCode: the default report keeps the package's own functions,
// with the allocations of inlined errors.New and fmt.Errorf on the user's
// lines, and sums up what the compiler said inside std code in one line;
// file names are relative to the working directory (a subdirectory).
func TestOwnCode(t *testing.T) {
	stdout, stderr, code := perfescape(t, filepath.Join(testdata, "usermod", "errs"), "")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The counts inside std change with the Go release; the line must be there.
	stdLine := regexp.MustCompile(`(?m)^(std \(.*\)): \d+ heap allocations, \d+ functions not inlinable, \d+ bounds checks$`)
	if !stdLine.MatchString(stdout) {
		t.Errorf("no summary line for std:\n%s", stdout)
	}
	golden(t, "usermod.golden", stdLine.ReplaceAllString(stdout, "$1: N heap allocations, N functions not inlinable, N bounds checks"))
	if strings.Contains(stdout, "slices.") || strings.Contains(stdout, "GOROOT") {
		t.Errorf("std code in the default report:\n%s", stdout)
	}
	all, _, _ := perfescape(t, filepath.Join(testdata, "usermod", "errs"), "", "-all")
	if !strings.Contains(all, "slices.pdqsortOrdered") {
		t.Errorf("-all does not list std's instantiated generics:\n%s", all)
	}
}

// TestCheck compiles the assertion fixtures for real: every directive
// holds in good, each is violated in bad (with the compiler's reason),
// and invalid's directives (misspelt, misplaced, stale, unverifiable)
// fail rather than pass.
func TestCheck(t *testing.T) {
	mod := filepath.Join(testdata, "assertmod")
	stdout, stderr, code := perfescape(t, mod, "", "check", "./good")
	if code != exitOK || stdout != "7 assertions checked, 0 problems\n" {
		t.Errorf("good: exit %d:\n%s%s", code, stdout, stderr)
	}
	for _, pkg := range []string{"bad", "invalid"} {
		stdout, stderr, code := perfescape(t, mod, "", "check", "./"+pkg)
		if code != exitRegression {
			t.Errorf("%s: exit %d, want %d: %s", pkg, code, exitRegression, stderr)
		}
		golden(t, "check-"+pkg+".golden", stdout)
	}
	// From a subdirectory, names stay relative to the working directory.
	stdout, _, _ = perfescape(t, filepath.Join(mod, "bad"), "", "check")
	if !strings.HasPrefix(stdout, "bad.go:13:9: //perf:noalloc violated") {
		t.Errorf("check in bad/ does not print bad.go relative to it:\n%s", stdout)
	}
	// SARIF: one error per problem, with repository-relative locations.
	stdout, _, code = perfescape(t, mod, "", "check", "-format=sarif", "./bad")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct{ ArtifactLocation struct{ URI string } }
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != exitRegression {
		t.Fatalf("sarif: exit %d, %v:\n%s", code, err, stdout)
	}
	res := log.Runs[0].Results
	if len(res) != 9 || res[0].RuleID != "perf-noalloc" || res[0].Level != "error" ||
		!strings.HasSuffix(res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI, "assertmod/bad/bad.go") {
		t.Errorf("sarif results: %+v", res)
	}
	stdout, _, _ = perfescape(t, mod, "", "check", "-format=github", "./invalid")
	if !strings.Contains(stdout, "::error file=invalid/invalid.go,line=11,col=1,title=perfescape perf-directive::unknown directive //perf:noaloc") {
		t.Errorf("github output:\n%s", stdout)
	}
}

// TestWhy prints the full flow of the allocations on one line.
func TestWhy(t *testing.T) {
	mod := filepath.Join(testdata, "assertmod")
	stdout, stderr, code := perfescape(t, mod, "", "why", "bad/bad.go:20")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "why.golden", stdout)
	stdout, _, code = perfescape(t, mod, "", "why", "good/good.go:21")
	if code != exitOK || stdout != "no heap allocation on good/good.go:21\n" {
		t.Errorf("why on a line without allocation: exit %d:\n%s", code, stdout)
	}
	if _, _, code := perfescape(t, mod, "", "why", "nosuch.go:3"); code != exitUsage {
		t.Errorf("why on a missing file: exit %d, want %d", code, exitUsage)
	}
}

// TestNotAModule: outside a module, patterns match nothing; perfescape
// exits 2 with the go command's reason, as perfvet does.
func TestNotAModule(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GO111MODULE", "on")
	t.Setenv("GOFLAGS", "")
	for pattern, reason := range map[string]string{"./...": "does not contain main module", ".": "go.mod file not found"} {
		_, stderr, code := perfescape(t, dir, "", pattern)
		if code != exitUsage || !strings.Contains(stderr, reason) {
			t.Errorf("perfescape %s outside a module: exit %d, want %d and %q; stderr:\n%s", pattern, code, exitUsage, reason, stderr)
		}
	}
}
