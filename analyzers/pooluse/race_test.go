//go:build race

package pooluse_test

const raceEnabled = true
