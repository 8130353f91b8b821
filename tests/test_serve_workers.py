"""``alliancekg serve`` from several server processes (gunicorn workers), on both stores: a real server process
answering real HTTP, with every check of dashboard.security still made in each worker (issue 14, item 7)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from http_client import request, stop_server

from dashboard import ids
from dashboard.app import router_request
from dashboard.security import MAX_BODY_BYTES
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from graph.synthetic import generate

CALLBACK = "/_dash-update-component"
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


class Served:
    """A running ``alliancekg serve --workers 2`` and its port."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.port = free_port()
        cli = Path(sys.executable).with_name("alliancekg")
        command = [str(cli), "serve", *args, "--port", str(self.port), "--workers", str(WORKERS), "--threads", "4"]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        deadline = time.monotonic() + 180
        while True:
            try:
                request(self.port, "GET", "/_dash-layout")
                if len(children(self.proc.pid)) >= WORKERS or time.monotonic() > deadline:
                    return  # every worker forked (the first answers while the next is forked)
                time.sleep(0.2)
                continue
            except OSError:
                if self.proc.poll() is not None:
                    pytest.fail(f"serve exited with {self.proc.returncode}: {self.output()}")
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail("serve did not answer within 180 s")
                time.sleep(0.3)

    def output(self) -> str:
        return self.proc.stdout.read() if self.proc.stdout else ""

    def stop(self) -> int:
        return stop_server(self.proc)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    env = dict(os.environ)
    if request.param == "embedded":
        data = tmp_path / "graph.json.gz"
        with NetworkXStore(path=data) as store:
            store.load(generate(200, seed=5))
            store.save()
        args = ["--store", "embedded", "--data", str(data)]
    else:
        graph: GraphStore = request.getfixturevalue("neo4j_store")
        graph.load(generate(200, seed=5))
        args = ["--store", "neo4j"]
    server = Served(args, env)
    try:
        yield server
    finally:
        if server.proc.poll() is None:
            server.stop()


def router(port: int, page: str) -> tuple[int, dict[str, Any]]:
    status, _, data = request(port, "POST", CALLBACK, json.dumps(router_request(f"/{page}")).encode())
    return status, json.loads(data) if status == 200 else {}


def console(port: int, query: str) -> str:
    deps = json.loads(request(port, "GET", "/_dash-dependencies")[2])
    [dep] = [d for d in deps if any(i["id"] == ids.CONSOLE_RUN for i in d["inputs"])]
    outputs = [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
               for part in dep["output"].strip(".").split("...")]
    values = {ids.CONSOLE_RUN: 1, ids.CONSOLE_QUERY: query, ids.CONSOLE_PARAMS: "{}", ids.CONSOLE_LIMIT: 5}
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [{"id": i["id"], "property": i["property"], "value": values.get(i["id"])} for i in dep["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": values.get(s["id"])} for s in dep["state"]],
        "changedPropIds": [f"{ids.CONSOLE_RUN}.n_clicks"],
    }
    status, _, data = request(port, "POST", CALLBACK, json.dumps(body).encode())
    assert status == 200, data[:300]
    return str(json.loads(data)["response"][ids.CONSOLE_MESSAGE]["children"]["props"]["children"])


def test_serve_answers_from_several_worker_processes(served: Served) -> None:
    workers = children(served.proc.pid)
    assert len(workers) == WORKERS, workers  # gunicorn's master forked them
    status, headers, _ = request(served.port, "GET", "/explorer")
    assert status == 200 and headers.get("Server") == "gunicorn"
    # many connections at once: every one answered, by both workers between them
    for page in ("explorer", "tracer", "crises", "timeline", "console", "exports"):
        status, answer = router(served.port, page)
        assert status == 200 and answer["response"][ids.PAGE]["children"], page
    assert "row" in console(served.port, "MATCH (s:State) RETURN s.label AS label")


def test_each_worker_keeps_the_host_check_headers_and_body_bounds(served: Served) -> None:
    # several requests on fresh connections, so both workers answer some of them
    for _ in range(2 * WORKERS):
        status, headers, _ = request(served.port, "GET", "/", headers={"Host": "evil.example"})
        assert status == 400
        status, headers, _ = request(served.port, "GET", "/")
        assert status == 200
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer" and "script-src 'self'" in headers["Content-Security-Policy"]
        status, headers, data = request(served.port, "POST", CALLBACK, b"[" * 5000 + b"]" * 5000)
        assert status == 400 and "nested deeper" in json.loads(data)["error"]
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=60)
    try:  # a body announced too large is refused from its length alone, before it is sent
        conn.putrequest("POST", CALLBACK)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
        conn.endheaders()
        response = conn.getresponse()
        status, text = response.status, response.read().decode()
    finally:
        conn.close()
    assert status == 413 and json.loads(text)["error"].startswith("the request body is larger than")


def test_stopping_serve_stops_every_worker(served: Served) -> None:
    workers = children(served.proc.pid)
    assert served.stop() == 0
    assert "explorer stopped" in served.output()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)


def test_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    data = tmp_path / "graph.json.gz"
    with NetworkXStore(path=data) as store:
        store.load(generate(30, seed=6))
        store.save()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        cli = Path(sys.executable).with_name("alliancekg")
        done = subprocess.run([str(cli), "serve", "--data", str(data), "--port", str(port), "--workers", "2"],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr + done.stdout


def test_a_fresh_server_answers_its_first_concurrent_requests_for_scripts(tmp_path: Path) -> None:
    """A browser's first visit asks for React and Dash's scripts at once. Dash finishes setting itself up on its
    first request, and a second thread answering meanwhile found no script registered: HTTP 500, and the page
    stayed on "Loading..." (seen on a fresh `alliancekg serve`). Every first request must be answered."""
    from concurrent.futures import ThreadPoolExecutor

    data = tmp_path / "graph.json.gz"
    with NetworkXStore(path=data) as store:
        store.load(generate(60, seed=7))
        store.save()
    port = free_port()
    cli = Path(sys.executable).with_name("alliancekg")
    command = [str(cli), "serve", "--data", str(data), "--port", str(port), "--workers", str(WORKERS), "--threads", "8"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:  # the port accepts once gunicorn listens; no HTTP request is made before the burst below
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not listen: {proc.stdout.read() if proc.stdout else ''}")
                time.sleep(0.1)
        scripts = [
            "/_dash-component-suites/dash/deps/react@18.3.1.min.js",
            "/_dash-component-suites/dash/deps/react-dom@18.3.1.min.js",
            "/_dash-component-suites/dash/deps/prop-types@15.8.1.min.js",
            "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js",
        ] * 6
        start = threading.Barrier(len(scripts))

        def fetch(path: str) -> int:
            start.wait()  # all at once, as a page's script tags are fetched
            return request(port, "GET", path)[0]

        with ThreadPoolExecutor(len(scripts)) as pool:
            statuses = list(pool.map(fetch, scripts))
        assert statuses == [200] * len(scripts)
    finally:
        stop_server(proc)
