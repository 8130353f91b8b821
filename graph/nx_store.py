"""The embedded store: an in-process ``networkx.MultiDiGraph``, saved to a file.

Nodes are keyed by IRI; their attributes are the node's flat properties
(``iri``, ``kind``, ``label`` and the rest) plus ``__labels__``, the set of
the node's Neo4j labels, which :mod:`grandcypher` reads for label matches. An
edge's multigraph key is its relationship type, so there is at most one edge
per ``(source, type, target)``; its attributes are its properties plus
``__labels__`` (``{type}``), ``__source__`` and ``__target__``. Dates are kept
as :class:`CypherDate`, a :class:`datetime.date` that also compares with ISO
strings, so the embedded Cypher subset can filter by date; everything handed
out is a plain :class:`datetime.date`.

The store does not save itself: call :meth:`NetworkXStore.save` after
changing it (every store has ``save()``; Neo4j's does nothing).

File format (version 1)
-----------------------
A UTF-8 JSON document, gzip-compressed when the file name ends in ``.gz``
(the reader detects gzip by its magic bytes, whatever the name)::

    {"format": "alliancekg-graph", "version": 1,
     "generator": "alliancekg 0.1.0", "saved_at": "2026-11-22T06:00:00+00:00",
     "counts": {"nodes": 2, "relationships": 1},
     "nodes": [{"iri": "...", "kind": "State", "label": "...", "props": {...}}, ...],
     "relationships": [{"type": "PERPETRATOR", "source": "...", "target": "...", "props": {...}}, ...]}

Property values are JSON strings, numbers, booleans and arrays as they are,
except dates, which are written as ``{"$date": "YYYY-MM-DD"}`` so they come
back as :class:`datetime.date` (a number written with a fraction, such as
``1.0``, reads back as a float, one without as an int). A reader refuses a
file whose ``format`` is not ``alliancekg-graph`` or whose ``version`` is not
in :data:`SUPPORTED_VERSIONS`, naming the version it found: a file is either
read faithfully or refused, never misread. Files are written to a temporary
name and renamed, so a crash never leaves half a file.

Cypher on the embedded store
----------------------------
:meth:`NetworkXStore.run_cypher` checks the query with
:func:`graph.cypher_guard.check_read_only`, rewrites it for the
:mod:`grandcypher` interpreter (:func:`prepare_query`) and runs it. The
subset: ``MATCH`` (several), node labels (``:Incident`` matches every kind of
incident; ``:A|B`` is either), relationship types, directed and
variable-length patterns (``-[:REAFFIRMS*1..3]->``), ``WHERE`` with
comparisons, ``AND``/``OR``/``NOT``, ``IN``, ``CONTAINS``, ``STARTS WITH``,
``IS NULL``, ``toLower``/``toUpper``/``size``/``type``/``coalesce``, ``RETURN``
with aliases, ``DISTINCT``, ``count``/``sum``/``avg``/``min``/``max``/``collect``
(``count(*)`` included), ``ORDER BY``, ``SKIP``, ``LIMIT``.

* Parameters: grand-cypher has no ``$param``; each parameter is replaced by
  one literal built from its value (:func:`literal_of`): only ``None``,
  bools, ints, finite floats, strings, dates and lists of those are accepted,
  and strings are escaped so that nothing in them can end the literal. The
  user's text is never pasted into the query.
* Dates: ``date('2017-01-01')`` and date parameters become ISO strings, and
  stored dates compare with ISO strings (:class:`CypherDate`). Neo4j compares
  a date with a string as null, so write ``date(...)`` or use a parameter to
  get the same answer from both stores.
* Undirected patterns (``(a)-[r]-(b)``) are refused: grand-cypher would
  answer them with no rows. ``WITH``, ``OPTIONAL MATCH``, ``UNWIND``,
  ``CALL``, list comprehensions and other clauses raise
  :class:`~graph.errors.UnsupportedQueryError`, which says how to point
  alliancekg at Neo4j (``NEO4J_URI``).
* ``timeout``: the interpreter cannot be interrupted; after ``timeout``
  seconds the call raises :class:`~graph.errors.QueryError` and the
  worker thread finishes in the background.
"""

