"""HTTP hardening of the explorer: security headers on every response, a Host check, bounded callback bodies.

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

A request body is at most :data:`MAX_BODY_BYTES` (413 otherwise), and a
callback request must be JSON nested at most :data:`MAX_JSON_DEPTH` deep in
the shape Dash sends (``output``, ``outputs``, ``inputs`` and ``state`` of
``{"id", "property"}`` objects); anything else gets 400. A callback that
cannot use the values it was sent (a number where text belongs, ...) answers
400 too. Each refusal is one line of JSON, ``{"error": "..."}``, never a
traceback; the server logs the callback's traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import flask
from dash import Dash
from dash.exceptions import CallbackException, InvalidCallbackReturnValue
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

log = logging.getLogger(__name__)

DEFAULT_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost")
"""Host names served when nothing else is configured."""

FIXED_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


MAX_BODY_BYTES = 8 << 20
"""Largest request body read (8 MiB: the console's CSV callback sends back up to its row limit of rows)."""
MAX_JSON_DEPTH = 100
"""Deepest nesting of a callback body (Dash's own bodies, component trees included, stay far below)."""
CALLBACK_PATH = "/_dash-update-component"
INPUT_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError, OverflowError)
"""What a callback raises when the values it was sent are not of the kind its inputs hold."""


def json_error(status: int, message: str) -> flask.Response:
    """A refusal: ``{"error": message}`` on one line, with ``status``."""
    return flask.Response(json.dumps({"error": message}) + "\n", status=status, mimetype="application/json")


def json_depth(value: Any, limit: int) -> int:
    """How deep ``value`` (parsed JSON) is nested, counting up to ``limit + 1`` at most (no recursion).

    >>> json_depth({"a": [1, {"b": []}]}, 10), json_depth(1, 10), json_depth([[[[]]]], 2)
    (4, 0, 3)
    """
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def callback_body_error(body: Any) -> str | None:
    """Why ``body`` is not a callback request as Dash sends it, or None when it is."""
    if not isinstance(body, dict):
        return "a callback request must be a JSON object"
    if not isinstance(body.get("output"), str) or "outputs" not in body:
        return "a callback request names its output and outputs"
    for part in ("inputs", "state"):
        items = body.get(part, [])
        if not isinstance(items, list):
            return f"the callback's {part} must be a list"
        for item in items:
            entries = item if isinstance(item, list) else [item]  # a pattern-matching input is a list of them
            if not all(isinstance(e, dict) and "id" in e and isinstance(e.get("property"), str) for e in entries):
                return f"each of the callback's {part} must be an object with an id and a property"
    return None


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

    # A body without a length (chunked, as gunicorn hands it on) is cut by Werkzeug at this bound without an
    # error: one byte more is let through, so that a body over MAX_BODY_BYTES shows by its length (below).
    server.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES + 1

    @server.before_request
    def _check_body() -> flask.Response | None:
        request = flask.request
        if request.method != "POST":
            return None
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return json_error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
        if not request.path.endswith(CALLBACK_PATH):
            return None
        try:
            if len(request.get_data(cache=True)) > MAX_BODY_BYTES:
                return json_error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
            body = request.get_json(force=True)  # kept by the request: Dash reads the same parsed body
        except RequestEntityTooLarge:
            return json_error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")
        except RecursionError:
            return json_error(400, f"the request body is nested deeper than {MAX_JSON_DEPTH} levels")
        except HTTPException:
            return json_error(400, "the request body is not valid JSON")
        if json_depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            return json_error(400, f"the request body is nested deeper than {MAX_JSON_DEPTH} levels")
        problem = callback_body_error(body)
        return None if problem is None else json_error(400, problem)

    @server.errorhandler(RequestEntityTooLarge)
    def _too_large(_error: RequestEntityTooLarge) -> flask.Response:
        return json_error(413, f"the request body is larger than {MAX_BODY_BYTES} bytes")

    @server.errorhandler(Exception)
    def _failed(error: Exception) -> flask.Response | HTTPException:
        if isinstance(error, HTTPException):
            return error
        sent_wrong = isinstance(error, INPUT_ERRORS) or (
            isinstance(error, CallbackException) and not isinstance(error, InvalidCallbackReturnValue)
        )  # a CallbackException at dispatch: the request names no callback of this app as defined
        if flask.request.path.endswith(CALLBACK_PATH) and sent_wrong:
            log.warning("a callback could not use the values it was sent", exc_info=error)
            return json_error(400, f"the callback could not use the values it was sent ({type(error).__name__})")
        log.error("request failed", exc_info=error)
        return json_error(500, "the server failed to answer this request; see its log")

    @server.after_request
    def _headers(response: flask.Response) -> flask.Response:
        if not policy:
            policy.append(content_security_policy(app))  # once the layout and its scripts are known
        response.headers["Content-Security-Policy"] = policy[0]
        for name, value in FIXED_HEADERS.items():
            response.headers[name] = value
        return response

    return hosts
