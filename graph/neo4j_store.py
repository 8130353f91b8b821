"""The Neo4j store, over the official ``neo4j`` driver.

A store is made over a driver (the caller's), or by :func:`connect`, which
opens a verified connection; this module never reads the environment (the
application's store factory passes the URI and credentials). Every driver
failure becomes one of the project's errors through one mapping,
:func:`driver_error`. All Cypher comes from :mod:`graph.queries`.

Writes are batched ``UNWIND $rows AS row MERGE ...`` statements, one batch per
managed write transaction (``session.execute_write``, which the driver retries
on transient errors such as deadlocks or a leader switch). Each batch is an
upsert, so a load that was cut short can simply be run again: nothing is
duplicated (the ``iri`` uniqueness constraints forbid it) and nothing is lost.
Nodes are grouped by kind so that their labels are static text from the
:class:`~graph.schema.Kind` enum; relationships are grouped by type. A
relationship batch with a missing end node is rolled back whole and reported
with the missing IRIs.

Every node carries the extra label :data:`graph.schema.NODE_LABEL`; lookups by
IRI go through its uniqueness constraint. Dates are stored as Neo4j ``DATE``
values and come back as :class:`datetime.date`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as neo4j_errors

from graph import cypher_guard, queries
from graph.errors import (
    AuthenticationError,
    ConfigurationError,
    CypherSyntaxError,
    NodeNotFoundError,
    QueryError,
    QueryTimeoutError,
    StoreError,
    StoreUnavailableError,
    WriteNotAllowedError,
)
from graph.model import (
    CypherResult,
    Evidence,
    GraphData,
    Node,
    NodeDetail,
    Relationship,
    chunked,
)
from graph.schema import SEARCH_KEY_SEPARATOR, Kind, Prop, Rel, SearchKey, subkinds
from graph.store import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_QUERY_TIMEOUT,
    DEFAULT_ROW_LIMIT,
    LINKED_LIMIT,
    PATH_MAX_PATHS,
    PATH_MAX_VISITS,
    GraphStore,
    LinkedPage,
    LoadReport,
    NodeLinks,
    PathResult,
    ProjectedNode,
    Projection,
    TextMatch,
    date_prefix_range,
    expand_kinds,
    linked_page,
    merge_matches,
    path_result,
    prop_names,
    shortest_paths,
)

T = TypeVar("T")
K = TypeVar("K", Kind, Rel)

DRIVER_RETRY_SECONDS = 5.0
"""How long the driver retries a failed write transaction (transient errors, a lost connection)."""
DRIVER_CONNECT_SECONDS = 5.0
"""How long the driver waits to open or borrow a connection."""

START_HINT = (
    "start a local server with `scripts/neo4j-local start` (and export the NEO4J_URI it prints) "
    "or `docker compose up -d neo4j`"
)


def to_python(value: Any) -> Any:
    """A driver value as a plain Python value (``neo4j.time.Date`` -> ``datetime.date``)."""
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, neo4j.time.DateTime | neo4j.time.Time | neo4j.time.Duration):
        return value.to_native() if hasattr(value, "to_native") else str(value)
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    return value


_PLAIN: frozenset[type] = frozenset({str, int, float, bool, type(None)})
"""Driver values that need no conversion."""


def _projected(value: Any) -> Any:
    """A value of a projection row: ``{date: "YYYY-MM-DD"}`` is a date (see ``queries.projection_nodes_query``)."""
    if type(value) is dict and set(value) == {"date"}:
        return dt.date.fromisoformat(value["date"])
    return to_python(value)


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]


_SEARCH_KEYS: frozenset[str] = frozenset(k.value for k in SearchKey)
"""The store's own search properties, never part of a node read back."""


def search_keys(kind: str, label: str, props: dict[str, Any]) -> dict[str, Any]:
    """The :class:`~graph.schema.SearchKey` properties of a node written with ``label`` and ``props``.

    Lower-cased by ``str.lower``, as the embedded store lowers what it searches. A property the write does
    not name leaves its key alone (``SET n += ...`` keeps the old value too); a property set to None, or to
    something that is not text, removes its key.
    """
    keys: dict[str, Any] = {SearchKey.NAME.value: label.lower()}
    if Prop.ALT_LABELS.value in props:
        alts = props[Prop.ALT_LABELS.value]
        texts = isinstance(alts, list) and all(isinstance(a, str) for a in alts)
        lowered = [a.lower() for a in alts] if texts else None
        keys[SearchKey.ALIASES.value] = lowered
        keys[SearchKey.ALIAS_TEXT.value] = SEARCH_KEY_SEPARATOR.join(lowered) if lowered else None
    if kind == Kind.MENTION.value and Prop.TEXT.value in props:
        text = props[Prop.TEXT.value]
        keys[SearchKey.TEXT.value] = text.lower() if isinstance(text, str) else None
    return keys


def node_from_record(entity: Any) -> Node:
    """A :class:`Node` from a driver node (or a property map); the store's search keys are left out."""
    data = {k: to_python(v) for k, v in dict(entity).items() if k not in _SEARCH_KEYS}
    iri = data.pop(Prop.IRI.value)
    kind = Kind(data.pop(Prop.KIND.value))
    label = data.pop(Prop.LABEL.value, "")
    return Node.model_construct(iri=iri, kind=kind, label=label, props=data)


