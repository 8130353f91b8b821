"""The store interface that ingest, analytics and the dashboard use.

The interface has two halves, as :class:`typing.Protocol` classes:
:class:`GraphReader` (every read, the analysts' Cypher console, ``revision``)
and :class:`GraphWriter` (upserts, deletes, ``save``). Code that only reads
(analytics, the dashboard, the exporters) asks for a :class:`GraphReader`;
code that loads asks for a :class:`GraphWriter`. :class:`GraphStore` is both:
the base class of every store, holding the shared defaults.

Two implementations answer it identically (proven by one contract test
suite): :class:`graph.nx_store.NetworkXStore`, embedded and the default, and
:class:`graph.neo4j_store.Neo4jStore`, over the official driver.

Semantics shared by both stores
-------------------------------
* **Kind filters** match a node whose kind is one of the given kinds *or a
  subclass of one* (``Kind.INCIDENT`` matches nuclear tests).
* **Time windows** ``[start, end]`` are inclusive; a node passes when it has
  no ``date`` property or its date lies inside the window. Either bound may be
  ``None`` (open).
* **Neighbourhoods** are undirected: the nodes reachable from the start node
  along at most ``hops`` relationships (of the allowed types), every node on
  the way passing the kind and time filters, plus every relationship of an
  allowed type between two of those nodes.
* Lists of nodes come back sorted by IRI unless a method says otherwise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, runtime_checkable

from graph.errors import NodeNotFoundError
from graph.limits import DEFAULT_QUERY_TIMEOUT, DEFAULT_ROW_LIMIT
from graph.model import CypherResult, Evidence, GraphData, Node, NodeDetail, Relationship
from graph.schema import Kind, Prop, Rel, subkinds

DEFAULT_BATCH_SIZE = 1000
LINKED_LIMIT = 500
"""Most nodes one :meth:`GraphReader.linked` page returns."""

LinkedPage = tuple[Rel | str, bool, int, int]
"""``(relationship type, outgoing, offset, limit)``: one page of :meth:`GraphReader.linked_pages`."""


def linked_page(offset: int, limit: int) -> tuple[int, int]:
    """THE bounds of a page of linked nodes in every store: ``offset`` at least 0, ``limit`` at most LINKED_LIMIT."""
    return max(offset, 0), min(max(limit, 0), LINKED_LIMIT)


def first_page_size(links: int, first: int, whole: int) -> int:
    """THE size of a group's first page in :meth:`GraphReader.node_links`: the whole group when it has at most
    ``whole`` links, else ``first`` (bounded as :func:`linked_page` bounds any page)."""
    return linked_page(0, links if links <= whole else first)[1]


@dataclass(frozen=True)
class NodeLinks:
    """What :meth:`GraphReader.node_links` reads for a details panel.

    Attributes:
        detail: the node, its evidence and degree (as :meth:`GraphReader.get_node`).
        counts: its links per ``(type, outgoing)`` (as :meth:`GraphReader.link_counts`).
        pages: per group read, its first page (as :meth:`GraphReader.linked` gives it).
    """

    detail: NodeDetail
    counts: dict[tuple[str, bool], int]
    pages: dict[tuple[str, bool], list[Node]]


@dataclass
class LoadReport:
    """What a load wrote (records sent; upserts make repeats harmless)."""

    nodes: int = 0
    relationships: int = 0
    batches: int = 0
    seconds: float = 0.0


def expand_kinds(kinds: Iterable[Kind | str] | None) -> set[str] | None:
    """Kind names matching a filter, subclasses included (None = no filter)."""
    if kinds is None:
        return None
    out: set[str] = set()
    for kind in kinds:
        out.update(k.value for k in subkinds(Kind(kind)))
    return out


def in_window(value: Any, start: dt.date | None, end: dt.date | None, undated: bool = True) -> bool:
    """THE date-window rule: True when ``value`` lies in the inclusive window ``[start, end]``.

    Either bound may be None (open). A value that is not a date (None, a
    node without a ``date``) is *undated*: it passes when ``undated`` is True,
    the stores' rule (a State or a Concept belongs to every period), and fails
    when it is False, for questions about dated things only (which meetings
    fall in the window).

    >>> in_window(dt.date(2017, 9, 3), dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    True
    >>> in_window(dt.date(2017, 9, 3), dt.date(2018, 1, 1), None)
    False
    >>> in_window(None, dt.date(2017, 1, 1), None), in_window(None, dt.date(2017, 1, 1), None, undated=False)
    (True, False)
    """
    if not isinstance(value, dt.date):
        return undated
    return (start is None or value >= start) and (end is None or value <= end)


DATE_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
"""A search text that names a year, a month or a day (``2017``, ``2017-09``, ``2017-09-03``)."""


def date_prefix_range(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day whose ISO date starts with ``text`` (a :data:`DATE_PREFIX`), or None when no day
    does (not a prefix, a month 13, a 30 February, the year 0).

    ``2017`` -> 2017-01-01 .. 2017-12-31; ``2017-02`` -> 2017-02-01 .. 2017-02-28; ``2017-09-03`` -> that day.
    """
    if DATE_PREFIX.match(text) is None:
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, OverflowError):
        return None


