"""Every Cypher statement of the project's stores.

Values always travel as parameters (``$rows``, ``$iri``, ...). The only text
spliced into a statement is a node label or relationship type taken from the
:mod:`graph.schema` enums, through :func:`label_of` and :func:`type_of`, which
refuse anything else; no user text ever reaches a query string.

Every node carries the extra label :data:`graph.schema.NODE_LABEL` whose
uniqueness constraint on ``iri`` serves all lookups by IRI.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.schema import LOADING_LABEL, NODE_LABEL, Kind, Prop, Rel, SearchKey, labels

ALL_LABELS: tuple[str, ...] = (NODE_LABEL, *(k.value for k in Kind))
"""Labels that get a uniqueness constraint on ``iri``."""


def label_of(kind: Kind | str) -> str:
    """A label from the enum (or ``Node``, ``Loading``), backtick-quoted; anything else is refused."""
    text = kind if kind in (NODE_LABEL, LOADING_LABEL) else Kind(kind).value
    return f"`{text}`"


def type_of(rel: Rel | str) -> str:
    """A relationship type from the enum, backtick-quoted; anything else is refused."""
    return f"`{Rel(rel).value}`"


def constraint_name(label: str) -> str:
    """Name of the ``iri`` uniqueness constraint of a label."""
    if label != NODE_LABEL:
        label = Kind(label).value
    return f"alliancekg_{label.lower()}_iri"


def constraint_query(label: str) -> str:
    """Create the ``iri`` uniqueness constraint of a label (idempotent)."""
    quoted = label_of(label)
    return f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS FOR (n:{quoted}) REQUIRE n.iri IS UNIQUE"


LIST_CONSTRAINTS = (
    "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type RETURN name, labelsOrTypes, properties, type"
)

SEARCH_INDEXES: tuple[tuple[str, str], ...] = (
    (
        "alliancekg_node_search_name",
        f"FOR (n:{label_of(NODE_LABEL)}) ON (n.{SearchKey.NAME.value})",
    ),
    (
        "alliancekg_node_search_aliases",
        f"FOR (n:{label_of(NODE_LABEL)}) ON (n.{SearchKey.ALIAS_TEXT.value})",
    ),
    (
        "alliancekg_mention_search_text",
        f"FOR (n:{label_of(Kind.MENTION)}) ON (n.{SearchKey.TEXT.value})",
    ),
)
"""Name and target of the TEXT indexes that serve ``CONTAINS`` in :data:`FIND_BY_NAME`, :data:`FIND_BY_ALIAS`,
:data:`FIND_BY_EVIDENCE` and :data:`SEARCH` (a text index answers a substring test without a scan)."""

DATE_INDEX = ("alliancekg_node_date", f"FOR (n:{label_of(NODE_LABEL)}) ON (n.{Prop.DATE.value})")
"""Name and target of the RANGE index that serves :data:`FIND_BY_DATE` (a date prefix read as a range)."""


def search_index_queries() -> list[tuple[str, str]]:
    """``(name, statement)`` creating each index of the search (idempotent)."""
    made = [(name, f"CREATE TEXT INDEX {name} IF NOT EXISTS {target}") for name, target in SEARCH_INDEXES]
    name, target = DATE_INDEX
    made.append((name, f"CREATE RANGE INDEX {name} IF NOT EXISTS {target}"))
    return made


AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
"""Wait until every index is online (a new index is populated in the background)."""

UNKEYED_NODES = (
    f"MATCH (n:{label_of(NODE_LABEL)}) WHERE n.{SearchKey.NAME.value} IS NULL "
    f"OR (n:{label_of(Kind.MENTION)} AND n.{Prop.TEXT.value} IS :: STRING NOT NULL "
    f"AND n.{SearchKey.TEXT.value} IS NULL) "
    f"RETURN n.iri AS iri, n.kind AS kind, n.label AS label, n.{Prop.ALT_LABELS.value} AS alts, "
    f"n.{Prop.TEXT.value} AS text LIMIT $batch"
)
"""Nodes written without their search keys (by an older version): what :func:`SET_SEARCH_KEYS` computes them from."""

SEARCH_KEYS_COMPLETE = (
    f"CALL () {{ MATCH (n:{label_of(NODE_LABEL)}) RETURN count(n) AS nodes }} "
    f"CALL () {{ MATCH (n:{label_of(NODE_LABEL)}) WHERE n.{SearchKey.NAME.value} IS :: STRING NOT NULL "
    "RETURN count(n) AS named } "
    f"CALL () {{ MATCH (n:{label_of(Kind.MENTION)}) RETURN count(n) AS mentions }} "
    f"CALL () {{ MATCH (n:{label_of(Kind.MENTION)}) WHERE n.{SearchKey.TEXT.value} IS :: STRING NOT NULL "
    "RETURN count(n) AS texted } "
    "RETURN nodes = named AND mentions = texted AS complete"
)
"""True when every node has its name key and every Mention its text key, so :data:`UNKEYED_NODES` would find none.

