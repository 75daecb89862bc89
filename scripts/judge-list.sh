#!/usr/bin/env bash
# judge-list.sh: the finding lists that the judged-precision tables in each
# analyzer's doc.go were made from (issue #16; how to judge:
# docs/judging.md).
#
# Usage: scripts/judge-list.sh [-std-only | -graph | -apps] [-cold N]
#        scripts/judge-list.sh -from DIR [-cold N]
#
# Runs scripts/corpus.sh (KEEP=1) over std (and, unless -std-only, the
# modules corpus; with -apps the application modules instead) and prints
# two tab-separated lists from its -json output:
#   shown  every finding of the default output (bugs, and cost findings in
#          code that does not look cold), the ones to judge in full;
#   cold   a sample of N (default 30) of the findings the default output
#          sets aside, taken evenly from the sorted list, so a rerun on the
#          same code picks the same ones.
# Columns: list, analyzer, kind (bug|cost), position, reason, message.
# -from DIR lists the *.json files of a kept corpus.sh work directory.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cold=30
mode=""
from=""
while [ $# -gt 0 ]; do
	case $1 in
	-std-only | -graph | -apps) mode=$1 ;;
	-cold) cold=$2; shift ;;
	-from) from=$2; shift ;;
	*) sed -n '2,18p' "$0"; exit 2 ;;
	esac
	shift
done
if [ -z "$from" ]; then
	from=$(KEEP=1 "$repo/scripts/corpus.sh" $mode 2>&1 >/dev/stderr | sed -n 's/^work directory kept: //p')
fi
python3 - "$from" "$cold" <<'PY'
import glob, json, os, sys
work, n = sys.argv[1], int(sys.argv[2])
shown, cold = [], []
for path in sorted(glob.glob(os.path.join(work, "*.json"))):
    try:
        tree = json.load(open(path))
    except Exception:
        continue
    for pkg, analyzers in tree.items():
        for name, diags in analyzers.items():
            if not isinstance(diags, list):
                continue
            for d in diags:
                posn = d["posn"]
                for marker in ("/src/", "/pkg/mod/"):
                    if marker in posn:
                        posn = posn.split(marker, 1)[1]
                row = (name, d.get("kind", "cost"), posn, d.get("reason", ""), d["message"])
                (shown if d.get("shown", True) else cold).append(row)
shown.sort(key=lambda r: r[2]); cold.sort(key=lambda r: r[2])
step = max(1, len(cold) // n) if n else 0
sample = cold[::step][:n] if n else []
for r in shown:
    print("shown\t" + "\t".join(r))
for r in sample:
    print("cold\t" + "\t".join(r))
print(f"# {len(shown)} shown, {len(cold)} set aside as cold ({len(sample)} sampled); from {work}", file=sys.stderr)
PY
