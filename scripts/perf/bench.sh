#!/usr/bin/env bash
# bench.sh: perfvet against the floor (the same driver with an analyzer that
# does nothing: loading and type-checking) and against its peers, on the
# same corpora, alternating the tools run by run. Not part of CI: a full
# run takes tens of minutes on 2 cores.
#
# Usage: scripts/perf/bench.sh [-runs N] [-std | -std-only] [-tools "floor perfvet ..."] [-peers DIR] [MODULE@VERSION...]
#   default corpora: golang.org/x/tools@v0.52.0 honnef.co/go/tools@v0.8.2
#                    github.com/golangci/golangci-lint/v2@v2.15.0
#   -std   also the standard library (GOROOT/src, ./...)
#   -std-only  only the standard library
#   -runs  runs per tool and corpus (default 3); the table shows medians
#   -tools the tools to run (default: all five)
#   -peers a directory holding staticcheck and golangci-lint binaries of
#          the versions below, instead of installing them
#
# Tools, each run in the corpus's directory on ./...:
#   floor-all      scripts/perf/floor -all-at-once: the driver before it
#                  streamed packages (go/packages loads every matched
#                  package and keeps all to the end), analysing nothing
#   floor          scripts/perf/floor: the streaming driver analysing nothing
#   perfvet        every analyzer on (default flags)
#   staticcheck    honnef.co/go/tools/cmd/staticcheck@v0.8.2, fresh cache
#   golangci-lint  v2.15.0, fresh cache, with prealloc, perfsprint,
#                  gocritic (performance tag) and modernize
# Peers install into a temporary GOBIN. Output: a markdown table of median
# wall time, CPU time (user+sys) and peak RSS, with ratios to both floors.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=3
std=0
tools=(floor-all floor perfvet staticcheck golangci-lint)
peers=""
corpora=()
while [ $# -gt 0 ]; do
	case "$1" in
	-runs) runs=$2; shift 2 ;;
	-std) std=1; shift ;;
	-std-only) std=2; shift ;;
	-tools) read -r -a tools <<<"$2"; shift 2 ;;
	-peers) peers=$2; shift 2 ;;
	-h|--help) sed -n '2,27p' "$0"; exit 0 ;;
	*) corpora+=("$1"); shift ;;
	esac
done
[ ${#corpora[@]} -gt 0 ] || [ $std = 2 ] || corpora=(golang.org/x/tools@v0.52.0 honnef.co/go/tools@v0.8.2 github.com/golangci/golangci-lint/v2@v2.15.0)

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# Tools get fresh result caches below through XDG_CACHE_HOME; the Go build
# cache (export data, shared by all) must not move with it.
export GOCACHE=$(go env GOCACHE)
bin="$work/bin"
mkdir -p "$bin"
echo "building tools into $bin" >&2
(cd "$repo" && go build -o "$bin/perfvet" ./cmd/perfvet && go build -o "$bin/floor" ./scripts/perf/floor) || exit 1
if [[ " ${tools[*]} " == *" staticcheck "* ]]; then
	if [ -n "$peers" ]; then cp "$peers/staticcheck" "$bin/" || exit 1
	else GOBIN="$bin" go install honnef.co/go/tools/cmd/staticcheck@v0.8.2 || exit 1; fi
fi
if [[ " ${tools[*]} " == *" golangci-lint "* ]]; then
	if [ -n "$peers" ]; then cp "$peers/golangci-lint" "$bin/" || exit 1
	else GOBIN="$bin" go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0 || exit 1; fi
fi
cat > "$work/golangci.yml" <<'YAML'
version: "2"
linters:
  default: none
  enable: [prealloc, perfsprint, gocritic, modernize]
  settings:
    gocritic:
      disable-all: true
      enabled-tags: [performance]
YAML

dirs=()
names=()
if [ $std != 0 ]; then dirs+=("$(go env GOROOT)/src"); names+=(std); fi
for m in "${corpora[@]}"; do
	src=$(go mod download -json "$m" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
	[ -n "$src" ] || { echo "cannot download $m" >&2; exit 1; }
	# A writable copy: go may need to touch go.sum.
	d="$work/src/$(echo "$m" | tr '/@' '__')"
	mkdir -p "$(dirname "$d")" && cp -a "$src" "$d" && chmod -R u+w "$d"
	dirs+=("$d"); names+=("${m%@*}")
done

command_for() { # tool
	case "$1" in
	floor-all) echo "$bin/floor -all-at-once ./..." ;;
	floor) echo "$bin/floor ./..." ;;
	perfvet) echo "$bin/perfvet ./..." ;;
	staticcheck) echo "$bin/staticcheck ./..." ;;
	golangci-lint) echo "$bin/golangci-lint run --config=$work/golangci.yml --issues-exit-code=0 ./..." ;;
	esac
}

results="$work/results.tsv"
: > "$results"
for i in "${!dirs[@]}"; do
	dir=${dirs[$i]}
	name=${names[$i]}
	# One untimed run of the floor fills the build cache with export data,
	# which every tool then shares.
	(cd "$dir" && GOFLAGS=-mod=mod "$bin/floor" ./... >/dev/null 2>&1)
	for run in $(seq "$runs"); do
		for tool in "${tools[@]}"; do
			cache="$work/cache-$tool-$run"
			mkdir -p "$cache"
			out=$( (cd "$dir" && GOFLAGS=-mod=mod GOLANGCI_LINT_CACHE="$cache" XDG_CACHE_HOME="$cache" \
				/usr/bin/time -f '%e %U %S %M' $(command_for "$tool") >/dev/null 2>"$work/stderr") ; tail -n 1 "$work/stderr")
			read -r wall user sys rss <<<"$out"
			printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$wall" "$(awk "BEGIN{print $user + $sys}")" "$rss" >>"$results"
			echo "$name $tool run $run: ${wall}s wall, ${rss} KB" >&2
		done
	done
done

python3 - "$results" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    corpus, tool, wall, cpu, rss = line.split("\t")
    rows[(corpus, tool)].append((float(wall), float(cpu), int(rss)))
corpora = list(dict.fromkeys(c for c, _ in rows))
tools = ["floor-all", "floor", "perfvet", "staticcheck", "golangci-lint"]
print("| corpus | tool | wall (s) | CPU (s) | peak RSS (MB) | wall / floor-all | RSS / floor-all | RSS / floor |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for c in corpora:
    med = {t: [statistics.median(x[i] for x in rows[(c, t)]) for i in range(3)] for t in tools if (c, t) in rows}
    def ratio(t, i, base):
        return f"{med[t][i] / med[base][i]:.2f}" if base in med else "-"
    for t in tools:
        if t not in med:
            continue
        w, cpu, rss = med[t]
        print(f"| {c} | {t} | {w:.1f} | {cpu:.1f} | {rss/1024:.0f} | {ratio(t, 0, 'floor-all')} | {ratio(t, 2, 'floor-all')} | {ratio(t, 2, 'floor')} |")
PY
