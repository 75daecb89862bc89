#!/usr/bin/env bash
# build-gcl.sh: build bin/custom-gcl, golangci-lint v2.15.0 with perfvet's
# module plugins compiled in, from the Go module proxy alone (no git clone,
# unlike `golangci-lint custom`). Cold it takes minutes (the research note
# measured 4-5 on 2 cores); with warm caches, seconds.
#
# golangci-lint's cmd/golangci-lint/main.go (GPL-3.0) is copied from the
# module cache at build time, not kept in this repository. The version
# string carries a hash of perfvet's sources: golangci-lint keys its result
# cache on it, so a rebuilt plugin never serves stale results.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo/tools/gcl"
gcl=$(go mod download -json github.com/golangci/golangci-lint/v2@v2.15.0 | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
install -m 0644 "$gcl/cmd/golangci-lint/main.go" main.go
hash=$(cd "$repo" && find . -path ./tools -prune -o -path ./testdata -prune -o \( -name '*.go' -o -name go.mod -o -name go.sum \) -type f -print | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)
mkdir -p "$repo/bin"
go build -trimpath -ldflags "-s -w -X main.version=v2.15.0-perfvet-$hash -X main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" -o "$repo/bin/custom-gcl" .
echo "built $repo/bin/custom-gcl (v2.15.0-perfvet-$hash)"
