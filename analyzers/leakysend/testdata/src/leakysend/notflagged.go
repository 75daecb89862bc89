package leakysend

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

func buffered(d time.Duration) (result, bool) {
	ch := make(chan result, 1)
	go func() { ch <- fetch() }()
	select {
	case r := <-ch:
		return r, true
	case <-time.After(d):
		return result{}, false
	}
}

func senderSelects(ctx context.Context) (result, error) {
	ch := make(chan result)
	go func() {
		select {
		case ch <- fetch():
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

func onlyWayOutReceives() result {
	ch := make(chan result)
	go func() { ch <- fetch() }()
	return <-ch
}

func receiveLoopWithTicker(tick <-chan time.Time) result {
	ch := make(chan result)
	go func() { ch <- fetch() }()
	for {
		select {
		case r := <-ch:
			return r
		case <-tick:
			// keep waiting
		}
	}
}

func deferredDrain(d time.Duration) (result, bool) {
	ch := make(chan result)
	defer func() {
		go func() {
			for range ch {
			}
		}()
	}()
	go func() { ch <- fetch() }()
	select {
	case r := <-ch:
		return r, true
	case <-time.After(d):
		return result{}, false
	}
}

func passedIn(ch chan result, d time.Duration) bool {
	go func() { ch <- fetch() }()
	select {
	case <-ch:
		return true
	case <-time.After(d):
		return false
	}
}

func receivedElsewhere(d time.Duration, sink func(chan result)) {
	ch := make(chan result)
	go func() { ch <- fetch() }()
	sink(ch)
}

func receiverGoroutine(items []int) {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range ch {
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
}

func allCollected(jobs []int, run func(int) int) int {
	ch := make(chan int, len(jobs))
	for _, j := range jobs {
		go func() { ch <- run(j) }()
	}
	sum := 0
	for range jobs {
		sum += <-ch
	}
	return sum
}

func enoughConstantBuffer(get func(int) int) int {
	ch := make(chan int, 8)
	for i := range 8 {
		go func() { ch <- get(i) }()
	}
	return <-ch
}

func infiniteServer(conns <-chan int, handle func(int) int) {
	ch := make(chan int)
	go func() { ch <- handle(<-conns) }()
	for {
		select {
		case <-ch:
		case c := <-conns:
			_ = c
		}
	}
}

// Receives until a counter says every worker is done: the early return is
// guarded by the count, which the check cannot follow, so it stays silent.
func countedDown(workers []int, events <-chan int) error {
	errC := make(chan error)
	for range workers {
		go func() { errC <- nil }()
	}
	active := len(workers)
	for {
		select {
		case err := <-errC:
			active--
			if active == 0 {
				return err
			}
		case <-events:
		}
	}
}

// Two sends on exclusive paths, each ending the goroutine: at most one
// runs, and the buffer of 1 holds it.
func exclusiveSends(ctx context.Context, stream func() error) error {
	errc := make(chan error, 1)
	go func() {
		if err := stream(); err != nil {
			errc <- err
			return
		}
		errc <- nil
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-errc:
		return err
	}
}

// The select runs only after the range over results ends, which needs the
// goroutine's deferred close(results): by then it is past its one send on
// errc (issue #16: the ordering guarantees the receive).
func orderedByClose(records []string) error {
	results := make(chan string)
	errc := make(chan error)
	go func() {
		defer close(results)
		for _, r := range records {
			if r == "" {
				errc <- errors.New("empty record")
				return
			}
			results <- r
		}
	}()
	n := 0
	for range results {
		n++
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// Each send in the loop is followed by return: at most one send, and the
// buffer of 1 holds it (issue #16; pgx's pgconn). The twin copyAllLeaks
// (flagged.go) has no return.
func copyAll(r io.Reader, timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		buf := make([]byte, 512)
		for {
			if _, err := r.Read(buf); err != nil {
				errc <- err
				return
			}
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-time.After(timeout):
		return errors.New("timeout")
	}
}

// A send then return in the loop, and one after it: still one send.
func firstBad(lines func() (string, bool), timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		for {
			s, ok := lines()
			if !ok {
				break
			}
			if s == "bad" {
				errc <- errors.New(s)
				return
			}
		}
		errc <- nil
	}()
	select {
	case <-time.After(timeout):
		return errors.New("timeout")
	case err := <-errc:
		return err
	}
}

// Three exclusive branches each send once: one send (x/net's http2
// preface). The twin readPrefaceTwice (flagged.go) may send twice.
func readPreface(r io.Reader, timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() {
		buf := make([]byte, 4)
		if _, err := io.ReadFull(r, buf); err != nil {
			errc <- err
		} else if string(buf) != "PRI " {
			errc <- errors.New("bogus")
		} else {
			errc <- nil
		}
	}()
	select {
	case <-time.After(timeout):
		return errors.New("timeout")
	case err := <-errc:
		return err
	}
}

// The send is latched: it runs only once err is non-nil, inside a block
// that runs only while err is nil, and nothing resets err (issue #16;
// martian's h2 relay). One send, which the buffer of 1 holds. The twin
// relayReset (flagged.go) resets err.
func relay(in chan string, closing, done chan struct{}, send func(string) error) error {
	defer func() { done <- struct{}{} }()
	errc := make(chan error, 1)
	go func() {
		var err error
		for {
			select {
			case s := <-in:
				if err == nil {
					err = send(s)
					if err != nil {
						errc <- err
					}
				}
			case <-done:
				return
			}
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-closing:
		return nil
	}
}
