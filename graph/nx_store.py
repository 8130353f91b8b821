"""The embedded store: an in-process ``networkx.MultiDiGraph``, saved to a file.

The graph is laid out the way the embedded Cypher subset reads it (see
:mod:`graph.nx_cypher`): nodes keyed by IRI with their flat properties, edges
keyed by relationship type, dates kept as :class:`~graph.nx_cypher.CypherDate`;
everything handed out is a plain value (dates as :class:`datetime.date`).

The store does not save itself: call :meth:`NetworkXStore.save` after
changing it (every store has ``save()``; Neo4j's does nothing). The file
format is :mod:`graph.nx_file`.

Concurrency
-----------
Writes take the store's lock. An analyst's query (:meth:`NetworkXStore.run_cypher`)
takes it only to fork the worker process that answers it (within the
query's timeout): the worker reads the graph as it was at the fork, shared
copy-on-write by the operating system, and is killed at the timeout. So a
slow query holds up no later read, query or write, and leaves nothing
running behind it.
"""

from __future__ import annotations

import datetime as dt
import heapq
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, overload

import networkx as nx

from graph import nx_cypher, nx_file
from graph.errors import NodeNotFoundError, QueryTimeoutError, StoreError
from graph.model import (
    CypherResult,
    Evidence,
    GraphData,
    Node,
    NodeDetail,
    Relationship,
    chunked,
)
from graph.nx_cypher import (
    LABEL_SETS,
    LABELS_ATTR,
    SOURCE_ATTR,
    TARGET_ATTR,
    TYPE_SETS,
    CypherDate,
    node_from_attrs,
    plain_value,
    rel_from_attrs,
    stored_value,
)
from graph.schema import Kind, Prop, Rel, subkinds
from graph.store import (
    DATE_PREFIX,
    DEFAULT_BATCH_SIZE,
    DEFAULT_QUERY_TIMEOUT,
    DEFAULT_ROW_LIMIT,
    LINKED_LIMIT,
    PATH_MAX_PATHS,
    GraphStore,
    LoadReport,
    PathResult,
    Projection,
    TextMatch,
    expand_kinds,
    in_window,
    linked_page,
    merge_matches,
    path_result,
    prop_names,
    shortest_paths,
)

_STORED_TYPES: frozenset[type] = frozenset({CypherDate, list})
"""Types of stored values that :func:`plain_value` changes (the rest are handed out as they are)."""


def _plain_values(attrs: dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    """``tuple(plain_value(attrs.get(p)) for p in names)``, with the look-ups and the type test done in C
    (a projection reads ~10^5 nodes, most of whose values need no change)."""
    raw = tuple(map(attrs.get, names))
    if _STORED_TYPES.isdisjoint(map(type, raw)):
        return raw
    return tuple(map(plain_value, raw))


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]


_TextRow = tuple[str, str, str, tuple[tuple[str, str], ...], tuple[dt.date, str] | None, tuple[tuple[str, str], ...]]
"""One node's row of :meth:`NetworkXStore._text_index`."""


HUB_LINKS = 256
"""Neighbours (in one direction) from which a node's links by type are kept between reads (see
:meth:`NetworkXStore.linked`)."""
HUB_MEMORY = 64
"""Most hubs whose links by type are kept."""


