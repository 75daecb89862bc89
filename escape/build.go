package escape

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// A Config says which packages [Compile] builds and how.
type Config struct {
	// Dir is the directory patterns are resolved in (default: the
	// working directory).
	Dir string
	// Patterns are go package patterns (default ".").
	Patterns []string
	// BuildFlags are the user's own go build flags ("-tags=x", "-race"),
	// passed to go list and go build; GOFLAGS in Env applies too. They
	// must be the flags of the user's usual build, so that every
	// dependency comes from the build cache: only the matched packages
	// are compiled again, with -m=2.
	BuildFlags []string
	// BCE also asks the compiler for the bounds checks it leaves
	// (-d=ssa/check_bce/debug=1).
	BCE bool
	// Env is the environment of the go command (default: os.Environ()).
	Env []string
}

// A Package is one package [Compile] matched.
type Package struct {
	ImportPath string
	Name       string
	// Dir is the package's directory; GoFiles are absolute paths.
	Dir     string
	GoFiles []string
}

// A Compilation is the result of [Compile].
type Compilation struct {
	// Module is the main module's path ("" outside a module); positions
	// of its files are relative to its root, Options.Root. Module and
	// Packages are set by Load, or, after Start, by Run.
	Module   string
	Packages []Package
	// Dir is the directory the patterns were resolved in (absolute).
	Dir string
	// Options are the naming options the diagnostics were read with:
	// [Options.Disk] and [Options.Display] turn their file names into
	// paths on disk and paths relative to the working directory.
	Options Options
	Stats   *Stats
	// Warnings are problems that did not stop the build, e.g. output the
	// build cache replayed with names relative to another directory.
	Warnings []string

	cfg     *Config
	ownDirs map[string]bool // canonical directories of Packages
	// buildPatterns are the patterns relative to the module root that Run
	// builds when Start did not resolve them; listPatterns the user's,
	// for the go list that Run runs beside the build.
	buildPatterns, listPatterns []string
}

// Origin returns where the code at a canonical file name comes from: ""
// for the main module and the matched packages (the user's code), else
// as [Origin] says ("std", "module@version", "other").
func (c *Compilation) Origin(file string) string {
	o := Origin(file)
	if o == "" {
		return ""
	}
	if i := strings.LastIndexByte(file, '/'); i >= 0 && c.ownDirs[file[:i]] {
		return ""
	}
	return o
}

// A BuildError is a failed go build: compile errors, or a go command
// error. Output is what it printed.
type BuildError struct {
	Output string
}

func (e *BuildError) Error() string { return "go build failed:\n" + e.Output }

// A PatternError is a pattern that matches no package, or a package that
// cannot be loaded.
type PatternError struct {
	Msg string
}

func (e *PatternError) Error() string { return e.Msg }

