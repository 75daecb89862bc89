// Package uses imports concat: its analysis depends on concat's sources.
package uses

import "example.com/lspfixture/concat"

// Line joins the fields of one record.
func Line(fields []string) string { return concat.Join(fields) }
