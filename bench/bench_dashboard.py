"""Time the dashboard's callbacks on a generated graph (default 50,000 nodes).

The callbacks are thin; this calls the functions they call, with the same
arguments a browser would send, over a real store:

    .venv/bin/python bench/bench_dashboard.py                 # embedded store, 50k nodes
    .venv/bin/python bench/bench_dashboard.py --nodes 5000 --repeat 10
    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... .venv/bin/python bench/bench_dashboard.py --neo4j

Each callback runs ``--repeat`` times with varied inputs after one warm-up
call (first calls build per-graph caches: the analytics view, the timeline
matrix, the incident list; their cost is reported as "cold"). Prints p50 and
p95 in milliseconds per callback and over all calls, and the largest number of
elements any explorer call sent (the budget is ``--max-elements``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import ids  # noqa: E402
from dashboard.context import AppContext  # noqa: E402
from dashboard.pages import console, explorer, timeline, tracer  # noqa: E402
from dashboard.serving import ServingStore  # noqa: E402
from dashboard.state import ViewState  # noqa: E402
from graph.schema import COMMITMENT_TYPES, Kind  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.synthetic import generate  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (q in [0, 100])."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def build_store(kind: str, nodes: int, seed: int) -> tuple[GraphStore, float]:
    data = generate(nodes, seed=seed)
    t0 = time.perf_counter()
    if kind == "neo4j":
        from alliancekg.settings import open_store

        store = open_store("neo4j")
        store.clear()
    else:
        from graph.nx_store import NetworkXStore

        store = NetworkXStore()
    store.load(data)
    return store, time.perf_counter() - t0


def scenarios(app_ctx: AppContext, rng: random.Random, repeat: int) -> dict[str, list[Callable[[], Any]]]:
    """Callback calls with the inputs a browser would send, ``repeat`` of each."""
    store = app_ctx.store
    lo, hi = app_ctx.year_bounds()
    base = explorer.initial_state(ViewState(), (lo, hi))
    hubs = [n.iri for n, _ in store.top_by_degree(kinds=[Kind.EVENT, Kind.COMMITMENT, Kind.ACTOR], limit=200)]
    some_nodes = [n.iri for n in store.nodes(kinds=[Kind.COMMITMENT, Kind.INCIDENT, Kind.MEETING], limit=2000)]
    incidents = [n.iri for n in store.incidents_between(None, None)]
    cells = timeline.timeline_data(app_ctx).cells
    words = ["nuclear", "SCM", "Kim", "missile", "deterrence", "Korea", "test", "cyber"]

    def years() -> dict[str, Any]:
        a = rng.randint(lo, hi)
        b = min(hi, a + rng.randint(0, 10))
        return explorer.next_state(base, ids.EXPLORER_YEARS, years=[a, b])

    def click(state: dict[str, Any]) -> dict[str, Any]:
        return explorer.next_state(state, ids.EXPLORER_GRAPH, tapped={"id": rng.choice(hubs + some_nodes)})

    out: dict[str, list[Callable[[], Any]]] = {
        "explorer: overview": [lambda: explorer.explorer_view(app_ctx, base) for _ in range(repeat)],
        "explorer: time range": [lambda s=years(): explorer.explorer_view(app_ctx, s) for _ in range(repeat)],
        "explorer: type filter": [
            lambda t=rng.choice(COMMITMENT_TYPES): explorer.explorer_view(
                app_ctx, explorer.next_state(base, ids.EXPLORER_TYPES, types=[t])
            )
            for _ in range(repeat)
        ],
        "explorer: click to expand": [lambda s=click(base): explorer.explorer_view(app_ctx, s) for _ in range(repeat)],
        "explorer: details panel": [
            lambda i=rng.choice(some_nodes): explorer.render_node_panel(explorer.node_panel_data(app_ctx, i), i)
            for _ in range(repeat)
        ],
        "explorer: search": [lambda w=rng.choice(words): explorer.search_options(app_ctx, w) for _ in range(repeat)],
        "tracer: trace incident": [
            lambda i=rng.choice(incidents): tracer.tracer_outputs(app_ctx, i) for _ in range(repeat)
        ],
        "tracer: search incidents": [
            lambda w=rng.choice(words): tracer.incident_options(app_ctx, w) for _ in range(repeat)
        ],
        "timeline: figure": [
            lambda a=rng.randint(lo, hi): timeline.timeline_figure(app_ctx, [a, min(hi, a + 15)], "stance")
            for _ in range(repeat)
        ],
        "timeline: click cell": [
            lambda c=rng.choice(cells): timeline.cell_details(
                app_ctx, {"points": [{"customdata": [c.meeting, c.ctype, c.meeting_label, c.parties]}]}
            )
            for _ in range(repeat)
        ],
    }
    example = console.EXAMPLES["heads-of-delegation"]
    out["console: example query"] = [
        lambda o=rng.randint(1, 40): console.run_query(app_ctx, example.query, json.dumps({"first_scm": o, "rows": 100}))
        for _ in range(repeat)
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-elements", type=int, default=1500)
    parser.add_argument("--neo4j", action="store_true", help="also run on Neo4j (needs NEO4J_URI)")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)

    kinds = ["embedded"] + (["neo4j"] if args.neo4j or os.environ.get("NEO4J_URI") else [])
    report: dict[str, Any] = {"nodes": args.nodes, "repeat": args.repeat, "machine": platform.platform(), "stores": {}}
    for kind in kinds:
        store, load_s = build_store(kind, args.nodes, args.seed)
        app_ctx = AppContext(store=ServingStore(store), max_elements=args.max_elements)  # as create_app does
        counts = store.count_by_kind()
        print(f"\n== {kind}: {sum(counts.values())} nodes, {sum(store.count_by_type().values())} relationships "
              f"(loaded in {load_s:.1f}s)")
        cold: dict[str, float] = {}
        cold["analytics view + timeline"], _ = timed(lambda ctx=app_ctx: timeline.timeline_data(ctx))
        cold["incident list"], _ = timed(lambda ctx=app_ctx: tracer.incident_options(ctx))
        cold["year bounds + concepts"], _ = timed(lambda ctx=app_ctx: (ctx.year_bounds(), ctx.concept_labels()))
        rng = random.Random(args.seed)
        all_times: list[float] = []
        rows: dict[str, dict[str, float]] = {}
        biggest = 0
        for name, calls in scenarios(app_ctx, rng, args.repeat).items():
            calls[0]()  # warm-up of this callback's own caches
            times = []
            for call in calls:
                ms, out = timed(call)
                times.append(ms)
                if isinstance(out, explorer.ExplorerView):
                    biggest = max(biggest, len(out.elements))
            all_times.extend(times)
            rows[name] = {"p50": statistics.median(times), "p95": percentile(times, 95), "max": max(times)}
            print(f"{name:28s} p50 {rows[name]['p50']:7.1f} ms   p95 {rows[name]['p95']:7.1f} ms   max {max(times):7.1f} ms")
        overall = {"p50": statistics.median(all_times), "p95": percentile(all_times, 95), "max": max(all_times)}
        print(f"{'ALL callbacks':28s} p50 {overall['p50']:7.1f} ms   p95 {overall['p95']:7.1f} ms   max {overall['max']:7.1f} ms")
        print(f"largest explorer payload: {biggest} elements (budget {args.max_elements})")
        print("cold caches (once per graph): " + ", ".join(f"{k} {v:.0f} ms" for k, v in cold.items()))
        report["stores"][kind] = {"callbacks": rows, "overall": overall, "cold_ms": cold, "max_elements_sent": biggest}
        if biggest > args.max_elements:
            print("FAIL: an explorer call exceeded the element budget", file=sys.stderr)
            return 1
        store.close()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