class NetworkXStore(GraphStore):
    """The embedded store (see the module notes).

    Args:
        path: file this store was loaded from and :meth:`save` writes by default.
    """

    name = "embedded"

    def __init__(self, path: str | Path | None = None, query_memory: int = nx_cypher.DEFAULT_QUERY_MEMORY) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        """The graph (see the module notes)."""
        self.path: Path | None = Path(path) if path is not None else None
        self.query_memory = query_memory
        """Bytes an analyst query's worker may allocate (see :func:`graph.nx_cypher.run`)."""
        self._lock = threading.RLock()
        self._revision = 0
        self._text_rows: tuple[tuple[int, int], list[_TextRow]] | None = None
        self._hub_links: dict[tuple[str, bool], tuple[tuple[int, int], dict[str, list[str]]]] = {}

    @property
    def revision(self) -> int:
        """Counts the writes made through this store (upserts, deletes, clear): readers that
        cache what they derive from the graph (the analytics view) compare it instead of
        counting nodes and relationships. Changes made to :attr:`graph` directly do not count."""
        return self._revision

    # -- conversions and the copy-on-write rule --------------------------------

    def _node(self, iri: str) -> Node:
        return node_from_attrs(self.graph.nodes[iri])

    @staticmethod
    def _rel(source: str, target: str, key: str, attrs: dict[str, Any]) -> Relationship:
        return rel_from_attrs(source, target, key, attrs)

    def _writable(self) -> nx.MultiDiGraph:
        """The graph a write changes (call with the lock held)."""
        return self.graph

    @contextmanager
    def _snapshot(self, wait: float) -> Iterator[nx.MultiDiGraph]:
        """The graph, with every write kept out until the caller is done (waiting at most ``wait`` seconds).

        Raises:
            QueryError: a write held the store for longer than ``wait``.
        """
        if not self._lock.acquire(timeout=wait):
            msg = "query timed out waiting for a write to the store to finish"
            raise QueryTimeoutError(msg, timeout=wait)
        try:
            yield self.graph
        finally:
            self._lock.release()

    # -- writing -----------------------------------------------------------

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Create or update nodes by IRI (see :meth:`GraphStore.upsert_nodes`)."""
        sent = 0
        with self._lock:
            self._revision += 1
            graph = self._writable()
            for batch in chunked(nodes, batch_size):
                for node in batch:
                    attrs = graph.nodes[node.iri] if node.iri in graph else None
                    if attrs is None:
                        graph.add_node(node.iri)
                        attrs = graph.nodes[node.iri]
                        attrs[Prop.IRI.value] = node.iri
                    kind = Kind(node.kind).value
                    attrs[Prop.KIND.value] = kind
                    attrs[Prop.LABEL.value] = node.label
                    attrs[LABELS_ATTR] = LABEL_SETS[kind]
                    for key, value in node.props.items():
                        attrs[key] = stored_value(value)
                    sent += 1
        return sent

    def upsert_relationships(
        self, relationships: Iterable[Relationship], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> int:
        """Create or update relationships; a batch with a missing end is refused whole.

        Raises:
            StoreError: an end node of a relationship of the batch does not exist.
        """
        sent = 0
        with self._lock:
            self._revision += 1
            graph = self._writable()
            for batch in chunked(relationships, batch_size):
                missing = sorted({iri for rel in batch for iri in (rel.source, rel.target) if iri not in graph})
                if missing:
                    raise StoreError(_missing_message(missing))
                for rel in batch:
                    rtype = Rel(rel.type).value
                    data = graph.get_edge_data(rel.source, rel.target, key=rtype)
                    if data is None:
                        graph.add_edge(rel.source, rel.target, key=rtype)
                        data = graph.edges[rel.source, rel.target, rtype]
                        data[LABELS_ATTR] = TYPE_SETS[rtype]
                        data[SOURCE_ATTR] = rel.source
                        data[TARGET_ATTR] = rel.target
                    for key, value in rel.props.items():
                        data[key] = stored_value(value)
                    sent += 1
        return sent

    def load(self, data: GraphData, batch_size: int = DEFAULT_BATCH_SIZE) -> LoadReport:
        """Upsert a batch as one unit: when it fails, the nodes it created are removed again."""
        new = [n.iri for n in data.nodes if not self.has_node(n.iri)]
        try:
            return super().load(data, batch_size=batch_size)
        except Exception:
            self.delete_nodes(new)
            raise

    def delete_nodes(self, iris: Sequence[str]) -> int:
        """Delete nodes and their relationships; return how many existed."""
        with self._lock:
            self._revision += 1
            graph = self._writable()
            present = {iri for iri in iris if iri in graph}
            graph.remove_nodes_from(present)
            return len(present)

    def clear(self) -> None:
        """Remove every node and relationship."""
        with self._lock:
            self._revision += 1
            self.graph.clear()

    # -- reading -----------------------------------------------------------

    def has_node(self, iri: str) -> bool:
        """True when a node with this IRI exists."""
        return iri in self.graph

    def _require(self, iri: str) -> None:
        if iri not in self.graph:
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)

    def _out(self, iri: str) -> Mapping[str, Mapping[str, Any]]:
        """The node's successors, each mapped to its links by type (networkx's own adjacency, read directly:
        its views cost ten times more per link, which a hub's tens of thousands make felt)."""
        return self.graph._succ[iri]  # noqa: SLF001

    def _in(self, iri: str) -> Mapping[str, Mapping[str, Any]]:
        """The node's predecessors, each mapped to its links by type (see :meth:`_out`)."""
        return self.graph._pred[iri]  # noqa: SLF001

    def _degree(self, iri: str) -> int:
        return sum(map(len, self._out(iri).values())) + sum(map(len, self._in(iri).values()))

    def _evidence(self, iri: str) -> list[Evidence]:
        evidence: list[Evidence] = []
        mentions = sorted(t for _, t, k in self.graph.out_edges(iri, keys=True) if k == Rel.EVIDENCE.value)
        for mention in mentions:
            docs = sorted(
                t for _, t, k in self.graph.out_edges(mention, keys=True) if k == Rel.WAS_DERIVED_FROM.value
            )
            evidence.append(Evidence(mention=self._node(mention), document=self._node(docs[0]) if docs else None))
        return evidence

    def get_node(self, iri: str) -> NodeDetail:
        """The node, its evidence mentions (with their documents) and its degree."""
        self._require(iri)
        return NodeDetail(node=self._node(iri), evidence=self._evidence(iri), degree=self._degree(iri))

    def evidence_of(self, iris: Iterable[str]) -> dict[str, list[Evidence]]:
        """The evidence of many nodes (see :meth:`GraphStore.evidence_of`)."""
        with self._lock:
            return {iri: self._evidence(iri) if iri in self.graph else [] for iri in dict.fromkeys(iris)}

    def _passes(self, iri: str, kinds: set[str] | None, start: dt.date | None, end: dt.date | None) -> bool:
        attrs = self.graph._node[iri]  # noqa: SLF001 (the node view's lookup, without the view: see _out)
        if kinds is not None and attrs[Prop.KIND.value] not in kinds:
            return False
        return in_window(plain_value(attrs.get(Prop.DATE.value)), start, end)

    def _incident(self, iri: str) -> Iterator[tuple[str, str, str]]:
        """Edges touching ``iri`` as ``(source, target, type)``: outgoing, then incoming (the order of
        networkx's ``out_edges`` and ``in_edges``, read from the adjacency directly, see :meth:`_out`)."""
        for t, keys in self._out(iri).items():
            for k in keys:
                yield iri, t, k
        for s, keys in self._in(iri).items():
            for k in keys:
                yield s, iri, k

    def _graph_among(self, iris: Iterable[str], types: set[str] | None) -> GraphData:
        keep = set(iris)
        rels = []
        for iri in keep:
            for s, t, k, data in self.graph.out_edges(iri, keys=True, data=True):
                if t in keep and (types is None or k in types):
                    rels.append(self._rel(s, t, k, data))
        rels.sort(key=lambda r: r.key)
        return GraphData(nodes=[self._node(i) for i in sorted(keep)], relationships=rels)

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
        """The undirected neighbourhood of a node (see :mod:`graph.store`)."""
        self._require(iri)
        kind_set = expand_kinds(kinds)
        types = {Rel(t).value for t in rel_types} if rel_types is not None else None
        cap = max(limit, 1) if limit is not None else None
        seen = {iri}
        levels: list[list[str]] = [[iri]]
        # level by level: once the levels found hold ``cap`` nodes, farther ones cannot be chosen
        while len(levels) <= hops and levels[-1] and (cap is None or len(seen) < cap):
            found: list[str] = []
            for current in levels[-1]:
                for s, t, k in self._incident(current):
                    if types is not None and k not in types:
                        continue
                    other = t if s == current else s
                    if other in seen or not self._passes(other, kind_set, start, end):
                        continue
                    seen.add(other)
                    found.append(other)
            levels.append(found)
        chosen: list[str] = []
        for level in levels:
            room = None if cap is None else cap - len(chosen)
            if room is not None and room <= 0:
                break
            # nearer nodes first, then by IRI; only the last level needed is cut, without sorting it whole
            chosen.extend(sorted(level) if room is None or room >= len(level) else heapq.nsmallest(room, level))
        return self._graph_among(chosen, types)

    def link_counts(self, iri: str) -> dict[tuple[str, bool], int]:
        """Links to other nodes per ``(type, outgoing)`` (see :meth:`graph.store.GraphReader.link_counts`)."""
        self._require(iri)
        counts: dict[tuple[str, bool], int] = {}
        for outgoing in (True, False):
            for k, others in self._links_by_type(iri, outgoing).items():
                counts[(k, outgoing)] = len(others)
        return counts

    def _links_by_type(self, iri: str, outgoing: bool) -> dict[str, list[str]]:
        """The other ends of a node's links in one direction, per type, sorted by IRI.

        A hub's (more than :data:`HUB_LINKS` neighbours) is kept per revision
        of the graph for :data:`HUB_MEMORY` hubs, so paging through its links
        does not walk them all again at each page.
        """
        adjacent = self._out(iri) if outgoing else self._in(iri)
        hub = len(adjacent) > HUB_LINKS
        stamp = (self._revision, id(self.graph))
        if hub:
            with self._lock:
                kept = self._hub_links.get((iri, outgoing))
                if kept is not None and kept[0] == stamp:
                    return kept[1]
        by_type: dict[str, list[str]] = {}
        for other in sorted(adjacent):
            if other != iri:
                for k in adjacent[other]:
                    by_type.setdefault(k, []).append(other)
        if hub:
            with self._lock:
                if len(self._hub_links) >= HUB_MEMORY:
                    self._hub_links.pop(next(iter(self._hub_links)))
                self._hub_links[(iri, outgoing)] = (stamp, by_type)
        return by_type

    def linked(
        self, iri: str, rel_type: Rel | str, outgoing: bool, offset: int = 0, limit: int = LINKED_LIMIT
    ) -> list[Node]:
        """One page of a node's linked nodes by IRI (see :meth:`graph.store.GraphReader.linked`)."""
        self._require(iri)
        kind = Rel(rel_type).value
        offset, limit = linked_page(offset, limit)
        page = self._links_by_type(iri, outgoing).get(kind, [])[offset : offset + limit]
        return [self._node(i) for i in page]

    def paths(
        self,
        source: str,
        target: str,
        max_hops: int = 4,
        kinds: Iterable[Kind | str] | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = PATH_MAX_PATHS,
    ) -> PathResult:
        """The shortest undirected paths between two nodes (see :meth:`graph.store.GraphReader.paths`)."""
        self._require(source)
        self._require(target)
        kind_set = expand_kinds(kinds)
        ends = {source, target}

        def step(frontier: list[str], room: int) -> Iterator[tuple[str, str]]:
            for current in frontier:  # in memory: every pair, the search stops reading at its room
                for s, t, _ in self._incident(current):
                    other = t if s == current else s
                    if other in ends or self._passes(other, kind_set, start, end):
                        yield current, other

        found, stopped = shortest_paths(step, source, target, max_hops, limit)
        among = self._graph_among({i for p in found for i in p}, None)
        return path_result(source, target, found, among, max_hops, stopped)

    def subgraph(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kinds: Iterable[Kind | str] | None = None,
        limit: int | None = None,
    ) -> GraphData:
        """Nodes passing the filters and the relationships among them."""
        kind_set = expand_kinds(kinds)
        chosen = [i for i in self.graph.nodes if self._passes(i, kind_set, start, end)]
        if limit is not None:
            chosen = heapq.nsmallest(max(limit, 0), chosen, key=lambda i: (-self._degree(i), i))
        return self._graph_among(chosen, None)

    def _iris_of(self, kinds: Iterable[Kind | str] | None) -> list[str]:
        kind_set = expand_kinds(kinds)
        return sorted(
            i for i, k in self.graph.nodes(data=Prop.KIND.value) if kind_set is None or k in kind_set
        )

    def nodes(
        self, kinds: Iterable[Kind | str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Node]:
        """Nodes of the given kinds (subclasses included), sorted by IRI."""
        iris = self._iris_of(kinds)
        stop = None if limit is None else offset + limit
        return [self._node(i) for i in iris[offset:stop]]

    def relationships(
        self, types: Iterable[Rel | str] | None = None, limit: int | None = None
    ) -> list[Relationship]:
        """Relationships of the given types, sorted by ``(source, type, target)``."""
        type_set = {Rel(t).value for t in types} if types is not None else None
        keys = sorted(
            (s, k, t) for s, t, k in self.graph.edges(keys=True) if type_set is None or k in type_set
        )
        if limit is not None:
            keys = keys[:limit]
        return [self._rel(s, t, k, self.graph.edges[s, t, k]) for s, k, t in keys]

    def projection(
        self,
        kinds: Iterable[Kind | str] | None,
        props: Iterable[Prop | str],
        rel_types: Iterable[Rel | str] | None,
    ) -> Projection:
        """Nodes and relationships as plain tuples, read straight from the graph (no models)."""
        names = prop_names(props)
        kind_set = expand_kinds(kinds)
        type_set = {Rel(t).value for t in rel_types} if rel_types is not None else None
        kind_key, label_key = Prop.KIND.value, Prop.LABEL.value
        with self._lock:
            nodes = [
                (iri, attrs[kind_key], attrs[label_key], _plain_values(attrs, names))
                for iri, attrs in self.graph.nodes(data=True)
                if kind_set is None or attrs[kind_key] in kind_set
            ]
            # the adjacency dicts directly: the edge view costs a third more on ~10^5 edges
            adjacency: dict[str, dict[str, dict[str, Any]]] = self.graph._adj
            rels = [
                (s, k, t)
                for s, targets in adjacency.items()
                for t, keys in targets.items()
                for k in keys
                if type_set is None or k in type_set
            ]
        nodes.sort(key=_first)
        rels.sort()
        return Projection(props=names, nodes=nodes, relationships=rels)

    def count_by_kind(self) -> dict[str, int]:
        """Number of nodes per most specific kind."""
        return dict(Counter(k for _, k in self.graph.nodes(data=Prop.KIND.value)))

    def count_by_type(self) -> dict[str, int]:
        """Number of relationships per type."""
        return dict(Counter(k for _, _, k in self.graph.edges(keys=True)))

    def incidents_between(self, start: dt.date | None, end: dt.date | None) -> list[Node]:
        """Incidents dated in the inclusive window, sorted by date then IRI."""
        incident_kinds = {k.value for k in subkinds(Kind.INCIDENT)}
        found: list[tuple[dt.date, str]] = []
        for iri, attrs in self.graph.nodes(data=True):
            if attrs[Prop.KIND.value] not in incident_kinds:
                continue
            day = plain_value(attrs.get(Prop.DATE.value))
            if isinstance(day, dt.date) and in_window(day, start, end):
                found.append((day, iri))
        found.sort()
        return [self._node(i) for _, i in found]

    def search(self, text: str, kinds: Iterable[Kind | str] | None = None, limit: int = 20) -> list[Node]:
        """Nodes whose label contains ``text`` (case-insensitive), best matches first."""
        needle = text.lower()
        kind_set = expand_kinds(kinds)
        ranked: list[tuple[int, str, str]] = []
        for iri, attrs in self.graph.nodes(data=True):
            if kind_set is not None and attrs[Prop.KIND.value] not in kind_set:
                continue
            label = attrs[Prop.LABEL.value]
            low = label.lower()
            if needle not in low:
                continue
            rank = 0 if low == needle else 1 if low.startswith(needle) else 2
            ranked.append((rank, label, iri))
        return [self._node(i) for _, _, i in heapq.nsmallest(max(limit, 0), ranked)]

    def find_text(self, text: str, limit: int = 20) -> list[TextMatch]:
        """Nodes a text finds by name, alias, date and evidence (see :meth:`GraphReader.find_text`).

        Scans the lower-cased texts of :meth:`_text_index` (built once per
        revision), so a search does not walk the graph's edges again.
        """
        needle = text.strip().lower()
        if not needle or limit < 1:
            return []
        names: list[tuple[int, str, str]] = []
        aliases: list[tuple[str, str, str]] = []
        dates: list[tuple[dt.date, str, str]] = []
        evidence: list[tuple[str, str, str]] = []
        by_date = DATE_PREFIX.match(needle) is not None
        for iri, label, low, alts, day, evidence_texts in self._text_index():
            if needle in low:
                names.append((0 if low == needle else 1 if low.startswith(needle) else 2, label, iri))
            if alts:
                hit = next((a for a_low, a in alts if needle in a_low), None)
                if hit is not None:
                    aliases.append((label, iri, hit))
            if by_date and day is not None and day[1].startswith(needle):
                dates.append((day[0], iri, day[1]))
            for said_low, said in evidence_texts:
                if needle in said_low:
                    evidence.append((label, iri, said))
                    break
        found: list[tuple[str, Iterable[tuple[Node, str]]]] = [
            ("name", ((self._node(i), lab) for _, lab, i in sorted(names))),
            ("alias", ((self._node(i), a) for _, i, a in sorted(aliases))),
        ]
        if by_date:
            found.append(("date", ((self._node(i), d) for _, i, d in sorted(dates))))
        found.append(("evidence", ((self._node(i), t) for _, i, t in sorted(evidence))))
        return merge_matches(found, limit)

    def _text_index(self) -> list[_TextRow]:
        """What :meth:`find_text` reads of every node but mentions, lower-cased once per revision of the graph.

        A row is ``(iri, label, lowered label, aliases as (lowered, text), (date, ISO date) or None,
        evidence texts as (lowered, text))``; the evidence in the order of the mentions' IRIs.
        """
        with self._lock:
            stamp = (self._revision, id(self.graph))
            if self._text_rows is not None and self._text_rows[0] == stamp:
                return self._text_rows[1]
            mention = Kind.MENTION.value
            evidence_type = Rel.EVIDENCE.value
            graph = self.graph
            nodes = graph.nodes
            rows: list[_TextRow] = []
            for iri, attrs in graph.nodes(data=True):
                if attrs[Prop.KIND.value] == mention:
                    continue
                label = attrs[Prop.LABEL.value]
                alt = plain_value(attrs.get(Prop.ALT_LABELS.value))
                alts = tuple((a.lower(), a) for a in alt if isinstance(a, str)) if isinstance(alt, list) else ()
                day = plain_value(attrs.get(Prop.DATE.value))
                dated = (day, day.isoformat()) if isinstance(day, dt.date) else None
                texts: list[tuple[str, str]] = []
                for target in sorted(t for t, keys in graph.succ[iri].items() if evidence_type in keys):
                    said = nodes[target].get(Prop.TEXT.value)
                    if nodes[target][Prop.KIND.value] == mention and isinstance(said, str):
                        texts.append((said.lower(), said))
                rows.append((iri, label, label.lower(), alts, dated, tuple(texts)))
            self._text_rows = (stamp, rows)
            return rows

    def iter_nodes(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Node]:
        """Every node, in IRI order."""
        for batch in chunked(sorted(self.graph.nodes), batch_size):
            yield from (self._node(i) for i in batch)

    def iter_relationships(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Relationship]:
        """Every relationship, in ``(source, type, target)`` order."""
        keys = sorted((s, k, t) for s, t, k in self.graph.edges(keys=True))
        for batch in chunked(keys, batch_size):
            yield from (self._rel(s, t, k, self.graph.edges[s, t, k]) for s, k, t in batch)

    # -- files -------------------------------------------------------------

    @overload
    def save(self, path: None = None) -> Path | None: ...

    @overload
    def save(self, path: str | Path) -> Path: ...

    def save(self, path: str | Path | None = None) -> Path | None:
        """Write the graph to ``path`` (default: the file it was opened from; see :meth:`GraphWriter.save`),
        in the format of :mod:`graph.nx_file`.

        Returns:
            The path written, or None when no path was given and the store has
            no file (it lives in memory only).

        Raises:
            StoreError: the file cannot be written.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            return None
        counts = {"nodes": self.graph.number_of_nodes(), "relationships": self.graph.number_of_edges()}
        nx_file.write(target, self.iter_nodes(), self.iter_relationships(), counts)
        self.path = target
        return target

    @classmethod
    def load_file(cls, path: str | Path) -> NetworkXStore:
        """Read a graph saved by :meth:`save`.

        Raises:
            StoreFormatError: the file is not an alliancekg graph, is damaged,
                or was written in a version this code does not read.
        """
        store = cls(path=path)
        nx_file.read_into(Path(path), store)
        return store

    # -- analysts ----------------------------------------------------------

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> CypherResult:
        """Answer a read-only Cypher query with :mod:`grandcypher` (see :mod:`graph.nx_cypher`).

        The query runs in a worker process forked for it over the graph as it
        is now (see the module notes), with at most :attr:`query_memory`
        bytes; after ``timeout`` seconds the worker is killed and the call
        raises :class:`QueryError`. Later reads, queries and writes go ahead.
        """
        return nx_cypher.run(self._snapshot, query, params or {}, limit, timeout, memory=self.query_memory)


def _missing_message(missing: list[str]) -> str:
    shown = ", ".join(missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return f"relationship end node(s) not in the store: {shown}{more}; load the nodes first"