MATCH_FIELDS: tuple[str, ...] = ("name", "alias", "date", "evidence")
"""What a :class:`TextMatch` matched, in the order :meth:`GraphReader.find_text` lists them."""


@dataclass(frozen=True)
class TextMatch:
    """A node found by :meth:`GraphReader.find_text`, and what matched.

    Attributes:
        node: the node (never a Mention: a matching mention gives the node it evidences).
        field: ``name`` (its label), ``alias`` (one of its ``altLabels``),
            ``date`` (its ISO date starts with the text) or ``evidence`` (the
            text of one of its evidence mentions).
        text: what matched: the label, the alias, the ISO date or the mention's text.
    """

    node: Node
    field: str
    text: str


def merge_matches(found: Iterable[tuple[str, Iterable[tuple[Node, str]]]], limit: int) -> list[TextMatch]:
    """THE rule that joins the four matches of :meth:`GraphReader.find_text`: first field wins, ``limit`` per field.

    ``found`` gives, per field in order, ``(node, matched text)`` pairs already
    sorted as the field sorts them (each store reads ``limit`` plus the number
    listed so far, so enough remain after dropping repeats).
    """
    out: list[TextMatch] = []
    seen: set[str] = set()
    for field, pairs in found:
        taken = 0
        for node, text in pairs:
            if taken >= limit:
                break
            if node.iri in seen:
                continue
            seen.add(node.iri)
            out.append(TextMatch(node, field, text))
            taken += 1
    return out


PATH_MAX_HOPS = 6
"""Longest path :meth:`GraphReader.paths` looks for, in relationships (a larger request is cut to it)."""
PATH_MAX_VISITS = 20_000
"""Most nodes one path search reaches before it gives up (its bound on work)."""
PATH_MAX_PATHS = 10
"""Most shortest paths one search returns."""

PathStep = Callable[[list[str], int], Iterable[tuple[str, str]]]
"""One breadth-first step of a store: ``(node of the frontier, neighbour)`` pairs for a frontier.

Its second argument is the search's room: how many new nodes it may still
reach. The search stops reading the pairs once more than that many new nodes
came, so a store that reads them in pages (Neo4j) need not read past
``room + 1`` new nodes plus the links back to nodes already reached."""


