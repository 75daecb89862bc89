// Command floor is perfvet's driver with one analyzer that does nothing:
// the cost of loading and type-checking packages, which perfvet's own cost
// is measured against (scripts/perf/bench.sh).
package main

import (
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/driver"
)

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: does nothing, to measure loading and type-checking",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	cmd := &driver.Command{
		Name:   "floor",
		Usage:  "floor [packages]: load and type-check like perfvet, analyse nothing\n",
		Suite:  []*analysis.Analyzer{noop},
		Stdout: os.Stdout,
		Stderr: os.Stderr,
	}
	os.Exit(cmd.Main(os.Args[1:]))
}
