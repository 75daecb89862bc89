package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/perfvet/perfvet/analyzers"
	"github.com/perfvet/perfvet/internal/driver"
	"github.com/perfvet/perfvet/internal/explain"
	"github.com/perfvet/perfvet/internal/passes/hot"
	perfprofile "github.com/perfvet/perfvet/internal/profile"
)

const explainUsage = `perfvet explain ranks the lines of your code a profile says cost the most,
and says why each costs what it does and what to change.

Usage:
  perfvet explain [-n N] [-format text|json|html] [-o FILE] -hot.profile=PROFILES packages...

For the top N lines by allocated bytes and by CPU (flat in your code: a
line's own work and the library and runtime work it calls), it prints the
measured cost and function; perfvet's findings on the line or the loop
around it, with their fixes as diffs; for allocations, the compiler's
reason from its escape analysis (go build -gcflags=-m=2); runtime work on
your behalf (append growing a slice, a map growing, string concatenation,
conversions); for CPU lines, why the function is not inlined; otherwise
"no known pattern". Then //perf:noalloc and //perf:inline directives for
hot functions, which perfescape check enforces.

Profiles: go test -bench . -cpuprofile cpu.pprof -memprofile mem.pprof
gives both; -hot.profile=cpu.pprof,mem.pprof reads them (auto: the
default.pgo beside a main package, as go build -pgo=auto).

Exit codes: 0 done, 1 failure (load, build), 2 bad flags or no profile.

Flags:
`

// runExplain is perfvet explain.
func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("perfvet explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &explain.Config{Profile: perfprofile.Auto}
	profile := ""
	format, out := "text", ""
	fs.IntVar(&cfg.N, "n", 20, "rank the top `N` lines by allocated bytes and by CPU")
	fs.Var(perfprofile.Flag{Spec: &profile}, "hot.profile", "pprof profile `files` (comma-separated, or the flag repeated): CPU and allocation profiles; auto (the default) finds default.pgo as go build -pgo=auto does")
	fs.StringVar(&format, "format", "text", "output `format`: text, json or html (one self-contained page)")
	fs.StringVar(&out, "o", "", "write the output to `file` instead of stdout")
	fs.Usage = func() {
		fmt.Fprint(stderr, explainUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return driver.ExitClean
		}
		return driver.ExitUsage
	}
	if profile != "" {
		cfg.Profile = profile
	}
	if format != "text" && format != "json" && format != "html" {
		fmt.Fprintf(stderr, "perfvet explain: -format=%s: want text, json or html\n", format)
		return driver.ExitUsage
	}
	if cfg.N <= 0 {
		fmt.Fprintf(stderr, "perfvet explain: -n=%d: want a positive number of lines\n", cfg.N)
		return driver.ExitUsage
	}
	cfg.Patterns = fs.Args()
	if len(cfg.Patterns) == 0 {
		fmt.Fprintf(stderr, "perfvet explain: no packages given; try perfvet explain -hot.profile=cpu.pprof,mem.pprof ./...\n")
		return driver.ExitUsage
	}
	suiteCfg := &analyzers.Config{}
	suiteCfg.Policy.Collect = true
	cfg.Command = &driver.Command{Name: "perfvet explain", Suite: analyzers.New(suiteCfg), Stdout: stdout, Stderr: stderr}
	rep, err := explain.Run(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "perfvet explain: %v\n", err)
		if errors.Is(err, explain.ErrNoProfile) || errors.Is(err, hot.ErrUsage) {
			return driver.ExitUsage
		}
		return driver.ExitError
	}
	w := stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			fmt.Fprintf(stderr, "perfvet explain: %v\n", err)
			return driver.ExitError
		}
		defer func() {
			if err := f.Close(); err != nil {
				fmt.Fprintf(stderr, "perfvet explain: %v\n", err)
			}
		}()
		w = f
	}
	switch format {
	case "json":
		err = rep.WriteJSON(w)
	case "html":
		err = rep.WriteHTML(w)
	default:
		err = rep.WriteText(w)
	}
	if err != nil {
		fmt.Fprintf(stderr, "perfvet explain: %v\n", err)
		return driver.ExitError
	}
	return driver.ExitClean
}
