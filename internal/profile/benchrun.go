package profile

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// A cached -hot.bench run costs what it takes to know that nothing
// changed. Finding each package's cache key takes a go list of the
// packages and their dependencies (0.1 to 0.25 s of CPU on the modules
// judged for issue #26, a quarter of a small module's whole analysis). A
// run manifest makes the common case cheaper: for one invocation (the
// patterns, the directory, the options and the go command's environment)
// it records the keys a full run computed and a stamp (size and
// modification time) of every file and directory those keys read: the
// local packages' sources and directories, every directory below a
// "./..." pattern (a new package is a change), the modules' go.mod, go.sum
// and go.work, the go env -w file, and the go command itself. When every stamp still holds,
// the keys still hold, and no go command runs at all. Versioned
// dependencies are covered by go.sum; the standard library by the go
// command's stamp (a new toolchain is a new binary).

// runManifest is what a full run leaves for the next.
type runManifest struct {
	// Scheme is benchScheme when the run was made: keys computed by
	// another way of keying (an older perfvet) name other cache entries,
	// so such a manifest is not used.
	Scheme  int
	Stamps  []fileStamp
	Results []manifestResult // in the order of BenchRun.Results
}

type fileStamp struct {
	Path    string
	Size    int64
	ModTime int64 // nanoseconds; a directory's changes when a file is added or removed
}

type manifestResult struct {
	Pkg string
	Key string // the package's cache entry; "" when it has no benchmark matching the regexp
}

// manifestPath returns the file of the run manifest for this invocation.
func manifestPath(patterns []string, opts BenchOptions) string {
	h := sha256.New()
	dir, _ := filepath.Abs(opts.Dir)
	fmt.Fprintf(h, "perfvet bench run 1\x00%s\x00%s\x00%s\x00", dir, opts.Regexp, opts.BenchTime)
	for _, p := range patterns {
		fmt.Fprintf(h, "%s\x00", p)
	}
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	var goVars []string
	for _, kv := range env {
		// What the go command builds depends on these (GOFLAGS, GOOS,
		// GOARCH, GOEXPERIMENT, GOWORK, GOTOOLCHAIN, CGO_ENABLED, ...).
		if strings.HasPrefix(kv, "GO") || strings.HasPrefix(kv, "CGO_") {
			goVars = append(goVars, kv)
		}
	}
	sort.Strings(goVars)
	for _, kv := range goVars {
		fmt.Fprintf(h, "%s\x00", kv)
	}
	return filepath.Join(opts.CacheDir, "runs", hex.EncodeToString(h.Sum(nil))[:32]+".json")
}

// stamp returns the stamp of path, or false when it cannot be read.
func stamp(path string) (fileStamp, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	return fileStamp{Path: path, Size: st.Size(), ModTime: st.ModTime().UnixNano()}, true
}

// fresh reports whether every stamp of m still holds.
func (m *runManifest) fresh() bool {
	for _, want := range m.Stamps {
		if got, ok := stamp(want.Path); !ok || got != want {
			return false
		}
	}
	return len(m.Stamps) > 0
}

// readManifest returns the manifest at path, or nil.
func readManifest(path string) *runManifest {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var m runManifest
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	return &m
}

// fromManifest returns the run the manifest at path describes when it is
// fresh and every package it benchmarked has its cache entry still; nil
// otherwise (the caller lists and keys as usual).
func fromManifest(path string, opts BenchOptions) *BenchRun {
	m := readManifest(path)
	if m == nil || m.Scheme != benchScheme || !m.fresh() {
		return nil
	}
	run := &BenchRun{Results: make([]BenchResult, len(m.Results)), FromManifest: true}
	for i, r := range m.Results {
		run.Results[i].Pkg = r.Pkg
		if r.Key == "" {
			continue
		}
		res, ok := readCached(filepath.Join(opts.CacheDir, r.Key))
		if !ok {
			return nil // evicted, or a run that timed out: run it again
		}
		res.Pkg, res.Cached = r.Pkg, true
		run.Results[i] = res
	}
	return run
}

// writeManifest records a full run: the packages' keys (keys[i] for
// pkgs[i], "" for none) and the stamps of what the keys read. Errors are
// ignored: without a manifest the next run lists again.
func writeManifest(path string, patterns []string, opts BenchOptions, pkgs []listed, byPath map[string]*listed, keys []string) {
	m := runManifest{Scheme: benchScheme, Results: make([]manifestResult, len(pkgs))}
	seen := make(map[string]bool)
	add := func(path string) bool {
		if seen[path] {
			return true
		}
		seen[path] = true
		s, ok := stamp(path)
		if ok {
			m.Stamps = append(m.Stamps, s)
		}
		return ok
	}
	if goCmd, err := exec.LookPath("go"); err != nil || !add(goCmd) {
		return
	}
	if dir, err := os.UserConfigDir(); err == nil {
		add(filepath.Join(dir, "go", "env")) // go env -w settings (GOFLAGS, ...)
	}
	local := func(p *listed) {
		add(p.Dir)
		for _, name := range slices.Concat(p.GoFiles, p.CgoFiles, p.TestGoFiles, p.XTestGoFiles, p.EmbedFiles) {
			add(filepath.Join(p.Dir, name))
		}
		if p.Module != nil && p.Module.Dir != "" {
			add(p.Module.Dir) // a go.work created there
			for _, name := range []string{"go.mod", "go.sum", "go.work", "go.work.sum"} {
				add(filepath.Join(p.Module.Dir, name))
			}
		}
	}
	// A pattern with "..." matches packages yet to be made: every
	// directory of its tree is stamped, so a new one is a change.
	for _, pat := range patterns {
		root, ok := strings.CutSuffix(pat, "...")
		if !ok || !strings.HasPrefix(pat, ".") {
			continue
		}
		_ = filepath.WalkDir(filepath.Join(opts.Dir, root), func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			name := d.Name()
			if path != filepath.Join(opts.Dir, root) && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			add(path)
			return nil
		})
	}
	for i := range pkgs {
		p := &pkgs[i]
		m.Results[i] = manifestResult{Pkg: p.ImportPath, Key: keys[i]}
		local(p) // with no benchmark yet too: a file added may add one
		if keys[i] == "" {
			continue
		}
		main := byPath[p.ImportPath+".test"]
		if main == nil {
			continue
		}
		for _, d := range main.Deps {
			if dep := byPath[d]; dep != nil && !dep.Standard && (dep.Module == nil || dep.Module.Replace != nil || dep.Module.Version == "") {
				local(dep)
			}
		}
	}
	data, err := json.Marshal(m)
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		tmp := path + ".tmp"
		if os.WriteFile(tmp, data, 0o644) == nil {
			_ = os.Rename(tmp, path)
		}
	}
}
