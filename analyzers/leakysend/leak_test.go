package leakysend_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// The shapes of the fixtures in testdata/src/leakysend, with the channel's
// buffer as a parameter: 0 is the flagged form, the fix's capacity is the
// fixed one. Each runs many times; the goroutines still alive afterwards
// are the leak.

type result struct{ n int }

func slow() result { time.Sleep(time.Millisecond); return result{1} }

func withTimeout(buffer int) {
	ch := make(chan result, buffer)
	go func() { ch <- slow() }()
	select {
	case <-ch:
	case <-time.After(0):
	}
}

func withContext(buffer int) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ch := make(chan result, buffer)
	go func() { ch <- slow() }()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func errorPath(buffer int) {
	ch := make(chan result, buffer)
	go func() { ch <- slow() }()
	if err := errors.New("early"); err != nil {
		return
	}
	<-ch
}

func poll(buffer int) {
	ch := make(chan result, buffer)
	go func() { ch <- slow() }()
	select {
	case <-ch:
	default:
	}
}

func firstOfMany(buffer int) {
	mirrors := []int{1, 2, 3, 4}
	ch := make(chan result, buffer)
	for range mirrors {
		go func() { ch <- slow() }()
	}
	<-ch
}

func stopsEarly(buffer int) {
	jobs := []int{1, 2, 3, 4}
	errs := make(chan error, buffer)
	for range jobs {
		go func() { slow(); errs <- errors.New("failed") }()
	}
	for range jobs {
		if err := <-errs; err != nil {
			return
		}
	}
}

func TestFixStopsLeak(t *testing.T) {
	const runs = 50
	for _, tc := range []struct {
		name  string
		run   func(buffer int)
		fixed int // the capacity leakysend's fix gives
	}{
		{"withTimeout", withTimeout, 1},
		{"withContext", withContext, 1},
		{"errorPath", errorPath, 1},
		{"poll", poll, 1},
		{"firstOfMany", firstOfMany, 4},
		{"stopsEarly", stopsEarly, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			leaked := func(buffer int) int {
				before := runtime.NumGoroutine()
				for range runs {
					tc.run(buffer)
				}
				// Give every sender time to finish its work and send.
				deadline := time.Now().Add(300 * time.Millisecond)
				for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				time.Sleep(20 * time.Millisecond)
				return runtime.NumGoroutine() - before
			}
			if n := leaked(0); n < runs {
				t.Errorf("flagged form: %d goroutines left after %d runs, want at least %d (one per run)", n, runs, runs)
			}
			if n := leaked(tc.fixed); n > 0 {
				t.Errorf("fixed form (buffer %d): %d goroutines left after %d runs, want 0", tc.fixed, n, runs)
			}
		})
	}
}
