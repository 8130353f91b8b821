"""The explorer's speed as a browser sees it, on a generated graph (default 100,000 nodes).

One command per store::

    .venv/bin/python bench/bench_browser.py                       # embedded store
    NEO4J_URI=bolt://127.0.0.1:PORT NEO4J_PASSWORD=... \\
      .venv/bin/python bench/bench_browser.py --store neo4j       # Neo4j (its database is EMPTIED and reloaded)

What it does:

1. generates ``graph.synthetic.generate(--nodes, seed=--seed)`` and loads it
   into the store (``--store neo4j --reuse`` keeps a database that already
   holds a graph of the same counts);
2. builds the app as ``alliancekg serve`` does (:func:`dashboard.app.create_app`
   behind waitress on 127.0.0.1, any free port) and fills the per-graph caches
   the way ``serve`` does at start (:func:`dashboard.app.warm`; its time is
   reported as "warm-up");
3. drives Debian's headless Chromium through selenium. A script added to
   every page before it loads (``Page.addScriptToEvaluateOnNewDocument``)
   times everything with the page's own clock (``performance.now()``) and
   marks (``performance.mark``):

   * **first render to interactive**: ``--loads`` fresh loads of
     ``/explorer``; the time from the navigation's start until the graph has
     drawn its nodes, the details panel shows its node and no Dash callback
     is pending (checked every animation frame);
   * **node click to panel**: ``--clicks`` real mouse clicks on drawn nodes
     (each a node not clicked before); the time from cytoscape's ``tap``
     event to the details panel naming the clicked node's IRI, and to
     "settled" (no callback pending: the graph redrawn too);
   * **search**: ``--searches`` texts typed in the search box, from the
     Enter key to the results drawn;
   * **callbacks**: every ``_dash-update-component`` request of the session,
     timed by a wrapper around ``window.fetch`` from the request to the
     whole answer read, grouped by the callback's outputs.

Prints p50/p95/max in milliseconds and the load average before and after; it
exits 1 when a target is missed (first render <= 1,000 ms, click to panel p95
<= 200 ms, callbacks p95 <= 100 ms) so the figure is not misread. Bounded:
at most ``--loads + --clicks + --searches`` interactions, each waited for at
most ``--timeout`` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("ALLIANCEKG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ALLIANCEKG_CHROMEDRIVER", "/usr/bin/chromedriver")
TARGET_FIRST_RENDER_MS = 1000.0
TARGET_CLICK_P95_MS = 200.0
TARGET_CALLBACK_P95_MS = 100.0

PAGE_JS = r"""
(function () {
  window.__ak = {calls: [], ready: null, tap: null, panel: null, settled: null, busy: []};
  const ak = window.__ak;
  try {  // the main thread's long tasks (over 50 ms): what an answer that arrived waits behind
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) { ak.busy.push([e.startTime, e.startTime + e.duration]); });
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
  const realFetch = window.fetch.bind(window);
  window.fetch = function (url, opts) {
    const name = String(url && url.url ? url.url : url);
    if (name.indexOf('_dash-update-component') < 0) { return realFetch(url, opts); }
    let output = '?';
    try { output = JSON.parse(opts.body).output; } catch (e) {}
    const t0 = performance.now();
    return realFetch(url, opts).then(function (res) {
      res.clone().arrayBuffer().then(function (buf) {
        const t1 = performance.now();
        ak.calls.push({output: output, ms: t1 - t0, t0: t0, t1: t1, bytes: buf.byteLength, status: res.status});
      });
      return res;
    });
  };
  function pending() {
    if (!window.store) { return 1; }
    const cbs = Object.assign({}, window.store.getState().callbacks);
    delete cbs.stored; delete cbs.completed;
    return [].concat.apply([], Object.values(cbs)).length;
  }
  function cy() {
    const box = document.getElementById('explorer-graph');
    return box && box._cyreg && box._cyreg.cy ? box._cyreg.cy : null;
  }
  function panelNames(iri) {
    const details = document.getElementById('explorer-details');
    if (!details) { return false; }
    const title = document.getElementById('explorer-details-title');
    if (!title) { return false; }
    if (!iri) { return true; }
    return Array.prototype.some.call(details.querySelectorAll('div'), function (d) {
      return d.childElementCount === 0 && d.textContent === iri;
    });
  }
  let hooked = null;
  function watch() {
    const c = cy();
    if (c && c !== hooked) {
      hooked = c;
      c.on('tap', 'node', function (evt) {
        ak.tap = {iri: evt.target.id(), t: performance.now()};
        ak.panel = null; ak.settled = null;
        performance.mark('ak-tap');
      });
    }
    if (ak.ready === null && c && c.nodes().length > 0 && panelNames(null) && pending() === 0) {
      ak.ready = performance.now();
      performance.mark('ak-interactive');
    }
    if (ak.tap && ak.panel === null && panelNames(ak.tap.iri)) {
      ak.panel = performance.now() - ak.tap.t;
      performance.mark('ak-panel');
    }
    if (ak.tap && ak.panel !== null && ak.settled === null && pending() === 0) {
      ak.settled = performance.now() - ak.tap.t;
    }
    if (ak.search && ak.search.done === null) {
      const results = document.getElementById('explorer-results');
      if (results && results.textContent !== ak.search.before && pending() === 0) {
        ak.search.done = performance.now() - ak.search.t;
      }
    }
    window.requestAnimationFrame(watch);
  }
  window.requestAnimationFrame(watch);
  ak.pending = pending;
})();
"""

DRAWN_JS = """
const box = document.getElementById('explorer-graph');
if (!box || !box._cyreg || !box._cyreg.cy) { return null; }
const cy = box._cyreg.cy;
const r = box.getBoundingClientRect();
return {left: r.left, top: r.top, width: r.width, height: r.height, animated: cy.animated(),
        nodes: cy.nodes().map(n => ({id: n.id(), x: n.renderedPosition().x, y: n.renderedPosition().y}))};
