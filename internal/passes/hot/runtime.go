package hot

import (
	"go/token"

	"github.com/perfvet/perfvet/internal/profile"
)

// The runtime's word on bugs and locks (issue #27): a goroutine leak
// profile confirms leakysend's findings, and a mutex or block profile
// measures mutexcount's. Neither measures the heat of other code, so
// neither makes Profiled true.

// A LeakClaim is code whose leaked goroutines a finding named: the lines
// of the function a go statement starts.
type LeakClaim struct {
	File     string
	From, To int
}

// Leaked returns how many goroutines the goroutine leak profile holds that
// were started running the code from pos to end (a function literal's
// body, or a named function's), and records the claim so that the driver
// does not list them as missed. 0 without such a profile.
func (r *Result) Leaked(pos, end token.Pos) int64 {
	p := r.profs.Of(profile.Leak)
	if p == nil {
		return 0
	}
	from, to := r.pass.Fset.Position(pos), r.pass.Fset.Position(end)
	n := p.Started(from.Filename, from.Line, to.Line)
	r.mu.Lock()
	r.claims = append(r.claims, LeakClaim{from.Filename, from.Line, to.Line})
	r.mu.Unlock()
	return n
}

// LeakClaims returns what Leaked was asked about, for the driver's list of
// leaks no finding named.
func (r *Result) LeakClaims() []LeakClaim {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]LeakClaim(nil), r.claims...)
}

// LeakProfile returns the package's goroutine leak profile, or nil.
func (r *Result) LeakProfile() *profile.Profile { return r.profs.Of(profile.Leak) }

// MarkContention records that the finding at pos is about the lock taken
// from at to end (the critical section): its heat (At) then carries what a
// mutex or block profile measured there, and a measured lock is not cold.
func (r *Result) MarkContention(pos, at, end token.Pos) {
	r.mu.Lock()
	r.locks[pos] = allocAt{at, end}
	r.mu.Unlock()
}

// contention returns what the contention profile attributes to the lines
// of a critical section, or nil. The section runs from the Lock to the
// end of what it protects, and two lines more: a mutex profile records the
// Unlock's line (the next statement, or for a deferred Unlock the closing
// brace, after a return of the new value at most), a block profile the
// Lock's.
func (r *Result) contention(at allocAt) *profile.Amounts {
	p := r.profs.Of(profile.Contention)
	if p == nil {
		return nil
	}
	from, to := r.pass.Fset.Position(at.pos), r.pass.Fset.Position(at.end)
	a := p.Within(from.Filename, from.Line, to.Line+2)
	if a.Objects == 0 && a.Value == 0 {
		return nil
	}
	return &a
}