def _rel_from_row(source: str, rtype: str, target: str, props: dict[str, Any] | None) -> Relationship:
    return Relationship.model_construct(
        type=Rel(rtype), source=source, target=target, props={k: to_python(v) for k, v in (props or {}).items()}
    )


INDEX_WAIT_SECONDS = 300
"""How long :meth:`Neo4jStore.ensure_schema` waits for new indexes to come online."""

ONE_HOP_ALL = 2**62
"""The ``$room`` of :data:`queries.NEIGHBOURS_ONE_HOP` when no limit is asked (Cypher's ``LIMIT`` takes no null)."""


class Neo4jStore(GraphStore):
    """A graph store in a Neo4j database.

    Args:
        driver: a ``neo4j.Driver`` (connected; the caller owns it unless
            ``owns_driver``).
        database: database name (None: the server's default).
        batch_size: rows per write transaction when a call does not say.
        owns_driver: close the driver in :meth:`close`.
        uri: the server's URI, for error messages.
        atomic_limit: loads of at most this many records run in one transaction.
    """

    name = "neo4j"

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        owns_driver: bool = False,
        uri: str | None = None,
        atomic_limit: int = 20_000,
    ) -> None:
        if batch_size < 1:
            msg = f"batch size must be at least 1, got {batch_size}"
            raise ValueError(msg)
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.owns_driver = owns_driver
        self.uri = uri or _driver_uri(driver)
        self.atomic_limit = atomic_limit

    # -- plumbing ----------------------------------------------------------

    def _session(self, access_mode: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=access_mode)

    def _guard(self, action: Callable[[], T]) -> T:
        """Run ``action`` turning driver failures into the project's errors (:func:`driver_error`)."""
        try:
            return action()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as e:
            raise driver_error(e, self.uri) from e

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return list(tx.run(query, params))

        def action() -> list[neo4j.Record]:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)

        return self._guard(action)

    def _write(self, work: Callable[[neo4j.ManagedTransaction], T]) -> T:
        def action() -> T:
            with self._session() as session:
                return session.execute_write(work)

        return self._guard(action)

    def ensure_schema(self) -> list[str]:
        """Create the ``iri`` uniqueness constraint of every label (idempotent).

        Returns:
            The names of the constraints (existing or created).
        """
        names = []

        def action() -> None:
            with self._session() as session:
                for label in queries.ALL_LABELS:
                    session.run(queries.constraint_query(label)).consume()
                    names.append(queries.constraint_name(label))
                for _, statement in queries.search_index_queries():
                    session.run(statement).consume()
                session.run(queries.AWAIT_INDEXES, seconds=INDEX_WAIT_SECONDS).consume()

        self._guard(action)
        if not self.search_keys_complete():
            self.fill_search_keys()
        return names

    def search_keys_complete(self) -> bool:
        """True when no node lacks its search keys (:data:`queries.SEARCH_KEYS_COMPLETE`): counted from the count
        store and the search indexes, without reading the nodes, so a store opened on a keyed database does not
        scan them again (:meth:`ensure_schema` runs :meth:`fill_search_keys` only when this is False)."""
        records = self._read(queries.SEARCH_KEYS_COMPLETE)
        return bool(records and records[0]["complete"])

    def fill_search_keys(self, batch_size: int = 5_000) -> int:
        """Write the search keys (:func:`search_keys`) of nodes that lack them: a database written before
        the keys existed, migrated in place (nothing else of a node changes). Returns the nodes keyed.

        :meth:`ensure_schema` runs it when :meth:`search_keys_complete` says some node lacks its keys; it scans
        the nodes.
        """
        done = 0
        while True:
            records = self._read(queries.UNKEYED_NODES, batch=batch_size)
            if not records:
                return done
            rows = []
            for r in records:
                props: dict[str, Any] = {}
                if r["alts"] is not None:
                    props[Prop.ALT_LABELS.value] = r["alts"]
                if r["text"] is not None:
                    props[Prop.TEXT.value] = r["text"]
                label = r["label"] if isinstance(r["label"], str) else ""
                rows.append({"iri": r["iri"], "keys": search_keys(str(r["kind"]), label, props)})
            self._write(_set_keys_work(rows))
            done += len(rows)

    @property
    def revision(self) -> None:
        """None: other clients may write to the same database, so this store cannot tell
        whether the graph changed; callers compare the counts per kind and type instead."""
        return None

    def change_mark(self) -> str | None:
        """The bookmark of the database's last committed transaction, read now.

        A read transaction's bookmark names the latest transaction of the
        database the server had committed, whoever wrote it, so it changes on
        every write (a property edit included) and only then. None when the
        server sends no bookmark.
        """

        def action() -> str | None:
            with self._session(neo4j.READ_ACCESS) as session:
                session.execute_read(lambda tx: tx.run(queries.CHANGE_MARK_PROBE).consume())
                values = sorted(session.last_bookmarks().raw_values)
            return "|".join(values) or None

        return self._guard(action)

    def save(self) -> None:
        """Nothing to do: every write is committed in its transaction."""
        return None

    def close(self) -> None:
        """Close the driver if this store owns it."""
        if self.owns_driver:
            self.driver.close()

    # -- writing -----------------------------------------------------------

    def load(self, data: GraphData, batch_size: int | None = None) -> LoadReport:
        """Upsert a batch, nodes first (see :meth:`GraphStore.load`); default batch size: the store's.

        A batch of at most :attr:`atomic_limit` records (a document's
        extraction, say) is written in ONE transaction, so a failure midway
        leaves nothing of it behind; larger loads commit batch by batch, with
        their documents marked loaded last (:meth:`_load_in_steps`), and are
        resumed by running them again (upserts make repeats harmless).
        """
        size = batch_size or self.batch_size
        merged = data.merged()
        if len(merged) > self.atomic_limit:
            return self._load_in_steps(merged, size)
        t0 = time.perf_counter()
        steps = [
            *((query, rows, False) for query, rows in _node_batches(merged.nodes, size)),
            *((query, rows, True) for query, rows in _rel_batches(merged.relationships, size)),
        ]

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, rows, check_ends in steps:
                _upsert_work(query, rows, check_ends=check_ends)(tx)

        if steps:
            self._write(work)
        return LoadReport(
            nodes=len(merged.nodes),
            relationships=len(merged.relationships),
            batches=1 if steps else 0,
            seconds=time.perf_counter() - t0,
        )

    def _load_in_steps(self, merged: GraphData, size: int) -> LoadReport:
        """A load above :attr:`atomic_limit`: batch by batch, its documents marked loaded last.

        The Document nodes are written first, in one transaction, with the
        :data:`~graph.schema.LOADING_LABEL` mark; the mark comes off in the
        last transaction, after every record. A load cut short (the server
        lost) leaves the mark, so :meth:`loaded_documents` does not count the
        document and the next ingest loads it again (upserts).
        """
        documents = [n for n in merged.nodes if Kind(n.kind) == Kind.DOCUMENT]
        iris = [n.iri for n in documents]
        if iris:
            steps = list(_node_batches(documents, size))

            def mark(tx: neo4j.ManagedTransaction) -> None:
                for query, rows in steps:
                    _upsert_work(query, rows)(tx)
                tx.run(queries.MARK_LOADING, iris=iris).consume()

            self._write(mark)
        report = super().load(merged, batch_size=size)
        if iris:
            self._write(lambda tx: tx.run(queries.MARK_LOADED, iris=iris).consume())
        return report

    def loaded_documents(self) -> set[str]:
        """IRIs of the documents whose load finished (no :data:`~graph.schema.LOADING_LABEL` mark)."""
        return {str(r["iri"]) for r in self._read(queries.LOADED_DOCUMENTS)}

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int | None = None) -> int:
        """Create or update nodes by IRI.

        Records are buffered per kind and written ``batch_size`` at a time,
        one managed write transaction per batch.
        """
        sent = 0
        for query, rows in _node_batches(nodes, batch_size or self.batch_size):
            self._write(_upsert_work(query, rows))
            sent += len(rows)
        return sent

    def upsert_relationships(
        self, relationships: Iterable[Relationship], batch_size: int | None = None
    ) -> int:
        """Create or update relationships, buffered per type, one write transaction per batch.

        Raises:
            StoreError: an end node is missing (that batch is rolled back).
        """
        sent = 0
        for query, rows in _rel_batches(relationships, batch_size or self.batch_size):
            self._write(_upsert_work(query, rows, check_ends=True))
            sent += len(rows)
        return sent

    def delete_nodes(self, iris: Sequence[str]) -> int:
        """Delete nodes and their relationships; return how many existed."""
        unique = sorted(set(iris))

        def work(tx: neo4j.ManagedTransaction) -> int:
            record = tx.run(queries.DELETE_NODES, iris=unique).single()
            return int(record["deleted"]) if record else 0

        return self._write(work)

    def clear(self) -> None:
        """Remove every node and relationship (constraints stay)."""

        def action() -> None:
            with self._session() as session:
                session.run(queries.CLEAR_ALL).consume()

        self._guard(action)

    # -- reading -----------------------------------------------------------

    def has_node(self, iri: str) -> bool:
        """True when a node with this IRI exists."""
        return bool(self._read(queries.HAS_NODE, iri=iri)[0]["found"])

    def get_node(self, iri: str) -> NodeDetail:
        """The node, its evidence mentions (with their documents) and its degree."""
        found = self._read(queries.GET_NODE, iri=iri)
        if not found:
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        evidence = [
            Evidence(mention=node_from_record(r["m"]), document=node_from_record(r["doc"]) if r["doc"] else None)
            for r in self._read(queries.GET_EVIDENCE, iri=iri)
        ]
        return NodeDetail(node=node_from_record(found[0]["n"]), evidence=evidence, degree=int(found[0]["degree"]))

    def evidence_of(self, iris: Iterable[str]) -> dict[str, list[Evidence]]:
        """The evidence of many nodes, one query per 2,000 of them (see :meth:`GraphStore.evidence_of`)."""
        out: dict[str, list[Evidence]] = {iri: [] for iri in iris}
        found: dict[str, list[tuple[str, Evidence]]] = defaultdict(list)
        for batch in chunked(list(out), 2000):
            for r in self._read(queries.EVIDENCE_OF, iris=batch):
                mention = node_from_record(r["m"])
                document = node_from_record(r["doc"]) if r["doc"] else None
                found[r["iri"]].append((mention.iri, Evidence(mention=mention, document=document)))
        for iri, items in found.items():
            items.sort(key=_first)
            out[iri] = [e for _, e in items]
        return out

    def _nodes_by_iri(self, iris: Iterable[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for batch in chunked(iris, 5000):
            for record in self._read(queries.NODES_BY_IRI, iris=batch):
                node = node_from_record(record["n"])
                out[node.iri] = node
        return out

    def _graph_among(self, iris: Iterable[str], types: list[str] | None) -> GraphData:
        keep = sorted(set(iris))
        nodes = self._nodes_by_iri(keep)
        rels: list[Relationship] = []
        if keep:
            records = self._read(queries.RELATIONSHIPS_AMONG, iris=keep, types=types)
            rels = [_rel_from_row(r["source"], r["type"], r["target"], r["props"]) for r in records]
        rels.sort(key=lambda r: r.key)
        return GraphData(nodes=[nodes[i] for i in keep if i in nodes], relationships=rels)

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
        """The undirected neighbourhood of a node, expanded hop by hop (see :mod:`graph.store`)."""
        if hops == 1:
            return self._one_hop(iri, kinds, rel_types, start, end, limit)
        if not self.has_node(iri):
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        types = sorted({Rel(t).value for t in rel_types}) if rel_types is not None else None
        cap = max(limit, 1) if limit is not None else None
        distance = {iri: 0}
        frontier = [iri]
        for depth in range(1, hops + 1):
            if not frontier or (cap is not None and len(distance) >= cap):
                break  # nothing left, or nearer nodes already fill the limit
            found: set[str] = set()
            for batch in chunked(frontier, 2000):
                if cap is None:
                    records = self._read(
                        queries.NEIGHBOUR_STEP, frontier=batch, types=types, kinds=kind_list, start=start, end=end
                    )
                else:
                    # only the first (cap - len(distance)) new nodes by IRI can be kept (the step that fills the
                    # limit is the last); cap rows hold them even when every node already reached comes first
                    records = self._read(
                        queries.NEIGHBOUR_STEP_FIRST, frontier=batch, types=types, kinds=kind_list, start=start,
                        end=end, limit=cap,
                    )  # fmt: skip
                found.update(r["iri"] for r in records if r["iri"] not in distance)
            for other in found:
                distance[other] = depth
            frontier = sorted(found)
        chosen = sorted(distance, key=lambda i: (distance[i], i))
        if cap is not None:
            chosen = chosen[:cap]
        return self._graph_among(chosen, types)

    def _one_hop(
        self,
        iri: str,
        kinds: Iterable[Kind | str] | None,
        rel_types: Iterable[Rel | str] | None,
        start: dt.date | None,
        end: dt.date | None,
        limit: int | None,
    ) -> GraphData:
        """:meth:`neighbours` at one hop in two reads: the node and its first neighbours by IRI, then their links."""
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        types = sorted({Rel(t).value for t in rel_types}) if rel_types is not None else None
        room = max(limit, 1) - 1 if limit is not None else ONE_HOP_ALL
        records = self._read(queries.NEIGHBOURS_ONE_HOP, iri=iri, types=types, kinds=kind_list, start=start, end=end,
                             room=room)  # fmt: skip
        if not records:
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        nodes = sorted((node_from_record(n) for n in [records[0]["a"], *records[0]["found"]]), key=lambda n: n.iri)
        among = self._read(queries.RELATIONSHIPS_AMONG, iris=[n.iri for n in nodes], types=types)
        rels = [_rel_from_row(r["source"], r["type"], r["target"], r["props"]) for r in among]
        rels.sort(key=lambda r: r.key)
        return GraphData(nodes=nodes, relationships=rels)

    def link_counts(self, iri: str) -> dict[tuple[str, bool], int]:
        """Links to other nodes per ``(type, outgoing)`` (see :meth:`graph.store.GraphReader.link_counts`)."""
        records = self._read(queries.LINK_COUNTS, iri=iri)
        if not records and not self.has_node(iri):
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        return {(str(r["type"]), bool(r["outgoing"])): int(r["links"]) for r in records}

    def linked(
        self, iri: str, rel_type: Rel | str, outgoing: bool, offset: int = 0, limit: int = LINKED_LIMIT
    ) -> list[Node]:
        """One page of a node's linked nodes by IRI (see :meth:`graph.store.GraphReader.linked`)."""
        kind = Rel(rel_type).value
        offset, limit = linked_page(offset, limit)
        records = self._read(queries.LINKED_OUT if outgoing else queries.LINKED_IN, iri=iri, type=kind,
                             offset=offset, limit=limit)  # fmt: skip
        if not records and not self.has_node(iri):
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        return [node_from_record(r["m"]) for r in records]

    def linked_pages(self, iri: str, pages: Iterable[LinkedPage]) -> dict[tuple[str, bool], list[Node]]:
        """Several pages of linked nodes in one read (see :meth:`graph.store.GraphReader.linked_pages`)."""
        wanted: dict[tuple[str, bool], tuple[int, int]] = {}
        for rel_type, outgoing, offset, limit in pages:
            wanted[(Rel(rel_type).value, bool(outgoing))] = linked_page(offset, limit)
        if not wanted:
            if not self.has_node(iri):
                msg = f"no node has the IRI {iri!r}"
                raise NodeNotFoundError(msg)
            return {}
        rows = [{"type": t, "outgoing": out, "offset": o, "limit": n} for (t, out), (o, n) in wanted.items()]
        most = max(o + n for o, n in wanted.values())
        records = self._read(queries.LINKED_PAGES, iri=iri, pages=rows, most=most)
        if not records:
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        out: dict[tuple[str, bool], list[Node]] = {}
        for r in records:
            nodes = [node_from_record(m) for m in r["nodes"]]
            nodes.sort(key=lambda n: n.iri)  # collect keeps the read's order; sorted again to be sure
            out[(str(r["type"]), bool(r["outgoing"]))] = nodes
        return out

    def node_links(
        self, iri: str, first: int, whole: int = 0, skip: Iterable[tuple[Rel | str, bool]] = ()
    ) -> NodeLinks:
        """A node, its link counts and its groups' first pages in one read (see :meth:`GraphReader.node_links`)."""
        first = linked_page(0, first)[1]  # the page bounds of first_page_size, taken in the query
        whole = max(whole, 0)
        left = sorted({(Rel(t).value, bool(out)) for t, out in skip})
        records = self._read(queries.NODE_LINKS, iri=iri, first=first, whole=whole,
                             most=linked_page(0, max(first, whole))[1], skip=[[t, out] for t, out in left])  # fmt: skip
        if not records:
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        r = records[0]
        evidence = [
            Evidence(mention=node_from_record(e["m"]), document=node_from_record(e["doc"]) if e["doc"] else None)
            for e in r["evidence"]
        ]
        detail = NodeDetail(node=node_from_record(r["n"]), evidence=evidence, degree=int(r["degree"]))
        counts = {(str(c["type"]), bool(c["outgoing"])): int(c["links"]) for c in r["counts"]}
        pages: dict[tuple[str, bool], list[Node]] = {}
        for page in r["pages"]:
            nodes = [node_from_record(m) for m in page["nodes"]]
            nodes.sort(key=lambda n: n.iri)  # collect keeps the read's order; sorted again to be sure
            pages[(str(page["type"]), bool(page["outgoing"]))] = nodes
        return NodeLinks(detail, counts, pages)

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
        """The shortest undirected paths between two nodes, one read per level (see :meth:`GraphReader.paths`)."""
        for iri in (source, target):
            if not self.has_node(iri):
                msg = f"no node has the IRI {iri!r}"
                raise NodeNotFoundError(msg)
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        ends = [source, target]

        def step(frontier: list[str], room: int) -> Iterator[tuple[str, str]]:
            # The search stops reading once more than ``room`` new nodes came, so a batch's read asks for
            # room + 1 pairs plus one link back per frontier node; only when that many came and the search
            # still reads on (most were links back to nodes reached before) is the batch read again, with
            # four times the limit, until a read comes back short (the whole batch).
            for batch in chunked(frontier, 2000):
                given: set[tuple[str, str]] = set()
                cap = max(room, 0) + 1 + len(batch)
                while True:
                    records = self._read(
                        queries.PATH_STEP, frontier=batch, kinds=kind_list, ends=ends, start=start, end=end, limit=cap
                    )
                    for r in records:
                        pair = (r["source"], r["iri"])
                        if pair not in given:
                            given.add(pair)
                            yield pair
                    if len(records) < cap:
                        break
                    cap *= 4

        found, stopped = shortest_paths(step, source, target, max_hops, limit, max_visits=PATH_MAX_VISITS)
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
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        if limit is None:
            records = self._read(queries.SUBGRAPH_NODES, kinds=kind_list, start=start, end=end)
        else:
            records = self._read(
                queries.SUBGRAPH_TOP_NODES, kinds=kind_list, start=start, end=end, limit=max(limit, 0)
            )
        return self._graph_among((r["iri"] for r in records), None)

    def nodes(
        self, kinds: Iterable[Kind | str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Node]:
        """Nodes of the given kinds (subclasses included), sorted by IRI."""
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        records = self._read(
            queries.LIST_NODES, kinds=kind_list, offset=max(offset, 0), limit=limit if limit is not None else 2**62
        )
        return [node_from_record(r["n"]) for r in records]

    def relationships(
        self, types: Iterable[Rel | str] | None = None, limit: int | None = None
    ) -> list[Relationship]:
        """Relationships of the given types, sorted by ``(source, type, target)``."""
        type_list = sorted({Rel(t).value for t in types}) if types is not None else None
        records = self._read(
            queries.LIST_RELATIONSHIPS, types=type_list, limit=limit if limit is not None else 2**62
        )
        return [_rel_from_row(r["source"], r["type"], r["target"], r["props"]) for r in records]

    def projection(
        self,
        kinds: Iterable[Kind | str] | None,
        props: Iterable[Prop | str],
        rel_types: Iterable[Rel | str] | None,
    ) -> Projection:
        """Nodes and relationships as plain tuples: two queries in one read transaction.

        Each query answers with one record per kind (or relationship type)
        holding columns: lists of IRIs, labels and property values, no node
        entities and no list per node (see :func:`queries.projection_nodes_query`),
        so the driver builds one object per value; no model is built (see
        :meth:`GraphStore.projection`).
        """
        names = prop_names(props)
        kind_list = list(kinds) if kinds is not None else None
        type_list = list(rel_types) if rel_types is not None else None
        node_query = queries.projection_nodes_query(kind_list)
        rel_query = queries.projection_relationships_query(type_list)
        expanded = sorted(expand_kinds(kind_list) or []) if kind_list is not None else None

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[list[Any]], list[list[Any]]]:
            node_rows = [r.values() for r in tx.run(node_query, kinds=expanded, props=list(names))]
            rel_rows = [r.values() for r in tx.run(rel_query)]
            return node_rows, rel_rows

        def action() -> tuple[list[list[Any]], list[list[Any]]]:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(work)

        node_rows, rel_rows = self._guard(action)
        width = len(names)
        nodes: list[ProjectedNode] = []
        for kind, iris, labels, values in node_rows:
            if any(type(v) not in _PLAIN for v in values):
                values = [v if type(v) in _PLAIN else _projected(v) for v in values]
            nodes.extend(
                (iri, kind, label or "", tuple(values[i * width : (i + 1) * width]))
                for i, (iri, label) in enumerate(zip(iris, labels, strict=True))
            )
        nodes.sort(key=_first)
        rels = [
            (source, rtype, target)
            for rtype, sources, targets in rel_rows
            for source, target in zip(sources, targets, strict=True)
        ]
        rels.sort()
        return Projection(props=names, nodes=nodes, relationships=rels)

    def count_by_kind(self) -> dict[str, int]:
        """Number of nodes per most specific kind."""
        return {r["kind"]: int(r["count"]) for r in self._read(queries.COUNT_BY_KIND)}

    def count_by_type(self) -> dict[str, int]:
        """Number of relationships per type."""
        return {r["type"]: int(r["count"]) for r in self._read(queries.COUNT_BY_TYPE)}

    def incidents_between(self, start: dt.date | None, end: dt.date | None) -> list[Node]:
        """Incidents dated in the inclusive window, sorted by date then IRI."""
        kinds = sorted(k.value for k in subkinds(Kind.INCIDENT))
        records = self._read(queries.INCIDENTS_BETWEEN, kinds=kinds, start=start, end=end)
        return [node_from_record(r["n"]) for r in records]

    def search(self, text: str, kinds: Iterable[Kind | str] | None = None, limit: int = 20) -> list[Node]:
        """Nodes whose label contains ``text`` (case-insensitive), best matches first."""
        kind_list = sorted(expand_kinds(kinds) or []) if kinds is not None else None
        records = self._read(queries.SEARCH, kinds=kind_list, needle=text.lower(), limit=max(limit, 0))
        return [node_from_record(r["n"]) for r in records]

    def find_text(self, text: str, limit: int = 20) -> list[TextMatch]:
        """Nodes a text finds by name, alias, date and evidence (see :meth:`GraphReader.find_text`)."""
        needle = text.strip().lower()
        if not needle or limit < 1:
            return []
        fields: list[tuple[str, str, dict[str, Any]]] = [
            ("name", queries.FIND_BY_NAME, {"needle": needle}),
            ("alias", queries.FIND_BY_ALIAS, {"needle": needle}),
        ]
        days = date_prefix_range(needle)
        if days is not None:
            fields.append(("date", queries.FIND_BY_DATE, {"first": days[0], "last": days[1]}))
        fields.append(("evidence", queries.FIND_BY_EVIDENCE, {"needle": needle}))
        found: list[tuple[str, list[tuple[Node, str]]]] = []
        listed = 0
        for field, query, params in fields:
            records = self._read(query, limit=limit + listed, **params)
            pairs = [(node_from_record(r["n"]), str(r["text"])) for r in records]
            found.append((field, pairs))
            listed += min(len(pairs), limit)
        return merge_matches(found, limit)

    def iter_nodes(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Node]:
        """Every node, in IRI order, read in pages of ``batch_size``."""
        after = ""
        while True:
            records = self._read(queries.ITER_NODES, after=after, batch=batch_size)
            if not records:
                return
            for record in records:
                yield node_from_record(record["n"])
            after = records[-1]["n"][Prop.IRI.value]

    def iter_relationships(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Relationship]:
        """Every relationship, in ``(source, type, target)`` order, by pages of source nodes."""
        after = ""
        while True:
            records = self._read(queries.ITER_RELATIONSHIPS, after=after, batch=batch_size)
            if not records:
                return
            rels = [
                _rel_from_row(r["source"], r["type"], r["target"], r["props"]) for r in records if r["type"] is not None
            ]
            rels.sort(key=lambda r: r.key)
            yield from rels
            after = max(r["source"] for r in records)

    def count_nodes(self) -> int:
        """Number of nodes."""
        return int(self._read(queries.COUNT_NODES)[0]["count"])

    def count_relationships(self) -> int:
        """Number of relationships."""
        return int(self._read(queries.COUNT_RELATIONSHIPS)[0]["count"])

    def server_info(self) -> dict[str, str]:
        """Name, version and edition of the server."""
        record = self._read(queries.SERVER_INFO)[0]
        return {"name": record["name"], "version": ", ".join(record["versions"]), "edition": record["edition"]}

    # -- analysts ----------------------------------------------------------

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> CypherResult:
        """Run an analyst's query in a read-access session, with a timeout and a row limit."""
        cypher_guard.check_read_only(query)
        collector = _GraphCollector()
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                result = session.run(neo4j.Query(query, timeout=timeout), params or {})
                columns = list(result.keys())
                rows: list[list[Any]] = []
                truncated = False
                for record in result:
                    if len(rows) >= limit:
                        truncated = True
                        break
                    rows.append([collector.plain(v) for v in record.values()])
                result.consume()
                unresolved = collector.unresolved()
                if unresolved:
                    found = session.run(queries.IRIS_BY_ELEMENT_ID, ids=unresolved)
                    collector.resolve({r["id"]: r["iri"] for r in found})
        except (neo4j_errors.AuthError, neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as e:
            raise driver_error(e, self.uri) from e
        except neo4j_errors.Neo4jError as e:
            raise _query_error(e, timeout) from e
        except neo4j_errors.DriverError as e:
            msg = f"the query failed: {e}"
            raise QueryError(msg) from e
        return CypherResult(columns=columns, rows=rows, truncated=truncated, graph=collector.graph())


def _node_batches(nodes: Iterable[Node], size: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(query, rows) per kind, at most ``size`` rows each; labels come from the kind."""
    rows = (
        (
            kind,
            {
                "iri": n.iri,
                "props": {
                    Prop.KIND.value: kind.value,
                    Prop.LABEL.value: n.label,
                    **n.props,
                    **search_keys(kind.value, n.label, n.props),
                },
            },
        )
        for n in nodes
        for kind in (Kind(n.kind),)
    )
    return _grouped(rows, size, queries.upsert_nodes_query)


def _rel_batches(
    relationships: Iterable[Relationship], size: int
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(query, rows) per relationship type, at most ``size`` rows each."""
    rows = ((Rel(r.type), {"source": r.source, "target": r.target, "props": r.props}) for r in relationships)
    return _grouped(rows, size, queries.upsert_relationships_query)


def _grouped(
    keyed_rows: Iterable[tuple[K, dict[str, Any]]], size: int, query_for: Callable[[K], str]
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Buffer rows per key (a kind or a type, which fixes the query text) and
    yield them ``size`` at a time with their query."""
    pending: dict[K, list[dict[str, Any]]] = defaultdict(list)
    for key, row in keyed_rows:
        batch = pending[key]
        batch.append(row)
        if len(batch) >= size:
            yield query_for(key), batch
            pending[key] = []
    for key, batch in pending.items():
        if batch:
            yield query_for(key), batch


def _upsert_work(
    query: str, rows: list[dict[str, Any]], check_ends: bool = False
) -> Callable[[neo4j.ManagedTransaction], int]:
    def work(tx: neo4j.ManagedTransaction) -> int:
        record = tx.run(query, rows=rows).single()
        written = int(record["written"]) if record else 0
        if check_ends and written < len(rows):
            ends = sorted({row[end] for row in rows for end in ("source", "target")})
            missing_record = tx.run(queries.MISSING_NODES, iris=ends).single()
            missing = sorted(missing_record["missing"]) if missing_record else []
            shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
            msg = f"relationship end node(s) not in the store: {shown or '(unknown)'}; load the nodes first"
            raise StoreError(msg)
        return written

    return work


def _set_keys_work(rows: list[dict[str, Any]]) -> Callable[[neo4j.ManagedTransaction], None]:
    def work(tx: neo4j.ManagedTransaction) -> None:
        tx.run(queries.SET_SEARCH_KEYS, rows=rows).consume()

    return work


def connect(uri: str | None, auth: tuple[str, str] | None = None, database: str | None = None) -> Neo4jStore:
    """A store over a new connection to the server at ``uri``, checked to answer.

    The store owns the driver (:meth:`Neo4jStore.close` closes it). The
    constraints are not created here: call :meth:`Neo4jStore.ensure_schema`.

    Args:
        uri: e.g. ``bolt://127.0.0.1:7687`` (``NEO4J_URI``).
        auth: ``(user, password)``, or None for a server without authentication.
        database: the database to use (None: the server's default).

    Raises:
        ConfigurationError: no URI, or one the driver cannot use.
        StoreUnavailableError: the server does not answer, or refuses the connection.
        AuthenticationError: the server refused the credentials.
    """
    if not uri:
        msg = f"NEO4J_URI is not set; {START_HINT}"
        raise ConfigurationError(msg)
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=auth,
            # a lost server must stop a run within seconds, not after the driver's 30 s of retries
            max_transaction_retry_time=DRIVER_RETRY_SECONDS,
            connection_timeout=DRIVER_CONNECT_SECONDS,
            connection_acquisition_timeout=DRIVER_CONNECT_SECONDS,
        )
    except (ValueError, neo4j_errors.ConfigurationError) as e:
        msg = f"NEO4J_URI={uri!r} is not a valid Neo4j URI: {e}"
        raise ConfigurationError(msg) from e
    try:
        driver.verify_connectivity()
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as e:
        driver.close()
        raise driver_error(e, uri, user=auth[0] if auth else None, connecting=True) from e
    return Neo4jStore(driver, database=database, owns_driver=True, uri=uri)


def driver_error(error: Exception, uri: str, user: str | None = None, connecting: bool = False) -> StoreError:
    """THE mapping of a Neo4j driver failure to the project's errors.

    Args:
        error: what the driver raised.
        uri: the server's URI, for the message.
        user: the user whose credentials were sent, for the message.
        connecting: the failure came while opening the connection (a server
            error then means the server refused it: the store is unavailable).

    Returns:
        :class:`~graph.errors.AuthenticationError` for refused credentials;
        :class:`~graph.errors.StoreUnavailableError` when the server cannot be
        reached (with how to start one) or refused the connection;
        :class:`~graph.errors.StoreError` for any other failure.
    """
    if isinstance(error, neo4j_errors.AuthError):
        whose = f" of user {user!r}" if user else ""
        return AuthenticationError(
            f"Neo4j at {uri} refused the credentials{whose}; check NEO4J_USERNAME and NEO4J_PASSWORD"
        )
    if isinstance(error, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired | OSError):
        return StoreUnavailableError(f"Neo4j is not reachable at {uri}; {START_HINT}")
    if isinstance(error, neo4j_errors.Neo4jError):
        if connecting:
            return StoreUnavailableError(f"Neo4j at {uri} refused the connection: {_first_line(error)}")
        return StoreError(f"Neo4j at {uri} failed: {_first_line(error)}")
    return StoreError(f"Neo4j driver error talking to {uri}: {error}")


def _first_line(error: neo4j_errors.Neo4jError) -> str:
    text = (error.message or str(error)).strip()
    return text.splitlines()[0] if text else (error.code or type(error).__name__)


def _query_error(error: neo4j_errors.Neo4jError, timeout: float) -> QueryError:
    code = error.code or ""
    if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
        return QueryTimeoutError(f"the query timed out after {timeout:g}s", timeout=timeout)
    if code.endswith("Statement.SyntaxError"):
        return CypherSyntaxError(f"syntax error: {_first_line(error)}")
    if (
        isinstance(error, neo4j_errors.Forbidden)
        or "AccessMode" in code
        or "Forbidden" in code
        or "WriteOnReadOnlyAccessDatabase" in code
    ):
        return WriteNotAllowedError(f"the query console is read-only: {_first_line(error)}")
    return QueryError(f"Neo4j rejected the query: {_first_line(error)}")


def _driver_uri(driver: Any) -> str:
    try:
        address = driver.get_server_info().address
        return f"bolt://{address.host}:{address.port}"
    except Exception:  # any failure here only degrades an error message
        return "the configured NEO4J_URI"


class _GraphCollector:
    """Turns driver values into plain ones and gathers the graph elements met.

    A relationship whose end node was not itself returned arrives without the
    node's properties; its ends are resolved afterwards by element id
    (:meth:`unresolved`, :meth:`resolve`).
    """

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.rels: dict[tuple[str, str, str], Relationship] = {}
        self._pending: list[tuple[dict[str, Any], str | None, str | None, neo4j.graph.Relationship]] = []

    def unresolved(self) -> list[str]:
        """Element ids of relationship ends whose IRI is not known yet."""
        ids = {eid for _, s, t, _ in self._pending for eid in (s, t) if eid is not None}
        return sorted(ids)

    def resolve(self, iris: dict[str, Any]) -> None:
        """Fill in the ends of pending relationships from ``element id -> iri``."""
        for cell, start_id, end_id, rel in self._pending:
            if cell["source"] is None and start_id is not None:
                cell["source"] = iris.get(start_id)
            if cell["target"] is None and end_id is not None:
                cell["target"] = iris.get(end_id)
            self._add_rel(cell, rel)
        self._pending = []

    def plain(self, value: Any) -> Any:
        if isinstance(value, neo4j.graph.Node):
            data = {k: to_python(v) for k, v in dict(value).items() if k not in _SEARCH_KEYS}
            self._add_node(value)
            return data
        if isinstance(value, neo4j.graph.Relationship):
            return self._relationship(value)
        if isinstance(value, neo4j.graph.Path):
            for node in value.nodes:
                self._add_node(node)
            return {
                "nodes": [self.plain(n) for n in value.nodes],
                "relationships": [self._relationship(r) for r in value.relationships],
            }
        if isinstance(value, list):
            return [self.plain(v) for v in value]
        if isinstance(value, dict):
            return {k: self.plain(v) for k, v in value.items()}
        return to_python(value)

    def _add_node(self, node: neo4j.graph.Node) -> None:
        iri = node.get(Prop.IRI.value)
        kind = node.get(Prop.KIND.value)
        if isinstance(iri, str) and kind in Kind._value2member_map_:
            self.nodes[iri] = node_from_record(node)

    def _relationship(self, rel: neo4j.graph.Relationship) -> dict[str, Any]:
        start, end = rel.start_node, rel.end_node
        source = start.get(Prop.IRI.value) if start is not None else None
        target = end.get(Prop.IRI.value) if end is not None else None
        props = {k: to_python(v) for k, v in dict(rel).items()}
        if start is not None:
            self._add_node(start)
        if end is not None:
            self._add_node(end)
        cell: dict[str, Any] = {"type": rel.type, "source": source, "target": target, "props": props}
        if isinstance(source, str) and isinstance(target, str):
            self._add_rel(cell, rel)
        else:
            start_id = start.element_id if start is not None else None
            end_id = end.element_id if end is not None else None
            self._pending.append((cell, start_id, end_id, rel))
        return cell

    def _add_rel(self, cell: dict[str, Any], rel: neo4j.graph.Relationship) -> None:
        source, target = cell["source"], cell["target"]
        if isinstance(source, str) and isinstance(target, str) and rel.type in Rel._value2member_map_:
            found = Relationship.model_construct(
                type=Rel(rel.type), source=source, target=target, props=dict(cell["props"])
            )
            self.rels[found.key] = found

    def graph(self) -> GraphData:
        return GraphData(
            nodes=[self.nodes[i] for i in sorted(self.nodes)],
            relationships=[self.rels[k] for k in sorted(self.rels)],
        )
