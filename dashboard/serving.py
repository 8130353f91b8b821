"""Serving the explorer: a read-only guard in front of the store, and the production WSGI server.

:class:`ServingStore` forwards every read to the real store and refuses
every write, so the dashboard cannot change the graph, whatever a callback
does. It remembers nothing: what the dashboard keeps between callbacks is in
its one cache, :class:`dashboard.context.AppContext`, which follows the
store's ``revision`` (forwarded here).

:func:`make_server` puts the app behind waitress, a production WSGI server
(a pool of :data:`SERVER_THREADS` threads answering up to
:data:`CONNECTION_LIMIT` open connections; request bodies bounded as in
:mod:`dashboard.security`). ``alliancekg serve`` runs it; Werkzeug's
development server is used only with ``serve --debug``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from dash import Dash

from dashboard.defaults import SERVER_THREADS
from dashboard.security import MAX_BODY_BYTES
from graph.errors import StoreError
from graph.store import GraphStore

CONNECTION_LIMIT = 256
"""Open connections accepted at once (browsers keep several each)."""


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
