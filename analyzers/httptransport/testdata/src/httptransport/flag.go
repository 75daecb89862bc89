package httptransport

import (
	"crypto/tls"
	"net/http"
)

// fetchAll builds a client with its own transport for every URL.
func fetchAll(urls []string, cfg *tls.Config) error {
	for _, u := range urls {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}} // want `an http.Client with a new http.Transport is built on every iteration of a loop and used there \(client.Get\): each one starts with no connections, so every request pays a new TCP and TLS handshake, and the idle connections of the last one stay open; build it once and reuse it \(a field or a package-level var\); no automatic fix: where it lives and how it is configured is the program's choice`
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

// viaLocals: the transport goes through two locals.
func viaLocals(reqs []*http.Request) {
	for _, req := range reqs {
		tr := &http.Transport{MaxIdleConns: 10} // want `an http.Client with a new http.Transport is built on every iteration of a loop and used there \(c.Do\)`
		c := &http.Client{Transport: tr}
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
		}
		tr.CloseIdleConnections()
	}
}

// cloned: Clone builds a transport too, and RoundTrip uses it.
func cloned(reqs []*http.Request) {
	for _, req := range reqs {
		tr := http.DefaultTransport.(*http.Transport).Clone() // want `an http.Transport is built on every iteration of a loop and used there \(tr.RoundTrip\)`
		tr.MaxConnsPerHost = 1
		if resp, err := tr.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
	}
}

// proxy builds a client per request.
func proxy(w http.ResponseWriter, r *http.Request) {
	client := http.Client{Transport: &http.Transport{DisableCompression: true}} // want `an http.Client with a new http.Transport is built on every call \(the handler runs once per request\) and used there \(client.Get\)`
	resp, err := client.Get("http://backend" + r.URL.Path)
	if err != nil {
		w.WriteHeader(http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// ping runs per host: pingAll's loop calls it.
func ping(host string) bool {
	c := &http.Client{}
	c.Transport = &http.Transport{ForceAttemptHTTP2: true} // want `an http.Client with a new http.Transport is built on every call \(ping is called in a loop\) and used there \(c.Head\)`
	resp, err := c.Head("https://" + host)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

func pingAll(hosts []string) int {
	n := 0
	for _, h := range hosts {
		if ping(h) {
			n++
		}
	}
	return n
}