from __future__ import annotations

import datetime as dt
import gzip
import heapq
import io
import json
import os
import queue
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from graph import cypher_guard
from graph.errors import NodeNotFoundError, QueryError, StoreError, StoreFormatError, UnsupportedQueryError
from graph.model import (
    CypherResult,
    Evidence,
    GraphData,
    Node,
    NodeDetail,
    PropertyValue,
    Relationship,
    chunked,
)
from graph.schema import Kind, Prop, Rel, labels, subkinds
from graph.store import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_QUERY_TIMEOUT,
    DEFAULT_ROW_LIMIT,
    GraphStore,
    Projection,
    expand_kinds,
    in_window,
    prop_names,
)

FORMAT_NAME = "alliancekg-graph"
"""Value of the ``format`` field of a saved graph."""

FORMAT_VERSION = 1
"""Version this code writes."""

SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
"""Versions this code reads."""

LABELS_ATTR = "__labels__"
SOURCE_ATTR = "__source__"
TARGET_ATTR = "__target__"
_HIDDEN = frozenset({LABELS_ATTR, SOURCE_ATTR, TARGET_ATTR})
_STRUCTURAL = frozenset({Prop.IRI.value, Prop.KIND.value, Prop.LABEL.value})

NEEDS_NEO4J_HINT = (
    "The embedded store answers a read-only subset of Cypher (MATCH ... WHERE ... RETURN ... ORDER BY/SKIP/LIMIT, "
    "labels and relationship types, double- or single-quoted strings, $parameters). This query needs Neo4j: start "
    "one (`scripts/neo4j-local start` or docker compose), then set NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) "
    "and ALLIANCEKG_STORE=neo4j, or pass --store neo4j."
)


