package leakysend

import "errors"

// Issue #27: a goroutine that can send twice is reported at the send that
// the loop repeats, not at one followed by a return.

// As in the issue: the first case sends and returns; the default branch
// sends and goes on.
func switchDefaultSends(records []string) error {
	errc := make(chan error)
	go func() { // want `may send on errc more than once \(line 19 is in a loop`
		for _, r := range records {
			switch {
			case r == "":
				errc <- errors.New("empty record")
				return
			default:
				errc <- errors.New("bad record: " + r)
			}
		}
		close(errc)
	}()
	return <-errc
}

// An if that returns, then a send that does not.
func ifReturnsThenSends(records []string) error {
	errc := make(chan error)
	go func() { // want `may send on errc more than once \(line 37 is in a loop`
		for _, r := range records {
			if r == "" {
				errc <- errors.New("empty record")
				return
			}
			if len(r) > 80 {
				errc <- errors.New("long record")
			}
		}
		close(errc)
	}()
	return <-errc
}

// A named function as the goroutine.
func checkRecords(errc chan<- error, records []string) {
	for _, r := range records {
		if r == "" {
			errc <- errors.New("empty record")
			return
		}
		if len(r) > 80 {
			errc <- errors.New("long record")
		}
	}
	close(errc)
}

func namedSenderCites(records []string) error {
	errc := make(chan error)
	go checkRecords(errc, records) // want `may send on errc more than once \(line 53 is in a loop`
	return <-errc
}

// Must not flag, the twin: every send is followed by a return, so the
// goroutine sends at most once and the one receive takes it.
func everySendReturns(records []string) error {
	errc := make(chan error)
	go func() {
		for _, r := range records {
			switch {
			case r == "":
				errc <- errors.New("empty record")
				return
			default:
				errc <- errors.New("bad record: " + r)
				return
			}
		}
		close(errc)
	}()
	return <-errc
}
