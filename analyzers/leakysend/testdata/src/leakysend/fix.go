package leakysend

import (
	"context"
	"errors"
	"time"
)

type result struct{ n int }

func fetch() result { return result{} }

// The shape of moby#40994, prometheus#8274, cadvisor#2549: the timeout
// case wins and the sender blocks forever.
func withTimeout(d time.Duration) (result, error) {
	ch := make(chan result)
	go func() { ch <- fetch() }() // want `goroutine started here sends on unbuffered ch, but the select at line \d+ can take case <-time.After\(d\) first, and the function then returns at line \d+ without receiving; the goroutine then blocks forever \(its stack, ≥ 2 KiB, and all it references stay alive\); give ch a buffer of 1`
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(d):
		return result{}, errors.New("timeout")
	}
}

func withContext(ctx context.Context) (result, error) {
	ch := make(chan result, 0)
	go func() { // want `the select at line \d+ can take case <-ctx.Done\(\) first`
		ch <- fetch()
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// An error path between the go statement and the receive.
func errorPath(check func() error) (result, error) {
	ch := make(chan result)
	go func() { ch <- fetch() }() // want `the function returns at line \d+ without receiving from ch`
	if err := check(); err != nil {
		return result{}, err
	}
	return <-ch, nil
}

// The seed article's leaky(): nobody ever receives.
func leaky() {
	ch := make(chan int)
	go func() { // want `the function can reach its end without receiving from ch`
		result := 42
		ch <- result // Blocks forever if no receiver
	}()
}

// A named function of the package started with go.
func producer(out chan<- result) { out <- fetch() }

func namedSender(d time.Duration) (result, bool) {
	ch := make(chan result)
	go producer(ch) // want `goroutine started here sends on unbuffered ch, but the select`
	select {
	case r := <-ch:
		return r, true
	case <-time.After(d):
		return result{}, false
	}
}

// First response wins: n goroutines, one receive.
func firstOfMany(mirrors []string, get func(string) result) result {
	ch := make(chan result)
	for _, m := range mirrors {
		go func() { ch <- get(m) }() // want `the len\(mirrors\) goroutines started in this loop each send on unbuffered ch, but the function receives only 1 value\(s\) \(line \d+\) and then leaves.*give ch a buffer of len\(mirrors\)`
	}
	return <-ch
}

// A collector that stops at the first error.
func stopsEarly(jobs []int, run func(int) error) error {
	errs := make(chan error)
	for _, j := range jobs {
		go func() { errs <- run(j) }() // want `the receiving loop at line \d+ can stop early \(line \d+\)`
	}
	for range jobs {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// A select with a default case.
func poll() (result, bool) {
	ch := make(chan result)
	go func() { ch <- fetch() }() // want `the select at line \d+ can take its default case first`
	select {
	case r := <-ch:
		return r, true
	default:
		return result{}, false
	}
}

// The same two exclusive sends on an unbuffered channel do leak.
func exclusiveSendsUnbuffered(ctx context.Context, stream func() error) error {
	errc := make(chan error)
	go func() { // want `the select at line \d+ can take case <-ctx.Done\(\) first.*give errc a buffer of 1`
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
