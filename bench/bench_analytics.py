"""Benchmark the analytics: trace, lineage and themes on both stores.

Usage (from the repository root)::

    .venv/bin/python bench/bench_analytics.py                     # sample corpus + 100,000-node synthetic graph
    .venv/bin/python bench/bench_analytics.py --synthetic 0       # sample corpus only
    .venv/bin/python bench/bench_analytics.py --stores embedded   # no Neo4j

Neo4j is used when ``NEO4J_URI`` is set (``NEO4J_USERNAME``/``NEO4J_PASSWORD``);
its database is EMPTIED first, so point it at a scratch server, e.g.
``NEO4J_LOCAL_HOME=/tmp/neo4j-analytics scripts/neo4j-local start``.

Two figures per analysis, each the median of ``--runs`` runs, as wall-clock
time and as CPU time of this process (the client: Neo4j's own work is in the
wall-clock figure only):

* **cold**: the analysis is given the store, so it reads the analytics view
  first (what every question from the command line costs, and the
  dashboard's first after a change of the graph: reading the store's
  projection, ``GraphStore.projection``, and indexing it);
* **warm**: the analysis is given a view read before (``analytics.view_of``,
  as the dashboard does while the store does not change); every run asks
  a different question (another incident, another commitment type), so the
  evidence of its rows is read from the store, not from a cache.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import analytics as ak  # noqa: E402
from graph.schema import COMMITMENT_TYPES  # noqa: E402
from graph.store import GraphStore  # noqa: E402

ANALYSES = ("trace", "lineage", "themes")


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (of this process) of one call."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def open_neo4j() -> GraphStore | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    import neo4j

    from graph.neo4j_store import Neo4jStore

    password = os.environ.get("NEO4J_PASSWORD", "")
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
    driver = neo4j.GraphDatabase.driver(uri, auth=auth)
    driver.verify_connectivity()
    store = Neo4jStore(driver, owns_driver=True, uri=uri)
    store.ensure_schema()
    return store


def open_store(kind: str) -> GraphStore | None:
    if kind == "embedded":
        from graph.nx_store import NetworkXStore

        return NetworkXStore()
    return open_neo4j()


def load_corpus(store: GraphStore, corpus: Path) -> str:
    from alliancekg.ingest import ingest_paths  # imported first: skip quickly when it is missing

    t0 = time.perf_counter()
    report = ingest_paths([corpus], store, progress=False, save=False)
    return f"{len(report.files)} files ingested in {time.perf_counter() - t0:.1f} s"


def load_synthetic(store: GraphStore, n_nodes: int) -> str:
    from graph.synthetic import iter_generate

    t0 = time.perf_counter()
    for batch in iter_generate(n_nodes, seed=0):
        store.load(batch)
    return f"{n_nodes:,} nodes loaded in {time.perf_counter() - t0:.1f} s"


def measure(store: GraphStore, runs: int) -> dict[str, dict[str, float]]:
    """Cold and warm medians (ms) of each analysis on a loaded store."""
    view = ak.view_of(store)
    size = {
        "commitments": float(len(view.commitments)),
        "meetings": float(len(view.meetings)),
        "incidents": float(len(view.incidents)),
    }
    incidents = sorted(
        (i for i in view.incidents.values() if i.date is not None), key=lambda i: (i.date, i.iri)
    )
    if not incidents:
        msg = "the graph has no dated incident to trace"
        raise SystemExit(msg)
    # spread the traced incidents over the whole period
    picks = [incidents[(k * len(incidents)) // (2 * runs + 1)].iri for k in range(2 * runs + 1)]
    present = sorted({t for c in view.commitments.values() for t in c.types}) or list(COMMITMENT_TYPES)
    types = [present[k % len(present)] for k in range(2 * runs + 1)]
    calls: dict[str, Callable[[ak.StoreOrView, int], Any]] = {
        "trace": lambda graph, k: ak.trace(graph, picks[k]),
        "lineage": lambda graph, k: ak.lineage(graph, types[k]),
        "themes": lambda graph, k: ak.themes(graph),
    }
    out: dict[str, dict[str, float]] = {}
    for name in ANALYSES:
        cold = [_timed(lambda k=k, name=name: calls[name](store, k)) for k in range(runs)]
        view = ak.view_of(store)
        warm = [_timed(lambda k=k, name=name, view=view: calls[name](view, runs + k)) for k in range(runs)]
        out[name] = {
            "cold": _median_ms([w for w, _ in cold]),
            "cold_cpu": _median_ms([c for _, c in cold]),
            "warm": _median_ms([w for w, _ in warm]),
            "warm_cpu": _median_ms([c for _, c in warm]),
        }
    out["_size"] = size
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "corpus"), help="sample corpus directory ('' to skip)")
    parser.add_argument("--synthetic", type=int, default=100_000, help="nodes of the generated graph (0 to skip)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median reported)")
    parser.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded,neo4j")
    parser.add_argument(
        "--reuse-neo4j",
        action="store_true",
        help="keep a Neo4j database that already holds the synthetic graph of this size (skip clear and load)",
    )
    args = parser.parse_args(argv)

    datasets: list[tuple[str, Callable[[GraphStore], str]]] = []
    if args.corpus and Path(args.corpus).is_dir():
        datasets.append(("sample corpus", lambda s: load_corpus(s, Path(args.corpus))))
    if args.synthetic > 0:
        datasets.append((f"synthetic {args.synthetic:,} nodes", lambda s: load_synthetic(s, args.synthetic)))

    def prepare(dataset: str, loader: Callable[[GraphStore], str], store: GraphStore) -> str:
        if args.reuse_neo4j and store.name == "neo4j" and dataset.startswith("synthetic"):
            held = sum(store.count_by_kind().values())
            if held == args.synthetic:
                return f"{held:,} nodes already loaded (reused)"
        store.clear()
        return loader(store)

    print("| graph | store | analysis | cold ms (store given) | cold CPU ms | warm ms (view given) | warm CPU ms |")
    print("|---|---|---|---:|---:|---:|---:|", flush=True)
    notes: list[str] = []
    for dataset, loader in datasets:
        for kind in [k.strip() for k in args.stores.split(",") if k.strip()]:
            store = open_store(kind)
            if store is None:
                notes.append(f"# {dataset} / {kind}: skipped (NEO4J_URI not set)")
                continue
            try:
                note = prepare(dataset, loader, store)
                result = measure(store, args.runs)
            except ImportError as exc:
                notes.append(f"# {dataset} / {kind}: skipped ({exc})")
                continue
            size = result.pop("_size")
            notes.append(
                f"# {dataset} / {kind}: {note}; view: {int(size['commitments']):,} commitments, "
                f"{int(size['meetings']):,} meetings, {int(size['incidents']):,} incidents"
            )
            for name in ANALYSES:
                r = result[name]
                print(
                    f"| {dataset} | {kind} | {name} | {r['cold']:,.1f} | {r['cold_cpu']:,.1f} "
                    f"| {r['warm']:,.1f} | {r['warm_cpu']:,.1f} |",
                    flush=True,
                )
            store.close()
    print()
    for line in notes:
        print(line)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load is not None:
        print(f"# load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
