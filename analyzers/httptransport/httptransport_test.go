package httptransport_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/perfvet/perfvet/analyzers/httptransport"
)

func TestHTTPTransport(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), httptransport.Analyzer, "httptransport")
}
