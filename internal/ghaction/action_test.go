// Package ghaction tests the repository's GitHub Action (action.yml): its
// inputs against the table in docs/integrations.md, and its shell steps,
// run with bash against a scratch repository in a fake runner environment.
// The action itself cannot run here (no GitHub runner, no network to
// GitHub), nor can its uses: steps (actions/setup-go is the caller's,
// upload-sarif is GitHub's); for those the test checks the pin and the
// inputs passed.
package ghaction

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type action struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string  `yaml:"description"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []step `yaml:"steps"`
	} `yaml:"runs"`
}

type step struct {
	ID               string            `yaml:"id"`
	Name             string            `yaml:"name"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func load(t *testing.T) *action {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true) // a misspelt key is an error, as on GitHub
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a
}

// TestInputsMatchDocs keeps the table of inputs (names and defaults) in
// docs/integrations.md in step with action.yml.
func TestInputsMatchDocs(t *testing.T) {
	a := load(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	section := string(readme)
	start := strings.Index(section, "## GitHub Action\n")
	if start < 0 {
		t.Fatal("docs/integrations.md has no GitHub Action section")
	}
	section = section[start:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end]
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\| (?:`([^`]*)`)? *\\|")
	documented := make(map[string]string)
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		documented[m[1]] = m[2]
	}
	for name, in := range a.Inputs {
		def, ok := documented[name]
		switch {
		case !ok:
			t.Errorf("input %s is not in the table of docs/integrations.md", name)
		case in.Default == nil:
			t.Errorf("input %s has no default", name)
		case def != *in.Default:
			t.Errorf("input %s: docs/integrations.md says default %q, action.yml %q", name, def, *in.Default)
		case in.Description == "":
			t.Errorf("input %s has no description", name)
		}
	}
	for name := range documented {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("docs/integrations.md documents input %s, which action.yml lacks", name)
		}
	}
	if !strings.Contains(section, "uses: perfvet/perfvet@") {
		t.Error("the GitHub Action section of docs/integrations.md has no uses: block")
	}
}

// TestUsesStepsArePinned checks the steps that cannot run here.
func TestUsesStepsArePinned(t *testing.T) {
	a := load(t)
	for _, s := range a.Runs.Steps {
		if s.Uses == "" {
			if s.Shell != "bash" || s.Run == "" {
				t.Errorf("step %q: neither uses nor a bash run", s.Name)
			}
			if strings.Contains(s.Run, "${{") {
				t.Errorf("step %q expands an expression into its script; pass it through env", s.Name)
			}
			continue
		}
		if !regexp.MustCompile(`^[\w-]+/[\w/-]+@v\d+$`).MatchString(s.Uses) {
			t.Errorf("step %q uses %q: want owner/repo@vN", s.Name, s.Uses)
		}
		if s.Uses == "github/codeql-action/upload-sarif@v3" {
			if !strings.Contains(s.With["sarif_file"], "inputs.sarif-file") || s.With["category"] == "" {
				t.Errorf("upload-sarif's inputs: %v", s.With)
			}
		}
	}
}

// A runner is a fake GitHub runner: it evaluates the expressions the
// action uses and runs its bash steps as the runner would.
type runner struct {
	t         *testing.T
	action    *action
	inputs    map[string]string
	github    map[string]string
	workspace string
	outputs   map[string]map[string]string // step id → outputs
	path      []string                     // $GITHUB_PATH additions
	// done lists steps already run by an earlier runner (the install),
	// whose outputs and path are given.
	done map[string]bool
	tmp  string // RUNNER_TEMP, where the install step puts the binaries
}

var expr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// value evaluates one reference: inputs.X, github.X, steps.ID.outputs.X.
func (r *runner) value(ref string) string {
	parts := strings.Split(ref, ".")
	switch {
	case parts[0] == "inputs" && len(parts) == 2:
		if v, ok := r.inputs[parts[1]]; ok {
			return v
		}
		in, ok := r.action.Inputs[parts[1]]
		if !ok {
			r.t.Fatalf("action.yml refers to undeclared input %s", parts[1])
		}
		return *in.Default
	case parts[0] == "github" && len(parts) == 2:
		v, ok := r.github[parts[1]]
		if !ok {
			r.t.Fatalf("the fake runner has no github.%s", parts[1])
		}
		return v
	case parts[0] == "steps" && len(parts) == 4 && parts[2] == "outputs":
		return r.outputs[parts[1]][parts[3]]
	}
	r.t.Fatalf("the fake runner cannot evaluate %q", ref)
	return ""
}

func (r *runner) expand(s string) string {
	return expr.ReplaceAllStringFunc(s, func(m string) string { return r.value(expr.FindStringSubmatch(m)[1]) })
}

// condition evaluates an if: made of && of `ref == 'lit'`, `ref != 'lit'`
// and !cancelled().
func (r *runner) condition(cond string) bool {
	if cond == "" {
		return true
	}
	cond = strings.TrimSpace(expr.ReplaceAllString(cond, "$1"))
	comparison := regexp.MustCompile(`^([\w.-]+) (==|!=) '([^']*)'$`)
	for _, term := range strings.Split(cond, "&&") {
		term = strings.TrimSpace(term)
		if term == "!cancelled()" {
			continue
		}
		m := comparison.FindStringSubmatch(term)
		if m == nil {
			r.t.Fatalf("the fake runner cannot evaluate %q", term)
		}
		if (r.value(m[1]) == m[3]) != (m[2] == "==") {
			return false
		}
	}
	return true
}

