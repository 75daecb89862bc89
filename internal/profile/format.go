package profile

import "fmt"

// Bytes formats a byte count with a decimal unit: 512 B, 12.4 kB, 1.3 GB.
func Bytes(n int64) string {
	return scaled(n, " B", []string{" kB", " MB", " GB", " TB"})
}

// Objects formats an object count: 7 objects, 12.4 k objects, 2.1 M objects.
func Objects(n int64) string {
	if n == 1 {
		return "1 object"
	}
	return scaled(n, " objects", []string{" k objects", " M objects", " G objects"})
}

func scaled(n int64, unit string, units []string) string {
	if n < 1000 {
		return fmt.Sprintf("%d%s", n, unit)
	}
	f := float64(n)
	i := -1
	for f >= 1000 && i < len(units)-1 {
		f /= 1000
		i++
	}
	return fmt.Sprintf("%.1f%s", f, units[i])
}

// Percent formats a share as 12.4%, keeping a small non-zero share visible.
func Percent(p float64) string {
	if p > 0 && p < 0.05 {
		return "<0.1%"
	}
	return fmt.Sprintf("%.1f%%", p)
}
