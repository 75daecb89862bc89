package leakysend

import (
	"context"
	"errors"
	"io"
	"time"
)

// A producer that sends an unknown number of values: no fix.
func stream(ctx context.Context, items []int) int {
	ch := make(chan int)
	go func() { // want `goroutine started here sends on unbuffered ch, but the select at line \d+ can take case <-ctx.Done\(\) first.*; select on ctx.Done\(\) \(or a done channel\) in the sender; no automatic fix: the number of sends is not known, so no buffer size is safe`
		for _, it := range items {
			ch <- it
		}
		close(ch)
	}()
	sum := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}

// The count is declared after the channel: no fix.
func countLater(load func() []string, get func(string) int) int {
	ch := make(chan int)
	mirrors := load()
	for _, m := range mirrors {
		go func() { ch <- get(m) }() // want `give ch a buffer of len\(mirrors\); no automatic fix: mirrors is declared after ch is made$`
	}
	return <-ch
}

// One receive for n sends (issue #16): the default branch sends an error
// and goes on, so two bad records send twice; errc is received once.
func oneReceiveManySends(records []string) error {
	results := make(chan string)
	errc := make(chan error, 1)
	go func() { // want `the goroutine started here may send on errc more than once \(line \d+ is in a loop and does not return\), but the function receives from errc only once \(line \d+\); its second send blocks forever .*; no automatic fix: the number of sends is not known`
		defer close(results)
		for _, r := range records {
			switch r {
			case "":
				errc <- errors.New("empty record")
			default:
				results <- r
			}
		}
	}()
	for range results {
	}
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// The twin of copyAll (notflagged.go): without the return the loop sends
// again, and once the timeout has fired nobody receives.
func copyAllLeaks(r io.Reader, timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { // want `the goroutine started here may send on errc more than once \(line \d+ is in a loop and does not return\), but the function receives from errc only once`
		buf := make([]byte, 512)
		for {
			if _, err := r.Read(buf); err != nil {
				errc <- err
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

// The twin of readPreface (notflagged.go): the error branch does not end
// the goroutine, so it may send twice into a buffer of one.
func readPrefaceTwice(r io.Reader, timeout time.Duration) error {
	errc := make(chan error, 1)
	go func() { // want `goroutine started here sends on errc \(buffer 1\), but the select at line \d+ can take case <-time.After\(timeout\) first`
		buf := make([]byte, 4)
		if _, err := io.ReadFull(r, buf); err != nil {
			errc <- err
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

// The twin of relay (notflagged.go): err is reset after each failure, so
// the goroutine may send again into a full buffer after the function has
// returned.
func relayReset(in chan string, closing, done chan struct{}, send func(string) error) error {
	defer func() { done <- struct{}{} }()
	errc := make(chan error, 1)
	go func() { // want `goroutine started here`
		var err error
		for {
			select {
			case s := <-in:
				if err == nil {
					err = send(s)
					if err != nil {
						errc <- err
					}
					err = nil
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
