package profile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// A Source gives the profiles that measure the packages of one run. The
// driver layer builds it before analysis (Open) and hands it to the heat
// analyzer, which asks once per package. It must be safe for concurrent
// use. A Set is the Source of files named on the command line; AutoSource
// finds default.pgo per package.
type Source interface {
	// For returns the profiles for the package pkgPath whose files are in
	// dir; nil when none applies (heat is then static only).
	For(pkgPath, dir string) (*Set, error)
}

// FromTestBinaries reports whether src's profiles were taken of test
// binaries (go test -bench: BenchSource). A test binary names the
// functions of the command it tests by its import path, as any
// package's, and "main." names its generated test main, so a command's
// code is looked up by its import path there, and by "main." in a
// program's profile.
func FromTestBinaries(src Source) bool {
	t, ok := src.(interface{ TestBinaries() bool })
	return ok && t.TestBinaries()
}

// Auto is the -hot.profile value that finds default.pgo as go build
// -pgo=auto does.
const Auto = "auto"

// SplitPaths splits a -hot.profile value: paths separated by commas.
func SplitPaths(spec string) []string {
	var out []string
	for p := range strings.SplitSeq(spec, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Off is the -hot.profile value for static heat only.
const Off = "off"

// Default is -hot.profile's default: profile first, with the profile go
// build -pgo=auto would use where there is one.
const Default = Auto

// Open returns the Source a -hot.profile value names: nil for "" and
// "off", Auto's for "auto" (resolved per package when asked), else the
// Set of the comma-separated files and http(s) URLs (fetched now, into a
// temporary directory: Fetch), read now so that a bad file is reported
// before analysis. A relative path is taken from the working directory.
// Every Source is wrapped in Matched: a package the profile has no
// samples in gets none (static heat), and Matched.Warning says so.
func Open(spec string) (Source, error) {
	paths := SplitPaths(spec)
	switch {
	case len(paths) == 0 || spec == Off:
		return nil, nil
	case len(paths) > 1 && (slices.Contains(paths, Auto) || slices.Contains(paths, Off)):
		return nil, errors.New("-hot.profile=auto and -hot.profile=off stand alone")
	case spec == Auto:
		return &Matched{Source: AutoSource{}}, nil
	}
	set, err := OpenFiles(paths)
	if err != nil {
		return nil, err
	}
	return &Matched{Source: set}, nil
}

// OpenFiles reads profiles from files and http(s) URLs (Fetch, with
// DefaultFetchTimeout).
func OpenFiles(paths []string) (*Set, error) {
	var tmp string
	files := make([]string, 0, len(paths))
	for _, p := range paths {
		if !IsURL(p) {
			files = append(files, p)
			continue
		}
		if tmp == "" {
			var err error
			if tmp, err = os.MkdirTemp("", "perfvet-profile-"); err != nil {
				return nil, err
			}
		}
		file, err := Fetch(context.Background(), p, tmp, DefaultFetchTimeout)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	set, err := LoadFiles(files)
	if err != nil {
		hint := ""
		if errors.Is(err, fs.ErrNotExist) && slices.ContainsFunc(files, func(p string) bool { return !filepath.IsAbs(p) }) {
			hint = " (go vet runs the tool in each package's directory: give an absolute path)"
		}
		return nil, fmt.Errorf("-hot.profile: %w%s", err, hint)
	}
	return set, nil
}

// A Flag is the -hot.profile flag: comma-separated files, and each
// repetition of the flag adds its files to the list. Spec holds the value
// for Open.
type Flag struct{ Spec *string }

func (f Flag) String() string {
	if f.Spec == nil {
		return ""
	}
	return *f.Spec
}

// Set adds v's files to the list; a value replaces the default (auto)
// and off.
func (f Flag) Set(v string) error {
	if *f.Spec != "" && *f.Spec != Auto && *f.Spec != Off && v != "" && v != Auto && v != Off {
		v = *f.Spec + "," + v
	}
	*f.Spec = v
	return nil
}

// cacheKey returns the key of a list of files in the process's cache (their
// absolute paths, sizes and modification times) and the absolute paths.
func cacheKey(paths []string) (string, []string, error) {
	var key strings.Builder
	abs := make([]string, 0, len(paths))
	for _, path := range paths {
		a, err := filepath.Abs(path)
		if err != nil {
			return "", nil, err
		}
		st, err := os.Stat(a)
		if err != nil {
			return "", nil, err
		}
		fmt.Fprintf(&key, "%s\x00%d\x00%d\x00", a, st.Size(), st.ModTime().UnixNano())
		abs = append(abs, a)
	}
	return key.String(), abs, nil
}

// A setCache computes each key's profile set once per process.
type setCache struct {
	mu sync.Mutex
	m  map[string]*setEntry
}

type setEntry struct {
	once sync.Once
	set  *Set
	err  error
}

func (c *setCache) get(key string, load func() (*Set, error)) (*Set, error) {
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]*setEntry)
	}
	e := c.m[key]
	if e == nil {
		e = &setEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.set, e.err = load() })
	return e.set, e.err
}

// loaded caches profile sets by their files' paths, sizes and times.
var loaded setCache