def _package_version() -> str:
    """The installed alliancekg version (from the package metadata, the one source: pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("alliancekg")
    except PackageNotFoundError:
        return "unknown"


class CypherDate(dt.date):
    """A date that also compares with ISO ``YYYY-MM-DD`` strings.

    The embedded Cypher subset has no date literals, so ``WHERE i.date >=
    "2017-01-01"`` (or a ``datetime.date`` parameter, rendered as such a
    string) compares a stored date with a string. Only the store sees this
    class; it hands out plain dates.
    """

    @staticmethod
    def _coerce(other: object) -> object:
        if isinstance(other, str):
            try:
                return dt.date.fromisoformat(other)
            except ValueError:
                return None
        return other

    def __eq__(self, other: object) -> bool:
        coerced = self._coerce(other)
        if isinstance(coerced, dt.date) and not isinstance(coerced, dt.datetime):
            return (self.year, self.month, self.day) == (coerced.year, coerced.month, coerced.day)
        return False

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(dt.date(self.year, self.month, self.day))

    def _cmp(self, other: object) -> int:
        coerced = self._coerce(other)
        if not isinstance(coerced, dt.date) or isinstance(coerced, dt.datetime):
            msg = f"cannot compare a date with {other!r}"
            raise TypeError(msg)
        mine = (self.year, self.month, self.day)
        theirs = (coerced.year, coerced.month, coerced.day)
        return (mine > theirs) - (mine < theirs)

    def __lt__(self, other: object) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: object) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._cmp(other) >= 0


def _plain(value: Any) -> Any:
    """A stored value as handed out: plain dates, copied lists."""
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, list):
        return list(value)
    return value


def _stored(value: PropertyValue) -> Any:
    if isinstance(value, dt.date):
        return CypherDate(value.year, value.month, value.day)
    if isinstance(value, list):
        return list(value)
    return value


_LABEL_SETS: dict[str, frozenset[str]] = {k.value: frozenset(labels(k)) for k in Kind}
_TYPE_SETS: dict[str, frozenset[str]] = {r.value: frozenset({r.value}) for r in Rel}


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]


def encode_value(value: PropertyValue) -> Any:
    """JSON form of a property value (dates become ``{"$date": ...}``)."""
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def decode_value(value: Any) -> PropertyValue:
    """Inverse of :func:`encode_value`.

    Raises:
        StoreFormatError: the value is not a valid encoded property.
    """
    if isinstance(value, dict):
        if set(value) == {"$date"} and isinstance(value["$date"], str):
            try:
                return dt.date.fromisoformat(value["$date"])
            except ValueError as e:
                msg = f"invalid date {value['$date']!r}"
                raise StoreFormatError(msg) from e
        msg = f"unknown typed value {value!r}"
        raise StoreFormatError(msg)
    if isinstance(value, str | int | float | bool | list):
        return value
    msg = f"unsupported value {value!r}"
    raise StoreFormatError(msg)


class NetworkXStore(GraphStore):
    """The embedded store (see the module notes).

    Args:
        path: file this store was loaded from and :meth:`save` writes by default.
    """

    name = "embedded"

    def __init__(self, path: str | Path | None = None) -> None:
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.path: Path | None = Path(path) if path is not None else None
        self._lock = threading.RLock()
        self._revision = 0

    @property
    def revision(self) -> int:
        """Counts the writes made through this store (upserts, deletes, clear): readers that
        cache what they derive from the graph (the analytics view) compare it instead of
        counting nodes and relationships. Changes made to :attr:`graph` directly do not count."""
        return self._revision

    # -- conversions -------------------------------------------------------

    def _node(self, iri: str) -> Node:
        attrs = self.graph.nodes[iri]
        props = {k: _plain(v) for k, v in attrs.items() if k not in _STRUCTURAL and k not in _HIDDEN}
        return Node.model_construct(iri=iri, kind=Kind(attrs[Prop.KIND.value]), label=attrs[Prop.LABEL.value],
                                    props=props)

    @staticmethod
    def _rel(source: str, target: str, key: str, attrs: dict[str, Any]) -> Relationship:
        props = {k: _plain(v) for k, v in attrs.items() if k not in _HIDDEN}
        return Relationship.model_construct(type=Rel(key), source=source, target=target, props=props)

    # -- writing -----------------------------------------------------------

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Create or update nodes by IRI (see :meth:`GraphStore.upsert_nodes`)."""
        sent = 0
        with self._lock:
            self._revision += 1
            for batch in chunked(nodes, batch_size):
                for node in batch:
                    attrs = self.graph.nodes[node.iri] if node.iri in self.graph else None
                    if attrs is None:
                        self.graph.add_node(node.iri)
                        attrs = self.graph.nodes[node.iri]
                        attrs[Prop.IRI.value] = node.iri
                    kind = Kind(node.kind).value
                    attrs[Prop.KIND.value] = kind
                    attrs[Prop.LABEL.value] = node.label
                    attrs[LABELS_ATTR] = _LABEL_SETS[kind]
                    for key, value in node.props.items():
                        attrs[key] = _stored(value)
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
            for batch in chunked(relationships, batch_size):
                missing = sorted(
                    {iri for rel in batch for iri in (rel.source, rel.target) if iri not in self.graph}
                )
                if missing:
                    raise StoreError(_missing_message(missing))
                for rel in batch:
                    rtype = Rel(rel.type).value
                    data = self.graph.get_edge_data(rel.source, rel.target, key=rtype)
                    if data is None:
                        self.graph.add_edge(rel.source, rel.target, key=rtype)
                        data = self.graph.edges[rel.source, rel.target, rtype]
                        data[LABELS_ATTR] = _TYPE_SETS[rtype]
                        data[SOURCE_ATTR] = rel.source
                        data[TARGET_ATTR] = rel.target
                    for key, value in rel.props.items():
                        data[key] = _stored(value)
                    sent += 1
        return sent

    def delete_nodes(self, iris: Sequence[str]) -> int:
        """Delete nodes and their relationships; return how many existed."""
        with self._lock:
            self._revision += 1
            present = {iri for iri in iris if iri in self.graph}
            self.graph.remove_nodes_from(present)
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

    def _degree(self, iri: str) -> int:
        return int(self.graph.in_degree(iri)) + int(self.graph.out_degree(iri))

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
        attrs = self.graph.nodes[iri]
        if kinds is not None and attrs[Prop.KIND.value] not in kinds:
            return False
        return in_window(attrs.get(Prop.DATE.value), start, end)

    def _incident(self, iri: str) -> Iterator[tuple[str, str, str]]:
        """Edges touching ``iri`` as ``(source, target, type)``."""
        for s, t, k in self.graph.out_edges(iri, keys=True):
            yield s, t, k
        for s, t, k in self.graph.in_edges(iri, keys=True):
            yield s, t, k

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
                (iri, attrs[kind_key], attrs[label_key], tuple(_plain(attrs.get(p)) for p in names))
                for iri, attrs in self.graph.nodes(data=True)
                if kind_set is None or attrs[kind_key] in kind_set
            ]
            rels = [
                (s, k, t) for s, t, k in self.graph.edges(keys=True) if type_set is None or k in type_set
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
            day = attrs.get(Prop.DATE.value)
            if attrs[Prop.KIND.value] in incident_kinds and isinstance(day, dt.date) and in_window(day, start, end):
                found.append((_plain(day), iri))
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

    def save(self, path: str | Path | None = None) -> Path:
        """Write the graph to ``path`` (default: the file it was opened from; see :meth:`GraphWriter.save`).

        Returns:
            The path written.

        Raises:
            StoreError: no path was given and the store has none, or the file
                cannot be written.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            msg = "no file to save the embedded store to; pass a path"
            raise StoreError(msg)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as raw:
                if target.name.endswith(".gz"):
                    with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5) as zipped:
                        self._write(io.TextIOWrapper(zipped, encoding="utf-8"))
                else:
                    self._write(io.TextIOWrapper(raw, encoding="utf-8"))
            os.replace(tmp_name, target)
        except OSError as e:
            Path(tmp_name).unlink(missing_ok=True)
            msg = f"cannot write the graph to {target}: {e}"
            raise StoreError(msg) from e
        self.path = target
        return target

    def _write(self, out: io.TextIOWrapper) -> None:
        header = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "generator": f"alliancekg {_package_version()}",
            "saved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "counts": {"nodes": self.graph.number_of_nodes(), "relationships": self.graph.number_of_edges()},
        }
        out.write(json.dumps(header, ensure_ascii=False)[:-1])
        out.write(',\n "nodes": [')
        for n, node in enumerate(self.iter_nodes()):
            record = {
                "iri": node.iri,
                "kind": node.kind.value,
                "label": node.label,
                "props": {k: encode_value(v) for k, v in node.props.items()},
            }
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
        out.write('],\n "relationships": [')
        for n, rel in enumerate(self.iter_relationships()):
            record = {
                "type": rel.type.value,
                "source": rel.source,
                "target": rel.target,
                "props": {k: encode_value(v) for k, v in rel.props.items()},
            }
            out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(record, ensure_ascii=False))
        out.write("]}\n")
        out.flush()
        out.detach()

    @classmethod
    def load_file(cls, path: str | Path) -> NetworkXStore:
        """Read a graph saved by :meth:`save`.

        Raises:
            StoreFormatError: the file is not an alliancekg graph, is damaged,
                or was written in a version this code does not read.
        """
        file = Path(path)
        try:
            with file.open("rb") as raw:
                magic = raw.read(2)
                raw.seek(0)
                if magic == b"\x1f\x8b":
                    with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                        doc = json.load(unzipped)
                else:
                    doc = json.load(raw)
        except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as e:
            msg = f"{file}: not a readable alliancekg graph file ({e})"
            raise StoreFormatError(msg) from e
        if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
            found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
            msg = f"{file}: not an alliancekg graph file (format {found!r}, expected {FORMAT_NAME!r})"
            raise StoreFormatError(msg)
        version = doc.get("version")
        if version not in SUPPORTED_VERSIONS:
            supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
            msg = (
                f"{file}: graph file format version {version!r} is not supported by alliancekg {_package_version()} "
                f"(it reads version {supported}); upgrade alliancekg or re-export the graph"
            )
            raise StoreFormatError(msg)
        store = cls(path=file)
        try:
            store.upsert_nodes(
                Node(
                    iri=rec["iri"],
                    kind=rec["kind"],
                    label=rec["label"],
                    props={k: decode_value(v) for k, v in rec.get("props", {}).items()},
                )
                for rec in doc.get("nodes", [])
            )
            store.upsert_relationships(
                Relationship(
                    type=rec["type"],
                    source=rec["source"],
                    target=rec["target"],
                    props={k: decode_value(v) for k, v in rec.get("props", {}).items()},
                )
                for rec in doc.get("relationships", [])
            )
        except StoreFormatError as e:
            msg = f"{file}: {e}"
            raise StoreFormatError(msg) from e
        except (KeyError, TypeError, ValueError, StoreError) as e:
            msg = f"{file}: damaged graph file ({type(e).__name__}: {e})"
            raise StoreFormatError(msg) from e
        return store

    # -- analysts ----------------------------------------------------------

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> CypherResult:
        """Answer a read-only Cypher query with :mod:`grandcypher` (see :func:`prepare_query`).

        The query runs in a worker thread; after ``timeout`` seconds the call
        gives up with :class:`QueryError` (the worker cannot be interrupted
        and finishes in the background).
        """
        cypher_guard.check_read_only(query)
        text, columns = prepare_query(query, params or {})
        from grandcypher import GrandCypher

        answers: queue.Queue[tuple[bool, Any]] = queue.Queue()

        def work() -> None:
            try:
                with self._lock:
                    answers.put((True, GrandCypher(self.graph).run(text)))
            except Exception as e:  # any failure of the interpreter is reported to the caller
                answers.put((False, e))

        worker = threading.Thread(target=work, name="grandcypher-query", daemon=True)
        worker.start()
        try:
            ok, payload = answers.get(timeout=timeout)
        except queue.Empty as e:
            msg = f"query timed out after {timeout:g}s"
            raise QueryError(msg) from e
        if not ok:
            first = str(payload).strip().splitlines()[0] if str(payload).strip() else type(payload).__name__
            msg = f"the embedded store cannot answer this query ({type(payload).__name__}: {first}). {NEEDS_NEO4J_HINT}"
            raise UnsupportedQueryError(msg) from payload
        return self._result(payload, columns, limit, type_columns(query))

    def _result(self, raw: dict[Any, list[Any]], wanted: list[str], limit: int, types: set[str]) -> CypherResult:
        keys = list(raw)
        by_name = {_column_key(str(k)): k for k in keys}
        ordered: list[Any] = []
        for name in wanted:
            key = by_name.get(_column_key(name))
            if key is not None and key not in ordered:
                ordered.append(key)
        ordered.extend(k for k in keys if k not in ordered)
        columns = [str(k) for k in ordered]
        for pos, name in enumerate(wanted):
            if pos < len(columns) and _column_key(columns[pos]) == _column_key(name):
                columns[pos] = name
        count = max((len(raw[k]) for k in ordered), default=0)
        graph_nodes: dict[str, Node] = {}
        graph_rels: dict[tuple[str, str, str], Relationship] = {}
        rows: list[list[Any]] = []
        for r in range(min(count, limit)):
            row = []
            for key in ordered:
                values = raw[key]
                cell = self._plain_cell(values[r] if r < len(values) else None, graph_nodes, graph_rels)
                if _column_key(str(key)) in types and isinstance(cell, list) and len(cell) == 1:
                    cell = cell[0]  # grand-cypher answers type(r) with the set of the edge's labels
                row.append(cell)
            rows.append(row)
        graph = GraphData(
            nodes=[graph_nodes[i] for i in sorted(graph_nodes)],
            relationships=[graph_rels[k] for k in sorted(graph_rels)],
        )
        return CypherResult(columns=columns, rows=rows, truncated=count > limit, graph=graph)

    def _plain_cell(
        self, value: Any, nodes: dict[str, Node], rels: dict[tuple[str, str, str], Relationship]
    ) -> Any:
        if isinstance(value, dict):
            if LABELS_ATTR in value and Prop.IRI.value in value and Prop.KIND.value in value:
                iri = value[Prop.IRI.value]
                if iri in self.graph:
                    node = self._node(iri)
                    nodes[iri] = node
                    return {k: _plain(v) for k, v in node.flat().items()}
            if SOURCE_ATTR in value and TARGET_ATTR in value and LABELS_ATTR in value:
                rtype = next(iter(value[LABELS_ATTR]))
                rel = self._rel(value[SOURCE_ATTR], value[TARGET_ATTR], rtype, value)
                rels[rel.key] = rel
                return {"type": rtype, "source": rel.source, "target": rel.target, "props": dict(rel.props)}
            return {str(k): self._plain_cell(v, nodes, rels) for k, v in value.items() if k not in _HIDDEN}
        if isinstance(value, list | tuple | set | frozenset):
            return [self._plain_cell(v, nodes, rels) for v in value]
        return _plain(value)


def _missing_message(missing: list[str]) -> str:
    shown = ", ".join(missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    return f"relationship end node(s) not in the store: {shown}{more}; load the nodes first"


def _column_key(name: str) -> str:
    return "".join(name.split()).lower()


# -- query preparation ---------------------------------------------------------

_AGGREGATES = frozenset({"count", "sum", "avg", "max", "min", "collect"})
_CYPHER_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "'": "'", '"': '"', "\\": "\\"}


def decode_cypher_string(literal: str) -> str:
    """The value of a Cypher string literal (quotes included in ``literal``).

    Raises:
        QueryError: an escape sequence is invalid.

    >>> decode_cypher_string("'it\\\\'s'")
    "it's"
    """
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[nxt])
            i += 2
        elif nxt in ("u", "U"):
            width = 4 if nxt == "u" else 8
            digits = body[i + 2 : i + 2 + width]
            try:
                out.append(chr(int(digits, 16)))
            except ValueError as e:
                msg = f"invalid escape \\{nxt}{digits} in string literal {literal[:40]!r}"
                raise QueryError(msg) from e
            i += 2 + width
        else:
            msg = f"invalid escape \\{nxt} in string literal {literal[:40]!r}"
            raise QueryError(msg)
    return "".join(out)


def string_literal(value: str) -> str:
    """A double-quoted literal that grand-cypher reads back as ``value``.

    Quotes, backslashes and control characters are escaped; nothing of the
    value can end the literal early.
    """
    parts = ['"']
    for ch in value:
        if ch == '"':
            parts.append('\\"')
        elif ch == "\\":
            parts.append("\\\\")
        elif ord(ch) < 0x20 or ch in "\x7f\u2028\u2029\x85":
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(ch)
    parts.append('"')
    return "".join(parts)


def literal_of(name: str, value: Any) -> str:
    """The Cypher literal of a parameter value (plain scalars and lists of them only).

    Raises:
        QueryError: the value is not a plain scalar (str, int, float, bool,
            date, None) or a list of them.
    """
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            msg = f"parameter ${name}: {value} cannot be written in the embedded query language"
            raise QueryError(msg)
        return repr(value)
    if isinstance(value, dt.datetime):
        msg = f"parameter ${name}: datetimes are not supported by the embedded store; pass a date"
        raise QueryError(msg)
    if isinstance(value, dt.date):
        return string_literal(value.isoformat())
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal_of(name, v) for v in value) + "]"
    msg = f"parameter ${name}: a {type(value).__name__} is not a plain value (str, int, float, bool, date, list)"
    raise QueryError(msg)


def prepare_query(query: str, params: dict[str, Any]) -> tuple[str, list[str]]:
    """Rewrite an analyst query into the dialect grand-cypher parses.

    * ``$name`` parameters become literals (see :func:`literal_of`); values
      are never pasted as text, each is written as one escaped literal.
    * single-quoted strings become double-quoted ones;
    * ``date("YYYY-MM-DD")`` becomes the string (stored dates compare with
      ISO strings, see :class:`CypherDate`);
    * aggregate names (``count``, ``collect``, ...) are upper-cased;
    * comments are dropped.

    Returns:
        The rewritten text and the names of the ``RETURN`` columns, in order.

    Raises:
        QueryError: a parameter is missing or not a plain value.
    """
    tokens = cypher_guard.tokenize(query)
    out: list[str] = []
    code: list[str] = []  # original text of the code tokens, for the RETURN column names
    code_tokens: list[cypher_guard.Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        text = tok.text
        if tok.kind is cypher_guard.TokenKind.COMMENT:
            out.append(" ")
            i += 1
            continue
        if tok.kind is cypher_guard.TokenKind.PARAM:
            name = text[1:].strip("`")
            if name not in params:
                msg = f"missing parameter ${name}"
                raise QueryError(msg)
            text = literal_of(name, params[name])
        elif tok.kind is cypher_guard.TokenKind.STRING:
            text = string_literal(decode_cypher_string(text))
        elif tok.kind is cypher_guard.TokenKind.WORD:
            nxt = _next_code(tokens, i)
            if tok.text.lower() in _AGGREGATES and nxt is not None and tokens[nxt].text == "(":
                text = tok.text.upper()
                star = _next_code(tokens, nxt)
                close = _next_code(tokens, star) if star is not None else None
                variable = _first_match_variable(tokens)
                if (
                    text == "COUNT"
                    and star is not None
                    and close is not None
                    and tokens[star].text == "*"
                    and tokens[close].text == ")"
                    and variable is not None
                ):
                    # count(*) counts rows; every row binds the first MATCH variable
                    text = f"COUNT({variable})"
                    i = close
            elif tok.text.lower() == "date" and nxt is not None and tokens[nxt].text == "(":
                arg = _next_code(tokens, nxt)
                close = _next_code(tokens, arg) if arg is not None else None
                if (
                    arg is not None
                    and close is not None
                    and tokens[close].text == ")"
                    and tokens[arg].kind in (cypher_guard.TokenKind.STRING, cypher_guard.TokenKind.PARAM)
                ):
                    if tokens[arg].kind is cypher_guard.TokenKind.STRING:
                        inner = decode_cypher_string(tokens[arg].text)
                    else:
                        pname = tokens[arg].text[1:].strip("`")
                        if pname not in params:
                            msg = f"missing parameter ${pname}"
                            raise QueryError(msg)
                        inner = str(params[pname])
                    text = string_literal(inner)
                    i = close
        out.append(text)
        if tok.kind is not cypher_guard.TokenKind.SPACE:
            code.append(tok.text)
            code_tokens.append(tok)
        i += 1
    _refuse_undirected(code_tokens)
    return "".join(out), _return_columns(code, code_tokens)


def _refuse_undirected(tokens: list[cypher_guard.Token]) -> None:
    """Refuse undirected relationship patterns, which grand-cypher answers wrongly (with no rows).

    A pattern segment is what lies between a node's ``)`` and the next
    node's ``(``: arrows, dashes and one bracketed relationship; without a
    ``<`` at its start or a ``>`` at its end it is undirected.
    """
    for i, tok in enumerate(tokens):
        if tok.text != ")" or i + 1 >= len(tokens) or tokens[i + 1].text not in ("-", "<"):
            continue
        segment: list[str] = []
        depth = 0
        j = i + 1
        is_pattern = False
        while j < len(tokens):
            text = tokens[j].text
            if text == "[":
                depth += 1
            elif text == "]":
                depth -= 1
            elif depth == 0 and text == "(":
                is_pattern = True
                break
            elif depth == 0 and text not in ("-", "<", ">"):
                break
            if depth == 0 or text in "[]":
                segment.append(text)
            j += 1
        if is_pattern and segment and segment[0] != "<" and segment[-1] != ">":
            msg = (
                "the embedded store cannot answer undirected relationship patterns such as (a)-[r]-(b); "
                f"give the direction, e.g. (a)-[r]->(b) or (a)<-[r]-(b), or use Neo4j. {NEEDS_NEO4J_HINT}"
            )
            raise UnsupportedQueryError(msg)


def _first_match_variable(tokens: list[cypher_guard.Token]) -> str | None:
    """The variable of the first node pattern after the first MATCH (``a`` in ``MATCH (a:X)``)."""
    code = [t for t in tokens if t.kind not in (cypher_guard.TokenKind.SPACE, cypher_guard.TokenKind.COMMENT)]
    for idx, tok in enumerate(code[:-2]):
        if tok.kind is cypher_guard.TokenKind.WORD and tok.upper == "MATCH" and code[idx + 1].text == "(":
            candidate = code[idx + 2]
            return candidate.text if candidate.kind is cypher_guard.TokenKind.WORD else None
    return None


def _next_code(tokens: list[cypher_guard.Token], i: int) -> int | None:
    j = i + 1
    while j < len(tokens) and tokens[j].kind in (cypher_guard.TokenKind.SPACE, cypher_guard.TokenKind.COMMENT):
        j += 1
    return j if j < len(tokens) else None


def _return_columns(code: list[str], tokens: list[cypher_guard.Token]) -> list[str]:
    """Names of the RETURN items (alias, or the item's text), in order."""
    return [name for name, _ in _return_items(code, tokens)]


def type_columns(query: str) -> set[str]:
    """Names of the RETURN columns whose expression is ``type(...)``."""
    tokens = cypher_guard.code_tokens(cypher_guard.tokenize(query))
    items = _return_items([t.text for t in tokens], tokens)
    return {_column_key(name) for name, expr in items if _column_key(expr).startswith("type(")}


def _return_items(code: list[str], tokens: list[cypher_guard.Token]) -> list[tuple[str, str]]:
    """``(name, expression)`` of the RETURN items, in order."""
    start = None
    for idx, tok in enumerate(tokens):
        if tok.kind is cypher_guard.TokenKind.WORD and tok.upper == "RETURN":
            start = idx + 1
    if start is None:
        return []
    if start < len(tokens) and tokens[start].upper == "DISTINCT":
        start += 1
    columns: list[tuple[str, str]] = []
    item: list[str] = []
    item_tokens: list[cypher_guard.Token] = []
    depth = 0
    for text, tok in zip(code[start:], tokens[start:], strict=True):
        if tok.kind is cypher_guard.TokenKind.WORD and depth == 0 and tok.upper in ("ORDER", "SKIP", "LIMIT"):
            break
        if tok.text in "([{" and tok.kind is cypher_guard.TokenKind.SYMBOL:
            depth += 1
        elif tok.text in ")]}" and tok.kind is cypher_guard.TokenKind.SYMBOL:
            depth -= 1
        if depth == 0 and tok.text == "," and tok.kind is cypher_guard.TokenKind.SYMBOL:
            columns.append(_item_name(item, item_tokens))
            item, item_tokens = [], []
            continue
        item.append(text)
        item_tokens.append(tok)
    if item:
        columns.append(_item_name(item, item_tokens))
    return columns


def _item_name(item: list[str], tokens: list[cypher_guard.Token]) -> tuple[str, str]:
    if len(tokens) >= 3 and tokens[-2].upper == "AS":
        return item[-1].strip("`"), "".join(item[:-2])
    return "".join(item), "".join(item)
