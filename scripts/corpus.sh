#!/usr/bin/env bash
# corpus.sh: run perfvet over real code and check it never panics and no
# analyzer fails; print finding counts per analyzer.
#
# Usage: scripts/corpus.sh [-std-only | -graph | -apps]
#   std     the Go standard library (perfvet std)
#   modules golang.org/x/tools@v0.52.0, honnef.co/go/tools@v0.8.2,
#           github.com/golangci/golangci-lint/v2@v2.15.0, and every non-std
#           package that golangci-lint and staticcheck import (from the
#           module cache; downloaded through the Go module proxy if missing)
#   -graph  std, then instead of "modules" every module of the build list of
#           those three (go list -m all: about 400 modules, test-only
#           dependencies included), MODULE/... for each, in batches of
#           $BATCH modules (default 40), with time and peak memory per batch
#   -apps   instead of std and "modules", application-style modules (servers,
#           drivers, clients) at exact versions, the module's own packages
#           (MODULE/...) only, one run per module in a temporary module that
#           requires just that one, with time and peak memory per module:
#           github.com/nats-io/nats-server/v2@v2.15.2, github.com/jackc/pgx/v5@v5.12.0,
#           github.com/redis/go-redis/v9@v9.23.0, github.com/gin-gonic/gin@v1.12.0,
#           github.com/go-sql-driver/mysql@v1.10.1
#
# Pass: no panic, and no analyzer error other than "the package has errors"
# (third-party packages that do not type-check with this toolchain are
# counted and listed, not failed). Exit status: 0 on pass, 1 otherwise.
# With KEEP=1 the work directory (each run's -json output) is kept and named.
# With ALL_AT_ONCE=1 perfvet is built with the driver from before streaming
# (-tags perfvet_allatonce), to compare the two drivers' counts.
# A cold machine first builds std's export data: several minutes.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mode=default
case "${1:-}" in
-std-only) mode=std ;;
-graph) mode=graph ;;
-apps) mode=apps ;;
"") ;;
*) sed -n '2,29p' "$0"; exit 2 ;;
esac

work=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
[ "${KEEP:-}" != 1 ] || echo "work directory kept: $work" >&2
# ALL_AT_ONCE=1 builds perfvet with the driver from before streaming, so
# two runs compare the drivers' counts on the same corpus.
tags=""
[ "${ALL_AT_ONCE:-}" != 1 ] || tags="-tags=perfvet_allatonce"
(cd "$repo" && go build $tags -o "$work/perfvet" ./cmd/perfvet) || exit 1

corpus() { # name dir patterns...
	local name=$1 dir=$2
	shift 2
	local start=$SECONDS
	(cd "$dir" && GOFLAGS=-mod=mod /usr/bin/time -f '%M' -o "$work/$name.rss" "$work/perfvet" -json "$@" >"$work/$name.json" 2>"$work/$name.err")
	echo "$name $((SECONDS - start)) $(tail -1 "$work/$name.rss" 2>/dev/null)" >>"$work/corpora"
}

APPS="github.com/nats-io/nats-server/v2@v2.15.2 github.com/jackc/pgx/v5@v5.12.0
github.com/redis/go-redis/v9@v9.23.0 github.com/gin-gonic/gin@v1.12.0
github.com/go-sql-driver/mysql@v1.10.1"

