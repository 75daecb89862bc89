package hot

import (
	"go/token"

	"github.com/perfvet/perfvet/internal/profile"
)

// The runtime's word on bugs and locks (issue #27): a goroutine leak
// profile confirms leakysend's findings, and a mutex or block profile
// measures mutexcount's. Neither measures the heat of other code, so
// neither makes Profiled true. These are questions the reporter asks;
// what it asked is its own record (report.Index), not the heat's.

// Leaked returns how many goroutines the goroutine leak profile holds that
// were started running the code from pos to end (a function literal's
// body, or a named function's); 0 without such a profile.
func (r *Result) Leaked(pos, end token.Pos) int64 {
	p := r.profs.Of(profile.Leak)
	if p == nil {
		return 0
	}
	from, to := r.pass.Fset.Position(pos), r.pass.Fset.Position(end)
	return p.Started(from.Filename, from.Line, to.Line)
}

// LeakProfile returns the package's goroutine leak profile, or nil.
func (r *Result) LeakProfile() *profile.Profile { return r.profs.Of(profile.Leak) }

// Contention returns what the contention profile attributes to the lines
// of a critical section, the lock taken from pos to end, or nil. The
// section runs from the Lock to the end of what it protects, and two
// lines more: a mutex profile records the Unlock's line (the next
// statement, or for a deferred Unlock the closing brace, after a return of
// the new value at most), a block profile the Lock's.
func (r *Result) Contention(pos, end token.Pos) *profile.Amounts {
	p := r.profs.Of(profile.Contention)
	if p == nil {
		return nil
	}
	from, to := r.pass.Fset.Position(pos), r.pass.Fset.Position(end)
	a := p.Within(from.Filename, from.Line, to.Line+2)
	if a.Objects == 0 && a.Value == 0 {
		return nil
	}
	return &a
}
