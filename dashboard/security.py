"""HTTP hardening of the explorer: security headers on every response, and a Host check.

The Host check defends against DNS rebinding: a page on another site whose
name is made to resolve to 127.0.0.1 would otherwise read the graph through
the visitor's browser. Only the configured names are served
(:data:`DEFAULT_HOSTS`, plus ``serve --host`` and ``--allowed-host``); any
other ``Host`` gets 400. The port is not part of the check.

The Content-Security-Policy is one Dash, Plotly and Cytoscape run under
(checked in headless Chromium, tests/browser: every page draws with an empty
console log): scripts from this server only, plus the renderer's inline
script by its hash (no ``'unsafe-inline'``, no ``'unsafe-eval'`` for
scripts); inline styles, which Plotly and Cytoscape insert.
"""

from __future__ import annotations

from collections.abc import Iterable

import flask
from dash import Dash

DEFAULT_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost")
"""Host names served when nothing else is configured."""

FIXED_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def host_name(header: str) -> str:
    """The name part of a ``Host`` header, lower case: ``[::1]:8050`` -> ``::1``, ``a.b:80`` -> ``a.b``.

    >>> host_name("LocalHost:8050"), host_name("[::1]:8050"), host_name("127.0.0.1")
    ('localhost', '::1', '127.0.0.1')
    """
    text = header.strip().lower()
    if text.startswith("["):
        return text[1 : text.find("]")] if "]" in text else text
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


def content_security_policy(app: Dash) -> str:
    """The policy of :mod:`this module <dashboard.security>`, with the hashes of Dash's inline scripts."""
    hashes = " ".join(app.csp_hashes())
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {hashes}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def harden(app: Dash, allowed_hosts: Iterable[str] = ()) -> frozenset[str]:
    """Check the Host of every request and add the security headers to every response.

    Returns:
        The host names served: :data:`DEFAULT_HOSTS` and ``allowed_hosts``.
    """
    hosts = frozenset(host_name(h) for h in (*DEFAULT_HOSTS, *allowed_hosts) if h.strip())
    server: flask.Flask = app.server
    policy: list[str] = []

    @server.before_request
    def _check_host() -> flask.Response | None:
        if host_name(flask.request.headers.get("Host", "")) in hosts:
            return None
        return flask.Response(
            "400 Bad Request: this host name is not served (see serve --allowed-host)\n",
            status=400,
            mimetype="text/plain",
        )

    @server.after_request
    def _headers(response: flask.Response) -> flask.Response:
        if not policy:
            policy.append(content_security_policy(app))  # once the layout and its scripts are known
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in FIXED_HEADERS.items():
            response.headers[name] = value
        return response

    return hosts