if [ $mode = apps ]; then
	# One temporary module per application module, requiring only it, so
	# the build list selects exactly the version named (nothing else can
	# raise it) and its own dependencies at the versions it asks for.
	for mv in $APPS; do
		m=${mv%@*} v=${mv#*@}
		name=$(basename "${m%/v[0-9]*}")
		dir="$work/$name"
		mkdir -p "$dir"
		printf 'module corpus\n\ngo 1.26.0\n\nrequire %s %s\n' "$m" "$v" >"$dir/go.mod"
		got=$(cd "$dir" && GOFLAGS=-mod=mod go list -m -f '{{.Version}}' "$m" 2>&1)
		if [ "$got" != "$v" ]; then
			echo "$mv: cannot be fetched or selected: $got"
			exit 1
		fi
		corpus "$name" "$dir" "$m/..."
	done
else
	corpus std "$work" std
fi
if [ $mode != std ] && [ $mode != apps ]; then
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
	if [ $mode = default ]; then
		# shellcheck disable=SC2086
		corpus modules "$mod" golang.org/x/tools/... honnef.co/go/tools/... github.com/golangci/golangci-lint/v2/... $deps
	else
		# The whole build list. A module the proxy cannot serve is listed
		# and left out; a package that does not build is "not analysed".
		(cd "$mod" && GOFLAGS=-mod=mod go list -m -f '{{if not .Main}}{{.Path}}@{{.Version}}{{end}}' all) | grep . >"$work/graph.mods"
		: >"$work/graph.undownloadable"
		# shellcheck disable=SC2046
		(cd "$mod" && GOFLAGS=-mod=mod go mod download -json $(cat "$work/graph.mods")) |
			python3 -c 'import json,sys
dec=json.JSONDecoder(); s=sys.stdin.read(); i=0
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    o, i = dec.raw_decode(s, i)
    if o.get("Error"): print(o["Path"] + "@" + o["Version"])' >"$work/graph.undownloadable"
		grep -vxF -f "$work/graph.undownloadable" "$work/graph.mods" | sed 's/@.*$//' >"$work/graph.ok"
		split -l "${BATCH:-40}" -d -a 2 "$work/graph.ok" "$work/graph.batch."
		for b in "$work"/graph.batch.*; do
			# shellcheck disable=SC2046
			corpus "graph-${b##*.}" "$mod" $(sed 's#$#/...#' "$b")
		done
		echo "graph: $(wc -l <"$work/graph.mods") modules, $(wc -l <"$work/graph.undownloadable") not downloadable: $(tr '\n' ' ' <"$work/graph.undownloadable")"
	fi
fi

python3 - "$work" <<'PY'
import collections, json, os, re, sys
work = sys.argv[1]
ok = True
# Reasons a package is not analysed, from the errors perfvet prints.
REASONS = [
    ("imports a package no module of the build list provides (test-only dependency)", r"no required module provides|cannot find module providing|is not in std|missing go\.sum entry"),
    ("two modules of the build list provide the package (ambiguous import)", r"ambiguous import"),
    ("cgo", r"cgo|C compiler|\bC\.|compilation terminated|fatal error:|#include"),
    ("no Go files for this platform", r"build constraints exclude|no Go files"),
    ("type errors with the versions selected", r"undefined:|cannot use|has no field or method|not enough arguments|too many arguments|could not import|imported and not used|declared and not used|mismatched types|missing method|does not implement|invalid operation|assignment mismatch|cannot infer"),
    ("syntax errors", r"expected |syntax error|illegal"),
]
groups = collections.OrderedDict()
for line in open(os.path.join(work, "corpora")):
    name, secs, rss = (line.split() + ["", "", ""])[:3]
    groups.setdefault(re.sub(r"-\d+$", "", name), []).append((name, int(secs or 0), int(rss or 0)))
for group, runs in groups.items():
    counts = collections.Counter()
    seen = set()
    failed_pkgs, analyzer_errors, reasons = set(), [], collections.Counter()
    npkgs = 0
    for name, _, _ in runs:
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
        for line in err.splitlines():
            if not line.strip() or "matched no packages" in line or line[0] in " \t" or line.startswith("-: # "):
                continue  # continuation lines and package headers
            for reason, rx in REASONS:
                if re.search(rx, line):
                    reasons[reason] += 1
                    break
            else:
                reasons["other: " + line[:160]] += 1
        for pkg, analyzers in tree.items():
            npkgs += 1
            # "failed prerequisites" means a package with errors only when
            # the analyzers without those prerequisites say so; otherwise
            # a shared analyzer (loops, chanflow) failed on its own.
            has_errors = any(isinstance(v, dict) and "analysis skipped due to errors in package" in v.get("error", "")
                             for v in analyzers.values())
            for analyzer, v in analyzers.items():
                if isinstance(v, dict):
                    e = v.get("error", "")
                    if "analysis skipped due to errors in package" in e or "failed prerequisites" in e and has_errors:
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
    secs = sum(r[1] for r in runs)
    rss = max(r[2] for r in runs) // 1024
    print(f"== {group}: {sum(counts.values())} findings, "
          f"{len(failed_pkgs)} packages not analysed, {len(analyzer_errors)} analyzer errors; "
          f"{secs} s in {len(runs)} run(s), peak RSS {rss} MB")
    for analyzer, n in sorted(counts.items()):
        print(f"   {analyzer:12s} {n}")
    for e in analyzer_errors[:20]:
        print("   ERROR " + e)
    if failed_pkgs:
        print("   error lines printed, by likely reason:")
        for reason, n in reasons.most_common(12):
            print(f"     {n:6d}  {reason}")
    for p in sorted(failed_pkgs)[:10]:
        print("   not analysed: " + p)
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
