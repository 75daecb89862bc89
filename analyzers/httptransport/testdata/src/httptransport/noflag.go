package httptransport

import (
	"net/http"
	"time"
)

var shared = &http.Transport{MaxIdleConnsPerHost: 32}

// bareClient uses http.DefaultTransport: cheap.
func bareClient(urls []string) {
	for _, u := range urls {
		c := &http.Client{Timeout: 5 * time.Second}
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// sharedTransport: a new client over a shared transport keeps the pool.
func sharedTransport(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: shared, Timeout: time.Second}
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// hoisted is the good form.
func hoisted(urls []string) {
	c := &http.Client{Transport: &http.Transport{}}
	for _, u := range urls {
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// newClient returns it: its callers may keep it.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
}

func clients(n int) []*http.Client {
	var out []*http.Client
	for range n {
		out = append(out, newClient())
	}
	return out
}

type service struct{ client *http.Client }

// lazy keeps it in a field: built once.
func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.client == nil {
		s.client = &http.Client{Transport: &http.Transport{}}
	}
	if resp, err := s.client.Get("http://backend"); err == nil {
		resp.Body.Close()
	}
}

// passed on: the callee may keep it.
func register(urls []string, keep func(*http.Client)) {
	for range urls {
		c := &http.Client{Transport: &http.Transport{}}
		keep(c)
	}
}

// unused for requests: only built and configured.
func configure(names []string) []string {
	var out []string
	for _, n := range names {
		tr := &http.Transport{}
		tr.MaxIdleConns = len(n)
		out = append(out, n)
	}
	return out
}

// cold: three iterations.
func cold(u string) {
	for range 3 {
		c := &http.Client{Transport: &http.Transport{}}
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

func init() {
	for _, u := range []string{"a", "b", "c", "d", "e", "f"} {
		c := &http.Client{Transport: &http.Transport{}}
		_, _ = c.Get(u)
	}
}

// outer: the variable outlives the iteration.
func outer(urls []string) {
	var c *http.Client
	for _, u := range urls {
		if c == nil {
			c = &http.Client{Transport: &http.Transport{}}
		}
		_, _ = c.Get(u)
	}
}

// methodValue hands the client on through c.Get.
func methodValue(urls []string, run func(func(string) (*http.Response, error))) {
	for range urls {
		c := &http.Client{Transport: &http.Transport{}}
		run(c.Get)
	}
}

// once: the function runs once per call, and nothing calls it in a loop.
func once(u string) {
	c := &http.Client{Transport: &http.Transport{}}
	_, _ = c.Get(u)
}

// firstOnly returns after the first request: once per call.
func firstOnly(urls []string) error {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{}}
		_, err := c.Get(u)
		return err
	}
	return nil
}

// perGoroutine: a function literal the loop only starts runs once per
// goroutine, not per iteration (loops.Innermost stops at it).
func perGoroutine(urls []string, done chan<- error) {
	for _, u := range urls {
		go func() {
			_, err := (&http.Client{Transport: &http.Transport{}}).Get(u)
			done <- err
		}()
	}
}
