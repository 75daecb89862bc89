package heatreasons

import "testing"

func TestOnly(t *testing.T) {
	onlyTests([]string{"a"})
}