"""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of ``values`` (q in [0, 100])."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "max": float("nan")}
    return {"n": len(values), "p50": statistics.median(values), "p95": percentile(values, 95), "max": max(values)}


def row(name: str, s: dict[str, float]) -> str:
    return f"| {name} | {s['n']:.0f} | {s['p50']:.0f} | {s['p95']:.0f} | {s['max']:.0f} |"


def build_store(kind: str, nodes: int, seed: int, reuse: bool) -> tuple[Any, float]:
    from graph.synthetic import generate

    data = generate(nodes, seed=seed)
    t0 = time.perf_counter()
    if kind == "neo4j":
        from alliancekg.settings import open_store

        store = open_store("neo4j")
        if reuse and sum(store.count_by_kind().values()) == len(data.nodes):
            return store, 0.0
        store.clear()
    else:
        from graph.nx_store import NetworkXStore

        store = NetworkXStore()
    store.load(data)
    return store, time.perf_counter() - t0


SERVER_CPU: dict[str, list[float]] = defaultdict(list)
"""Server CPU milliseconds (the answering thread's ``time.thread_time``) per callback output."""
SERVER_WALL: dict[str, list[float]] = defaultdict(list)
"""Server wall milliseconds (request in to answer out, Neo4j's round trips included) per callback output."""


def start_server(store: Any) -> tuple[Any, str, float]:
    import flask

    from dashboard.app import create_app, warm
    from dashboard.serving import make_server

    app = create_app(store)

    # create_app has finished Flask's set-up (dashboard.app._set_up_before_serving), so the decorators would refuse:
    # the two hooks go into Flask's lists directly, run as before_request / after_request hooks are
    def _cpu_start() -> None:
        flask.g.bench_cpu = time.thread_time()
        flask.g.bench_wall = time.perf_counter()

    def _cpu_end(response: Any) -> Any:
        if flask.request.path.endswith("_dash-update-component") and hasattr(flask.g, "bench_cpu"):
            body = flask.request.get_json(silent=True) or {}
            SERVER_CPU[str(body.get("output"))[:70]].append((time.thread_time() - flask.g.bench_cpu) * 1000)
            SERVER_WALL[str(body.get("output"))[:70]].append((time.perf_counter() - flask.g.bench_wall) * 1000)
        return response

    app.server.before_request_funcs.setdefault(None, []).append(_cpu_start)
    app.server.after_request_funcs.setdefault(None, []).append(_cpu_end)
    app_ctx = app.server.config["ALLIANCEKG_CONTEXT"]
    t0 = time.perf_counter()
    warm(app_ctx)
    warm_s = time.perf_counter() - t0
    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.run, name="bench-server", daemon=True).start()
    return server, f"http://127.0.0.1:{server.effective_port}", warm_s


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,1000",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAGE_JS})
    return driver


