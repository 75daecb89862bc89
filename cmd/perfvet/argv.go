package main

import (
	"flag"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/profile"
)

// Modes of the perfvet binary.
const (
	modeStandalone = iota
	modeVetTool    // go vet calls: a -flags or -V handshake, or a .cfg file last
	modeGoVet      // -vet: run go vet with this executable as the vet tool
)

// An invocation is argv read once, before the suite is built: the suite's
// membership depends on -ir-checks, go vet needs the suite to list its
// flags, and the work done before go vet's call for a package is analysed
// (-escape, checking -hot.profile) needs the options too. The driver or
// unitchecker parses argv again, with the suite's flags bound.
type invocation struct {
	mode    int
	cfgFile string           // go vet's .cfg file, "" in handshakes and other modes
	json    bool             // go vet's -json
	opts    analyzers.Config // the suite's options (analyzers.Options) as argv sets them
	args    []string         // argv; under -vet without -vet, path options made absolute
	// paths locates, under -vet, the values of path options (-hot.profile)
	// in args, for runGoVet to fetch their URLs once.
	paths []pathArg
}

// A pathArg is a path option's value in invocation.args: args[index]
// after prefix ("-hot.profile=" when the value is inline, "" when it is
// an argument of its own).
type pathArg struct {
	index  int
	prefix string
}

// preparse reads argv with the flags of every mode (the standalone
// driver's, go vet's handshakes, the suite's options and analyzer flags
// with -ir-checks, which adds analyzers), so that it knows which flags
// take a value. It stops at the first argument that is not a flag, as the
// flag package does. A flag it does not know (go vet's own, under -vet)
// is taken to have no separate value; a bad value is left for the real
// parse to report.
func preparse(args []string) *invocation {
	known := knownFlags()
	inv := &invocation{opts: *analyzers.NewConfig()}
	wd, _ := os.Getwd()
	vetArgs := slices.Clone(args) // for -vet: without it, paths absolute
	drop := -1
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || a == "-" || !strings.HasPrefix(a, "-") {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		valueAt := -1 // the value's own argument, if it has one
		if f := known.Lookup(name); f != nil && !hasValue && !isBool(f) && i+1 < len(args) {
			i++
			value, hasValue, valueAt = args[i], true, i
		}
		if !hasValue {
			value = "true"
		}
		switch name {
		case "vet":
			if on, err := strconv.ParseBool(value); err == nil && on {
				inv.mode, drop = modeGoVet, i
			}
		case "flags", "V":
			inv.mode = modeVetTool
		case "json":
			inv.json, _ = strconv.ParseBool(value)
		}
		o := analyzers.LookupOption(name)
		if o == nil {
			continue
		}
		_ = o.Value(&inv.opts).Set(value) // the real parse reports a bad value
		if o.Paths && wd != "" {
			if valueAt >= 0 {
				vetArgs[valueAt] = analyzers.AbsPaths(value, wd)
				inv.paths = append(inv.paths, pathArg{valueAt, ""})
			} else {
				vetArgs[i] = "-" + name + "=" + analyzers.AbsPaths(value, wd)
				inv.paths = append(inv.paths, pathArg{i, "-" + name + "="})
			}
		}
	}
	switch {
	case inv.mode == modeGoVet:
		inv.args = slices.Delete(vetArgs, drop, drop+1)
		for i := range inv.paths {
			if inv.paths[i].index > drop {
				inv.paths[i].index-- // -vet itself is gone
			}
		}
	case len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg"):
		inv.mode, inv.cfgFile, inv.args = modeVetTool, args[len(args)-1], args
	default:
		inv.args = args
	}
	return inv
}

// knownFlags returns a flag set holding every flag of every mode, bound to
// nothing that is read.
func knownFlags() *flag.FlagSet {
	fs := flag.NewFlagSet("perfvet", flag.ContinueOnError)
	cfg := analyzers.NewConfig()
	cfg.IRChecks = true // the largest suite
	cmd := newCommand(analyzers.New(cfg), cfg, &profile.BenchOptions{})
	cmd.RegisterFlags(fs)
	// unitchecker's, under go vet (analysisflags).
	fs.Bool("flags", false, "")
	fs.String("V", "", "")
	fs.Int("c", -1, "")
	fs.Bool("vet", false, "")
	return fs
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
