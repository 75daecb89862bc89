package analyzers

import (
	"bytes"
	"encoding/json"

	"golang.org/x/tools/go/analysis"

	"github.com/perfvet/perfvet/internal/passes/report"
)

// FromJSON builds a suite from Settings given as a JSON object (nil for
// none; unknown keys are refused) with the report policy p: the language
// server's initializationOptions, which cmd/perfvet turns into the suite
// it hands the server. Relative paths are taken from root (the workspace), as
// the plugin takes them from where golangci-lint runs.
func FromJSON(options []byte, root string, p report.Policy) ([]*analysis.Analyzer, error) {
	var settings Settings
	if options != nil {
		dec := json.NewDecoder(bytes.NewReader(options))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&settings); err != nil {
			return nil, err
		}
	}
	settings.ResolvePaths(root)
	return settings.Build(p)
}
