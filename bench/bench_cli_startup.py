"""Start-up time of the command line against a bare interpreter.

Each case runs N times as a fresh process (the installed ``alliancekg``
console script, or ``python -c pass`` as the floor); every run's wall-clock
time and CPU time (user + system of the child, from ``os.wait4``) is taken,
and the median, minimum and maximum are printed as a Markdown table with the
load average before and after. On a shared machine the CPU seconds are the
figure that carries over to an idle one; wall time shows what a user waited.

Cases:

* ``python -c pass``: the interpreter alone;
* ``alliancekg --help``: every command registered, the help printed;
* ``alliancekg --version``;
* ``alliancekg extract FILE``: one small plain-text communique of the sample
  corpus, read and extracted, the graph printed as JSON (default
  ``corpus/communiques/scm-10-1977.txt``, 2 kB);
* ``alliancekg stats --data FILE`` (with ``--stats-data``): a reading command
  over a saved store.

Children run without ``PYTHONDONTWRITEBYTECODE`` (set in some shells here),
so the warm-up run leaves the bytecode and the extractor's regex cache
(:mod:`extractors.rules.regex_cache`) in place, as an installed package has
them; otherwise every run would compile the project's sources again.

Usage::

    .venv/bin/python bench/bench_cli_startup.py --runs 15
    .venv/bin/python bench/bench_cli_startup.py --runs 15 --stats-data data/graph.json.gz
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOC = ROOT / "corpus" / "communiques" / "scm-10-1977.txt"


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process run to completion."""
    start = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        msg = f"{' '.join(argv)} exited with {proc.returncode}"
        raise SystemExit(msg)
    return wall, usage.ru_utime + usage.ru_stime


def measure(argv: list[str], runs: int) -> dict[str, float]:
    run_once(argv)  # warm the file cache and the bytecode cache; not counted
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = run_once(argv)
        walls.append(wall)
        cpus.append(cpu)
    return {
        "wall_median": statistics.median(walls),
        "wall_min": min(walls),
        "wall_max": max(walls),
        "cpu_median": statistics.median(cpus),
        "cpu_min": min(cpus),
        "cpu_max": max(cpus),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per case (median reported)")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC, help="document for the extract case")
    parser.add_argument("--stats-data", type=Path, default=None, help="a saved store for the stats case")
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    cli = str(bindir / "alliancekg")
    cases: list[tuple[str, list[str]]] = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("alliancekg --help", [cli, "--help"]),
        ("alliancekg --version", [cli, "--version"]),
        (f"alliancekg extract {args.doc.name}", [cli, "extract", str(args.doc)]),
    ]
    if args.stats_data is not None:
        cases.append(("alliancekg stats", [cli, "stats", "--data", str(args.stats_data)]))

    before = os.getloadavg()
    rows = [(name, measure(argv, args.runs)) for name, argv in cases]
    after = os.getloadavg()
    floor = rows[0][1]

    print(f"runs per case: {args.runs}; load average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; {os.cpu_count()} CPUs")  # fmt: skip
    print()
    print("| command | wall median s | wall min-max s | CPU median s | CPU min-max s | CPU over `python -c pass` s |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(
            f"| `{name}` | {r['wall_median']:.3f} | {r['wall_min']:.3f}-{r['wall_max']:.3f} | "
            f"{r['cpu_median']:.3f} | {r['cpu_min']:.3f}-{r['cpu_max']:.3f} | "
            f"{r['cpu_median'] - floor['cpu_median']:.3f} |"
        )


if __name__ == "__main__":
    main()
