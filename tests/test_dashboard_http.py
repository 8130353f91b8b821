"""The explorer behind its production server (waitress, dashboard.serving.make_server), over real HTTP:
malformed callback bodies get a clear one-line answer, never HTTP 500 or a traceback (issue 14, item 7)."""

from __future__ import annotations

import http.client
import json
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
from dashboard.app import create_app
from dashboard.security import MAX_BODY_BYTES, MAX_JSON_DEPTH
from dashboard.serving import make_server
from graph.nx_store import NetworkXStore
from graph.synthetic import generate

CALLBACK = "/_dash-update-component"


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    store = NetworkXStore()
    store.load(generate(300, seed=2))
    server = make_server(create_app(store), "127.0.0.1", 0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server.effective_port
    finally:
        server.close()
        thread.join(10)


@pytest.fixture(scope="module")
def dependencies(port: int) -> list[dict[str, Any]]:
    status, _, body = request(port, "GET", "/_dash-dependencies")
    assert status == 200
    deps: list[dict[str, Any]] = json.loads(body)
    return deps


def callback_body(deps: list[dict[str, Any]], trigger: str, inputs: dict[str, Any], state: dict[str, Any]) -> dict:
    """A body as the browser sends it for the callback triggered by the component ``trigger``."""
    [dep] = [d for d in deps if any(i["id"] == trigger for i in d["inputs"])]
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        name, prop = part.rsplit(".", 1)
        outputs.append({"id": json.loads(name) if name.startswith("{") else name, "property": prop})
    return {
        "output": dep["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": [{"id": i["id"], "property": i["property"], "value": inputs.get(i["id"])} for i in dep["inputs"]],
        "state": [{"id": s["id"], "property": s["property"], "value": state.get(s["id"])} for s in dep["state"]],
        "changedPropIds": [f"{trigger}.{dep['inputs'][0]['property']}"],
    }


def console_run(port: int, deps: list[dict[str, Any]], query: Any, params: Any, limit: Any) -> tuple[int, str]:
    body = callback_body(deps, ids.CONSOLE_RUN, {ids.CONSOLE_RUN: 1},
                         {ids.CONSOLE_QUERY: query, ids.CONSOLE_PARAMS: params, ids.CONSOLE_LIMIT: limit})
    status, _, data = request(port, "POST", CALLBACK, json.dumps(body).encode())
    return status, data.decode()


def console_message(text: str) -> str:
    response = json.loads(text)["response"]
    return str(response[ids.CONSOLE_MESSAGE]["children"]["props"]["children"])


def one_line_error(status: int, headers: dict[str, str], body: bytes) -> str:
    assert headers["Content-Type"].startswith("application/json"), (status, body[:200])
    text = body.decode()
    assert text.count("\n") <= 1 and "Traceback" not in text
    message: str = json.loads(text)["error"]
    return message


def test_a_well_formed_console_request_answers(port: int, dependencies: list[dict[str, Any]]) -> None:
    status, text = console_run(port, dependencies, "MATCH (s:State) RETURN s.label AS label", "{}", 5)
    assert status == 200
    assert "row" in console_message(text)


@pytest.mark.parametrize("limit", ["abc", [1], {"n": 1}, True, 2.5])
def test_a_row_limit_that_is_no_number_gets_the_consoles_own_message(
    port: int, dependencies: list[dict[str, Any]], limit: object
) -> None:
    status, text = console_run(port, dependencies, "MATCH (s:State) RETURN s.label", "{}", limit)
    assert status == 200, text[:300]
    assert "row limit must be a whole number" in console_message(text)


@pytest.mark.parametrize("query", [42, ["MATCH (n) RETURN n"], {"q": 1}])
def test_a_query_that_is_no_text_gets_the_consoles_own_message(
    port: int, dependencies: list[dict[str, Any]], query: object
) -> None:
    status, text = console_run(port, dependencies, query, "{}", 5)
    assert status == 200, text[:300]
    assert "the query must be text" in console_message(text)


def test_parameters_nested_50000_deep_get_a_clear_message(port: int, dependencies: list[dict[str, Any]]) -> None:
    for depth, message in ((50_000, "the parameters are longer than 100,000 characters"),
                           (20_000, "the parameters are nested deeper than 20 levels"),
                           (21, "the parameters are nested deeper than 20 levels")):
        deep = '{"x": ' + "[" * depth + "]" * depth + "}"
        status, text = console_run(port, dependencies, "MATCH (s:State) RETURN s.label", deep, 5)
        assert status == 200, text[:300]
        assert console_message(text) == f"Query error: {message}"
    status, text = console_run(port, dependencies, "MATCH (s:State) RETURN s.label", {"x": 1}, 5)
    assert status == 200 and "the parameters must be JSON text" in console_message(text)


def test_a_body_nested_50000_deep_gets_400(port: int, dependencies: list[dict[str, Any]]) -> None:
    body = callback_body(dependencies, ids.CONSOLE_RUN, {ids.CONSOLE_RUN: 1}, {})
    text = json.dumps(body).replace('"value": null', '"value": ' + "[" * 50_000 + "]" * 50_000, 1)
    status, headers, data = request(port, "POST", CALLBACK, text.encode())
    assert status == 400
    assert one_line_error(status, headers, data) == f"the request body is nested deeper than {MAX_JSON_DEPTH} levels"
    shallow = json.dumps(body).replace('"value": null', '"value": ' + "[" * 150 + "]" * 150, 1)
    status, headers, data = request(port, "POST", CALLBACK, shallow.encode())
    assert status == 400 and "nested deeper" in one_line_error(status, headers, data)


def test_a_huge_body_gets_413_before_it_is_read(port: int) -> None:
    # the server answers from the Content-Length alone, without waiting for the body
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest("POST", CALLBACK)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
        conn.endheaders()
        response = conn.getresponse()
        status, text = response.status, response.read().decode()
    finally:
        conn.close()
    assert status == 413
    assert "Request Entity Too Large" in text and "Traceback" not in text
    # a body within the server's bound but over the app's is refused by the app, in one line of JSON
    app = create_app(NetworkXStore())
    refused = app.server.test_client().post(CALLBACK, data=b"[" + b" " * MAX_BODY_BYTES + b"]",
                                            content_type="application/json")
    assert refused.status_code == 413
    assert one_line_error(413, dict(refused.headers), refused.data).startswith("the request body is larger than")


def test_a_callback_request_naming_no_callback_answers_400(port: int) -> None:
    body = {"output": "nothing.here", "outputs": {"id": "nothing", "property": "here"},
            "inputs": [{"id": "x", "property": "value", "value": 1}], "changedPropIds": ["x.value"]}
    status, headers, data = request(port, "POST", CALLBACK, json.dumps(body).encode())
    assert status == 400, data[:300]
    assert one_line_error(status, headers, data).startswith("the callback could not use the values it was sent")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "the request body is not valid JSON"),
        (b"[1, 2]", "a callback request must be a JSON object"),
        (b"{}", "a callback request names its output and outputs"),
        (b'{"output": "a.b", "outputs": {}, "inputs": 3}', "the callback's inputs must be a list"),
        (b'{"output": "a.b", "outputs": {}, "inputs": [{"value": 1}]}', "each of the callback's inputs must be"),
    ],
)
def test_bodies_that_are_no_callback_request_get_400(port: int, body: bytes, message: str) -> None:
    status, headers, data = request(port, "POST", CALLBACK, body)
    assert status == 400
    assert one_line_error(status, headers, data).startswith(message)


