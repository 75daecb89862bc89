package leakysend

import (
	"context"
	"errors"
)

// Issue #32: shapes of the classes found missing on code written apart
// from these fixtures. Each must-flag shape has a must-not twin.

type job struct{ id int }

func (j job) run() error {
	if j.id < 0 {
		return errors.New("bad job")
	}
	return nil
}

// A producer ranges over a slice and sends each result on an unbuffered
// channel; the consumer ranges over the channel and returns at the first
// error: every later send blocks forever.
func firstError(jobs []job) error {
	errs := make(chan error)
	go func() { // want `goroutine started here sends on unbuffered errs, but`
		for _, j := range jobs {
			errs <- j.run()
		}
		close(errs)
	}()
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Twin: the consumer drains the channel before returning the first error.
func firstErrorDrained(jobs []job) error {
	errs := make(chan error)
	go func() {
		for _, j := range jobs {
			errs <- j.run()
		}
		close(errs)
	}()
	var first error
	for err := range errs {
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// The same with an index loop in the producer and a break in the consumer.
func firstErrorIndexed(jobs []job) error {
	errs := make(chan error)
	go func() { // want `goroutine started here sends on unbuffered errs, but`
		for i := 0; i < len(jobs); i++ {
			errs <- jobs[i].run()
		}
		close(errs)
	}()
	var first error
	for err := range errs {
		if err != nil {
			first = err
			break
		}
	}
	return first
}

// Twin: the buffer holds every send.
func firstErrorBuffered(jobs []job) error {
	errs := make(chan error, len(jobs))
	go func() {
		for i := 0; i < len(jobs); i++ {
			errs <- jobs[i].run()
		}
		close(errs)
	}()
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// A goroutine running a named method of the same package that does the
// send, while the caller selects on ctx.Done().
type fetcher struct{ url string }

func (f *fetcher) fetch(out chan<- result) { out <- result{} }

func (f *fetcher) get(ctx context.Context) (result, error) {
	ch := make(chan result)
	go f.fetch(ch) // want `goroutine started here sends on unbuffered ch, but the select at line \d+ can take case <-ctx.Done\(\) first`
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// Twin: the method selects on ctx.Done() too, so it never blocks.
func (f *fetcher) fetchOrQuit(ctx context.Context, out chan<- result) {
	select {
	case out <- result{}:
	case <-ctx.Done():
	}
}

func (f *fetcher) getQuitting(ctx context.Context) (result, error) {
	ch := make(chan result)
	go f.fetchOrQuit(ctx, ch)
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// A producer method of a package type over a slice, started with go; the
// consumer stops at the first failure.
type batch struct{ jobs []job }

func (b batch) produce(out chan<- error) {
	for _, j := range b.jobs {
		out <- j.run()
	}
	close(out)
}

func runBatch(b batch) error {
	errs := make(chan error)
	go b.produce(errs) // want `goroutine started here sends on unbuffered errs, but the range over errs at line \d+ can stop early`
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Twin: the same producer, and the consumer counts every failure.
func countFailures(b batch) int {
	errs := make(chan error)
	go b.produce(errs)
	n := 0
	for err := range errs {
		if err != nil {
			n++
		}
	}
	return n
}
