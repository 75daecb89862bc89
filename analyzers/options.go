package analyzers

import (
	"flag"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/profile"
)

// An Option is one setting of the suite, declared once here. The perfvet
// binary registers it as the flag -NAME (standalone and under go vet);
// Settings (the golangci-lint plugin's settings, the language server's
// initializationOptions) take it as the key NAME, a dotted name nesting
// (hot.profile is {"hot": {"profile": ...}}), as an analyzer's flag
// -prealloc.conditional is {"prealloc": {"conditional": true}}. The help
// text, the plugin's documentation and docs/flags.md are generated from
// or tested against this table. Boolean options take what
// strconv.ParseBool takes, in every form.
type Option struct {
	Name string
	// Usage is the flag's help; a `word` in backquotes names its value,
	// as flag.PrintDefaults reads it.
	Usage string
	// Setting says whether Settings take the option too; false for flags
	// whose job a golangci-lint or language-server host does itself.
	Setting bool
	// Paths says the value names files (comma-separated), relative to the
	// working directory: drivers that run elsewhere make them absolute.
	Paths bool
	// Default is the value the option has when it is not given, in every
	// mode (NewConfig); "" for the field's zero value.
	Default string
	// value returns the option's flag.Value bound to cfg.
	value func(cfg *Config) flag.Value
}

// Value returns the option's flag.Value, bound to cfg's field.
func (o *Option) Value(cfg *Config) flag.Value { return o.value(cfg) }

