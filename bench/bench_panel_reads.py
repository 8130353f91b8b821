"""Reads and time of the explorer's details panel, one store read per group vs all groups in one.

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/bench_panel_reads.py --store neo4j --reuse
    .venv/bin/python bench/bench_panel_reads.py                      # embedded

Loads ``graph.synthetic.generate(--nodes, seed=0)`` as ``bench_browser.py`` does
(``--reuse`` keeps a Neo4j database that holds it), picks ``--sample`` nodes of
each kind that has links (the same nodes every run), and for each node, cold
(nothing remembered), builds its details panel's groups twice, alternating
which goes first: the groups read one by one (:meth:`linked` per group, as before)
and in one read (:meth:`linked_pages`). Reports store reads per panel and wall
and CPU milliseconds (p50 / p95) of the groups' reads, with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_browser import build_store, percentile  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    from dashboard.explorer_panel import PANEL_SHOWN, SKIPPED_LINKS, _page_size

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=8, help="nodes per kind")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args(argv)
    before = os.getloadavg()
    store, _ = build_store(args.store, args.nodes, 0, args.reuse)
    reads = {"per group": 0, "one read": 0, "other": 0}
    mode = ["per group"]
    if hasattr(store, "_read"):
        real = store._read

        def counted(query: str, **params: object) -> object:
            reads[mode[0]] += 1
            return real(query, **params)

        store._read = counted
    by_kind: dict[str, list[str]] = {}
    for node in store.nodes():
        if node.kind.value != "Mention":
            picked = by_kind.setdefault(node.kind.value, [])
            if len(picked) < args.sample:
                picked.append(node.iri)
    wall: dict[str, list[float]] = {"per group": [], "one read": []}
    cpu: dict[str, list[float]] = {"per group": [], "one read": []}
    panels = 0
    for i, iri in enumerate(sorted(i for picked in by_kind.values() for i in picked)):
        mode[0] = "other"
        counts = store.link_counts(iri)
        keys = [k for k in sorted(counts) if k[0] not in SKIPPED_LINKS]
        if not keys:
            continue
        panels += 1
        pages = [(t, out, 0, _page_size(counts[(t, out)], PANEL_SHOWN)) for t, out in keys]
        order = ["per group", "one read"] if i % 2 == 0 else ["one read", "per group"]
        for name in order:
            mode[0] = name
            w, c = time.perf_counter(), time.process_time()
            if name == "per group":
                got = {(t, out): store.linked(iri, t, out, o, n) for t, out, o, n in pages}
            else:
                got = store.linked_pages(iri, pages)
            wall[name].append((time.perf_counter() - w) * 1000)
            cpu[name].append((time.process_time() - c) * 1000)
            assert got  # both give every group
    after = os.getloadavg()
    print(f"{args.store}: {panels} panels; load average {before[0]:.2f} -> {after[0]:.2f}; {os.cpu_count()} CPUs")
    print("| groups read | store reads per panel | wall p50 / p95 ms | client CPU p50 / p95 ms |\n|---|---:|---:|---:|")
    for name in ("per group", "one read"):
        per = reads[name] / panels if panels else 0
        print(f"| {name} | {per:.1f} | {statistics.median(wall[name]):.1f} / {percentile(wall[name], 95):.1f} | "
              f"{statistics.median(cpu[name]):.1f} / {percentile(cpu[name], 95):.1f} |")  # fmt: skip
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
