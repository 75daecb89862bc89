package main

// The blank import registers perfvet's golangci-lint module plugins.
import _ "github.com/perfvet/perfvet/plugin"