Counted without reading a node: the label counts come from the count store, the keyed ones from the text
indexes of :data:`SEARCH_INDEXES` (an index scan). False also when a Mention has no text (it needs no key): then
the scan of :data:`UNKEYED_NODES` decides."""

SET_SEARCH_KEYS = (
    f"UNWIND $rows AS row MATCH (n:{label_of(NODE_LABEL)} {{iri: row.iri}}) SET n += row.keys "
    "RETURN count(*) AS written"
)
"""Write computed search keys: ``$rows`` of ``{iri, keys}``."""

_NODE = f"(n:{label_of(NODE_LABEL)} {{iri: row.iri}})"


def upsert_nodes_query(kind: Kind) -> str:
    """Batched upsert of nodes of one kind: ``$rows`` of ``{iri, props}``.

    ``props`` holds ``kind``, ``label`` and the node's properties; the labels
    (``Node`` plus the kind's lineage) are static text from the enum.
    """
    all_labels = ":".join(f"`{name}`" for name in labels(Kind(kind)))
    return (
        f"UNWIND $rows AS row MERGE {_NODE} "
        f"SET n += row.props, n:{all_labels} "
        "RETURN count(*) AS written"
    )


def upsert_relationships_query(rel: Rel) -> str:
    """Batched upsert of relationships of one type: ``$rows`` of ``{source, target, props}``.

    Rows whose ends are missing match nothing; the caller compares the count
    written with the rows sent (and finds the missing IRIs with
    :data:`MISSING_NODES`).
    """
    node = label_of(NODE_LABEL)
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{node} {{iri: row.source}}) "
        f"MATCH (b:{node} {{iri: row.target}}) "
        f"MERGE (a)-[r:{type_of(rel)}]->(b) "
        "SET r += row.props "
        "RETURN count(*) AS written"
    )


def naive_merge_relationship(rel: Rel) -> str:
    """One relationship per statement, the way simple loading scripts do it.

    Not used by the store: it is the baseline ``bench/bench_load.py`` compares
    the batched :func:`upsert_relationships_query` with, kept here so that the
    two differ only in batching (same labels, same ``MERGE``).
    """
    node = label_of(NODE_LABEL)
    return (
        f"MATCH (a:{node} {{iri: $source}}) MATCH (b:{node} {{iri: $target}}) "
        f"MERGE (a)-[r:{type_of(rel)}]->(b) SET r += $props"
    )


BENCH_DELETE_RELATIONSHIPS = (
    f"UNWIND $rows AS row MATCH (a:{label_of(NODE_LABEL)} {{iri: row.s}})"
    f"-[r]->(b:{label_of(NODE_LABEL)} {{iri: row.t}}) WHERE type(r) = row.type DELETE r"
)
"""Delete relationships given as ``$rows`` of ``{s, type, t}`` (``bench/bench_load.py`` makes room for
the naive baseline with it)."""


MISSING_NODES = (
    f"UNWIND $iris AS iri OPTIONAL MATCH (n:{label_of(NODE_LABEL)} {{iri: iri}}) "
    "WITH iri, n WHERE n IS NULL RETURN collect(DISTINCT iri) AS missing"
)

DELETE_NODES = (
    f"UNWIND $iris AS iri MATCH (n:{label_of(NODE_LABEL)} {{iri: iri}}) "
    "WITH DISTINCT n DETACH DELETE n RETURN count(*) AS deleted"
)

CLEAR_ALL = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
"""Empty the database (auto-commit only: it runs its own inner transactions)."""

_N = label_of(NODE_LABEL)
_DEGREE = "COUNT { (n)-->() } + COUNT { (n)<--() }"
_KIND_FILTER = "($kinds IS NULL OR n.kind IN $kinds)"
_WINDOW_FILTER = (
    "(n.date IS NULL OR NOT n.date IS :: DATE "
    "OR (($start IS NULL OR n.date >= $start) AND ($end IS NULL OR n.date <= $end)))"
)

HAS_NODE = f"MATCH (n:{_N} {{iri: $iri}}) RETURN count(n) > 0 AS found"

GET_NODE = f"MATCH (n:{_N} {{iri: $iri}}) RETURN n, {_DEGREE} AS degree"

GET_EVIDENCE = (
    f"MATCH (:{_N} {{iri: $iri}})-[:{type_of(Rel.EVIDENCE)}]->(m:{_N}) "
    f"OPTIONAL MATCH (m)-[:{type_of(Rel.WAS_DERIVED_FROM)}]->(d:{_N}) "
    "WITH m, d ORDER BY d.iri "
    "WITH m, collect(d) AS docs "
    "RETURN m, head(docs) AS doc ORDER BY m.iri"
)

EVIDENCE_OF = (
    f"UNWIND $iris AS iri MATCH (:{_N} {{iri: iri}})-[:{type_of(Rel.EVIDENCE)}]->(m:{_N}) "
    f"OPTIONAL MATCH (m)-[:{type_of(Rel.WAS_DERIVED_FROM)}]->(d:{_N}) "
    "WITH iri, m, d ORDER BY d.iri "
    "WITH iri, m, collect(d) AS docs "
    "RETURN iri, m, head(docs) AS doc"
)
"""The evidence of each of ``$iris`` (distinct IRIs): :data:`GET_EVIDENCE` for many nodes in one read."""

NEIGHBOUR_STEP = (
    f"UNWIND $frontier AS iri MATCH (a:{_N} {{iri: iri}})-[r]-(n:{_N}) "
    "WHERE ($types IS NULL OR type(r) IN $types) "
    f"AND {_KIND_FILTER} AND {_WINDOW_FILTER} "
    "RETURN DISTINCT a.iri AS source, n.iri AS iri"
)
"""One breadth-first step: the filtered neighbours of the ``$frontier`` nodes."""

PATH_STEP = (
    f"UNWIND $frontier AS iri MATCH (a:{_N} {{iri: iri}})-[]-(n:{_N}) "
    f"WHERE (n.iri IN $ends OR ({_KIND_FILTER} AND {_WINDOW_FILTER})) "
    "RETURN DISTINCT a.iri AS source, n.iri AS iri ORDER BY source, iri LIMIT $limit"
)
"""One breadth-first step of a path search: the neighbours of the ``$frontier`` nodes passing the
filters, and the path's ``$ends`` whatever they are; at most ``$limit`` pairs (the search's bound on
what is sent, so a hub's neighbours are not all returned when the search stops after a few), the
first by IRI so that a search stopped at its bound keeps the same paths on every run."""

NEIGHBOUR_STEP_FIRST = (
    f"UNWIND $frontier AS iri MATCH (a:{_N} {{iri: iri}})-[r]-(n:{_N}) "
    "WHERE ($types IS NULL OR type(r) IN $types) "
    f"AND {_KIND_FILTER} AND {_WINDOW_FILTER} "
    "RETURN DISTINCT n.iri AS iri ORDER BY iri LIMIT $limit"
)
"""One breadth-first step under a limit: the first ``$limit`` filtered neighbours by IRI (a hub node's
tens of thousands of neighbours are not all sent when only the first few hundred are kept)."""

LINK_COUNTS = (
    f"MATCH (n:{_N} {{iri: $iri}}) "
    f"CALL (n) {{ MATCH (n)-[r]->(m:{_N}) WHERE m <> n RETURN type(r) AS type, true AS outgoing, count(*) AS links "
    f"UNION ALL MATCH (n)<-[r]-(m:{_N}) WHERE m <> n RETURN type(r) AS type, false AS outgoing, count(*) AS links }} "
    "RETURN type, outgoing, links"
)
"""Links of the node ``$iri`` to other nodes, counted per type and direction (the hub's links are not returned)."""

LINKED_OUT = (
    f"MATCH (n:{_N} {{iri: $iri}})-[r]->(m:{_N}) WHERE type(r) = $type AND m <> n "
    "RETURN m ORDER BY m.iri SKIP $offset LIMIT $limit"
)
"""One page, by IRI, of the nodes the node ``$iri`` links to by relationships of type ``$type``."""

LINKED_IN = (
    f"MATCH (n:{_N} {{iri: $iri}})<-[r]-(m:{_N}) WHERE type(r) = $type AND m <> n "
    "RETURN m ORDER BY m.iri SKIP $offset LIMIT $limit"
)
"""One page, by IRI, of the nodes that link to the node ``$iri`` by relationships of type ``$type``."""

LINKED_PAGES = (
    f"MATCH (n:{_N} {{iri: $iri}}) UNWIND $pages AS page "
    "CALL (n, page) { "
    f"CALL (n, page) {{ MATCH (n)-[r]->(m:{_N}) WHERE page.outgoing AND type(r) = page.type AND m <> n RETURN m "
    f"UNION ALL MATCH (n)<-[r]-(m:{_N}) WHERE NOT page.outgoing AND type(r) = page.type AND m <> n RETURN m }} "
    "WITH m ORDER BY m.iri LIMIT $most RETURN collect(m) AS nodes } "
    "RETURN page.type AS type, page.outgoing AS outgoing, nodes[page.offset..page.offset + page.limit] AS nodes"
)
"""Several pages of :data:`LINKED_OUT` / :data:`LINKED_IN` of the node ``$iri`` in one read: ``$pages`` holds
maps ``{type, outgoing, offset, limit}``; ``$most`` is the largest ``offset + limit`` among them (Cypher's
``LIMIT`` takes no per-row value, so each page reads its first ``$most`` nodes by IRI and keeps its slice)."""

NODES_BY_IRI = f"UNWIND $iris AS iri MATCH (n:{_N} {{iri: iri}}) RETURN n"

NEIGHBOURS_ONE_HOP = (
    f"MATCH (a:{_N} {{iri: $iri}}) "
    f"CALL (a) {{ MATCH (a)-[r]-(n:{_N}) WHERE n <> a AND ($types IS NULL OR type(r) IN $types) "
    f"AND {_KIND_FILTER} AND {_WINDOW_FILTER} "
    "RETURN DISTINCT n ORDER BY n.iri LIMIT $room } "
    "RETURN a, collect(n) AS found"
)
"""A node and its first ``$room`` filtered neighbours by IRI in one read (what :data:`HAS_NODE`,
:data:`NEIGHBOUR_STEP_FIRST` and :data:`NODES_BY_IRI` give for one hop); no row: no node has the IRI. The links
among them are read with :data:`RELATIONSHIPS_AMONG`, whose ``IN $iris`` Neo4j looks up as a set (``IN`` a list
built in the query is a scan of the list per link, 0.3-0.5 s for a hub's 23,000 links)."""

NODE_LINKS = (
    f"MATCH (n:{_N} {{iri: $iri}}) WITH n, {_DEGREE} AS degree "
    f"CALL (n) {{ MATCH (n)-[:{type_of(Rel.EVIDENCE)}]->(m:{_N}) "
    f"OPTIONAL MATCH (m)-[:{type_of(Rel.WAS_DERIVED_FROM)}]->(d:{_N}) "
    "WITH m, d ORDER BY d.iri WITH m, collect(d) AS docs WITH m, head(docs) AS doc ORDER BY m.iri "
    "RETURN collect({m: m, doc: doc}) AS evidence } "
    "CALL (n) { "
    f"CALL (n) {{ MATCH (n)-[r]->(m:{_N}) WHERE m <> n RETURN type(r) AS type, true AS outgoing, count(*) AS links "
    f"UNION ALL MATCH (n)<-[r]-(m:{_N}) WHERE m <> n RETURN type(r) AS type, false AS outgoing, count(*) AS links }} "
    "RETURN collect({type: type, outgoing: outgoing, links: links}) AS counts } "
    "CALL (n, counts) { UNWIND counts AS c WITH c WHERE NOT [c.type, c.outgoing] IN $skip "
    "CALL (n, c) { "
    f"CALL (n, c) {{ MATCH (n)-[r]->(m:{_N}) WHERE c.outgoing AND type(r) = c.type AND m <> n RETURN m "
    f"UNION ALL MATCH (n)<-[r]-(m:{_N}) WHERE NOT c.outgoing AND type(r) = c.type AND m <> n RETURN m }} "
    "WITH m ORDER BY m.iri LIMIT $most RETURN collect(m) AS nodes } "
    "RETURN collect({type: c.type, outgoing: c.outgoing, "
    "nodes: nodes[0..(CASE WHEN c.links <= $whole THEN c.links ELSE $first END)]}) AS pages } "
    "RETURN n, degree, evidence, counts, pages"
)
"""What a details panel reads, in one read: the node ``$iri`` and its degree (:data:`GET_NODE`), its evidence
(:data:`GET_EVIDENCE`), its links counted per type and direction (:data:`LINK_COUNTS`) and the first page by
IRI of each group of links not in ``$skip`` (``[type, outgoing]`` pairs): the whole group when it has at
most ``$whole`` links, else its first ``$first`` (:data:`LINKED_PAGES`; ``$most`` is the larger of the two).
No row: no node has the IRI."""

RELATIONSHIPS_AMONG = (
    f"UNWIND $iris AS iri MATCH (a:{_N} {{iri: iri}})-[r]->(b:{_N}) "
    "WHERE b.iri IN $iris AND ($types IS NULL OR type(r) IN $types) "
    "RETURN a.iri AS source, type(r) AS type, b.iri AS target, properties(r) AS props"
)

SUBGRAPH_NODES = f"MATCH (n:{_N}) WHERE {_KIND_FILTER} AND {_WINDOW_FILTER} RETURN n.iri AS iri"

SUBGRAPH_TOP_NODES = (
    f"MATCH (n:{_N}) WHERE {_KIND_FILTER} AND {_WINDOW_FILTER} "
    f"WITH n, {_DEGREE} AS degree "
    "RETURN n.iri AS iri ORDER BY degree DESC, n.iri LIMIT $limit"
)

LIST_NODES = f"MATCH (n:{_N}) WHERE {_KIND_FILTER} RETURN n ORDER BY n.iri SKIP $offset LIMIT $limit"

LIST_RELATIONSHIPS = (
    f"MATCH (a:{_N})-[r]->(b:{_N}) WHERE $types IS NULL OR type(r) IN $types "
    "WITH a.iri AS source, type(r) AS type, b.iri AS target, properties(r) AS props "
    "RETURN source, type, target, props ORDER BY source, type, target LIMIT $limit"
)

COUNT_BY_KIND = f"MATCH (n:{_N}) RETURN n.kind AS kind, count(*) AS count"

COUNT_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"

INCIDENTS_BETWEEN = (
    f"MATCH (n:{label_of(Kind.INCIDENT)}) WHERE n.kind IN $kinds AND n.date IS :: DATE NOT NULL "
    "AND ($start IS NULL OR n.date >= $start) AND ($end IS NULL OR n.date <= $end) "
    "RETURN n ORDER BY n.date, n.iri"
)

_NAME_KEY = f"n.{SearchKey.NAME.value}"

SEARCH = (
    f"MATCH (n:{_N}) WHERE {_NAME_KEY} CONTAINS $needle AND {_KIND_FILTER} "
    f"WITH n, {_NAME_KEY} AS low "
    "RETURN n ORDER BY CASE WHEN low = $needle THEN 0 WHEN low STARTS WITH $needle THEN 1 ELSE 2 END, "
    "n.label, n.iri LIMIT $limit"
)

_NOT_MENTION = f"n.kind <> '{Kind.MENTION.value}'"

FIND_BY_NAME = (
    f"MATCH (n:{_N}) WHERE {_NAME_KEY} CONTAINS $needle AND {_NOT_MENTION} "
    f"WITH n, {_NAME_KEY} AS low "
    "RETURN n, n.label AS text ORDER BY CASE WHEN low = $needle THEN 0 WHEN low STARTS WITH $needle THEN 1 ELSE 2 END, "
    "n.label, n.iri LIMIT $limit"
)
"""Nodes whose label contains ``$needle`` (lower-cased), exact and prefix matches first (text index on the
lower-cased label)."""

_ALIASES = f"n.{SearchKey.ALIASES.value}"

FIND_BY_ALIAS = (
    f"MATCH (n:{_N}) WHERE n.{SearchKey.ALIAS_TEXT.value} CONTAINS $needle AND {_NOT_MENTION} "
    f"WITH n, [i IN range(0, size({_ALIASES}) - 1) WHERE {_ALIASES}[i] CONTAINS $needle "
    f"| n.{Prop.ALT_LABELS.value}[i]] AS hits WHERE size(hits) > 0 "
    "RETURN n, hits[0] AS text ORDER BY n.label, n.iri LIMIT $limit"
)
"""Nodes one of whose ``altLabels`` contains ``$needle`` (the first such alias): the joined aliases' text index
finds the candidates, each alias is then tested on its own."""

FIND_BY_DATE = (
    f"MATCH (n:{_N}) WHERE n.date >= $first AND n.date <= $last AND {_NOT_MENTION} "
    "RETURN n, toString(n.date) AS text ORDER BY n.date, n.iri LIMIT $limit"
)
"""Dated nodes whose ISO date starts with a year, month or day prefix, given as its first and last day
(``$first``, ``$last``: :func:`graph.store.date_prefix_range`; a range index on the date)."""

FIND_BY_EVIDENCE = (
    f"MATCH (m:{label_of(Kind.MENTION)}) WHERE m.{SearchKey.TEXT.value} CONTAINS $needle "
    f"MATCH (n:{_N})-[:{type_of(Rel.EVIDENCE)}]->(m) WHERE {_NOT_MENTION} "
    "WITH DISTINCT n ORDER BY n.label, n.iri LIMIT $limit "
    f"CALL (n) {{ MATCH (n)-[:{type_of(Rel.EVIDENCE)}]->(f:{label_of(Kind.MENTION)}) "
    f"WHERE f.{SearchKey.TEXT.value} CONTAINS $needle RETURN f ORDER BY f.iri LIMIT 1 }} "
    "RETURN n, f.text AS text ORDER BY n.label, n.iri"
)
"""Nodes one of whose evidence mentions' text contains ``$needle`` (the first such mention by IRI): the mentions
come from the text index on their lower-cased text, then the nodes they evidence; only the listed nodes' matching
mentions are read again, for the first one's text (a common word matches ~30,000 mentions of 16,000 nodes of the
100k-node graph: their IRIs are no longer read to keep each node's first)."""

ITER_NODES = f"MATCH (n:{_N}) WHERE n.iri > $after RETURN n ORDER BY n.iri LIMIT $batch"

ITER_RELATIONSHIPS = (
    f"MATCH (a:{_N}) WHERE a.iri > $after WITH a ORDER BY a.iri LIMIT $batch "
    "OPTIONAL MATCH (a)-[r]->(b) "
    "RETURN a.iri AS source, type(r) AS type, b.iri AS target, properties(r) AS props"
)
"""Relationships of the next ``$batch`` source nodes after ``$after`` (keyset paging)."""

MARK_LOADING = f"UNWIND $iris AS iri MATCH (n:{_N} {{iri: iri}}) SET n:{label_of(LOADING_LABEL)}"
"""Mark nodes (a large load's documents) as not completely loaded yet."""

MARK_LOADED = f"UNWIND $iris AS iri MATCH (n:{_N} {{iri: iri}}) REMOVE n:{label_of(LOADING_LABEL)}"
"""Take the mark off: the load of those documents finished."""

LOADED_DOCUMENTS = f"MATCH (d:{label_of(Kind.DOCUMENT)}) WHERE NOT d:{label_of(LOADING_LABEL)} RETURN d.iri AS iri"
"""IRIs of the documents whose load finished."""

CHANGE_MARK_PROBE = "RETURN 1 AS probe"
"""The smallest read: run for the bookmark the server sends back, which names the last committed transaction."""

COUNT_NODES = f"MATCH (n:{_N}) RETURN count(n) AS count"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS count"
DUPLICATE_IRIS = f"MATCH (n:{_N}) WITH n.iri AS iri, count(*) AS c WHERE c > 1 RETURN count(iri) AS duplicates"
"""IRIs held by more than one node (must be zero; the constraint guarantees it)."""

IRIS_BY_ELEMENT_ID = "UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id RETURN id, n.iri AS iri"
"""IRIs of nodes known only by element id (ends of relationships returned alone)."""

SERVER_INFO = "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition"


def projection_nodes_query(kinds: Iterable[Kind | str] | None) -> str:
    """The slim read of nodes behind ``GraphStore.projection``: one row per kind, in columns.

    ``$kinds`` (kind names, subclasses expanded) filters on the ``kind``
    property as :data:`LIST_NODES` does; the labels of the given kinds (static
    text from the enum, None: ``Node``) only narrow the scan. Each row holds
    ``kind``, its nodes' ``iris`` and ``labels`` (parallel lists) and
    ``values``: the values of ``$props`` of every node, one flat list (node
    ``i``'s values are ``values[i * size($props):(i + 1) * size($props)]``). A
    date comes as ``{date: "YYYY-MM-DD"}`` (a map, which no property can be),
    as building the driver's ``Date`` objects cost more than the rest of the
    read. Columns, not a list per node: the driver then builds one Python
    object per value, not two lists and a fresh ``kind`` string per node
    (~10^5 nodes), and the client slices tuples out of the flat list.
    """
    names = sorted({Kind(k).value for k in kinds}) if kinds is not None else [NODE_LABEL]
    match = "|".join(label_of(name) for name in names) if names else label_of(NODE_LABEL)
    return (
        f"MATCH (n:{match}) WHERE {_KIND_FILTER} "
        "WITH n.kind AS kind, collect(n) AS ns "
        "WITH kind, ns, size($props) AS width "
        "WITH kind, ns, [i IN range(0, size(ns) * width - 1) | ns[i / width][$props[i % width]]] AS flat "
        "RETURN kind, [n IN ns | n.iri] AS iris, [n IN ns | n.label] AS labels, "
        "[v IN flat | CASE WHEN v IS :: DATE NOT NULL THEN {date: toString(v)} ELSE v END] AS values"
    )


def projection_relationships_query(rel_types: Iterable[Rel | str] | None) -> str:
    """The slim read of relationships behind ``GraphStore.projection``: one row
    per type, holding the ``sources`` and ``targets`` IRIs of its relationships
    as parallel lists (see :func:`projection_nodes_query`: no list and no type
    string per relationship).

    The types are static text from the enum (None: every type); an empty
    list of types matches nothing.
    """
    if rel_types is None:
        pattern = "[r]"
    else:
        names = sorted({Rel(t).value for t in rel_types})
        if not names:
            return "UNWIND [] AS type RETURN type, [] AS sources, [] AS targets"
        pattern = "[r:" + "|".join(type_of(name) for name in names) + "]"
    return (
        f"MATCH (a:{_N})-{pattern}->(b:{_N}) WITH type(r) AS type, collect([a, b]) AS ends "
        "RETURN type, [e IN ends | e[0].iri] AS sources, [e IN ends | e[1].iri] AS targets"
    )
