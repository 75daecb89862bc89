// Package query answers the small questions about syntax and types that
// every perfvet analyzer asks: is this a call to fmt.Sprintf, is this type
// bytes.Buffer, does this expression name that variable, can this call
// return, which statement list holds this node. It plays the part of
// staticcheck's analysis/code: one answer per question, so two analyzers
// cannot disagree on what "a call to panic" or "a byte slice" means.
//
// The functions take a *types.Info, not an *analysis.Pass, so that the
// shared passes and libraries (which hold only the type information) and
// the analyzers call the same code. None allocates per call: perfvet runs
// them on every node of every package.
package query
