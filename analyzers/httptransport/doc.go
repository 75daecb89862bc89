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
Transport -benchmem -count 3, median of 3, Go 1.26.8, 2026-11-29, on a
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

Corpus, 2026-11-29: the Go standard library and the 110 packages of the
module graph's 391 modules that can match at all (docs/reliability.md,
"regexpcompile, httptransport and sqlperrow", says how they were chosen
and run). Every finding was read in context and judged (judging.md).

std: 0 findings. Modules: 1 on the first run, judged true, not worth it:
go-control-plane v0.9.4 pkg/test/main/main.go:181, a test harness's main
that starts a goroutine per listener, each with its own Transport (each
calls a different port, so one shared Transport would not save the
handshakes). After main's loops change of the same day (a function
literal the loop only starts is not run per iteration) it is no longer
reported. The rerun resolved go-control-plane v0.14.0 instead, whose
callEcho builds one client per call and is called once per test round
(main.go:322): true, not worth it (a test harness), and marked cold in the
default output, which is empty on this corpus. False: 0.

The other Transports of the corpus (cloud.google.com/go's auth and
httpreplay packages among them) are not reported: they are built outside
loops in functions nothing shows to run per request, or handed on
(returned, stored, passed to a function), so they may be reused.

scripts/corpus.sh -graph, main 589e6ae, 2026-11-29 (golangci-lint
v2.15.0's whole build list and std; 93 packages of it, test variants
counted, failed to type-check and were not analysed): 0 shown; 1 set aside
as cold, judged cold (not worth it): go-control-plane v0.14.0
pkg/test/main/main.go:322, callEcho above.
*/
package httptransport
