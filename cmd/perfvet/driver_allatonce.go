//go:build perfvet_allatonce

package main

// Built with -tags perfvet_allatonce, perfvet analyses with the driver from
// before streaming (every matched package loaded with go/packages and kept
// to the end), to compare the two on a corpus: ALL_AT_ONCE=1
// scripts/corpus.sh (docs/performance.md, "Same results").
func init() { allAtOnce = true }
