"""Load on the production server: many concurrent clients loading pages and firing every page's callbacks.

Starts ``alliancekg serve`` (``--workers`` gunicorn processes, or waitress with
``--workers 1``) on 127.0.0.1 over a store, then runs
``--clients`` simulated users for ``--seconds`` seconds (bounded also by
``--max-requests`` in all), in ``--processes`` client processes so the
clients' own Python does not queue behind one GIL. Each user loops: pick a
page; load it as a browser does (the page's HTML, ``/_dash-layout``,
``/_dash-dependencies``, the router callback: the page and its navigation links); then fire each
of the page's callbacks once with a body built the way Dash builds it, from
the values the page shows (a node of the explorer's graph tapped, a cell of
the timeline clicked, an incident traced, a console example run, a CSV export
asked for, a search typed); then think for ``--think`` seconds on average
(0: no pause, a closed loop). With ``--vary`` each visit's address names a
random range of years, so most visits ask for a view no one asked for before
and the server's caches of repeated answers mostly miss. One visit of every page warms the server's
caches before the clock starts.

    .venv/bin/python bench/bench_serve_load.py --store embedded --data data/graph.json.gz
    .venv/bin/python bench/bench_serve_load.py --store neo4j          # NEO4J_URI, ... set
    .venv/bin/python bench/bench_serve_load.py --store neo4j --also-pid $(cat $NEO4J_LOCAL_HOME/server.pid)  # + its CPU
    .venv/bin/python bench/bench_serve_load.py --profile --data data/graph.json.gz   # CPU profile of requests

Reports every request's latency (p50, p95, max) by kind, the error count
(HTTP status >= 400, or no answer), requests per second, the server's CPU
(all its processes) per request, and the load average. ``--profile`` instead answers one request of each kind in this
process under cProfile and prints where the CPU goes.
"""

from __future__ import annotations

import argparse
import cProfile
import http.client
import io
import json
import multiprocessing
import os
import pstats
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard import ids  # noqa: E402
from dashboard.state import PAGES  # noqa: E402

CALLBACK = "/_dash-update-component"
JSON = {"Content-Type": "application/json"}


# -- building callback bodies as Dash does ---------------------------------------------


def id_text(component_id: Any) -> str:
    """A component id as Dash writes it in a dependency (dict ids as sorted compact JSON)."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def parse_id(text: str) -> Any:
    return json.loads(text) if text.startswith("{") else text


def walk(tree: Any, found: dict[str, dict[str, Any]]) -> None:
    """Props of every component with an id in a serialised layout, by id text."""
    if isinstance(tree, list):
        for item in tree:
            walk(item, found)
        return
    if not isinstance(tree, dict):
        return
    props = tree.get("props")
    if isinstance(props, dict):
        if "id" in props:
            found[id_text(props["id"])] = props
        for value in props.values():
            walk(value, found)


def matches(pattern: str, component_id: str) -> bool:
    """True when ``component_id`` matches a dependency id (wildcards ``["ALL"]`` match anything)."""
    if not pattern.startswith("{"):
        return pattern == component_id
    if not component_id.startswith("{"):
        return False
    want, have = json.loads(pattern), json.loads(component_id)
    return want.keys() == have.keys() and all(v == ["ALL"] or have[k] == v for k, v in want.items())


def outputs_of(dep: dict[str, Any], props: dict[str, dict[str, Any]]) -> Any:
    out: list[Any] = []
    for part in dep["output"].strip(".").split("..."):
        name, prop = part.rsplit(".", 1)
        out.append({"id": parse_id(name), "property": prop})
    return out if dep["output"].startswith("..") else out[0]


def body_for(
    dep: dict[str, Any], props: dict[str, dict[str, Any]], values: dict[tuple[str, str], Any], trigger: int = 0
) -> dict[str, Any] | None:
    """The body of a callback whose inputs the page holds, or None when it does not hold them all."""

    def item(spec: dict[str, Any]) -> Any:
        pattern, prop = spec["id"], spec["property"]
        if "ALL" in pattern:
            return [
                {"id": parse_id(i), "property": prop, "value": values.get((i, prop), p.get(prop))}
                for i, p in props.items()
                if matches(pattern, i)
            ]
        if pattern not in props:
            raise KeyError(pattern)
        value = values.get((pattern, prop), props[pattern].get(prop))
        return {"id": parse_id(pattern), "property": prop, "value": value}

    try:
        inputs = [item(s) for s in dep["inputs"]]
        state = [item(s) for s in dep["state"]]
    except KeyError:
        return None
    first = dep["inputs"][trigger]
    return {
        "output": dep["output"],
        "outputs": outputs_of(dep, props),
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{first['id']}.{first['property']}"],
    }


class Client:
    """One keep-alive connection; every request timed."""

    def __init__(self, port: int, timings: dict[str, list[float]], errors: dict[str, int]) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.timings = timings
        self.errors = errors

    def send(self, kind: str, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        t0 = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=JSON if data else {})
            response = self.conn.getresponse()
            payload = response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as e:
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.errors[f"{kind}: {type(e).__name__}"] += 1
            return None
        self.timings[kind].append((time.perf_counter() - t0) * 1000)
        if status >= 400:
            self.errors[f"{kind}: HTTP {status}"] += 1
            return None
        if status == 204 or not payload or not path.startswith("/_dash"):
            return None
        return json.loads(payload)


VARIED_YEARS = (1968, 2025)
"""Years a ``--vary`` visit's range is drawn from."""


