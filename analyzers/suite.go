// Package analyzers lists perfvet's whole suite: its own analyzers and the
// staticcheck performance checks it bundles. The perfvet binary, the
// golangci-lint plugin and the tests all build the suite here, so they
// agree on what it holds.
package analyzers

import (
	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/staticcheck/sa6000"
	"honnef.co/go/tools/staticcheck/sa6001"
	"honnef.co/go/tools/staticcheck/sa6003"
	"honnef.co/go/tools/staticcheck/sa6005"
	"honnef.co/go/tools/staticcheck/sa6006"

	"github.com/perfvet/perfvet/analyzers/bigcopy"
	"github.com/perfvet/perfvet/analyzers/boxing"
	"github.com/perfvet/perfvet/analyzers/concatloop"
	"github.com/perfvet/perfvet/analyzers/deferloop"
	"github.com/perfvet/perfvet/analyzers/falseshare"
	"github.com/perfvet/perfvet/analyzers/goperitem"
	"github.com/perfvet/perfvet/analyzers/httptransport"
	"github.com/perfvet/perfvet/analyzers/leakysend"
	"github.com/perfvet/perfvet/analyzers/mutexcount"
	"github.com/perfvet/perfvet/analyzers/poolbuf"
	"github.com/perfvet/perfvet/analyzers/pooluse"
	"github.com/perfvet/perfvet/analyzers/prealloc"
	"github.com/perfvet/perfvet/analyzers/reflectloop"
	"github.com/perfvet/perfvet/analyzers/regexpcompile"
	"github.com/perfvet/perfvet/analyzers/sqlperrow"
	"github.com/perfvet/perfvet/analyzers/stringbytes"
	"github.com/perfvet/perfvet/analyzers/unbufchan"
	"github.com/perfvet/perfvet/analyzers/unbufio"
	"github.com/perfvet/perfvet/internal/passes/hot"
	"github.com/perfvet/perfvet/internal/passes/report"
)

// Config configures one instance of the suite.
type Config struct {
	// Policy is read when the analyzers run, so a driver may bind its
	// fields to flags after building the suite.
	Policy report.Policy
	// IRChecks adds staticcheck's SA6000, SA6001 and SA6003 (SA6002 is
	// pooluse's rule 7, without IR), which need staticcheck's
	// IR. The IR requires the ctrlflow analyzer, whose facts make a driver
	// load and analyse every dependency from source (the architecture note
	// measured 1.2 s and 245 MB becoming 6.8 s and 2.3 GB on a 105k-line
	// module).
	IRChecks bool
	// Hot is read when the analyzers run, like Policy: the CPU profile
	// (-hot.profile) that ranks findings, and the threshold (-hot.min)
	// under which they are dropped.
	Hot hot.Options
	// Escape asks for the compiler's verdict (-escape). New does not read
	// it: the compiler runs outside the analyzers, so the driver that
	// builds the suite prepares the verdict (report.Policy.Compiler).
	Escape bool
}

// own lists perfvet's analyzers, in the order the suite runs and lists
// them. Adding an analyzer is its folder and one line here: the binary, its
// flags and help, the golangci-lint plugins and their settings, and the
// tests that cover every analyzer all derive their lists from the suite.
var own = []func(rep *analysis.Analyzer) *analysis.Analyzer{
	concatloop.New,
	prealloc.New,
	leakysend.New,
	unbufchan.New,
	boxing.New,
	reflectloop.New,
	poolbuf.New,
	pooluse.New,
	unbufio.New,
	mutexcount.New,
	regexpcompile.New,
	httptransport.New,
	sqlperrow.New,
	deferloop.New,
	bigcopy.New,
	stringbytes.New,
	goperitem.New,
	falseshare.New,
}

// New builds a fresh suite: perfvet's own analyzers, then the bundled
// staticcheck checks. Instances share no mutable state, so the go vet tool
// and a golangci-lint plugin may each build their own in one process.
func New(cfg *Config) []*analysis.Analyzer {
	cfg.Hot.TestFiles = &cfg.Policy.TestFiles // -tests is one setting: what is kept and how it is judged
	rep := report.NewAnalyzer(&cfg.Policy, hot.New(&cfg.Hot))
	staticchecks := []*analysis.Analyzer{sa6005.Analyzer, sa6006.Analyzer}
	if cfg.IRChecks {
		// SA6002 (a non-pointer sync.Pool Put) is pooluse's rule 7, which
		// needs only types: bundling it too would report each Put twice.
		staticchecks = append(staticchecks, sa6000.Analyzer, sa6001.Analyzer, sa6003.Analyzer)
	}
	suite := make([]*analysis.Analyzer, 0, len(own)+len(staticchecks))
	for _, newAnalyzer := range own {
		suite = append(suite, newAnalyzer(rep))
	}
	for _, a := range staticchecks {
		suite = append(suite, report.Filtered(a, rep))
	}
	return suite
}

// Own returns the names of perfvet's own analyzers (the suite without the
// bundled staticcheck checks), in suite order.
func Own() []string {
	names := make([]string, len(own))
	for i, newAnalyzer := range own {
		names[i] = newAnalyzer(report.Default).Name
	}
	return names
}