@dataclass(frozen=True)
class PathResult:
    """What :meth:`GraphReader.paths` found between two nodes.

    Attributes:
        source: the IRI the search started from.
        target: the IRI it looked for.
        paths: the shortest paths found, each the IRIs from ``source`` to
            ``target`` (sorted; at most the limit asked for). Empty when none.
        graph: the nodes of those paths and the relationships between
            consecutive nodes of a path.
        max_hops: the longest path looked for.
        stopped: True when the search reached its bound on work
            (:data:`PATH_MAX_VISITS` nodes) before it could answer; then a
            longer search might still find a path.
    """

    source: str
    target: str
    paths: list[tuple[str, ...]]
    graph: GraphData
    max_hops: int
    stopped: bool = False

    @property
    def hops(self) -> int | None:
        """The length of the shortest paths in relationships, None when none was found."""
        return len(self.paths[0]) - 1 if self.paths else None

    def steps(self) -> set[frozenset[str]]:
        """The pairs of consecutive nodes of the paths (a relationship on a path joins such a pair)."""
        return {frozenset(p[i : i + 2]) for p in self.paths for i in range(len(p) - 1)}


def shortest_paths(
    step: PathStep,
    source: str,
    target: str,
    max_hops: int = PATH_MAX_HOPS,
    limit: int = PATH_MAX_PATHS,
    max_visits: int = PATH_MAX_VISITS,
) -> tuple[list[tuple[str, ...]], bool]:
    """THE shortest-path search of every store: a bidirectional breadth-first search over ``step``.

    Each round extends the smaller frontier by one level (one ``step`` call);
    when the two searches meet, every shortest path goes through a node
    found in both, and the paths are put together from the nodes each side
    came from. Returns at most ``limit`` paths, sorted, and whether the search
    stopped at ``max_visits`` reached nodes (then no path is not a proof of none,
    and paths found are the shortest but maybe not all of them). The bound is
    checked as each new node arrives, so one hub cannot make a step read past it.
    """
    max_hops = max(0, min(max_hops, PATH_MAX_HOPS))
    if source == target:
        return [(source,)], False
    sides: list[dict[str, set[str]]] = [{source: set()}, {target: set()}]  # node -> the nodes it was reached from
    frontiers = [[source], [target]]
    depth = [0, 0]
    while depth[0] + depth[1] < max_hops and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        seen, other = sides[side], sides[1 - side]
        found: dict[str, set[str]] = {}
        room = max_visits - len(sides[0]) - len(sides[1])  # new nodes this step may still reach
        full = False
        for node, neighbour in step(frontiers[side], room):
            if neighbour not in seen:
                parents = found.setdefault(neighbour, set())
                parents.add(node)
                if len(parents) == 1 and len(found) > room:  # the bound is checked as nodes come, not per step
                    full = True
                    break
        for node, parents in found.items():
            seen[node] = parents
        depth[side] += 1
        frontiers[side] = sorted(found)
        meeting = sorted(n for n in found if n in other)
        if meeting:
            return _join(sides, source, target, meeting, limit), full
        if full:
            return [], True
    return [], False


def _join(
    sides: list[dict[str, set[str]]], source: str, target: str, meeting: list[str], limit: int
) -> list[tuple[str, ...]]:
    """At most ``limit`` paths from ``source`` to ``target`` through the ``meeting`` nodes, sorted."""

    def chains(parents: dict[str, set[str]], node: str, end: str) -> Iterator[tuple[str, ...]]:
        if node == end:
            yield (node,)
            return
        for parent in sorted(parents[node]):
            for chain in chains(parents, parent, end):
                yield (*chain, node)

    out: list[tuple[str, ...]] = []
    for middle in meeting:
        for head in chains(sides[0], middle, source):
            for tail in chains(sides[1], middle, target):
                out.append((*head, *reversed(tail[:-1])))
                if len(out) >= limit:
                    return sorted(out)
    return sorted(out)


def path_result(
    source: str, target: str, found: list[tuple[str, ...]], among: GraphData, max_hops: int, stopped: bool
) -> PathResult:
    """The :class:`PathResult` of a search; ``among`` (the paths' nodes and links among them) is cut to the steps."""
    hops = max(0, min(max_hops, PATH_MAX_HOPS))
    steps = PathResult(source, target, found, GraphData(), hops).steps()
    rels = [r for r in among.relationships if frozenset((r.source, r.target)) in steps]
    graph = GraphData.model_construct(nodes=among.nodes, relationships=rels)
    return PathResult(source, target, found, graph, hops, stopped)