// Compile is [Start] followed by [Compilation.Run].
func Compile(ctx context.Context, cfg *Config, visit func(*Diagnostic)) (*Compilation, error) {
	c, err := Start(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := c.Run(ctx, visit); err != nil {
		return nil, err
	}
	return c, nil
}

// Load resolves cfg's patterns with go list (in cfg.Dir, with the user's
// build flags) and finds the main module, the Go distribution and the
// module cache, which name the files of the compiler's output. It returns
// a [PatternError] when a pattern matches nothing.
func Load(ctx context.Context, cfg *Config) (*Compilation, error) {
	c, patterns, err := prepare(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := c.resolve(ctx, patterns); err != nil {
		return nil, err
	}
	return c, nil
}

// Start is [Load] without waiting for go list when every pattern names
// directories of the main module ("." or "./..." in the module, the
// usual case): then [Compilation.Run] builds those patterns at once, from
// the module root, while go list resolves them beside it, and fills in
// Packages and Module when the build is done. The go list that Load runs
// first costs about as much as compiling a small package again.
func Start(ctx context.Context, cfg *Config) (*Compilation, error) {
	c, patterns, err := prepare(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if rel, ok := c.rootPatterns(patterns); ok {
		c.buildPatterns, c.listPatterns = rel, patterns
		return c, nil
	}
	if err := c.resolve(ctx, patterns); err != nil {
		return nil, err
	}
	return c, nil
}

// prepare reads go env in cfg's directory and returns the compilation
// before its packages are resolved, and the patterns.
func prepare(ctx context.Context, cfg *Config) (*Compilation, []string, error) {
	dir := cfg.Dir
	if dir == "" {
		dir = "."
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	env, err := goEnv(ctx, cfg, dir)
	if err != nil {
		return nil, nil, err
	}
	c := &Compilation{cfg: cfg, Dir: dir, Options: Options{GOROOT: env.GOROOT, ModCache: env.GOMODCACHE}, ownDirs: map[string]bool{}}
	if env.GOMOD != "" && env.GOMOD != os.DevNull {
		c.Options.Root = filepath.Dir(env.GOMOD)
	}
	c.Options.Dir = c.Options.Root
	if c.Options.Dir == "" {
		c.Options.Dir = dir
	}
	return c, patterns, nil
}

// resolve runs go list for the patterns and fills in the packages.
func (c *Compilation) resolve(ctx context.Context, patterns []string) error {
	if err := c.list(ctx, c.cfg, c.Dir, patterns); err != nil {
		return err
	}
	for _, p := range c.Packages {
		c.ownDirs[path.Dir(c.Options.canonical(filepath.Join(p.Dir, "x.go")))] = true
	}
	return nil
}

// rootPatterns rewrites directory patterns ("./...", ".", "../x") made in
// c.Dir relative to the module root, and reports whether all of them lie
// inside the module.
func (c *Compilation) rootPatterns(patterns []string) ([]string, bool) {
	if c.Options.Root == "" {
		return nil, false
	}
	rel := make([]string, 0, len(patterns))
	for _, p := range patterns {
		if p != "." && p != ".." && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
			return nil, false
		}
		base, dots := strings.CutSuffix(p, "/...")
		if strings.Contains(base, "...") {
			return nil, false
		}
		r, err := filepath.Rel(c.Options.Root, filepath.Join(c.Dir, base))
		if err != nil || r == ".." || strings.HasPrefix(r, "../") {
			return nil, false
		}
		q := "./" + filepath.ToSlash(r)
		if r == "." {
			q = "."
		}
		if dots {
			q += "/..."
		}
		rel = append(rel, q)
	}
	return rel, true
}

// Run builds the packages with -gcflags=PKG=-m=2 (and bounds checks when
// Config.BCE) for each of them, and calls visit with each diagnostic of
// the compiler's output, file names in canonical form (see [Origin]):
// files of the main module relative to its root, so that two checkouts
// give the same names. A diagnostic is not reused after visit returns. A
// failed build is a [BuildError].
//
// No -trimpath: the build uses the user's flags, so every dependency
// comes from the build cache and only the matched packages are compiled.
// go build runs in the module root, always: the go command caches the
// compiler's output with file names relative to the directory of the
// first build, and replays it verbatim.
func (c *Compilation) Run(ctx context.Context, visit func(*Diagnostic)) error {
	cfg := c.cfg
	flags := "-m=2"
	if cfg.BCE {
		flags += " -d=ssa/check_bce/debug=1"
	}
	// -o to the null device: go build refuses a directory when no package
	// is a command, and nothing may be written to the user's tree. Text,
	// not -json: go build -json carries a package's whole output in one
	// event (86 MB for go/types at -m=2), the text is read line by line.
	args := make([]string, 0, 4+len(cfg.BuildFlags)+2*len(c.Packages))
	args = append(args, "build", "-o", os.DevNull)
	args = append(args, cfg.BuildFlags...)
	targets := c.buildPatterns
	if targets == nil {
		for _, p := range c.Packages {
			targets = append(targets, p.ImportPath)
		}
	}
	for _, t := range targets {
		args = append(args, "-gcflags="+t+"="+flags)
	}
	args = append(args, "--")
	args = append(args, targets...)
	// Started without go list: resolve the patterns beside the build.
	var listed chan error
	var lc *Compilation
	if c.listPatterns != nil {
		listed = make(chan error, 1)
		lc = &Compilation{cfg: c.cfg, Dir: c.Dir, Options: c.Options, ownDirs: map[string]bool{}}
		go func() { listed <- lc.resolve(ctx, c.listPatterns) }()
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = c.Options.Dir
	cmd.Env = cfg.Env
	pipe, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return &BuildError{Output: err.Error()}
	}
	sc := NewScanner(pipe, &c.Options)
	// Compile errors and the go command's own messages, for a failed build.
	var compileErrors []string
	exists := map[string]bool{}
	var missing []string
	for sc.Scan() {
		d := sc.Diagnostic()
		if (d.Kind == Unknown || d.Kind == GoCommand) && len(compileErrors) < 20 {
			msg := d.Text
			if d.Pos.IsKnown() {
				msg = c.Options.Display(d.Pos.File, c.Dir) + strings.TrimPrefix(d.Pos.String(), d.Pos.File) + ": " + msg
			}
			compileErrors = append(compileErrors, msg)
		}
		if f := d.Pos.File; c.Options.Root != "" && f != "" && f[0] != '<' && Origin(f) == "" {
			if _, seen := exists[f]; !seen {
				_, err := os.Stat(c.Options.Disk(f))
				exists[f] = err == nil
				if err != nil {
					missing = append(missing, f)
				}
			}
		}
		visit(d)
	}
	_, _ = io.Copy(io.Discard, pipe)
	waitErr := cmd.Wait()
	c.Stats = sc.Stats()
	if listed != nil {
		// A pattern that matches nothing is the error to report, not the
		// build's complaint about it.
		if err := <-listed; err != nil {
			return err
		}
		c.Packages, c.Module, c.listPatterns = lc.Packages, lc.Module, nil
		maps.Copy(c.ownDirs, lc.ownDirs)
	}
	if waitErr != nil || len(c.Stats.BuildFailed) > 0 {
		msg := strings.Join(compileErrors, "\n")
		if msg == "" && waitErr != nil {
			msg = waitErr.Error()
		}
		return &BuildError{Output: msg}
	}
	if len(missing) > 0 {
		c.Warnings = append(c.Warnings, fmt.Sprintf("the compiler's output names %d files that do not exist below %s (first: %s): the build cache replayed output made in another directory; go clean -cache, or change the flags, to rebuild", len(missing), c.Options.Root, missing[0]))
	}
	return sc.Err()
}

type goEnvVars struct{ GOROOT, GOMODCACHE, GOMOD string }

func goEnv(ctx context.Context, cfg *Config, dir string) (*goEnvVars, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "-json", "GOROOT", "GOMODCACHE", "GOMOD")
	cmd.Dir = dir
	cmd.Env = cfg.Env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	var v goEnvVars
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	return &v, nil
}

// list resolves the patterns with go list, in the user's directory.
func (c *Compilation) list(ctx context.Context, cfg *Config, dir string, patterns []string) error {
	args := make([]string, 0, 4+len(cfg.BuildFlags)+len(patterns))
	args = append(args, "list", "-e", "-json=ImportPath,Name,Dir,GoFiles,CgoFiles,Module,Error,DepOnly")
	args = append(args, cfg.BuildFlags...)
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = cfg.Env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return &PatternError{Msg: "go list: " + strings.TrimSpace(stderr.String())}
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Name, Dir string
			GoFiles, CgoFiles     []string
			Module                *struct {
				Path, Dir string
				Main      bool
			}
			Error *struct{ Err string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("go list: %w", err)
		}
		if p.Error != nil && len(p.GoFiles)+len(p.CgoFiles) == 0 {
			first, _, _ := strings.Cut(strings.TrimSpace(p.Error.Err), "\n")
			return &PatternError{Msg: "no such package: " + strings.TrimSuffix(first, "; to add it:")}
		}
		if p.Module != nil && p.Module.Main && c.Module == "" {
			c.Module = p.Module.Path
			if c.Options.Root == "" {
				c.Options.Root, c.Options.Dir = p.Module.Dir, p.Module.Dir
			}
		}
		pkg := Package{ImportPath: p.ImportPath, Name: p.Name, Dir: p.Dir}
		for _, f := range append(p.GoFiles, p.CgoFiles...) {
			pkg.GoFiles = append(pkg.GoFiles, filepath.Join(p.Dir, f))
		}
		c.Packages = append(c.Packages, pkg)
	}
	if len(c.Packages) == 0 {
		return &PatternError{Msg: strings.Join(patterns, " ") + ": matched no packages"}
	}
	return nil
}