def test_a_callback_that_cannot_use_its_values_answers_400(port: int, dependencies: list[dict[str, Any]]) -> None:
    # the examples dropdown sent a list where a key belongs: the callback fails on it (unhashable)
    body = callback_body(dependencies, ids.CONSOLE_EXAMPLES, {ids.CONSOLE_EXAMPLES: ["a", "b"]}, {})
    status, headers, data = request(port, "POST", CALLBACK, json.dumps(body).encode())
    assert status == 400
    assert one_line_error(status, headers, data) == "the callback could not use the values it was sent (TypeError)"
    # and the server goes on answering
    assert request(port, "GET", "/_dash-layout")[0] == 200


def test_the_production_server_keeps_the_security_headers_and_the_host_check(port: int) -> None:
    status, headers, _ = request(port, "GET", "/")
    assert status == 200 and headers["X-Frame-Options"] == "DENY" and "Content-Security-Policy" in headers
    assert headers.get("Server") == "alliancekg"
    status, headers, _ = request(port, "GET", "/", headers={"Host": "evil.example"})
    assert status == 400


def test_the_serve_command_answers_through_waitress(tmp_path: Path) -> None:
    data = tmp_path / "graph.json.gz"
    with NetworkXStore(path=data) as store:
        store.load(generate(100, seed=4))
        store.save()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    cli = Path(sys.executable).with_name("alliancekg")
    proc = subprocess.Popen([str(cli), "serve", "--store", "embedded", "--data", str(data), "--port", str(free),
                             "--workers", "1"],  # one process: waitress (several: tests/test_serve_workers.py)
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, headers, _ = request(free, "GET", "/")
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "serve did not answer within 120 s"
                time.sleep(0.3)
        assert status == 200 and headers.get("Server") == "alliancekg"  # waitress, named; not Werkzeug
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert request(free, "GET", "/", headers={"Host": "evil.example"})[0] == 400
    finally:
        stop_server(proc)


def test_a_streamed_body_over_the_bound_gets_413_not_its_first_part_read() -> None:
    """A body without Content-Length (chunked, as gunicorn hands it on) is cut at the bound by the stream; the app
    must refuse it, not parse its first MAX_BODY_BYTES as if that were all (a valid prefix would be answered)."""
    import io

    app = create_app(NetworkXStore())
    client = app.server.test_client()
    STREAMED = {"wsgi.input_terminated": True, "CONTENT_LENGTH": ""}  # noqa: N806 - no length: read to its end
    callback = json.dumps({"output": "x.children", "outputs": {"id": "x", "property": "children"}, "inputs": []})
    for body in (b"[" + b" " * MAX_BODY_BYTES + b"]", callback.encode().ljust(MAX_BODY_BYTES) + b"tail"):
        refused = client.post(CALLBACK, input_stream=io.BytesIO(body), content_type="application/json",
                              environ_overrides=STREAMED)  # fmt: skip
        assert refused.status_code == 413, refused.data[:200]
        assert one_line_error(413, dict(refused.headers), refused.data).startswith("the request body is larger than")
    # a streamed body within the bound is read whole
    within = client.post(CALLBACK, input_stream=io.BytesIO(callback.encode()), content_type="application/json",
                         environ_overrides=STREAMED)  # fmt: skip
    assert within.status_code == 400 and "413" not in within.data.decode()
