package deferloop

import (
	"context"
	"io"
	"net/http"
	"os"
	"time"
)

// Released by the iteration itself (issue #32's judging: a benchmark's
// defer resp.Body.Close() followed by resp.Body.Close() at the end of the
// loop): the deferred call is a second, no-op release, so nothing stays
// held past the iteration; only the defer record does (the cost finding).

func getAll(urls []string) int {
	n := 0
	for _, u := range urls {
		resp, err := http.Get(u)
		if err != nil {
			return n
		}
		defer resp.Body.Close() // want `defer in a hot loop pushes a runtime defer record`
		b, _ := io.ReadAll(resp.Body)
		n += len(b)
		resp.Body.Close()
	}
	return n
}

func sizeAll(names []string) int64 {
	var total int64
	for i := 0; i < len(names); i++ {
		f, err := os.Open(names[i])
		if err != nil {
			return total
		}
		defer func() { _ = f.Close() }() // want `defer in a hot loop pushes a runtime defer record`
		st, _ := f.Stat()
		total += st.Size()
		_ = f.Close()
	}
	return total
}

func waitEach(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer in a hot loop pushes a runtime defer record`
		<-ctx.Done()
		cancel()
	}
}

type handle struct{ f *os.File }

func syncAll(names []string) error {
	for _, name := range names {
		h := handle{}
		h.f, _ = os.Create(name)
		defer h.f.Close() // want `defer in a hot loop pushes a runtime defer record`
		for range 3 {
			if _, err := h.f.Write(nil); err != nil {
				continue // the inner loop's: the Close below still runs
			}
		}
		if err := h.f.Close(); err != nil {
			return err
		}
	}
	return nil
}

func statOne(f *os.File) int64 {
	st, _ := f.Stat()
	return st.Size()
}

func sizes(names []string) []int64 {
	out := make([]int64, 0, len(names))
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a hot loop pushes a runtime defer record`
		out = append(out, statOne(f))
		f.Close()
	}
	return out
}

// Handed to a goroutine the iteration starts (net.dialParallel's
// fallback racer): the goroutine may still use it when the iteration
// ends, so releasing it there would cut the goroutine off.

func race(ctx context.Context, tick <-chan time.Time, results <-chan error, dial func(context.Context)) error {
	for {
		select {
		case <-tick:
			fctx, fcancel := context.WithCancel(ctx)
			defer fcancel() // want `defer in a hot loop pushes a runtime defer record`
			go dial(fctx)
		case err := <-results:
			return err
		}
	}
}

func consumeAll(names []string, use func(*os.File)) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a hot loop pushes a runtime defer record`
		go func() { use(f) }()
	}
}

// Still bugs: the explicit release does not run on every iteration, or
// releases something else, or the goroutine does not get the resource.

func closeSometimes(names []string) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop releases f \(Close\) only when closeSometimes returns`
		if len(name) > 3 {
			f.Close()
		}
	}
}

var skipClose = func(names []string) {
	for i := range names {
		f, err := os.Open(names[i])
		defer f.Close() // want `defer in a loop releases f \(Close\) only when the function literal returns`
		if err != nil {
			continue
		}
		f.Close()
	}
}

func closeOther(names []string, g *os.File) {
	for _, name := range names {
		f, _ := os.Open(name)
		defer f.Close() // want `defer in a loop releases f \(Close\) only when closeOther returns`
		g.Close()
	}
}

func spawnUnrelated(ctx context.Context, names []string, log func(string)) {
	for _, name := range names {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want `defer in a loop releases the context cancel cancels only when spawnUnrelated returns`
		go log(name)
		<-ctx.Done()
	}
}
