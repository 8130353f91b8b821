"""Load benchmark: the batched Neo4j loader against a naive one, and the embedded store.

One command::

    .venv/bin/python bench/bench_load.py                 # 100,000 nodes, ~300,000 relationships

What it does, in one run:

1. generates a domain-shaped graph with :mod:`graph.synthetic` (seed 0);
2. starts a dedicated local Neo4j (``alliancekg.neo4j_local``, in a temporary
   home, stopped at the end), or uses ``--uri`` (that database is EMPTIED);
3. (a) warms the server up on a 20,000-node graph (plans cached, JIT
   compiled), empties it, then loads the whole graph with
   :class:`graph.neo4j_store.Neo4jStore` (batched ``UNWIND ... MERGE`` in
   managed transactions) and times nodes and relationships separately, with
   the server's and the client's CPU time and the machine's load average;
4. (b) deletes a sample of the loaded relationships (``--naive-sample``,
   default 2,000) and writes them back the way simple scripts do, one
   ``MERGE`` per auto-commit transaction, against the same full database; the
   naive rate is measured on that sample and extrapolated to the whole graph
   (running it on 300,000 relationships would take far too long);
5. loads the same graph into the embedded :class:`graph.nx_store.NetworkXStore`
   in a child process (streamed from the generator) and reports its time and
   peak resident memory (``ru_maxrss`` of that process, interpreter included).

Prints relationships per second for each loader and the batched/naive ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO = 20.0
TARGET_RELS_PER_S = 20_000.0
TARGET_EMBEDDED_BYTES = 1 << 30


def embedded_child(n_nodes: int, seed: int, rel_per_node: float) -> None:
    """Child process: stream the graph into a NetworkXStore, print a JSON report."""
    from graph.nx_store import NetworkXStore
    from graph.synthetic import iter_generate

    store = NetworkXStore()
    t_gen = 0.0
    t_load = 0.0
    t0 = time.perf_counter()
    for batch in iter_generate(n_nodes, seed=seed, rel_per_node=rel_per_node):
        t1 = time.perf_counter()
        t_gen += t1 - t0
        store.upsert_nodes(batch.nodes)
        store.upsert_relationships(batch.relationships)
        t0 = time.perf_counter()
        t_load += t0 - t1
    rels = store.graph.number_of_edges()
    with tempfile.TemporaryDirectory() as tmp:
        t1 = time.perf_counter()
        path = store.save(Path(tmp) / "graph.json.gz")
        t_save = time.perf_counter() - t1
        size = path.stat().st_size
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "nodes": store.graph.number_of_nodes(), "relationships": rels, "generate_s": t_gen, "load_s": t_load,
        "save_s": t_save, "file_bytes": size, "peak_rss_bytes": peak_kib * 1024,
    }))


def run_embedded(n_nodes: int, seed: int, rel_per_node: float) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--embedded-child", "--nodes", str(n_nodes), "--seed", str(seed),
           "--rel-per-node", str(rel_per_node)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def process_cpu_seconds(pid: int | None) -> float | None:
    """User+system CPU seconds used so far by a process (Linux ``/proc``), or None."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def naive_load(driver: object, rels: list, database: str | None) -> float:
    """One MERGE per auto-commit transaction; returns seconds."""
    from graph import queries

    t0 = time.perf_counter()
    with driver.session(database=database) as session:  # type: ignore[attr-defined]
        for rel in rels:
            session.run(
                queries.naive_merge_relationship(rel.type), source=rel.source, target=rel.target, props=rel.props
            ).consume()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--rel-per-node", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--naive-sample", type=int, default=2000)
    parser.add_argument("--uri", help="use this Neo4j (its database is emptied) instead of a dedicated one")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--embedded-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.embedded_child:
        embedded_child(args.nodes, args.seed, args.rel_per_node)
        return 0

    import neo4j

    from alliancekg import neo4j_local
    from graph import queries
    from graph.neo4j_store import Neo4jStore
    from graph.synthetic import generate

    print(f"generating {args.nodes:,} nodes (seed {args.seed}) ...", flush=True)
    t0 = time.perf_counter()
    graph = generate(args.nodes, seed=args.seed, rel_per_node=args.rel_per_node)
    n_nodes, n_rels = len(graph.nodes), len(graph.relationships)
    print(f"  {n_nodes:,} nodes, {n_rels:,} relationships in {time.perf_counter() - t0:.1f}s", flush=True)

    ok = True
    if not args.skip_neo4j:
        server = None
        uri = args.uri
        auth = None
        home = None
        if uri is None:
            home = tempfile.mkdtemp(prefix="alliancekg-bench-neo4j-")
            server = neo4j_local.LocalNeo4j(home=Path(home), password="", heap="1g", pagecache="512m")
            print(f"starting a dedicated Neo4j in {home} ...", flush=True)
            uri = server.start()
        else:
            password = os.environ.get("NEO4J_PASSWORD", "")
            auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            store = Neo4jStore(driver, batch_size=args.batch_size)
            store.clear()
            store.ensure_schema()
            version = store.server_info()["version"]
            # warm-up: plan every statement and let the JIT compile on a small graph, then empty the database
            store.load(generate(20_000, seed=args.seed + 1), batch_size=args.batch_size)
            store.clear()
            server_pid = server.pid() if server is not None else None
            load_before = os.getloadavg()[0]
            t0 = time.perf_counter()
            store.upsert_nodes(graph.nodes)
            t_nodes = time.perf_counter() - t0
            cpu0, client0 = process_cpu_seconds(server_pid), time.process_time()
            t0 = time.perf_counter()
            store.upsert_relationships(graph.relationships)
            t_rels = time.perf_counter() - t0
            cpu1, client1 = process_cpu_seconds(server_pid), time.process_time()
            load_after = os.getloadavg()[0]
            got_nodes, got_rels = store.count_nodes(), store.count_relationships()
            if (got_nodes, got_rels) != (n_nodes, n_rels):
                print(f"  COUNT MISMATCH: {got_nodes} nodes, {got_rels} relationships", flush=True)
                ok = False
            batched_rate = n_rels / t_rels

            sample = random.Random(args.seed).sample(graph.relationships, min(args.naive_sample, n_rels))
            with driver.session() as session:
                session.run(
                    queries.BENCH_DELETE_RELATIONSHIPS,
                    rows=[{"s": r.source, "t": r.target, "type": r.type.value} for r in sample],
                ).consume()
            t_naive = naive_load(driver, sample, None)
            naive_rate = len(sample) / t_naive
            if store.count_relationships() != n_rels:
                print("  naive reload did not restore the relationship count", flush=True)
                ok = False
            driver.close()
        finally:
            if server is not None:
                server.stop()
            if home is not None:
                shutil.rmtree(home, ignore_errors=True)
        ratio = batched_rate / naive_rate
        print(f"\nNeo4j {version} at {uri} (batch size {args.batch_size})")
        print(f"  (a) batched: nodes {n_nodes:,} in {t_nodes:.1f}s ({n_nodes / t_nodes:,.0f}/s); "
              f"relationships {n_rels:,} in {t_rels:.1f}s = {batched_rate:,.0f} rels/s")
        print(f"  (b) naive, one MERGE per transaction: {len(sample):,} relationships in {t_naive:.1f}s = "
              f"{naive_rate:,.0f} rels/s (sample; {n_rels:,} would take ~{n_rels / naive_rate / 60:.0f} min)")
        print(f"  ratio batched/naive: {ratio:.1f}x (target >= {TARGET_RATIO:.0f}x); "
              f"batched target >= {TARGET_RELS_PER_S:,.0f} rels/s")
        if cpu0 is not None and cpu1 is not None:
            server_cpu = cpu1 - cpu0
            print(f"  batched relationships used {server_cpu:.1f}s of server CPU and {client1 - client0:.1f}s of "
                  f"client CPU in {t_rels:.1f}s wall = {n_rels / max(server_cpu, 1e-9):,.0f} rels per server "
                  f"CPU-second; machine load average {load_before:.1f} -> {load_after:.1f} on "
                  f"{os.cpu_count()} cores")
        ok = ok and ratio >= TARGET_RATIO and batched_rate >= TARGET_RELS_PER_S

    print("\nembedded store (child process, streamed from the generator) ...", flush=True)
    emb = run_embedded(args.nodes, args.seed, args.rel_per_node)
    emb_rate = emb["relationships"] / emb["load_s"]
    print(f"  {emb['nodes']:,.0f} nodes, {emb['relationships']:,.0f} relationships loaded in {emb['load_s']:.1f}s "
          f"= {emb_rate:,.0f} rels/s (generation {emb['generate_s']:.1f}s not counted)")
    print(f"  peak RSS {emb['peak_rss_bytes'] / 2**20:,.0f} MiB (target < 1024 MiB); "
          f"saved {emb['file_bytes'] / 2**20:,.1f} MiB gzip JSON in {emb['save_s']:.1f}s")
    ok = ok and emb["peak_rss_bytes"] < TARGET_EMBEDDED_BYTES
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