ProjectedNode = tuple[str, str, str, tuple[Any, ...]]
"""``(iri, kind, label, values)``: ``values`` follow the projection's ``props`` (None when absent)."""

ProjectedRelationship = tuple[str, str, str]
"""``(source, type, target)``."""


@dataclass(frozen=True)
class Projection:
    """A slim, read-only copy of part of the graph: plain tuples, no models.

    What :meth:`GraphStore.projection` returns, for readers of many nodes
    (the analytics) that need a few properties each and no validation.
    Values are plain Python (dates as :class:`datetime.date`, lists as lists).
    """

    props: tuple[str, ...]
    """Property names, in the order of each node's ``values``."""
    nodes: list[ProjectedNode]
    """Sorted by IRI."""
    relationships: list[ProjectedRelationship]
    """Sorted by ``(source, type, target)``."""


def prop_names(props: Iterable[Prop | str]) -> tuple[str, ...]:
    """Property names checked against :class:`~graph.schema.Prop` (anything else is refused).

    Raises:
        ValueError: a name is not a property of the schema.
    """
    return tuple(Prop(p).value for p in props)


@runtime_checkable
class GraphReader(Protocol):
    """The reading half of the store interface (see the module notes)."""

    name: str
    """Short name shown to users: ``embedded`` or ``neo4j``."""

    @property
    def revision(self) -> int | None:
        """A number that changes whenever the graph changes, or None when the store cannot tell.

        Readers that derive something costly from the graph (the analytics
        view, the dashboard's caches) keep it while the revision is the same.
        The embedded store counts the writes made through it. Neo4j answers
        None: other clients may write to the same database, so no number held
        here can promise that nothing changed; a caller then compares
        :meth:`count_by_kind` and :meth:`count_by_type` instead.
        """

    def change_mark(self) -> str | None:
        """An opaque mark of the last change committed to the graph, read now; None when unknown.

        For a store without a :attr:`revision` (Neo4j: other clients write to
        it too). Two equal marks mean that no write was committed in between,
        by this process or any other, including one that keeps every count (an
        edited property, a re-ingested text with as many records). A caller
        compares marks for equality only; what a mark holds is the store's.
        """
        ...

    @abstractmethod
    def get_node(self, iri: str) -> NodeDetail:
        """The node with its evidence mentions (and their documents) and degree.

        Raises:
            NodeNotFoundError: no node has this IRI.
        """

    @abstractmethod
    def has_node(self, iri: str) -> bool:
        """True when a node with this IRI exists."""

    @abstractmethod
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
        """The neighbourhood of a node (see the module notes).

        ``limit`` caps the number of nodes (the start node always included;
        nearer nodes first, then by IRI).

        Raises:
            NodeNotFoundError: no node has this IRI.
        """

    @abstractmethod
    def link_counts(self, iri: str) -> dict[tuple[str, bool], int]:
        """How many links a node has to other nodes, per ``(relationship type, outgoing)``.

        A bounded answer for a node of any degree (a hub's tens of thousands
        of links are counted, not read); links of a node to itself are left out.

        Raises:
            NodeNotFoundError: no node has this IRI.
        """

    @abstractmethod
    def linked(
        self, iri: str, rel_type: Rel | str, outgoing: bool, offset: int = 0, limit: int = LINKED_LIMIT
    ) -> list[Node]:
        """One page of the nodes at the other end of a node's links of one type and direction.

        Ordered by IRI; ``offset`` nodes are skipped and at most ``limit``
        (at most :data:`LINKED_LIMIT`) returned, so a page of a hub's links
        costs the page, not the hub. Links of a node to itself are left out.

        Raises:
            NodeNotFoundError: no node has this IRI.
        """

    def linked_pages(self, iri: str, pages: Iterable[LinkedPage]) -> dict[tuple[str, bool], list[Node]]:
        """Several :meth:`linked` pages of one node at once (a details panel's groups), in one read where it can.

        ``pages`` holds one page per ``(type, outgoing)`` (a later one of the
        same key replaces an earlier one); the answer maps each key to what
        :meth:`linked` gives for that page.

        Raises:
            NodeNotFoundError: no node has this IRI.
        """
        ...

    def node_links(
        self, iri: str, first: int, whole: int = 0, skip: Iterable[tuple[Rel | str, bool]] = ()
    ) -> NodeLinks:
        """A node, its link counts and the first page of each group of its links, in one read where it can.

        What :meth:`get_node`, :meth:`link_counts` and :meth:`linked_pages` give: for each ``(type, outgoing)``
        the node has links of, except those in ``skip``, the page ``linked(iri, type, outgoing, 0, n)`` with
        ``n`` = :func:`first_page_size` (the whole group when it has at most ``whole`` links, else ``first``).

        Raises:
            NodeNotFoundError: no node has this IRI.
        """
        ...

    @abstractmethod
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
        """The shortest undirected paths between two nodes, at most ``max_hops`` long (see :func:`shortest_paths`).

        Nodes on the way pass the kind and time filters (the two ends always
        do); ``max_hops`` is cut to :data:`PATH_MAX_HOPS` and the search stops
        after :data:`PATH_MAX_VISITS` nodes (``stopped`` then says so).

        Raises:
            NodeNotFoundError: no node has one of the IRIs.
        """

    @abstractmethod
    def subgraph(
        self,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kinds: Iterable[Kind | str] | None = None,
        limit: int | None = None,
    ) -> GraphData:
        """Nodes passing the kind and time filters, and the relationships among them.

        With ``limit``, the nodes of highest degree are kept (ties by IRI).
        """

    @abstractmethod
    def nodes(
        self, kinds: Iterable[Kind | str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Node]:
        """Nodes of the given kinds (subclasses included), sorted by IRI."""

    @abstractmethod
    def relationships(
        self, types: Iterable[Rel | str] | None = None, limit: int | None = None
    ) -> list[Relationship]:
        """Relationships of the given types, sorted by ``(source, type, target)``."""

    def evidence_of(self, iris: Iterable[str]) -> dict[str, list[Evidence]]:
        """The evidence of many nodes at once: for each IRI asked, what
        :meth:`get_node` gives as ``evidence`` (mentions by IRI, each with its
        first document by IRI); an empty list for a node without evidence or
        one that does not exist.
        """
        ...

    def projection(
        self,
        kinds: Iterable[Kind | str] | None,
        props: Iterable[Prop | str],
        rel_types: Iterable[Rel | str] | None,
    ) -> Projection:
        """Nodes of ``kinds`` (subclasses included) with the values of ``props``,
        and the relationships of ``rel_types``, as plain tuples (see :class:`Projection`).

        The same nodes and relationships as :meth:`nodes` and
        :meth:`relationships` with the same filters (None: all), in the same
        order; relationship properties are not read.

        Raises:
            ValueError: a kind, property or relationship type is not in the schema.
        """
        ...

    @abstractmethod
    def count_by_kind(self) -> dict[str, int]:
        """Number of nodes per most specific kind."""

    @abstractmethod
    def count_by_type(self) -> dict[str, int]:
        """Number of relationships per type."""

    @abstractmethod
    def incidents_between(self, start: dt.date | None, end: dt.date | None) -> list[Node]:
        """Incidents dated in the inclusive window, sorted by date then IRI."""

    @abstractmethod
    def search(self, text: str, kinds: Iterable[Kind | str] | None = None, limit: int = 20) -> list[Node]:
        """Nodes whose label contains ``text`` (case-insensitive); exact and
        prefix matches first, then by label."""

    def find_text(self, text: str, limit: int = 20) -> list[TextMatch]:
        """Nodes a search text finds, by name, alias, date and evidence text (case-insensitive).

        Four matches, each node listed once (for its first field in this
        order), each field listing at most ``limit`` nodes besides those an
        earlier field listed: the label contains ``text`` (exact,
        then prefix, then other matches; then by label); an ``altLabels``
        value contains it (by label); when ``text`` is a date prefix (``2017``,
        ``2017-09``, ``2017-09-03``), the node's ``date`` starts with it (by
        date); the ``text`` of one of its evidence mentions contains it (by
        label; the first such mention by IRI is given). Mentions themselves
        are never listed; ties go by IRI. A blank text finds nothing.
        """
        ...

    @abstractmethod
    def iter_nodes(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Node]:
        """Every node, streamed (for exports of any size)."""

    @abstractmethod
    def iter_relationships(self, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Relationship]:
        """Every relationship, streamed."""

    def dump(self) -> GraphData:
        """The whole graph in memory (small graphs only)."""
        ...

    @abstractmethod
    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        limit: int = DEFAULT_ROW_LIMIT,
        timeout: float = DEFAULT_QUERY_TIMEOUT,
    ) -> CypherResult:
        """Run an analyst's read-only Cypher query with parameters.

        At most ``limit`` rows come back (``truncated`` says when more were
        available); the caller gets its answer, or an error, within about
        ``timeout`` seconds.

        Raises:
            WriteNotAllowedError: the query would change the graph.
            QueryError: the query is malformed or timed out.
            UnsupportedQueryError: the embedded store cannot answer it.
        """

    def close(self) -> None:
        """Release connections or files."""
        ...


