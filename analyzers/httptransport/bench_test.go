package httptransport_test

import (
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// getPerRequest is the form httptransport flags: a client with its own
// transport for each request. It closes the transport's idle connections
// afterwards, which the flagged code usually does not (its connections
// then stay open); without it the benchmark would run out of sockets.
func getPerRequest(url string, tlsConfig *tls.Config) error {
	tr := &http.Transport{TLSClientConfig: tlsConfig}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	return get(client, url)
}

func get(client *http.Client, url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	return err
}

// BenchmarkTransport sends one GET per op to a server on loopback, over
// plain HTTP and over TLS, with a transport per request and with one
// shared transport.
func BenchmarkTransport(b *testing.B) {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	plain := httptest.NewServer(handler)
	defer plain.Close()
	secure := httptest.NewTLSServer(handler)
	defer secure.Close()
	tlsConfig := secure.Client().Transport.(*http.Transport).TLSClientConfig
	for _, srv := range []struct {
		name string
		url  string
		tls  *tls.Config
	}{{"http", plain.URL, nil}, {"https", secure.URL, tlsConfig}} {
		b.Run(srv.name+"/per-request", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := getPerRequest(srv.url, srv.tls); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(srv.name+"/shared", func(b *testing.B) {
			tr := &http.Transport{TLSClientConfig: srv.tls}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			b.ReportAllocs()
			for b.Loop() {
				if err := get(client, srv.url); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