def wait_js(driver: Any, script: str, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value is not None and value is not False:
            return value
        time.sleep(0.02)
    return None


BROWSER_CPU: dict[str, list[float]] = defaultdict(list)
"""CPU milliseconds of all of Chromium's processes (user + system, from ``/proc``) per interaction."""
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _chromium_cpu_ms(driver: Any) -> float:
    """CPU time used so far by the driver's Chromium and all its processes (0 where /proc is missing)."""
    root = driver.service.process.pid
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) * 1000 / _TICK
    total, todo, seen = 0.0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += times.get(pid, 0.0) if pid != root else 0.0
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def _with_busy(ak: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's callbacks, each with ``busy``: how long of its round trip the main thread ran long tasks."""
    spans = ak.get("busy") or []
    for c in ak.get("calls") or []:
        c["busy"] = sum(max(0.0, min(b, c["t1"]) - max(a, c["t0"])) for a, b in spans)
    return list(ak.get("calls") or [])


def _phase(calls: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """``calls``, each marked with the part of the run (``phase``) it belongs to, for the call list of ``--json``."""
    for c in calls:
        c["phase"] = name
    return calls


def first_renders(driver: Any, url: str, loads: int, timeout: float) -> tuple[list[float], list[dict[str, Any]]]:
    times: list[float] = []
    calls: list[dict[str, Any]] = []
    for _ in range(loads):
        driver.get("about:blank")
        cpu = _chromium_cpu_ms(driver)
        driver.get(f"{url}/explorer")
        ready = wait_js(driver, "return window.__ak && window.__ak.ready", timeout)
        if ready is None:
            print(f"first render: not interactive within {timeout:.0f} s", file=sys.stderr)
            continue
        times.append(float(ready))
        BROWSER_CPU["first render"].append(_chromium_cpu_ms(driver) - cpu)
        time.sleep(0.3)
        calls.extend(_phase(_with_busy(driver.execute_script("return window.__ak")), f"load {len(times)}"))
    return times, calls


def clicks(driver: Any, url: str, count: int, timeout: float) -> tuple[list[float], list[float], list[dict[str, Any]]]:
    from selenium.webdriver.common.action_chains import ActionChains

    driver.get(f"{url}/explorer")
    wait_js(driver, "return window.__ak && window.__ak.ready", timeout)
    panel: list[float] = []
    settled: list[float] = []
    done: set[str] = set()
    for _ in range(count):
        state = wait_js(driver, f"const s = (function(){{{DRAWN_JS}}})(); return s && !s.animated ? s : null;", timeout)
        if not state:
            break
        inside = [
            n
            for n in state["nodes"]
            if n["id"] not in done
            and 20 < n["x"] < state["width"] - 20
            and 20 < n["y"] < state["height"] - 20
        ]
        if not inside:
            break
        inside.sort(key=lambda n: n["id"])
        node = inside[len(done) * 7 % len(inside)]
        done.add(node["id"])
        driver.execute_script("window.__ak.tap = null; window.__ak.panel = null; window.__ak.settled = null;")
        x, y = int(state["left"] + node["x"]), int(state["top"] + node["y"])
        cpu = _chromium_cpu_ms(driver)
        ActionChains(driver).move_to_location(x, y).click().perform()
        tapped = wait_js(driver, "return window.__ak.tap", 2.0)
        if not tapped or tapped["iri"] != node["id"]:
            continue  # the click fell on another node or an edge; not counted
        got = wait_js(driver, "return window.__ak.settled !== null ? [window.__ak.panel, window.__ak.settled] : null",
                      timeout)  # fmt: skip
        if got is None:
            print(f"click on {node['id']}: no panel within {timeout:.0f} s", file=sys.stderr)
            continue
        panel.append(float(got[0]))
        settled.append(float(got[1]))
        BROWSER_CPU["click to settled"].append(_chromium_cpu_ms(driver) - cpu)
        time.sleep(0.4)  # let the zoom animation end
    calls = _phase(_with_busy(driver.execute_script("return window.__ak")), "clicks")
    return panel, settled, calls


def searches(driver: Any, url: str, words: list[str], timeout: float) -> tuple[list[float], list[dict[str, Any]]]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{url}/explorer")
    wait_js(driver, "return window.__ak && window.__ak.ready", timeout)
    times: list[float] = []
    for word in words:
        box = driver.find_element(By.ID, "explorer-search")
        box.clear()
        box.send_keys(word)
        driver.execute_script(
            "window.__ak.search = {t: performance.now(), done: null, "
            "before: document.getElementById('explorer-results').textContent};"
        )
        box.send_keys(Keys.ENTER)
        got = wait_js(driver, "return window.__ak.search.done", timeout)
        if got is None:
            print(f"search {word!r}: no results within {timeout:.0f} s", file=sys.stderr)
            continue
        times.append(float(got))
    calls = _phase(_with_busy(driver.execute_script("return window.__ak")), "searches")
    return times, calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--loads", type=int, default=8, help="fresh loads of /explorer")
    parser.add_argument("--clicks", type=int, default=30, help="node clicks")
    parser.add_argument("--searches", type=int, default=10, help="search texts")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds one interaction may take")
    parser.add_argument("--reuse", action="store_true", help="Neo4j: keep a database already holding the graph")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)

    before = os.getloadavg()
    store, load_s = build_store(args.store, args.nodes, args.seed, args.reuse)
    counts = store.count_by_kind()
    print(f"{args.store}: {sum(counts.values())} nodes, {sum(store.count_by_type().values())} relationships "
          f"(loaded in {load_s:.1f} s)")  # fmt: skip
    server, url, warm_s = start_server(store)
    print(f"warm-up (analytics view, explorer home, incident list, timeline): {warm_s:.1f} s")
    words = ["nuclear", "SCM", "Kim", "missile", "2017-09", "deterrence", "Korea", "cyber", "THAAD", "test",
             "sanctions", "Seoul"][: args.searches]  # fmt: skip
    driver = browser()
    try:
        first, calls_a = first_renders(driver, url, args.loads, args.timeout)
        panel, settled, calls_b = clicks(driver, url, args.clicks, args.timeout)
        found, calls_c = searches(driver, url, words, args.timeout)
    finally:
        driver.quit()
        server.close()
        store.close()
    after = os.getloadavg()

    calls = calls_a + calls_b + calls_c
    by_output: dict[str, list[float]] = defaultdict(list)
    busy_of: dict[str, list[float]] = defaultdict(list)
    for c in calls:
        by_output[str(c["output"])[:70]].append(float(c["ms"]))
        busy_of[str(c["output"])[:70]].append(float(c.get("busy", 0.0)))
    all_calls = [float(c["ms"]) for c in calls]
    results = {
        "first render to interactive": summary(first[1:] if len(first) > 1 else first),
        "first render, first load": summary(first[:1]),
        "first render: Chromium CPU": summary(BROWSER_CPU["first render"][1:] or BROWSER_CPU["first render"]),
        "node click to panel": summary(panel),
        "node click to settled (graph redrawn)": summary(settled),
        "node click to settled: Chromium CPU": summary(BROWSER_CPU["click to settled"]),
        "search to results": summary(found),
        "callback round-trips (all)": summary(all_calls),
        "callback round-trips: main thread busy meanwhile": summary([float(c.get("busy", 0.0)) for c in calls]),
    }
    print(f"\nload average before {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; {os.cpu_count()} CPUs")  # fmt: skip
    print("\n| measure (browser clock) | n | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    for name, s in results.items():
        print(row(name, s))
    print("\n| callback outputs | n | p50 ms | p95 ms | max ms | server CPU p50 ms | server CPU p95 ms "
          "| server wall p50 ms | server wall p95 ms | main thread busy p50 ms | busy p95 ms |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, values in sorted(by_output.items(), key=lambda kv: -percentile(kv[1], 95)):
        cpu = summary(SERVER_CPU.get(name, []))
        wall = summary(SERVER_WALL.get(name, []))
        busy = summary(busy_of.get(name, []))
        print(row(f"`{name}`", summary(values)) + f" {cpu['p50']:.1f} | {cpu['p95']:.1f} | {wall['p50']:.1f} | "
              f"{wall['p95']:.1f} | {busy['p50']:.0f} | {busy['p95']:.0f} |")  # fmt: skip
    server_cpu = summary([v for values in SERVER_CPU.values() for v in values])
    server_wall = summary([v for values in SERVER_WALL.values() for v in values])
    print(f"| all callbacks, server | {server_cpu['n']:.0f} | | | | {server_cpu['p50']:.1f} | "
          f"{server_cpu['p95']:.1f} | {server_wall['p50']:.1f} | {server_wall['p95']:.1f} | | |")  # fmt: skip
    if calls:  # the calls that set the p95: the slowest ones, down to the p95's rank
        rank = len(calls) - round(0.95 * len(calls) + 0.5) + 1
        slowest = sorted(calls, key=lambda c: -float(c["ms"]))[: max(1, rank)]
        print(f"\nthe {len(slowest)} slowest calls (the last of them is the p95): "
              + "; ".join(f"{c['phase']} {str(c['output'])[2:30]} {float(c['ms']):.0f}" for c in slowest))  # fmt: skip
    all_busy = summary([float(c.get("busy", 0.0)) for c in calls])
    print(f"\ncallback round trips spent with the browser's main thread in long tasks: p50 {all_busy['p50']:.0f} ms, "
          f"p95 {all_busy['p95']:.0f} ms")  # fmt: skip
    if args.json:
        report = {"store": args.store, "nodes": args.nodes, "machine": platform.platform(), "load_before": before,
                  "load_after": after, "warm_s": warm_s, "results": results,
                  "callbacks": {k: summary(v) for k, v in by_output.items()},
                  "server_cpu": {k: summary(v) for k, v in SERVER_CPU.items()},
                  "server_wall": {k: summary(v) for k, v in SERVER_WALL.items()},
                  # every round trip (page clock, ms since its page's navigation), to see which set the p95
                  "calls": [{k: c.get(k) for k in ("phase", "output", "ms", "t0", "t1", "bytes", "status", "busy")}
                            for c in calls]}  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    missed = []
    if not first or results["first render to interactive"]["max"] > TARGET_FIRST_RENDER_MS:
        missed.append("first render to interactive over 1 s")
    if not panel or results["node click to panel"]["p95"] > TARGET_CLICK_P95_MS:
        missed.append("node click to panel p95 over 200 ms")
    if not all_calls or results["callback round-trips (all)"]["p95"] > TARGET_CALLBACK_P95_MS:
        missed.append("callbacks p95 over 100 ms")
    for m in missed:
        print(f"MISSED: {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
