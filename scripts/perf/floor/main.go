// Command floor is perfvet's driver with one analyzer that does nothing:
// the cost of loading and type-checking packages, which perfvet's own cost
// is measured against (scripts/perf/bench.sh).
//
// floor -all-at-once [packages] loads them the way the driver did before it
// streamed packages: every matched package with go/packages, all kept to
// the end (the "all-at-once floor" of docs/performance.md).
package main

import (
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/driver"
)

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: does nothing, to measure loading and type-checking",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	args := os.Args[1:]
	i := slices.Index(args, "-all-at-once")
	if i >= 0 {
		args = slices.Delete(args, i, i+1)
	}
	cmd := &driver.Command{
		Name:      "floor",
		Usage:     "floor [-all-at-once] [packages]: load and type-check like perfvet, analyse nothing\n",
		Suite:     []*analysis.Analyzer{noop},
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		AllAtOnce: i >= 0,
	}
	os.Exit(cmd.Main(args))
}
