"""Benchmark: RDF export of a generated graph (N-Triples and Turtle, both streamed).

For each graph size and format, a fresh subprocess generates the graph
(:func:`graph.synthetic.iter_generate`), loads it into a
:class:`graph.nx_store.NetworkXStore`, then exports it to a file. Measured:

* triples/s of the export alone (store iteration included, generation not),
  by wall clock and by CPU time of the process (the CPU figure is the one to
  compare on a shared machine);
* the peak memory the export adds: the process's peak RSS during the export
  minus its RSS just before (Linux: the peak is reset through
  ``/proc/self/clear_refs`` before exporting, so loading the store does not
  count).

An "iterate" run per size reads every node and relationship from the store
and does nothing else (the "format" column says "-" and the "triples" column
counts records): the memory the store's own iterators need. What an export
adds on top of it is the writer's memory, which should not grow with the
graph.

Usage::

    .venv/bin/python bench/bench_export.py                       # 30k and 120k nodes (~0.28M and ~1.1M triples)
    .venv/bin/python bench/bench_export.py --sizes 5000 --formats nt
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _status_kb(field: str) -> int | None:
    try:
        text = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def worker(mode: str, n_nodes: int, fmt: str, out: Path, seed: int) -> dict[str, Any]:
    """Run one export in this process and return its figures."""
    from graph.nx_store import NetworkXStore
    from graph.synthetic import iter_generate
    from ontology.rdf_export import export_file

    store = NetworkXStore()
    t_load = time.perf_counter()
    for batch in iter_generate(n_nodes, seed=seed):
        store.load(batch)
    load_seconds = time.perf_counter() - t_load
    gc.collect()
    peak_reset = _reset_peak()
    rss_before = _status_kb("VmRSS") or 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    if mode == "export":
        report = export_file(store, out, fmt)
        triples = report.triples
    else:  # iterate: what the store's own streaming costs (records read, nothing converted or written)
        triples = sum(1 for _ in store.iter_nodes()) + sum(1 for _ in store.iter_relationships())
        out.write_text("", encoding="utf-8")
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = _status_kb("VmHWM") or 0
    return {
        "mode": mode,
        "nodes": n_nodes,
        "format": fmt,
        "triples": triples,
        "seconds": round(seconds, 2),
        "triples_per_s": round(triples / seconds) if seconds else 0,
        "cpu_seconds": round(cpu, 2),
        "triples_per_cpu_s": round(triples / cpu) if cpu else 0,
        "load_seconds": round(load_seconds, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
        "export_peak_extra_mb": round((peak - rss_before) / 1024, 1) if peak_reset else None,
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "file_mb": round(out.stat().st_size / 1e6, 1),
    }


def run(mode: str, n_nodes: int, fmt: str, seed: int, workdir: Path) -> dict[str, Any]:
    """One export in a fresh subprocess."""
    out = workdir / f"{mode}-{n_nodes}.{fmt}"
    cmd = [sys.executable, __file__, "--worker", mode, "--sizes", str(n_nodes), "--formats", fmt,
           "--seed", str(seed), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
    if proc.returncode != 0:
        raise SystemExit(f"worker failed ({' '.join(cmd)}):\n{proc.stderr}")
    out.unlink(missing_ok=True)
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def markdown(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table."""
    head = ("| run | nodes | format | triples | wall s | triples/s (wall) | CPU s | triples/s (CPU) "
            "| peak extra during run (MB) | RSS before (MB) | file (MB) |")
    lines = [head, "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        extra = "n/a" if r["export_peak_extra_mb"] is None else f"{r['export_peak_extra_mb']:.1f}"
        lines.append(
            f"| {r['mode']} | {r['nodes']:,} | {r['format']} | {r['triples']:,} | {r['seconds']:.2f} "
            f"| {r['triples_per_s']:,} | {r['cpu_seconds']:.2f} | {r['triples_per_cpu_s']:,} | {extra} "
            f"| {r['rss_before_mb']:.0f} | {r['file_mb']:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="30000,120000", help="node counts, comma-separated")
    parser.add_argument("--formats", default="nt,ttl", help="formats, comma-separated (nt, ttl, jsonld, xml)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the iterate-only runs")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    parser.add_argument("--worker", choices=["export", "iterate"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    formats = [f for f in args.formats.split(",") if f]

    if args.worker:
        print(json.dumps(worker(args.worker, sizes[0], formats[0], args.out, args.seed)))
        return

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for n_nodes in sizes:
            if not args.no_baseline:
                rows.append(run("iterate", n_nodes, "-", args.seed, Path(tmp)))
                print(markdown(rows[-1:]).splitlines()[-1], flush=True)
            for fmt in formats:
                rows.append(run("export", n_nodes, fmt, args.seed, Path(tmp)))
                print(markdown(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(markdown(rows))
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
