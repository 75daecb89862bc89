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
cold (crossing into closures and goroutines the loop starts) or in a
function that runs once per request or item (an HTTP handler, a function a
hot loop of the package calls, or, with a CPU profile, one holding at least
1% of its samples: report.PerCall), when the same iteration or call sends a
request with it: Do, Get, Post, PostForm or Head on a client whose
Transport it is, or RoundTrip on the transport. It follows the value
through &, the Transport field of an http.Client literal (or an assignment
client.Transport = ...), and locals declared in the loop body or function.

It does not flag: an http.Client without a Transport of its own, such as
&http.Client{Timeout: 5 * time.Second}, which uses the shared
http.DefaultTransport and costs one small allocation; a transport or client
that escapes the iteration or call (returned, stored in a field or a
variable declared outside the loop, passed to a function, sent on a
channel, or a method value taken), because it may be reused; one built but
not used for a request there; transports built in package-level
initialisers, init functions, cold loops (a constant trip count of at most
4) or at most once per loop (followed by a return); and functions that
nothing shows to run per request or item. Findings in _test.go files are
kept only inside the timed loop of a Benchmark function unless -tests is
given.

No fix is suggested: where the shared transport should live (a field, a
package-level var, a constructor's parameter) and whether its settings
depend on the request (a TLS config per upstream, a proxy per tenant: then
one transport per setting, kept in a map) are the program's choice.

# Cost

COST

# Precision

PRECISION
*/
package httptransport
