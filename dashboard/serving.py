"""Serving the explorer: a read-only guard in front of the store, and the production WSGI server.

:class:`ServingStore` forwards every read to the real store and refuses
every write, so the dashboard cannot change the graph, whatever a callback
does. It remembers nothing: what the dashboard keeps between callbacks is in
its one cache, :class:`dashboard.context.AppContext`, which follows the
store's ``revision`` (forwarded here).

:func:`run_workers` serves the app from several processes through
gunicorn (its threaded workers; one per core by default,
:func:`dashboard.defaults.default_workers`), as ``alliancekg serve`` does wherever it can fork
(:func:`can_run_workers`): one Python process uses at most one core, however
many threads it has. :func:`make_server` puts the app behind waitress in this
one process (``serve --workers 1``, or where gunicorn cannot run): a pool of
:data:`SERVER_THREADS` threads answering up to :data:`CONNECTION_LIMIT` open
connections. Either way request bodies are bounded as in
:mod:`dashboard.security`. Werkzeug's development server is used only with
``serve --debug``.

:func:`remember_answers` answers repeated callback requests from the
dashboard's one cache.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.util
import json
import os
import socket
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import flask
from dash import Dash

from dashboard.context import AppContext
from dashboard.defaults import SERVER_THREADS
from dashboard.security import CALLBACK_PATH, MAX_BODY_BYTES
from graph.errors import StoreError
from graph.store import GraphStore

CONNECTION_LIMIT = 256
"""Open connections accepted at once, per server process (browsers keep several each)."""
KEEPALIVE_SECONDS = 120
"""How long an idle keep-alive connection stays open (waitress's default, kept for the worker processes)."""


def make_server(app: Dash, host: str, port: int, threads: int = SERVER_THREADS) -> Any:
    """A waitress server for ``app`` bound to ``host:port`` (port 0: any free port, see ``effective_port``).

    Call ``run()`` to serve until ``close()``.
    """
    from waitress.server import create_server

    return create_server(
        app.server,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        max_request_body_size=MAX_BODY_BYTES,
        ident="alliancekg",
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=True,
    )


def can_run_workers() -> bool:
    """True when several server processes can be forked here (POSIX, gunicorn installed)."""
    return hasattr(os, "fork") and sys.platform != "win32" and importlib.util.find_spec("gunicorn") is not None


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` and listening (port 0: any free port).

    Raises:
        OSError: the address cannot be bound (in use, not this machine's, ...).
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def run_workers(build: Callable[[], Dash], listener: socket.socket, workers: int, threads: int, preload: bool) -> None:
    """Serve until stopped (Ctrl+C, SIGTERM) from ``workers`` processes, each answering with ``threads`` threads.

    gunicorn's master process keeps ``listener`` and forks the workers, which
    take turns accepting its connections; a worker that dies is replaced.
    ``build()`` makes the app: with ``preload`` once, here, before the workers
    are forked, so they share its memory (the embedded store's graph, the
    warmed cache) copy-on-write; without, in each worker after its fork, so
    each opens its own store (a Neo4j driver must not cross a fork). Either
    way each worker has its own cache and forks its own console query workers.
    What :func:`dashboard.security.harden` checks is checked in every worker;
    request bodies over :data:`MAX_BODY_BYTES` are refused by the app.

    Returns when stopped by SIGINT, SIGTERM or SIGQUIT (whatever a worker still starting then did).

    Raises:
        SystemExit: from gunicorn, when a worker cannot start (non-zero), and in each worker as it ends.
    """
    from gunicorn.app.base import BaseApplication
    from gunicorn.arbiter import Arbiter

    def freeze(_arbiter: Any, _worker: Any) -> None:
        gc.freeze()  # the collector would otherwise touch (and so copy) every shared page in each worker

    options: dict[str, Any] = {
        "bind": [f"fd://{listener.detach()}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        "worker_connections": CONNECTION_LIMIT,
        "preload_app": preload,
        "keepalive": KEEPALIVE_SECONDS,
        "timeout": 120,
        "graceful_timeout": 10,
        "loglevel": "warning",
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "alliancekg",
        "forwarded_allow_ips": "127.0.0.1,::1",  # X-Forwarded-Proto and the like only from a proxy on this machine
        "pre_fork": freeze,
    }

    class Explorer(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return build().server

    asked: list[str] = []

    class Master(Arbiter):
        """gunicorn's master, remembering that it was asked to stop."""

        def handle_int(self) -> None:
            asked.append("INT")
            super().handle_int()

        def handle_term(self) -> None:
            asked.append("TERM")
            super().handle_term()

        def handle_quit(self) -> None:
            asked.append("QUIT")
            super().handle_quit()

    master = os.getpid()
    try:
        Master(Explorer()).run()
    except SystemExit as e:
        # asked to stop while a worker was still starting, that worker may end as "failed to boot":
        # the stop was asked for, so it is no failure
        if os.getpid() == master and asked and e.code not in (0, None):
            return
        raise


ANSWERS_FAMILY = "callback-answers"
ANSWERS_REMEMBERED = 128
"""Callback answers remembered per state of the store (see :func:`remember_answers`)."""
ANSWERS_BUDGET = 64 * 1024 * 1024
"""Bytes of callback answers a process keeps at most (an explorer view can weigh megabytes)."""


def remember_answers(app: Dash, app_ctx: AppContext, cacheable: Callable[[str], bool]) -> None:
    """Answer a repeated callback request from the cache, for the callbacks whose output ``cacheable`` accepts.

    For a callback whose answer follows from what the request sends (its inputs, its state, which input
    changed) and the state of the graph, the same request body gets the same answer until the store
    changes: the page layout the router sends for a URL, say. Such an answer, as JSON text, is kept in
    the dashboard's one cache (:meth:`AppContext.remembered`, dropped with the store's state) under a
    digest of the request body, so repeated page loads cost neither the component tree nor its JSON
    encoding. An answer that raises (a refused request, :class:`~dash.exceptions.PreventUpdate`) is
    never kept.
    """
    endpoint = str(app.config.routes_pathname_prefix) + CALLBACK_PATH.lstrip("/")
    dispatch: Callable[[], Any] = app.server.view_functions[endpoint]

    @functools.wraps(dispatch)
    def answer() -> Any:
        body = flask.request.get_json(silent=True)
        output = body.get("output") if isinstance(body, dict) else None
        if not isinstance(output, str) or not cacheable(output):
            return dispatch()
        text = json.dumps(body, sort_keys=True, separators=(",", ":"))
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

        def compute() -> tuple[bytes, int, str | None]:
            response = flask.make_response(dispatch())
            return response.get_data(), response.status_code, response.mimetype

        data, status, mimetype = app_ctx.remembered(
            ANSWERS_FAMILY,
            key,
            compute,
            size=ANSWERS_REMEMBERED,
            weigh=lambda answer: len(answer[0]),
            budget=ANSWERS_BUDGET,
        )
        return flask.Response(data, status=status, mimetype=mimetype)

    app.server.view_functions[endpoint] = answer


class ServingStore(GraphStore):
    """Read-only front of ``inner`` (see the module notes).

    Reads take the real store's arguments and give its answers; writes raise
    :class:`~graph.errors.StoreError`.

    Args:
        inner: the real store (its lifetime stays with the caller).
    """

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.name = inner.name

    @property
    def revision(self) -> int | None:
        """The real store's write counter (None when it has none)."""
        return self.inner.revision

    def change_mark(self) -> str | None:
        """The real store's mark of its last change (see :meth:`GraphStore.change_mark`)."""
        return self.inner.change_mark()

    def describe(self) -> str:
        """The real store, for messages (see :meth:`GraphStore.describe`)."""
        return self.inner.describe()

    # -- writes are refused ------------------------------------------------

    def _refuse(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        raise StoreError("the dashboard reads the graph and never changes it")

    upsert_nodes = upsert_relationships = delete_nodes = clear = _refuse

    # -- reads: the real store's ------------------------------------------------

    def get_node(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.get_node`."""
        return self.inner.get_node(*args, **kwargs)

    def has_node(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.has_node`."""
        return self.inner.has_node(*args, **kwargs)

    def neighbours(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.neighbours`."""
        return self.inner.neighbours(*args, **kwargs)

    def link_counts(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.link_counts`."""
        return self.inner.link_counts(*args, **kwargs)

    def linked(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.linked`."""
        return self.inner.linked(*args, **kwargs)

    def linked_pages(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.linked_pages`."""
        return self.inner.linked_pages(*args, **kwargs)

    def node_links(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.node_links`."""
        return self.inner.node_links(*args, **kwargs)

    def paths(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.paths`."""
        return self.inner.paths(*args, **kwargs)

    def subgraph(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.subgraph`."""
        return self.inner.subgraph(*args, **kwargs)

    def nodes(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.nodes`."""
        return self.inner.nodes(*args, **kwargs)

    def relationships(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.relationships`."""
        return self.inner.relationships(*args, **kwargs)

    def evidence_of(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.evidence_of`."""
        return self.inner.evidence_of(*args, **kwargs)

    def projection(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.projection`."""
        return self.inner.projection(*args, **kwargs)

    def count_by_kind(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.count_by_kind`."""
        return self.inner.count_by_kind(*args, **kwargs)

    def count_by_type(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.count_by_type`."""
        return self.inner.count_by_type(*args, **kwargs)

    def incidents_between(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.incidents_between`."""
        return self.inner.incidents_between(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.search`."""
        return self.inner.search(*args, **kwargs)

    def find_text(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphReader.find_text`."""
        return self.inner.find_text(*args, **kwargs)

    def iter_nodes(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.iter_nodes`."""
        return self.inner.iter_nodes(*args, **kwargs)

    def iter_relationships(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.iter_relationships`."""
        return self.inner.iter_relationships(*args, **kwargs)

    def run_cypher(self, *args: Any, **kwargs: Any) -> Any:
        """See :meth:`GraphStore.run_cypher` (the real store checks the query is read-only)."""
        return self.inner.run_cypher(*args, **kwargs)
