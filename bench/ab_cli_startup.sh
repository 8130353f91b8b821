#!/usr/bin/env bash
# Start-up of `alliancekg extract` of one small document: a base tree against this tree, alternated.
#
# Each tree runs its own venv's console script (`.venv/bin/alliancekg`), so both must have one
# (`python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'`). After two unmeasured warm-up runs per
# tree (bytecode and the regex cache written), the two trees take turns N times; every run's user +
# system CPU seconds and wall seconds come from /usr/bin/time, and the medians and ranges are printed
# with the load average before and after. PYTHONDONTWRITEBYTECODE is unset, as in
# bench/bench_cli_startup.py, so the bytecode cache stays warm.
#
# CACHE=own gives each tree its own regex cache directory (ALLIANCEKG_CACHE_DIR under a temporary
# directory), as one installed version has; CACHE=home (default) uses the user's ~/.cache/alliancekg,
# which bench/bench_cli_startup.py uses too.
#
# Usage: bash bench/ab_cli_startup.sh BASE_TREE [RUNS] [DOCUMENT]
#        CACHE=own bash bench/ab_cli_startup.sh /work/main 11
set -euo pipefail
unset PYTHONDONTWRITEBYTECODE
base=$(cd "$1" && pwd)
runs=${2:-11}
doc=${3:-corpus/communiques/scm-10-1977.txt}
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${CACHE:-home}
out=$(mktemp)
caches=$(mktemp -d)
trap 'rm -rf "$out" "$caches"' EXIT

run() { # name tree
  local name=$1 tree=$2
  (
    cd "$tree"
    if [ "$mode" = own ]; then export ALLIANCEKG_CACHE_DIR=$caches/$name; fi
    /usr/bin/time -f "$name %U %S %e" -a -o "$out" .venv/bin/alliancekg extract "$doc" >/dev/null
  )
}

for _ in 1 2; do run base "$base"; run this "$here"; done
: >"$out"
echo "cache: $mode; load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M) UTC)"
for _ in $(seq "$runs"); do run base "$base"; run this "$here"; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(date -u +%H:%M) UTC)"
python3 - "$out" <<'PY'
import statistics
import sys

runs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    name, user, system, wall = line.split()
    runs.setdefault(name, []).append((float(user) + float(system), float(wall)))
for name in ("base", "this"):
    cpu = [c for c, _ in runs[name]]
    wall = [w for _, w in runs[name]]
    print(f"{name}: {len(cpu)} runs, CPU median {statistics.median(cpu):.3f} s "
          f"({min(cpu):.2f}-{max(cpu):.2f}), wall median {statistics.median(wall):.2f} s")
PY