// run runs the action's steps until one fails, and returns the exit code
// of the last step run and the output of all.
func (r *runner) run() (int, string) {
	var log strings.Builder
	if r.outputs == nil {
		r.outputs = make(map[string]map[string]string)
	}
	tmp := r.tmp
	for i := range r.action.Runs.Steps {
		s := &r.action.Runs.Steps[i]
		if !r.condition(s.If) || r.done[s.ID] {
			continue
		}
		if s.Uses != "" {
			fmt.Fprintf(&log, "[skipped %s: cannot run here]\n", s.Uses)
			continue
		}
		outFile, pathFile := filepath.Join(tmp, fmt.Sprint("output", i)), filepath.Join(tmp, fmt.Sprint("path", i))
		for _, f := range []string{outFile, pathFile} {
			if err := os.WriteFile(f, nil, 0o644); err != nil {
				r.t.Fatal(err)
			}
		}
		script := filepath.Join(tmp, fmt.Sprint("step", i, ".sh"))
		if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
			r.t.Fatal(err)
		}
		// As GitHub runs shell: bash.
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = filepath.Join(r.workspace, r.expand(s.WorkingDirectory))
		env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "GITHUB_") })
		env = append(env, "GITHUB_OUTPUT="+outFile, "GITHUB_PATH="+pathFile, "RUNNER_TEMP="+tmp, "GITHUB_WORKSPACE="+r.workspace)
		if len(r.path) > 0 {
			env = append(env, "PATH="+strings.Join(r.path, ":")+":"+os.Getenv("PATH"))
		}
		for k, v := range s.Env {
			env = append(env, k+"="+r.expand(v))
		}
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		fmt.Fprintf(&log, "[%s]\n%s", s.Name, out)
		r.outputs[s.ID] = readOutputs(r.t, outFile)
		if p, _ := os.ReadFile(pathFile); len(p) > 0 {
			r.path = append(r.path, strings.Fields(string(p))...)
		}
		if err != nil {
			code := -1
			if exit, ok := err.(*exec.ExitError); ok {
				code = exit.ExitCode()
			}
			return code, log.String()
		}
	}
	return 0, log.String()
}

func readOutputs(t *testing.T, file string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string)
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

// scratchRepo makes an "origin" repository whose main branch holds a
// module with one concatloop finding (Join), and a clone of it (the
// workspace) checked out on a pull request branch whose commit adds a
// second (Counts) and a heap allocation (Counter). After the clone, main
// moves on and deletes Join: a diff against main's tip would take Join's
// lines for the pull request's, the merge base does not. With shallow, the
// clone has one commit, as actions/checkout makes it.
func scratchRepo(t *testing.T, shallow bool) (workspace string) {
	t.Helper()
	dir := t.TempDir()
	origin, workspace := filepath.Join(dir, "origin"), filepath.Join(dir, "workspace")
	git := func(in string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = in
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(origin, "go.mod"), "module example.com/actionfixture\n\ngo 1.26\n")
	write(filepath.Join(origin, "join", "join.go"), `package join

// Join joins the parts, each followed by a comma.
func Join(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p + ","
	}
	return s
}
`)
	git(origin, "init", "-q", "-b", "main")
	git(origin, "add", ".")
	git(origin, "commit", "-qm", "base")
	if shallow {
		git(dir, "clone", "-q", "--depth=1", "file://"+origin, workspace)
	} else {
		git(dir, "clone", "-q", origin, workspace)
	}
	git(workspace, "checkout", "-qb", "pr")
	write(filepath.Join(workspace, "join", "count.go"), `package join

import "strconv"

// Counter returns a new counter; the pull request moves it to the heap.
func Counter() *int {
	n := 0
	return &n
}

// Counts lists the counts, each followed by a comma.
func Counts(ns []int) string {
	s := ""
	for _, n := range ns {
		s += strconv.Itoa(n) + ","
	}
	return s
}
`)
	git(workspace, "add", ".")
	git(workspace, "commit", "-qm", "a heap allocation")
	write(filepath.Join(origin, "join", "join.go"), "package join\n")
	git(origin, "commit", "-qam", "main moves on: Join goes")
	return workspace
}

func newRunner(t *testing.T, workspace string, inputs map[string]string) *runner {
	return &runner{
		t:         t,
		action:    load(t),
		inputs:    inputs,
		workspace: workspace,
		github:    map[string]string{"action_path": repoRoot(t), "base_ref": "main"}, // a pull request into main
		tmp:       t.TempDir(),
	}
}

