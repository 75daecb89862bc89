#!/usr/bin/env bash
# scale.sh: peak memory and time against code size when the code is spread
# over many packages (the streaming driver's case), not one giant package
# (the per-analyzer Scale benchmarks in ./analyzers measure that one).
# Not part of CI: the 1M-line module takes minutes to build on 2 cores.
#
# Usage: scripts/perf/scale.sh [-sizes "10 100 1000"] [-tools "floor perfvet floor-all"]
#   -sizes  numbers of packages; each package is about 1,300 lines in 4
#           files with one finding, and imports std (strings, fmt, sort) and
#           one shared package of the module (shared dependency types)
#   -tools  floor (the streaming driver with a do-nothing analyzer),
#           perfvet, floor-all (floor -all-at-once: the driver before
#           streaming, every package loaded and kept)
# Output: a markdown table of lines, packages, wall, CPU (user+sys) and
# peak RSS per tool, one run each (RSS is what this measures; the machine
# is shared, so times are noisy).
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
sizes=(10 100 1000)
tools=(floor perfvet floor-all)
while [ $# -gt 0 ]; do
	case "$1" in
	-sizes) read -r -a sizes <<<"$2"; shift 2 ;;
	-tools) read -r -a tools <<<"$2"; shift 2 ;;
	-h|--help) sed -n '2,18p' "$0"; exit 0 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/bin"
mkdir -p "$bin"
(cd "$repo" && go build -o "$bin/perfvet" ./cmd/perfvet && go build -o "$bin/floor" ./scripts/perf/floor) || exit 1

# gen DIR N: a module of N packages of about 1,300 lines each.
gen() {
	python3 - "$1" "$2" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "shared"), exist_ok=True)
open(os.path.join(root, "go.mod"), "w").write("module example.com/scale\n\ngo 1.26\n")
open(os.path.join(root, "shared", "shared.go"), "w").write('''package shared

// Record is the type every generated package works with.
type Record struct {
	Name  string
	Tags  []string
	Score int
}

// Sink receives records.
type Sink interface{ Put(Record) error }
''')
lines = 0
for p in range(n):
    d = os.path.join(root, "p%04d" % p)
    os.makedirs(d, exist_ok=True)
    for f in range(4):
        out = ['package p%04d\n\nimport (\n\t"fmt"\n\t"sort"\n\t"strings"\n\n\t"example.com/scale/shared"\n)\n' % p]
        for k in range(10):
            out.append('''
// Join{F}_{K} joins the records' names.
func Join{F}_{K}(rs []shared.Record) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Name)
	}
	return b.String()
}

// Tags{F}_{K} collects the tags of the records that score.
func Tags{F}_{K}(rs []shared.Record, min int) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		if r.Score < min {
			continue
		}
		out = append(out, strings.Join(r.Tags, ","))
	}
	sort.Strings(out)
	return out
}

// Put{F}_{K} sends the records to sink.
func Put{F}_{K}(sink shared.Sink, rs []shared.Record) error {
	for i := range rs {
		if err := sink.Put(rs[i]); err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
	}
	return nil
}
'''.replace("{F}", str(f)).replace("{K}", str(k)))
        if f == 0:
            # One finding per package: real code has few, and findings
            # (with their fixes) are what the driver keeps.
            out.append('''
// Names concatenates the names.
func Names(rs []shared.Record) string {
	s := ""
	for _, r := range rs {
		s += r.Name
	}
	return s
}
''')
        text = "".join(out)
        lines += text.count("\n")
        open(os.path.join(d, "f%d.go" % f), "w").write(text)
print(lines)
PY
}

command_for() { # tool
	case "$1" in
	floor) echo "$bin/floor ./..." ;;
	floor-all) echo "$bin/floor -all-at-once ./..." ;;
	perfvet) echo "$bin/perfvet ./..." ;;
	esac
}

echo "| packages | lines | tool | wall (s) | CPU (s) | peak RSS (MB) |"
echo "|---:|---:|---|---:|---:|---:|"
for n in "${sizes[@]}"; do
	dir="$work/scale$n"
	lines=$(gen "$dir" "$n") || exit 1
	# Build the export data once, untimed, as a warm build cache would have it.
	(cd "$dir" && "$bin/floor" ./... >/dev/null 2>&1)
	for tool in "${tools[@]}"; do
		out=$( (cd "$dir" && /usr/bin/time -f '%e %U %S %M' $(command_for "$tool") >/dev/null 2>"$work/stderr"); tail -n 1 "$work/stderr")
		read -r wall user sys rss <<<"$out"
		echo "| $n | $lines | $tool | $wall | $(awk "BEGIN{print $user + $sys}") | $((rss / 1024)) |"
	done
	rm -rf "$dir"
done
