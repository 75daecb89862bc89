//go:build perfvet_shareddecode

package main

// Built with -tags perfvet_shareddecode, the streaming driver decodes each
// dependency's export data once per process into a universe its workers
// share (the driver of 2026-11), instead of each package decoding its own
// direct imports, to compare the two on a corpus (docs/performance.md).
func init() { sharedDecode = true }
