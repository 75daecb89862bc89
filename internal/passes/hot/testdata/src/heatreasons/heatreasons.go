// Package heatreasons holds calls of probe, at which the test reports the
// place's static heat reason.
package heatreasons

import (
	"context"
	"io"
	"net/http"
	"strings"
	"time"
)

func probe() {}

// A loop of an exported function makes its callee hot.
func Render(items []string) {
	for _, it := range items {
		helperReal(it)
	}
}

func helperReal(s string) {
	probe() // want `^hot: called in a loop by Render$`
}

// Only a test calls onlyTests: its loop makes nothing hot.
func onlyTests(items []string) {
	for _, it := range items {
		helperTest(it)
	}
}

func helperTest(s string) {
	probe() // want `^(no evidence of heat or cold|looks cold: called only from onlyTests \(called only from tests\))$`
}

// An unexported caller that non-test code calls is real.
func Serve(batches [][]string) {
	for _, b := range batches {
		each(b)
	}
}

func each(items []string) {
	for _, it := range items {
		helperEach(it)
	}
}

func helperEach(s string) {
	probe() // want `^hot: called in a loop by each$`
}

// Refresh code: a service discovery's refresh, handed to a scheduler as a
// value, requests a list and loops over the one response.
type Discovery struct {
	client *http.Client
	url    string
}

func NewDiscovery(url string) *Discovery {
	d := &Discovery{client: http.DefaultClient, url: url}
	schedule(d.refresh)
	return d
}

func schedule(f func(context.Context) ([]string, error)) {}

func (d *Discovery) refresh(ctx context.Context) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", d.url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var targets []string
	for _, line := range strings.Split(string(body), "\n") {
		probe() // want `^looks cold: refresh: refresh or poll code, once per interval after a request \(http.NewRequestWithContext\) \(judged by the name\)$`
		targets = append(targets, target(line))
	}
	return targets, nil
}

func target(line string) string {
	probe() // want `^looks cold: called only from refresh \(refresh: refresh or poll code, once per interval after a request \(http.NewRequestWithContext\) \(judged by the name\)\)$`
	return strings.TrimSpace(line)
}

// pollStatus polls over HTTP from a ticker loop.
func (d *Discovery) pollStatus() int {
	resp, err := http.Get(d.url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	n := 0
	for range resp.Header {
		probe() // want `^looks cold: pollStatus: refresh or poll code, once per interval after a request \(http.Get\) \(judged by the name\)$`
		n++
	}
	return n
}

func (d *Discovery) Run(stop chan struct{}) {
	t := time.NewTicker(time.Second)
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			d.pollStatus()
		}
	}
}

// Not refresh code: the same request and loop, not named for it.
func (d *Discovery) fetch(ctx context.Context) []string {
	req, _ := http.NewRequestWithContext(ctx, "GET", d.url, nil)
	resp, err := d.client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var out []string
	for k := range resp.Header {
		probe() // want `^hot: in a range over map of len\(resp.Header\)$`
		out = append(out, k)
	}
	return out
}

// Not refresh code: named for it, but it makes no request (a local
// recomputation).
func (d *Discovery) refreshIndex(names []string) map[string]int {
	m := make(map[string]int)
	for i, n := range names {
		probe() // want `^hot: in a range over slice of len\(names\)$`
		m[n] = i
	}
	return m
}

// Not polled: refreshed per entry, from a loop over entries.
type cache struct{ entries []string }

func (c *cache) RefreshAll(ctx context.Context) {
	for _, e := range c.entries {
		c.refreshEntry(ctx, e)
	}
}

func (c *cache) refreshEntry(ctx context.Context, e string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", e, nil)
	for _, h := range req.Header {
		probe() // want `^hot: in a range over map of len\(req.Header\), called in a loop by \(\*cache\).RefreshAll$`
		_ = h
	}
}

var _ = []any{NewDiscovery, (*Discovery).fetch, (*Discovery).refreshIndex}