def varied_search(rng: random.Random) -> str:
    """A query string naming a random range of years (``--vary``: most visits ask for a view not seen before)."""
    first, last = sorted(rng.randint(*VARIED_YEARS) for _ in range(2))
    return f"?from={first}&to={last}"


def scenario(client: Client, page: str, deps: list[dict[str, Any]], rng: random.Random, search: str = "") -> None:
    """Load ``page`` (with the query string ``search``) and fire each of its callbacks once."""
    client.send("page: html", "GET", f"/{page}{search}")
    client.send("page: /_dash-layout", "GET", "/_dash-layout")
    client.send("page: /_dash-dependencies", "GET", "/_dash-dependencies")
    props: dict[str, dict[str, Any]] = {ids.URL: {"pathname": f"/{page}", "search": search}}
    # the router answers the page and the navigation links (its first output is the page)
    router = next(d for d in deps if d["output"].strip(".").split("...")[0] == f"{ids.PAGE}.children")
    answer = client.send("page: router", "POST", CALLBACK, body_for(router, props, {}))
    if not answer:
        return
    walk(answer["response"][ids.PAGE]["children"], props)
    for dep in deps:
        if dep is router or dep.get("clientside_function"):
            continue
        if all(s["id"] == ids.URL for s in dep["inputs"]):
            body = body_for(dep, props, {})
            if body:
                client.send("page: nav", "POST", CALLBACK, body)
            continue
        values = realistic_values(dep, props, rng)
        body = body_for(dep, props, values, trigger=trigger_of(dep, values))
        if body is None:
            continue
        answer = client.send(f"callback: {page}", "POST", CALLBACK, body)
        if answer and "response" in answer:
            for component, changed in answer["response"].items():
                if isinstance(changed, dict):
                    props.setdefault(component, {}).update(changed)
                    walk(list(changed.values()), props)


def trigger_of(dep: dict[str, Any], values: dict[tuple[str, str], Any]) -> int:
    """The input a user changes: the one given a value here, else the first."""
    for n, spec in enumerate(dep["inputs"]):
        if (spec["id"], spec["property"]) in values:
            return n
    return 0


def realistic_values(dep: dict[str, Any], props: dict[str, dict[str, Any]], rng: random.Random) -> dict:
    """What a user's action sends for a callback: a click, a search typed, a node tapped, a cell clicked."""
    values: dict[tuple[str, str], Any] = {}
    for spec in dep["inputs"]:
        key, prop = spec["id"], spec["property"]
        here = props.get(key, {})
        if prop == "n_clicks":
            values[(key, prop)] = 1
        elif prop == "search_value":
            values[(key, prop)] = rng.choice(["Kim", "missile", "SCM", "deterr", "Austin", "nuclear"])
        elif prop == "tapNodeData":
            nodes = [e["data"] for e in here.get("elements") or [] if "source" not in e.get("data", {})]
            if nodes:
                values[(key, prop)] = rng.choice(nodes)
        elif prop == "clickData":
            points = []
            for trace in (here.get("figure") or {}).get("data", []):
                xs, ys, custom = trace.get("x") or [], trace.get("y") or [], trace.get("customdata") or []
                points.extend({"x": x, "y": y, "customdata": c} for x, y, c in zip(xs, ys, custom, strict=False))
            if points:
                values[(key, prop)] = {"points": [rng.choice(points)]}
        elif prop == "value" and here.get("options"):
            options = [o["value"] if isinstance(o, dict) else o for o in here["options"]]
            if options and not isinstance(here.get("value"), list):
                values[(key, prop)] = rng.choice(options)
    return values


