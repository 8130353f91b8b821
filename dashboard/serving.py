"""A read-only, memoising view of a store for serving the dashboard.

The explorer reads a graph that does not change while it serves (``alliancekg
serve`` opens the store after ``ingest``; restart it to see new data). So
:class:`ServingStore` forwards every read to the real store and remembers the
answers of the expensive, repeatable ones: the counts (which the analytics
use as their cache key on every call), filtered subgraphs, neighbourhoods,
node details and searches, in bounded LRU caches. It also refuses every write:
the dashboard cannot change the graph, whatever a callback does.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from graph.errors import StoreError
from graph.model import CypherResult, Evidence, GraphData, Node, NodeDetail, Relationship
from graph.schema import Kind, Prop, Rel
from graph.store import DEFAULT_BATCH_SIZE, DEFAULT_QUERY_TIMEOUT, DEFAULT_ROW_LIMIT, GraphStore, Projection

T = TypeVar("T")
CACHE_SIZE = 256
"""Answers kept per kind of read (least recently used dropped first)."""


def _kinds_key(kinds: Iterable[Kind | str] | None) -> tuple[str, ...] | None:
    return None if kinds is None else tuple(sorted({Kind(k).value for k in kinds}))


def _rels_key(types: Iterable[Rel | str] | None) -> tuple[str, ...] | None:
    return None if types is None else tuple(sorted({Rel(t).value for t in types}))


class ServingStore(GraphStore):
    """Read-only, memoising front of ``inner`` (see the module notes).

    Args:
        inner: the real store (its lifetime stays with the caller).
        cache_size: answers kept per kind of read.
    """

    def __init__(self, inner: GraphStore, cache_size: int = CACHE_SIZE) -> None:
        self.inner = inner
        self.name = inner.name
        self._size = cache_size
        self._caches: dict[str, OrderedDict[Hashable, Any]] = {}
        self._lock = threading.Lock()

    def _memo(self, family: str, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            cache = self._caches.setdefault(family, OrderedDict())
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = compute()
        with self._lock:
            cache[key] = value
            while len(cache) > self._size:
                cache.popitem(last=False)
        return value

    def forget(self) -> None:
        """Drop every remembered answer (after the underlying graph changed)."""
        with self._lock:
            self._caches.clear()

    # -- writes are refused ------------------------------------------------

    def _refuse(self) -> StoreError:
        return StoreError("the dashboard reads the graph and never changes it")

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Refused."""
        raise self._refuse()

    def upsert_relationships(self, relationships: Iterable[Relationship], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Refused."""
        raise self._refuse()

    def delete_nodes(self, iris: Sequence[str]) -> int:
        """Refused."""
        raise self._refuse()

    def clear(self) -> None:
        """Refused."""
        raise self._refuse()

    # -- reads ---------------------------------------------------------------

    def get_node(self, iri: str) -> NodeDetail:
        """The node's details (remembered)."""
        return self._memo("get_node", iri, lambda: self.inner.get_node(iri))

    def has_node(self, iri: str) -> bool:
        """True when the node exists (remembered)."""
        return self._memo("has_node", iri, lambda: self.inner.has_node(iri))

    def neighbours(
        self,
        iri: str,
        hops: int = 1,
        kinds: Iterable[Kind | str] | None = None,
        rel_types: Iterable[Rel | str] | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = None,
    ) -> GraphData:
        """A neighbourhood (remembered)."""
        kinds_l = None if kinds is None else list(kinds)
        rels_l = None if rel_types is None else list(rel_types)
        key = (iri, hops, _kinds_key(kinds_l), _rels_key(rels_l), start, end, limit)
        return self._memo(
            "neighbours", key, lambda: self.inner.neighbours(iri, hops, kinds_l, rels_l, start, end, limit)
        )

    def subgraph(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kinds: Iterable[Kind | str] | None = None,
        limit: int | None = None,
    ) -> GraphData:
        """A filtered subgraph (remembered)."""
        kinds_l = None if kinds is None else list(kinds)
        key = (start, end, _kinds_key(kinds_l), limit)
        return self._memo("subgraph", key, lambda: self.inner.subgraph(start, end, kinds_l, limit))

    def nodes(self, kinds: Iterable[Kind | str] | None = None, limit: int | None = None, offset: int = 0) -> list[Node]:
        """Nodes of some kinds (remembered)."""
        kinds_l = None if kinds is None else list(kinds)
        return self._memo(
            "nodes", (_kinds_key(kinds_l), limit, offset), lambda: self.inner.nodes(kinds_l, limit, offset)
        )

    def relationships(self, types: Iterable[Rel | str] | None = None, limit: int | None = None) -> list[Relationship]:
        """Relationships of some types (remembered)."""
        types_l = None if types is None else list(types)
        return self._memo(
            "relationships", (_rels_key(types_l), limit), lambda: self.inner.relationships(types_l, limit)
        )

    def projection(
        self,
        kinds: Iterable[Kind | str] | None,
        props: Iterable[Prop | str],
        rel_types: Iterable[Rel | str] | None,
    ) -> Projection:
        """The inner store's slim read (not remembered: the analytics view keeps what it builds)."""
        return self.inner.projection(kinds, props, rel_types)

    def evidence_of(self, iris: Iterable[str]) -> dict[str, list[Evidence]]:
        """The inner store's evidence of many nodes (not remembered: the analytics view keeps it)."""
        return self.inner.evidence_of(iris)

    def count_by_kind(self) -> dict[str, int]:
        """Node counts (remembered)."""
        return dict(self._memo("count_by_kind", None, self.inner.count_by_kind))

    def count_by_type(self) -> dict[str, int]:
        """Relationship counts (remembered)."""
        return dict(self._memo("count_by_type", None, self.inner.count_by_type))

    def incidents_between(self, start: dt.date | None, end: dt.date | None) -> list[Node]:
        """Incidents in a window (remembered)."""
        return self._memo("incidents_between", (start, end), lambda: self.inner.incidents_between(start, end))

    def search(self, text: str, kinds: Iterable[Kind | str] | None = None, limit: int = 20) -> list[Node]:
        """Label search (remembered)."""
        kinds_l = None if kinds is None else list(kinds)
        return self._memo("search", (text, _kinds_key(kinds_l), limit), lambda: self.inner.search(text, kinds_l, limit))

    def iter_nodes(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Node]:
        """Every node, streamed from the real store."""
        return self.inner.iter_nodes(batch_size)

    def iter_relationships(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Relationship]:
        """Every relationship, streamed from the real store."""
        return self.inner.iter_relationships(batch_size)

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> CypherResult:
        """An analyst query, always run afresh (the store checks it is read-only)."""
        return self.inner.run_cypher(query, params, limit=limit, timeout=timeout)