@runtime_checkable
class GraphWriter(Protocol):
    """The writing half of the store interface: load, change, persist."""

    name: str
    """Short name shown to users: ``embedded`` or ``neo4j``."""

    @abstractmethod
    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        """Create or update nodes by IRI; return how many records were sent.

        An existing node keeps the properties the record does not name and
        takes the values of those it does.
        """

    @abstractmethod
    def upsert_relationships(
        self, relationships: Iterable[Relationship], batch_size: int = DEFAULT_BATCH_SIZE
    ) -> int:
        """Create or update relationships by ``(source, type, target)``.

        Both end nodes must exist already (load nodes first); a relationship
        whose end is missing is an error, never a silently created empty node.
        """

    def load(self, data: GraphData, batch_size: int = DEFAULT_BATCH_SIZE) -> LoadReport:
        """Upsert a batch: nodes first, then relationships. Idempotent."""
        ...

    @abstractmethod
    def delete_nodes(self, iris: Sequence[str]) -> int:
        """Delete nodes (and their relationships) by IRI; return how many existed."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and relationship."""

    def save(self) -> Path | None:
        """Make the writes so far durable, where the store can.

        Returns:
            The file written (the embedded store writes the file it was
            opened from), or None when there is nothing to write: the store
            persists every write itself (Neo4j), or it has no file (an
            embedded store made in memory only).

        Raises:
            StoreError: the file cannot be written.
        """
        ...

    def close(self) -> None:
        """Release connections or files."""
        ...