// IsBool reports whether the option is a boolean flag (given alone, it is
// true).
func (o *Option) IsBool() bool {
	b, ok := o.value(&Config{}).(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// Options are the suite's options, in the order help lists them.
var Options = []Option{
	{
		Name:    "tests",
		Usage:   "judge test code as code: report findings anywhere in _test.go files, shown by default (without it only those in benchmarks' timed loops are kept, set aside as cold: -cold lists them)",
		Setting: true,
		value:   func(cfg *Config) flag.Value { return (*boolValue)(&cfg.Policy.TestFiles) },
	},
	{
		Name:    "cold",
		Usage:   "also list cost findings in code that looks cold (init, package main and cmd/, configuration decoding, String and debug methods, error paths, tests' support code, loops over a few items; with -hot.profile, code the profile never saw), each with the reason; bugs are always listed",
		Setting: true,
		value:   func(cfg *Config) flag.Value { return (*boolValue)(&cfg.Policy.Cold) },
	},
	{
		Name:    "escape",
		Usage:   "ask the compiler: one go build -gcflags=PKG=-m=2 of the analysed packages (dependencies from the build cache) before analysis; an allocation finding whose value the compiler keeps on the stack is dropped, one it moves to the heap says so with the compiler's reason. Costs one compile of the analysed packages (under go vet, the golangci-lint plugin and the language server: one go build per package)",
		Setting: true,
		value:   func(cfg *Config) flag.Value { return (*boolValue)(&cfg.Escape) },
	},
	{
		Name:    "ir-checks",
		Usage:   "also run staticcheck's SA6000, SA6001 and SA6003 (SA6002 is pooluse's rule 7); they need staticcheck's IR, whose facts make the driver load every matched package and every dependency from source and keep them all to the end, instead of streaming packages one at a time (on golang.org/x/tools: 15 s and 2.0 GB instead of 2-4 s and 0.35 GB)",
		Setting: true,
		value:   func(cfg *Config) flag.Value { return (*boolValue)(&cfg.IRChecks) },
	},
	{
		Name:    "hot.profile",
		Usage:   "rank findings by pprof profile `files or URLs` (comma-separated, or the flag repeated): CPU profiles (runtime/pprof, go test -cpuprofile, a fleet's default.pgo, http://host/debug/pprof/profile?seconds=N) and allocation profiles (go test -memprofile, /debug/pprof/allocs or /heap); several of one kind are merged. Each message gains the share of its function and loop: of CPU for time findings, of allocated bytes (and the bytes and objects on its lines) for allocation findings. auto (the default) finds default.pgo as go build -pgo=auto does; off ranks by static heat only. A package the profile has no samples in gets static heat, and perfvet says so. A goroutine leak profile confirms leakysend's findings and lists the leaks no rule found; a mutex or block profile measures mutexcount's locks (docs/leaks.md). Under go vet give absolute paths (perfvet -vet makes them so)",
		Setting: true,
		Paths:   true,
		Default: profile.Default,
		value:   func(cfg *Config) flag.Value { return profile.Flag{Spec: &cfg.Hot.Profile} },
	},
	{
		Name:    "hot.min",
		Usage:   "with a profile, set aside as cold (counted in the summary, listed by -cold) findings in code (the innermost loop, else the function) with less than `percent` of the samples of the profile that measures their cost (the CPU profile; the one given if only one is); findings are measured by what their change would save where the profile shows it: an allocation finding by the bytes its own lines allocate (a buffer's by its growth), deferloop by the CPU of the runtime's work for its records; a share must be at least percent beyond the profiler's sampling chance (its 95% lower bound from the samples that measured it: 1.1% from 4 samples is set aside); -sort=heat ranks by the same share. 0 keeps all but those in code the profile never saw and findings whose own lines it never saw allocate or run. Test code is set aside under a profile unless -tests",
		Setting: true,
		Default: strconv.FormatFloat(hot.DefaultMin, 'g', -1, 64),
		value:   func(cfg *Config) flag.Value { return (*floatValue)(&cfg.Hot.Min) },
	},
	{
		Name:  "nolint",
		Usage: "honour //nolint directives (set -nolint=false when golangci-lint applies them)",
		value: func(cfg *Config) flag.Value { return (*invertedBool)(&cfg.Policy.IgnoreNolint) },
	},
}

// NewConfig returns a Config holding every option's Default. Every mode
// starts from it (the binary standalone and under go vet, Settings for the
// plugin and the language server), so a default is declared once.
func NewConfig() *Config {
	cfg := &Config{}
	for i := range Options {
		if o := &Options[i]; o.Default != "" {
			if err := o.Value(cfg).Set(o.Default); err != nil {
				panic("analyzers: option " + o.Name + ": bad default: " + err.Error())
			}
		}
	}
	return cfg
}

// RegisterFlags registers every option as a flag of fs, bound to cfg
// (which should start from NewConfig, so that help shows the defaults).
func RegisterFlags(fs *flag.FlagSet, cfg *Config) {
	for i := range Options {
		o := &Options[i]
		fs.Var(o.Value(cfg), o.Name, o.Usage)
	}
}

// LookupOption returns the option of that name, or nil.
func LookupOption(name string) *Option {
	for i := range Options {
		if Options[i].Name == name {
			return &Options[i]
		}
	}
	return nil
}

// AbsPaths makes the relative files of a Paths option's value absolute,
// from dir; "auto", "off", URLs and absolute paths stay as they are.
func AbsPaths(value, dir string) string {
	paths := profile.SplitPaths(value)
	for i, p := range paths {
		if p != profile.Auto && p != profile.Off && !profile.IsURL(p) && !filepath.IsAbs(p) {
			paths[i] = filepath.Join(dir, p)
		}
	}
	return strings.Join(paths, ",")
}

// boolValue is a boolean flag: what strconv.ParseBool takes.
type boolValue bool

func (b *boolValue) IsBoolFlag() bool { return true }
func (b *boolValue) String() string {
	if b == nil {
		return "false"
	}
	return strconv.FormatBool(bool(*b))
}
func (b *boolValue) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errParse
	}
	*b = boolValue(v)
	return nil
}

// invertedBool is a boolean flag that sets its target to the opposite of
// its value.
type invertedBool bool

func (b *invertedBool) IsBoolFlag() bool { return true }
func (b *invertedBool) String() string {
	if b == nil {
		return "true"
	}
	return strconv.FormatBool(!bool(*b))
}
func (b *invertedBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return errParse
	}
	*b = invertedBool(!v)
	return nil
}

// floatValue is a float64 flag.
type floatValue float64

func (f *floatValue) String() string {
	if f == nil {
		return "0"
	}
	return strconv.FormatFloat(float64(*f), 'g', -1, 64)
}
func (f *floatValue) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errParse
	}
	*f = floatValue(v)
	return nil
}

// errParse reads as the flag package's own message for a bad value.
var errParse = parseError{}

type parseError struct{}

func (parseError) Error() string { return "parse error" }
