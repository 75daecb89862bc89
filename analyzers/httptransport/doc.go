/*
Package httptransport defines an Analyzer that reports HTTP transports
built over and over: on every iteration of a loop, or on every call of a
function that runs once per request or item, and used there.

# Analyzer httptransport

httptransport: report http.Transports built per iteration or per request

An http.Transport holds the pool of idle keep-alive connections that makes
the second request to a host cheap. One built for a request starts with
an empty pool: the request pays a new TCP connection and, for https, a
TLS handshake, and the transport's idle connections (and the two
goroutines each one keeps) stay open after it is dropped until the server
or IdleConnTimeout closes them, which a zero Transport never does. Build
one Transport, or one Client with its own Transport, and reuse it: a field
of a long-lived value or a package-level var.

	// Bad: a new transport, and a new connection, per URL.
	for _, u := range urls {
		client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
		resp, err := client.Get(u)
		...
	}

	// Good.
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}
	for _, u := range urls {
		resp, err := client.Get(u)
		...
	}

The check flags an http.Transport composite literal, or a call of
(*http.Transport).Clone, that runs on every iteration of a loop that is not
cold or in a
function that runs once per request or item (an HTTP handler, a function a
hot loop of the package calls, or, with a CPU profile, one holding at least
1% of its samples: report.PerCall), when the same iteration or call sends a
request with it: Do, Get, Post, PostForm or Head on a client whose
Transport it is, or RoundTrip on the transport. It follows the value
through &, the Transport field of an http.Client literal (or an assignment
client.Transport = ...), and locals declared in the loop body or function.

It does not flag: an http.Client without a Transport of its own, such as
&http.Client{Timeout: 5 * time.Second}, which uses the shared
http.DefaultTransport and costs one small allocation; a transport or
client that escapes the iteration or call (returned, stored in a field or
a variable declared outside the loop, passed to a function, sent on a
channel, or a method value taken), because it may be reused; one built but
not used for a request there; transports built in package-level
initialisers, init functions, cold loops (a constant trip count of at most
4) or at most once per loop (followed by a return); and functions that
nothing shows to run per request or item. Findings in _test.go files are
kept only inside the timed loop of a Benchmark function, and there set
aside as cold (a benchmark repeats what it measures; -cold lists them),
unless -tests is given.

No fix is suggested: where the shared transport should live (a field, a
package-level var, a constructor's parameter) and whether its settings
depend on the request (a TLS config per upstream, a proxy per tenant: then
one transport per setting, kept in a map) are the program's choice.

# Cost

BenchmarkTransport (bench_test.go) sends one GET per op to an httptest
server on loopback, over HTTP and over TLS, with a new Transport per
request (closing its idle connections afterwards, which the flagged code
usually does not; without it the benchmark runs out of sockets) and with
one shared Transport. go test ./analyzers/httptransport -run XXX -bench
Transport -benchmem -count 3, median of 3, Go 1.26.8, on a
2-core machine shared with six other jobs (load average about 30), so the
times are rough; the allocations are exact:

	server   form          time/op   bytes/op   allocs/op
	http     per request   698 µs    21.2 KB    145
	http     shared        94.6 µs   5.1 KB     61
	https    per request   4.74 ms   138 KB     923
	https    shared        198 µs    5.1 KB     64

On loopback, where a TCP handshake costs next to nothing, the new
connection still makes each request about 7 times slower, and the TLS
handshake about 24 times; over a real network each adds one or two round
trips on top.

# Precision

How its findings on real code were judged, with the counts: docs/judging.md,
"httptransport".
*/
package httptransport