class GraphStore(GraphReader, GraphWriter):
    """A graph of the alliance ontology that can be loaded and queried: both halves.

    The base class of every store. Subclasses implement the abstract methods
    of :class:`GraphReader` and :class:`GraphWriter`; the rest have defaults
    here, written with those methods, which a store overrides when it can do
    better (one query instead of many).
    """

    name: str = "store"

    def describe(self) -> str:
        """The store in use, for messages: ``the embedded store /abs/data/graph.json.gz``, ``the neo4j store at bolt://...``."""
        path = getattr(self, "path", None)
        if path is not None:
            return f"the {self.name} store {Path(path).resolve()}"
        uri = getattr(self, "uri", None)
        return f"the {self.name} store at {uri}" if uri else f"the {self.name} store"

    @property
    def revision(self) -> int | None:
        """None: this store cannot tell whether the graph changed (see :attr:`GraphReader.revision`)."""
        return None

    def change_mark(self) -> str | None:
        """None: this store keeps no mark of its changes (see :meth:`GraphReader.change_mark`)."""
        return None

    def save(self) -> Path | None:
        """Nothing to do: this store persists every write (see :meth:`GraphWriter.save`)."""
        return None

    def load(self, data: GraphData, batch_size: int = DEFAULT_BATCH_SIZE) -> LoadReport:
        """Upsert a batch: nodes first, then relationships. Idempotent."""
        t0 = time.perf_counter()
        merged = data.merged()
        report = LoadReport()
        report.nodes = self.upsert_nodes(merged.nodes, batch_size=batch_size)
        report.relationships = self.upsert_relationships(merged.relationships, batch_size=batch_size)
        report.seconds = time.perf_counter() - t0
        return report

    def loaded_documents(self) -> set[str]:
        """IRIs of the documents whose load finished: ingest skips only these.

        This default is every Document node (a store whose load is one unit,
        as the embedded one's); a store that can be left with part of a
        document (Neo4j, above its single-transaction limit) overrides it.
        """
        return {n.iri for n in self.nodes(kinds=[Kind.DOCUMENT])}

    def linked_pages(self, iri: str, pages: Iterable[LinkedPage]) -> dict[tuple[str, bool], list[Node]]:
        """Several pages of linked nodes (see :meth:`GraphReader.linked_pages`).

        This default asks :meth:`linked` per page; a store with round trips (Neo4j) overrides it with one read.
        """
        wanted = {(Rel(t).value, bool(out)): (offset, limit) for t, out, offset, limit in pages}
        if not wanted and not self.has_node(iri):
            msg = f"no node has the IRI {iri!r}"
            raise NodeNotFoundError(msg)
        return {key: self.linked(iri, key[0], key[1], *page) for key, page in wanted.items()}

    def node_links(
        self, iri: str, first: int, whole: int = 0, skip: Iterable[tuple[Rel | str, bool]] = ()
    ) -> NodeLinks:
        """A node, its link counts and its groups' first pages (see :meth:`GraphReader.node_links`).

        This default asks :meth:`get_node`, :meth:`link_counts` and :meth:`linked_pages`; a store with round
        trips (Neo4j) overrides it with one read.
        """
        detail = self.get_node(iri)
        counts = self.link_counts(iri)
        left = {(Rel(t).value, bool(out)) for t, out in skip}
        wanted: list[LinkedPage] = [
            (t, out, 0, first_page_size(n, first, whole)) for (t, out), n in counts.items() if (t, out) not in left
        ]
        return NodeLinks(detail, counts, self.linked_pages(iri, wanted) if wanted else {})

    def evidence_of(self, iris: Iterable[str]) -> dict[str, list[Evidence]]:
        """The evidence of many nodes (see :meth:`GraphReader.evidence_of`).

        This default asks :meth:`get_node` per node; stores override it with one read.
        """
        out: dict[str, list[Evidence]] = {}
        for iri in dict.fromkeys(iris):
            try:
                out[iri] = list(self.get_node(iri).evidence)
            except NodeNotFoundError:
                out[iri] = []
        return out

    def projection(
        self,
        kinds: Iterable[Kind | str] | None,
        props: Iterable[Prop | str],
        rel_types: Iterable[Rel | str] | None,
    ) -> Projection:
        """Nodes and relationships as plain tuples (see :meth:`GraphReader.projection`).

        This default reads through :meth:`nodes` and :meth:`relationships`;
        stores override it with a cheaper read.
        """
        names = prop_names(props)
        kind_list = list(kinds) if kinds is not None else None
        type_list = list(rel_types) if rel_types is not None else None
        nodes = [
            (n.iri, Kind(n.kind).value, n.label, tuple(n.props.get(p) for p in names))
            for n in self.nodes(kinds=kind_list)
        ]
        rels = [(r.source, Rel(r.type).value, r.target) for r in self.relationships(types=type_list)]
        return Projection(props=names, nodes=nodes, relationships=rels)

    def dump(self) -> GraphData:
        """The whole graph in memory (small graphs only)."""
        return GraphData(nodes=list(self.iter_nodes()), relationships=list(self.iter_relationships()))

    def close(self) -> None:
        """Release connections or files. The default does nothing."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