// installed returns a runner whose install step has run already, as
// installer's did: installing once saves a link of both binaries per case.
func installed(t *testing.T, installer *runner, inputs map[string]string) *runner {
	r := newRunner(t, installer.workspace, inputs)
	r.done = map[string]bool{"install": true}
	r.outputs = map[string]map[string]string{"install": installer.outputs["install"]}
	r.path = installer.path
	return r
}

// TestRunSteps runs the action's shell steps: install from the action's
// checkout, perfvet to SARIF (with a profile), perfescape diff against the
// base branch.
func TestRunSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds perfvet and perfescape and runs go build twice")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	workspace := scratchRepo(t, false)
	writeProfile(t, filepath.Join(workspace, "cpu.pprof"))

	first := newRunner(t, workspace, map[string]string{"profile": "cpu.pprof"})
	t.Run("findings in code scanning only", func(t *testing.T) {
		r := first
		r.t = t
		code, log := r.run()
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, log)
		}
		// The pull request's own finding, not Join's in unchanged code.
		if got := r.outputs["run"]["findings"]; got != "1" || !strings.Contains(log, "1 more finding on lines not changed since the merge base with refs/remotes/origin/main") {
			t.Errorf("findings output %q, want 1 and Join's left out\n%s", got, log)
		}
		sarifFile := filepath.Join(workspace, r.outputs["run"]["sarif-file"])
		var sarif struct {
			Runs []struct {
				Results []struct {
					RuleID     string `json:"ruleId"`
					Properties struct {
						Heat struct {
							Profile *struct{} `json:"profile"`
						} `json:"heat"`
					} `json:"properties"`
				} `json:"results"`
			} `json:"runs"`
		}
		data, err := os.ReadFile(sarifFile)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &sarif); err != nil {
			t.Fatalf("%s: %v", sarifFile, err)
		}
		// The profile never saw the fixture's code: perfvet ignores it
		// (static heat) and says so (issue #26), so no profile heat.
		if len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 || sarif.Runs[0].Results[0].RuleID != "concatloop" ||
			sarif.Runs[0].Results[0].Properties.Heat.Profile != nil || !strings.Contains(string(data), "count.go") ||
			!strings.Contains(log, "has no samples in the analysed packages") {
			t.Errorf("SARIF: %s", data)
		}
		// What upload-sarif would be given exists.
		upload := r.expand("${{ inputs.working-directory }}/${{ inputs.sarif-file }}")
		if _, err := os.Stat(filepath.Join(workspace, upload)); err != nil {
			t.Errorf("upload-sarif's sarif_file: %v", err)
		}
	})

	t.Run("push: the whole tree", func(t *testing.T) {
		r := installed(t, first, map[string]string{"upload-sarif": "false"})
		r.github["base_ref"] = ""
		if code, log := r.run(); code != 0 || r.outputs["run"]["findings"] != "2" || strings.Contains(log, "left out") {
			t.Errorf("exit %d, findings %q, want Join's and Counts'\n%s", code, r.outputs["run"]["findings"], log)
		}
		r = installed(t, first, map[string]string{"upload-sarif": "false", "new-code": "false"})
		if code, log := r.run(); code != 0 || r.outputs["run"]["findings"] != "2" {
			t.Errorf("new-code false: exit %d, findings %q, want 2\n%s", code, r.outputs["run"]["findings"], log)
		}
	})

	t.Run("shallow checkout", func(t *testing.T) {
		r := installed(t, first, map[string]string{"upload-sarif": "false", "profile": ""})
		r.workspace = scratchRepo(t, true)
		if code, log := r.run(); code != 0 || r.outputs["run"]["findings"] != "1" {
			t.Errorf("exit %d, findings %q, want the pull request's 1\n%s", code, r.outputs["run"]["findings"], log)
		}
	})

	t.Run("fail on findings", func(t *testing.T) {
		r := installed(t, first, map[string]string{"fail-on-findings": "true", "upload-sarif": "false"})
		if code, log := r.run(); code != 3 {
			t.Errorf("exit %d, want perfvet's 3\n%s", code, log)
		}
	})

	t.Run("escape diff", func(t *testing.T) {
		r := installed(t, first, map[string]string{"escape-diff": "true", "upload-sarif": "false"})
		code, log := r.run()
		if code != 1 || !strings.Contains(log, "Counter") {
			t.Errorf("exit %d, want perfescape diff's 1 naming Counter's new allocation\n%s", code, log)
		}
		// Not a pull request: no base branch, no diff.
		r = installed(t, first, map[string]string{"escape-diff": "true", "upload-sarif": "false"})
		r.github["base_ref"] = ""
		if code, log := r.run(); code != 0 {
			t.Errorf("without a base branch: exit %d\n%s", code, log)
		}
	})

	t.Run("bad flag", func(t *testing.T) {
		r := installed(t, first, map[string]string{"flags": "-nosuchflag", "upload-sarif": "false"})
		if code, log := r.run(); code != 2 {
			t.Errorf("exit %d, want perfvet's usage error 2\n%s", code, log)
		}
	})
}

// writeProfile writes a short CPU profile of the test process: a valid
// pprof file that never saw the fixture's code.
func writeProfile(t *testing.T, name string) {
	t.Helper()
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
