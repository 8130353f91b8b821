"""What the embedded console's worker process costs per query (graph/nx_cypher.py).

Each embedded query runs in a fork of the server, killed at its timeout. This
times the same small queries answered through the store (fork, query, pickle
the rows back, reap) and answered in this process by the same interpreter code
(no fork); the difference is the worker's overhead. Also times the queries of
issue 14 that only the worker's bounds make safe:

    .venv/bin/python bench/bench_console_worker.py                      # 5,000 and 50,000 nodes
    .venv/bin/python bench/bench_console_worker.py --nodes 5000 --repeat 50

Wall-clock and CPU milliseconds (CPU: this process plus its reaped workers)
at p50 and p95, and the server's resident size, per graph size.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph import nx_cypher  # noqa: E402
from graph.errors import QueryError  # noqa: E402
from graph.nx_store import NetworkXStore  # noqa: E402
from graph.synthetic import generate  # noqa: E402

QUERIES = {
    "3 people": "MATCH (n:Person) RETURN n.label AS label LIMIT 3",
    "100 commitments": "MATCH (c:Commitment) RETURN c.iri AS iri, c.label AS label",
    "count states": "MATCH (s:State) RETURN count(s) AS n",
}
BOUNDED = {
    "mention x mention, limit 100": ("MATCH (a:Mention) MATCH (b:Mention) RETURN a.iri, b.iri", 100, 10.0),
    "(a)-[*1..8]->(b), limit 100": ("MATCH (a)-[*1..8]->(b) RETURN a.iri AS a, b.iri AS b", 100, 10.0),
    "(a)-[*1..8]->(b) sorted, 5 s": ("MATCH (a)-[*1..8]->(b) RETURN a.iri AS a, b.iri AS b ORDER BY a", 100, 5.0),
}


def cpu() -> float:
    """CPU seconds of this process and its reaped children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def timed(fn, repeat: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = cpu(), time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((cpu() - c0) * 1000)
    return walls, cpus


def in_process(store: NetworkXStore, query: str, limit: int) -> None:
    """The worker's own work, done here: prepare, interpret, shape (no fork, no pickle)."""
    text, columns = nx_cypher.prepare_query(query, {})
    raw = nx_cypher._grand_cypher(store.graph, text, limit + 1)
    nx_cypher.shape(raw, columns, limit, nx_cypher.type_columns(query))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"# load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    for n in args.nodes:
        store = NetworkXStore()
        store.load(generate(n, seed=11))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\n## {n:,} nodes, {store.graph.number_of_edges():,} relationships; server peak RSS {rss:.0f} MB")
        print(f"{'query':32s} {'worker wall p50/p95':>22s} {'in-process p50/p95':>20s} {'overhead p50':>13s}"
              f" {'worker cpu p50':>15s} {'in-process cpu p50':>19s}")
        for name, query in QUERIES.items():
            store.run_cypher(query, limit=100)  # warm: the interpreter is imported once
            w_wall, w_cpu = timed(lambda q=query, s=store: s.run_cypher(q, limit=100, timeout=30), args.repeat)
            p_wall, p_cpu = timed(lambda q=query, s=store: in_process(s, q, 100), args.repeat)
            print(f"{name:32s} {statistics.median(w_wall):10.1f} /{percentile(w_wall, 95):8.1f} ms"
                  f" {statistics.median(p_wall):8.1f} /{percentile(p_wall, 95):8.1f} ms"
                  f" {statistics.median(w_wall) - statistics.median(p_wall):10.1f} ms"
                  f" {statistics.median(w_cpu):12.1f} ms {statistics.median(p_cpu):16.1f} ms")
        for name, (query, limit, timeout) in BOUNDED.items():
            c0, t0 = cpu(), time.perf_counter()
            try:
                result = store.run_cypher(query, limit=limit, timeout=timeout)
                outcome = f"{len(result.rows)} rows{' (truncated)' if result.truncated else ''}"
            except QueryError as e:
                outcome = str(e)
            wall, used = (time.perf_counter() - t0) * 1000, (cpu() - c0) * 1000
            t1 = time.perf_counter()
            after = store.run_cypher(QUERIES["3 people"], timeout=30)
            print(f"{name:32s} {wall:10.0f} ms wall {used:8.0f} ms cpu  -> {outcome};"
                  f" next query: {len(after.rows)} rows in {(time.perf_counter() - t1) * 1000:.0f} ms")
    print(f"\n# load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
