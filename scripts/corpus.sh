#!/usr/bin/env bash
# corpus.sh: run perfvet over real code and check it never panics and no
# analyzer fails; print finding counts per analyzer.
#
# Usage: scripts/corpus.sh [-std-only]
#   std     the Go standard library (perfvet std)
#   modules golang.org/x/tools@v0.52.0, honnef.co/go/tools@v0.8.2,
#           github.com/golangci/golangci-lint/v2@v2.15.0, and every non-std
#           package that golangci-lint and staticcheck import (from the
#           module cache; downloaded through the Go module proxy if missing)
#
# Pass: no panic, and no analyzer error other than "the package has errors"
# (third-party packages that do not type-check with this toolchain are
# counted and listed, not failed). Exit status: 0 on pass, 1 otherwise.
# A cold machine first builds std's export data: several minutes.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
std_only=0
[ "${1:-}" = -std-only ] && std_only=1

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/perfvet" ./cmd/perfvet) || exit 1

corpus() { # name dir patterns...
	local name=$1 dir=$2
	shift 2
	(cd "$dir" && GOFLAGS=-mod=mod "$work/perfvet" -json "$@" >"$work/$name.json" 2>"$work/$name.err")
	echo "$name" >>"$work/corpora"
}

corpus std "$work" std
if [ $std_only = 0 ]; then
	mod="$work/mod"
	mkdir -p "$mod"
	cat >"$mod/go.mod" <<'EOF'
module corpus

go 1.26.0

require (
	github.com/golangci/golangci-lint/v2 v2.15.0
	golang.org/x/tools v0.52.0
	honnef.co/go/tools v0.8.2
)
EOF
	cat >"$mod/tools.go" <<'EOF'
//go:build tools

package corpus

import (
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	_ "golang.org/x/tools/go/analysis"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
EOF
	(cd "$mod" && go mod tidy >/dev/null 2>&1)
	deps=$(cd "$mod" && GOFLAGS=-mod=mod go list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' \
		github.com/golangci/golangci-lint/v2/cmd/golangci-lint honnef.co/go/tools/cmd/staticcheck 2>/dev/null)
	# shellcheck disable=SC2086
	corpus modules "$mod" golang.org/x/tools/... honnef.co/go/tools/... github.com/golangci/golangci-lint/v2/... $deps
fi

python3 - "$work" <<'PY'
import collections, json, os, re, sys
work = sys.argv[1]
ok = True
for name in open(os.path.join(work, "corpora")).read().split():
    err = open(os.path.join(work, name + ".err"), errors="replace").read()
    if re.search(r"^panic: |^goroutine \d+ \[", err, re.M):
        ok = False
        print(f"{name}: PANIC\n{err[-4000:]}")
    try:
        tree = json.load(open(os.path.join(work, name + ".json")))
    except Exception as e:
        ok = False
        print(f"{name}: no JSON output ({e})\n{err[-2000:]}")
        continue
    counts = collections.Counter()
    seen = set()
    failed_pkgs, analyzer_errors = set(), []
    for pkg, analyzers in tree.items():
        for analyzer, v in analyzers.items():
            if isinstance(v, dict):
                e = v.get("error", "")
                if "analysis skipped due to errors in package" in e or "failed prerequisites" in e:
                    failed_pkgs.add(pkg)
                else:
                    analyzer_errors.append(f"{pkg}: {analyzer}: {e}")
                continue
            for d in v:
                key = (analyzer, d["posn"])
                if key not in seen:
                    seen.add(key)
                    counts[analyzer] += 1
    if analyzer_errors:
        ok = False
    print(f"== {name}: {sum(counts.values())} findings in {len(tree) - len(failed_pkgs)} packages, "
          f"{len(failed_pkgs)} packages not analysed (they do not type-check here), {len(analyzer_errors)} analyzer errors")
    for analyzer, n in sorted(counts.items()):
        print(f"   {analyzer:12s} {n}")
    for e in analyzer_errors[:20]:
        print("   ERROR " + e)
    for p in sorted(failed_pkgs)[:10]:
        print("   not analysed: " + p)
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
