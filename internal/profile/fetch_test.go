package profile_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/pprof"
	"strings"
	"testing"
	"time"

	"github.com/perfvet/perfvet/internal/profile"
)

// TestFetch takes profiles from a net/http/pprof server on the loopback
// address, as -hot.profile=URL does, and checks the errors a user can
// meet: a kind perfvet cannot use, a page that is not a profile, an
// error status, and a server that is gone.
func TestFetch(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/page", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>hello</html>\n"))
	})
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	defer srv.Close()
	ctx := context.Background()
	dir := t.TempDir()

	for _, path := range []string{"/debug/pprof/profile?seconds=1", "/debug/pprof/allocs", "/debug/pprof/heap"} {
		file, err := profile.Fetch(ctx, srv.URL+path, dir, 0)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		set, err := profile.LoadFiles([]string{file})
		if err != nil || set.Empty() {
			t.Errorf("%s: fetched %s, loaded %v, %v", path, file, set, err)
		}
	}

	errs := map[string]string{
		"/debug/pprof/goroutine": "perfvet uses CPU profiles",
		"/page":                  "did not send a pprof profile",
		"/nothing":               "404",
	}
	for path, want := range errs {
		_, err := profile.Fetch(ctx, srv.URL+path, dir, 0)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", path, err, want)
		}
	}
	if _, err := profile.Fetch(ctx, srv.URL+"/page", dir, 0); !errors.Is(err, profile.ErrNotProfile) {
		t.Errorf("/page: %v, want ErrNotProfile", err)
	}

	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer slow.Close()
	if _, err := profile.Fetch(ctx, slow.URL+"/debug/pprof/allocs", dir, 200*time.Millisecond); err == nil || !strings.Contains(err.Error(), "no profile within") {
		t.Errorf("a server that does not answer: %v, want a timeout", err)
	}

	gone := httptest.NewServer(mux)
	url := gone.URL
	gone.Close()
	if _, err := profile.Fetch(ctx, url+"/debug/pprof/allocs", dir, 0); err == nil || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("a closed server: %v, want cannot reach", err)
	}
	if _, err := profile.Fetch(ctx, "http://", dir, 0); err == nil || !strings.Contains(err.Error(), "not a URL") {
		t.Errorf("no host: %v", err)
	}
}
