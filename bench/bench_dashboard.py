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
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import explorer_graph, ids  # noqa: E402
from dashboard.context import AppContext  # noqa: E402
from dashboard.pages import console, explorer, timeline, tracer  # noqa: E402
from dashboard.serving import ServingStore  # noqa: E402
from dashboard.state import ViewState  # noqa: E402
from graph.schema import COMMITMENT_TYPES, Kind  # noqa: E402
from graph.store import GraphStore  # noqa: E402
from graph.synthetic import generate  # noqa: E402

KIND_CHOICES = [
    k.value for k in (Kind.STATE, Kind.PERSON, Kind.MEETING, Kind.INCIDENT, Kind.COMMITMENT, Kind.THREAT, Kind.DOCUMENT)
]
CONSOLE = "console: example query"
"""Analyst Cypher: its time is the query engine's, reported apart from the interactive callbacks."""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (q in [0, 100])."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(times: list[float]) -> dict[str, float]:
    return {"p50": statistics.median(times), "p95": percentile(times, 95), "max": max(times)}


def line(name: str, row: dict[str, float]) -> str:
    return (
        f"{name:28s} wall p50 {row['p50']:7.1f}  p95 {row['p95']:7.1f}  max {row['max']:7.1f} ms"
        f"   cpu p50 {row['cpu_p50']:7.1f}  p95 {row['cpu_p95']:7.1f} ms"
    )


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def timed_both(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU milliseconds of one call (CPU time is what a busy machine does not inflate)."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000, out


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


def most_connected(store: GraphStore, kinds: list[Kind], limit: int) -> list[str]:
    """IRIs of the ``limit`` nodes of ``kinds`` of highest degree, most connected first (ties by IRI)."""
    degree = {n.iri: store.get_node(n.iri).degree for n in store.subgraph(kinds=kinds, limit=limit).nodes}
    return sorted(degree, key=lambda iri: (-degree[iri], iri))


def scenarios(app_ctx: AppContext, rng: random.Random, repeat: int) -> dict[str, list[Callable[[], Any]]]:
    """Callback calls with the inputs a browser would send, ``repeat`` of each."""
    store = app_ctx.store
    lo, hi = app_ctx.year_bounds()
    base = explorer.initial_state(ViewState(), (lo, hi))
    hubs = most_connected(store, [Kind.EVENT, Kind.COMMITMENT, Kind.ACTOR], 200)
    some_nodes = [n.iri for n in store.nodes(kinds=[Kind.COMMITMENT, Kind.INCIDENT, Kind.MEETING], limit=2000)]
    incidents = [n.iri for n in store.incidents_between(None, None)]
    cells = timeline.timeline_data(app_ctx).cells
    words = ["nuclear", "SCM", "Kim", "missile", "deterrence", "Korea", "test", "cyber"]
    example = console.EXAMPLES["heads-of-delegation"]

    def view(state: dict[str, Any]) -> Any:
        return explorer.explorer_view(app_ctx, state)

    def years() -> dict[str, Any]:
        a = rng.randint(lo, hi)
        return explorer.next_state(base, ids.EXPLORER_YEARS, years=[a, min(hi, a + rng.randint(0, 10))])

    def kinds() -> dict[str, Any]:
        return explorer.next_state(base, ids.EXPLORER_KINDS, kinds=rng.sample(KIND_CHOICES, rng.randint(1, 4)))

    def typed() -> dict[str, Any]:
        return explorer.next_state(base, ids.EXPLORER_TYPES, types=[rng.choice(COMMITMENT_TYPES)])

    def clicked() -> dict[str, Any]:
        return explorer.next_state(base, ids.EXPLORER_GRAPH, tapped={"id": rng.choice(hubs + some_nodes)})

    def details(iri: str) -> Any:
        return explorer.render_node_panel(explorer.node_panel_data(app_ctx, iri), iri)

    def cell(c: timeline.Cell) -> Any:
        return timeline.cell_details(
            app_ctx, {"points": [{"customdata": [c.meeting, c.ctype, c.meeting_label, c.parties]}]}
        )

    def figure(year: int) -> Any:
        return timeline.timeline_figure(app_ctx, [year, min(hi, year + 15)], "stance")

    def query(first: int) -> Any:
        return console.run_query(app_ctx, example.query, json.dumps({"first_scm": first, "rows": 100}))

    def calls(fn: Callable[[Any], Any], args: list[Any]) -> list[Callable[[], Any]]:
        return [partial(fn, a) for a in args]

    n = range(repeat)
    return {
        "explorer: overview": calls(view, [base for _ in n]),
        "explorer: kinds change": calls(view, [kinds() for _ in n]),
        "explorer: time range": calls(view, [years() for _ in n]),
        "explorer: type filter": calls(view, [typed() for _ in n]),
        "explorer: click to expand": calls(view, [clicked() for _ in n]),
        "explorer: details panel": calls(details, [rng.choice(some_nodes) for _ in n]),
        "explorer: search": calls(partial(explorer.search_results, app_ctx), [rng.choice(words) for _ in n]),
        "tracer: trace incident": calls(partial(tracer.tracer_outputs, app_ctx), [rng.choice(incidents) for _ in n]),
        "tracer: search incidents": calls(partial(tracer.incident_options, app_ctx), [rng.choice(words) for _ in n]),
        "timeline: figure": calls(figure, [rng.randint(lo, hi) for _ in n]),
        "timeline: click cell": calls(cell, [rng.choice(cells) for _ in n]),
        CONSOLE: calls(query, [rng.randint(1, 40) for _ in n]),
    }


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
    report: dict[str, Any] = {
        "nodes": args.nodes,
        "repeat": args.repeat,
        "machine": platform.platform(),
        "load_average": os.getloadavg(),
        "stores": {},
    }
    for kind in kinds:
        store, load_s = build_store(kind, args.nodes, args.seed)
        app_ctx = AppContext(store=ServingStore(store), max_elements=args.max_elements)  # as create_app does
        counts = store.count_by_kind()
        print(
            f"\n== {kind}: {sum(counts.values())} nodes, {sum(store.count_by_type().values())} relationships "
            f"(loaded in {load_s:.1f}s)"
        )
        cold: dict[str, float] = {}
        cold["analytics view + timeline"], _ = timed(lambda ctx=app_ctx: timeline.timeline_data(ctx))
        cold["incident list"], _ = timed(lambda ctx=app_ctx: tracer.incident_options(ctx))
        cold["year bounds + concepts"], _ = timed(lambda ctx=app_ctx: (ctx.year_bounds(), ctx.concept_labels()))
        rng = random.Random(args.seed)
        all_times: list[float] = []
        all_cpu: list[float] = []
        rows: dict[str, dict[str, float]] = {}
        biggest = 0
        for name, calls in scenarios(app_ctx, rng, args.repeat).items():
            calls[0]()  # warm-up of this callback's own caches
            times, cpu = [], []
            for call in calls:
                ms, cpu_ms, out = timed_both(call)
                times.append(ms)
                cpu.append(cpu_ms)
                if isinstance(out, explorer_graph.ExplorerView):
                    biggest = max(biggest, len(out.elements))
            if name != CONSOLE:
                all_times.extend(times)
                all_cpu.extend(cpu)
            rows[name] = {**summary(times), **{f"cpu_{k}": v for k, v in summary(cpu).items()}}
            print(line(name, rows[name]))
        overall = {**summary(all_times), **{f"cpu_{k}": v for k, v in summary(all_cpu).items()}}
        print(line("ALL interactive callbacks", overall))
        print(f"largest explorer payload: {biggest} elements (budget {args.max_elements})")
        print("cold caches (once per graph): " + ", ".join(f"{k} {v:.0f} ms" for k, v in cold.items()))
        print(f"load average during the run: {os.getloadavg()}")
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