# -- the run -------------------------------------------------------------------------


def client_process(
    port: int, clients: int, seconds: float, think: float, budget: int, seed: int, out: Any, vary: bool = False
) -> None:
    """``clients`` users in threads; sends timings and errors back through ``out``."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deps = json.loads(http_get(port, "/_dash-dependencies"))
    deadline = time.monotonic() + seconds
    sent = [0]
    lock = threading.Lock()

    def user(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        client = Client(port, timings, errors)
        time.sleep(rng.uniform(0, min(2.0, think * 2 if think else 0.5)))  # users arrive spread out
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= budget:
                    return
                sent[0] += 1
            scenario(client, rng.choice(PAGES), deps, rng, varied_search(rng) if vary else "")
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, deadline - time.monotonic())))

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    out.send((dict(timings), dict(errors), sent[0]))
    out.close()


def http_get(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        return conn.getresponse().read()
    finally:
        conn.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(args: argparse.Namespace) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cli = Path(sys.executable).with_name("alliancekg")
    command = [str(cli), "serve", "--store", args.store, "--port", str(port), "--threads", str(args.threads)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.data:
        command += ["--data", str(args.data)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(args.server_log, "wb"))  # noqa: SIM115
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            http_get(port, "/_dash-layout")
            return server, port
        except OSError:
            if server.poll() is not None:
                sys.exit(f"serve exited with status {server.returncode}; see {args.server_log}")
            time.sleep(0.5)
    server.kill()
    sys.exit("serve did not answer within 180 s")


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def server_processes(pid: int) -> list[int]:
    """``pid`` and its live descendants (the server's worker processes, console query workers), from /proc."""
    parents: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(_stat(int(entry.name))[1])].append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def cpu_seconds(pid: int) -> float:
    """CPU seconds of a process, its live descendants and every child they reaped, from /proc."""
    ticks = 0
    for member in server_processes(pid):
        try:
            fields = _stat(member)
        except OSError:
            continue  # ended meanwhile (its time is in its parent's once reaped)
        ticks += sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def process_cpu() -> float:
    """CPU seconds of this process and its reaped children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def report(timings: dict[str, list[float]], errors: dict[str, int], scenarios: int, seconds: float) -> None:
    everything = [t for values in timings.values() for t in values]
    print(f"{'request':32s} {'count':>7s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}")
    for kind in sorted(timings):
        values = timings[kind]
        print(f"{kind:32s} {len(values):7d} {statistics.median(values):8.1f} {percentile(values, 95):8.1f}"
              f" {max(values):8.1f}")
    if everything:
        print(f"{'ALL':32s} {len(everything):7d} {statistics.median(everything):8.1f}"
              f" {percentile(everything, 95):8.1f} {max(everything):8.1f}")
    print(f"page visits: {scenarios}; requests answered: {len(everything)} ({len(everything) / seconds:.1f}/s)")
    print(f"errors: {sum(errors.values())}" + "".join(f"\n  {k}: {v}" for k, v in sorted(errors.items())))


def profile(args: argparse.Namespace) -> None:
    """One visit of each page in this process under cProfile (the server's work for its requests)."""
    from alliancekg.settings import open_store
    from dashboard.app import create_app

    store = open_store(args.store, path=args.data)
    app = create_app(store)
    test = app.server.test_client()

    class InProcess(Client):
        def __init__(self) -> None:
            self.timings, self.errors = defaultdict(list), defaultdict(int)

        def send(self, kind: str, method: str, path: str, body: Any = None) -> Any:
            t0, c0 = time.perf_counter(), process_cpu()
            response = test.open(path, method=method, json=body)
            self.timings[kind].append((time.perf_counter() - t0) * 1000)
            cpu[kind].append((process_cpu() - c0) * 1000)
            if response.status_code >= 400:
                self.errors[f"{kind}: HTTP {response.status_code}"] += 1
                return None
            return response.get_json(silent=True) if path.startswith("/_dash") else None

    cpu: dict[str, list[float]] = defaultdict(list)
    deps = test.get("/_dash-dependencies").get_json()
    client = InProcess()
    rng = random.Random(1)
    for page in PAGES:  # warm the caches, as a running server has
        scenario(client, page, deps, rng)
    client = InProcess()
    cpu.clear()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.profile_rounds):
        for page in PAGES:
            scenario(client, page, deps, rng, varied_search(rng) if args.vary else "")
    profiler.disable()
    report(client.timings, client.errors, args.profile_rounds * len(PAGES), 1.0)
    total = sum(sum(v) for v in cpu.values())
    answered = sum(len(v) for v in cpu.values())
    print(f"\nCPU (this process and its reaped console workers; under the profiler): {total / answered:.1f} ms"
          " per request")
    print(f"{'request':32s} {'count':>7s} {'CPU ms':>8s} {'share':>6s}")
    for kind in sorted(cpu, key=lambda k: -sum(cpu[k])):
        print(f"{kind:32s} {len(cpu[kind]):7d} {sum(cpu[kind]) / len(cpu[kind]):8.1f} {sum(cpu[kind]) / total:6.0%}")
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(args.profile_lines)
    print(text.getvalue())
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(args.profile_lines)
    print(text.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="embedded", choices=["embedded", "neo4j"])
    parser.add_argument("--data", type=Path, help="embedded store file")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between page visits (s); 0: none")
    parser.add_argument("--max-requests", type=int, default=20_000, help="most page visits in all (a bound)")
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--threads", type=int, default=8, help="server threads per process (serve --threads)")
    parser.add_argument("--workers", type=int, help="server processes (serve --workers; default: serve's)")
    parser.add_argument("--vary", action="store_true",
                        help="each visit asks for a random range of years (views rarely seen before: the caches miss)")
    parser.add_argument("--also-pid", type=int, action="append", default=[],
                        help="another process whose CPU is reported too (the Neo4j server's, say); repeatable")
    parser.add_argument("--server-log", type=Path, default=Path("/tmp/alliancekg-serve-load.log"))
    parser.add_argument("--profile", action="store_true", help="profile requests in this process instead")
    parser.add_argument("--profile-rounds", type=int, default=3)
    parser.add_argument("--profile-lines", type=int, default=25)
    args = parser.parse_args()
    if args.profile:
        profile(args)
        return
    server, port = start_server(args)
    try:
        # one visit of every page first: a server that has been up has filled its per-graph caches
        warm = Client(port, defaultdict(list), defaultdict(int))
        deps = json.loads(http_get(port, "/_dash-dependencies"))
        for page in PAGES:
            scenario(warm, page, deps, random.Random(0))
        if warm.errors:
            print(f"# warm-up errors: {dict(warm.errors)}")
        workers = len(server_processes(server.pid)) - 1 or 1  # gunicorn's workers, or waitress's one process
        print(f"# {args.store} store; {args.clients} clients in {args.processes} processes for {args.seconds:g} s,"
              f" think {args.think:g} s; server: {workers} process(es) x {args.threads} threads"
              + ("; every visit a random range of years" if args.vary else ""))
        print(f"# load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        context = multiprocessing.get_context("fork")
        pipes, procs = [], []
        per = [args.clients // args.processes + (1 if n < args.clients % args.processes else 0)
               for n in range(args.processes)]
        t0, cpu0 = time.monotonic(), cpu_seconds(server.pid)
        others0 = {pid: cpu_seconds(pid) for pid in args.also_pid}
        for n, count in enumerate(per):
            receive, send = context.Pipe(duplex=False)
            budget = args.max_requests // args.processes
            proc = context.Process(
                target=client_process, args=(port, count, args.seconds, args.think, budget, n, send, args.vary)
            )
            proc.start()
            pipes.append(receive)
            procs.append(proc)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        scenarios = 0
        for receive in pipes:
            if not receive.poll(args.seconds + 300):
                errors["client process: no report"] += 1
                continue
            t, e, s = receive.recv()
            for k, v in t.items():
                timings[k].extend(v)
            for k, v in e.items():
                errors[k] += v
            scenarios += s
        elapsed, used = time.monotonic() - t0, cpu_seconds(server.pid) - cpu0
        others = {pid: cpu_seconds(pid) - before for pid, before in others0.items()}
        for proc in procs:
            proc.join(30)
        mine = os.times()
        clients_cpu = mine.children_user + mine.children_system  # the client processes, reaped above
        load = os.getloadavg()
        report(timings, errors, scenarios, elapsed)
        answered = sum(len(v) for v in timings.values())
        print(f"server CPU: {used:.1f} s in {elapsed:.0f} s ({used / elapsed:.2f} cores),"
              f" {1000 * used / max(1, answered):.1f} ms per request; the clients used {clients_cpu:.1f} CPU s")
        for pid, other in others.items():
            print(f"process {pid} (--also-pid) CPU: {other:.1f} s ({other / elapsed:.2f} cores),"
                  f" {1000 * other / max(1, answered):.1f} ms per request")
        print(f"# load average at the end: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
