"""Server hardening: security headers on every response, and only configured host names are served."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app
from graph.nx_store import NetworkXStore
from graph.synthetic import generate


@pytest.fixture(scope="module")
def app() -> object:
    store = NetworkXStore()
    store.load(generate(200, seed=1))
    return create_app(store)


HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


@pytest.mark.parametrize("path", ["/", "/console", "/_dash-layout", "/_dash-dependencies", "/no-such-file.js"])
def test_every_response_carries_the_security_headers(app: object, path: str) -> None:
    response = app.server.test_client().get(path)  # type: ignore[attr-defined]
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, name
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8050", "localhost:8050", "LOCALHOST"])
def test_configured_hosts_are_served(app: object, host: str) -> None:
    assert app.server.test_client().get("/", headers={"Host": host}).status_code == 200  # type: ignore[attr-defined]


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8050", "127.0.0.1.evil.example", ""])
def test_other_host_names_get_400(app: object, host: str) -> None:
    client = app.server.test_client()  # type: ignore[attr-defined]
    for path in ("/", "/_dash-layout"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400
        assert b"host" in response.data.lower()


def test_extra_allowed_hosts_are_served() -> None:
    store = NetworkXStore()
    app = create_app(store, allowed_hosts=["kg.example.org"])
    client = app.server.test_client()
    assert client.get("/", headers={"Host": "kg.example.org"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


@pytest.fixture
def served(app: object) -> Iterator[int]:
    server = make_server("127.0.0.1", 0, app.server)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()


def test_a_real_server_refuses_a_rebinding_host(served: int) -> None:
    def get(host: str) -> tuple[int, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
        conn.putrequest("GET", "/_dash-layout", skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status, dict(response.getheaders())

    status, headers = get(f"127.0.0.1:{served}")
    assert status == 200 and headers["X-Frame-Options"] == "DENY"
    status, _ = get("evil.example")
    assert status == 400
