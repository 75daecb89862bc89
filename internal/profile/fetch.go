package profile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

// Profiles from a live endpoint (-hot.profile=URL): a service's
// /debug/pprof/profile?seconds=N (CPU), /debug/pprof/allocs or /heap
// (allocations), as go tool pprof takes them.

// IsURL reports whether a -hot.profile entry is an http(s) URL.
func IsURL(spec string) bool {
	return strings.HasPrefix(spec, "http://") || strings.HasPrefix(spec, "https://")
}

// DefaultFetchTimeout bounds a fetch beyond the seconds a CPU profile
// asks the server to sample.
const DefaultFetchTimeout = 30 * time.Second

// Fetch downloads the profile at rawURL into a file in dir (a temporary
// directory the caller removes) and returns its path. It fails clearly
// when the server cannot be reached, answers with an error, sends
// something that is not a pprof profile, or a profile of a kind perfvet
// cannot use (goroutine, block, mutex, threadcreate). timeout bounds the
// whole request, on top of a CPU profile's seconds=N.
func Fetch(ctx context.Context, rawURL, dir string, timeout time.Duration) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("-hot.profile: %q is not a URL", rawURL)
	}
	if timeout <= 0 {
		timeout = DefaultFetchTimeout
	}
	if secs, err := strconv.Atoi(u.Query().Get("seconds")); err == nil && secs > 0 {
		timeout += time.Duration(secs) * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return "", fmt.Errorf("-hot.profile: %s: %w", rawURL, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return "", fmt.Errorf("-hot.profile: %s: no profile within %v", rawURL, timeout)
		}
		return "", fmt.Errorf("-hot.profile: cannot reach %s: %w", rawURL, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<30))
	if err != nil {
		return "", fmt.Errorf("-hot.profile: reading %s: %w", rawURL, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("-hot.profile: %s answered %s: %s", rawURL, resp.Status, firstLine(data))
	}
	pp, err := profile.Parse(bytes.NewReader(data))
	if err != nil {
		return "", fmt.Errorf("-hot.profile: %s did not send a pprof profile (%s: %q): %w", rawURL, resp.Header.Get("Content-Type"), firstLine(data), ErrNotProfile)
	}
	if _, err := kindOf(pp); err != nil {
		return "", fmt.Errorf("-hot.profile: %s: %w; perfvet uses CPU profiles (/debug/pprof/profile?seconds=N) and allocation profiles (/debug/pprof/allocs or /heap)", rawURL, err)
	}
	f, err := os.CreateTemp(dir, "fetched-*.pprof")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close() // the write's error is the one to report
		return "", err
	}
	return filepath.Clean(f.Name()), f.Close()
}

// firstLine returns the start of a body for an error message.
func firstLine(data []byte) string {
	s := string(data)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return strings.TrimSpace(s)
}
