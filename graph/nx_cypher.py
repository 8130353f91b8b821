"""Cypher on the embedded store: an analyst's read-only query, answered by grand-cypher.

:func:`run` checks the query with :func:`graph.cypher_guard.check_read_only`,
rewrites it for the :mod:`grandcypher` interpreter (:func:`prepare_query`),
runs it over a graph laid out as described below, and shapes the answer as
Neo4j's would be (:func:`shape`). The subset: ``MATCH`` (several), node labels
(``:Incident`` matches every kind of incident; ``:A|B`` is either),
relationship types, directed and variable-length patterns
(``-[:REAFFIRMS*1..3]->``), ``WHERE`` with comparisons, ``AND``/``OR``/``NOT``,
``IN``, ``CONTAINS``, ``STARTS WITH``, ``IS NULL``,
``toLower``/``toUpper``/``size``/``type``/``coalesce``, ``RETURN`` with
aliases, ``DISTINCT``, ``count``/``sum``/``avg``/``min``/``max``/``collect``
(``count(*)`` included), ``ORDER BY``, ``SKIP``, ``LIMIT``.

* Parameters: grand-cypher has no ``$param``; each parameter is replaced by
  one literal built from its value (:func:`literal_of`): only ``None``,
  bools, ints, finite floats, strings, dates and lists of those are accepted,
  and strings are escaped so that nothing in them can end the literal. The
  user's text is never pasted into the query.
* Dates: ``date('2017-01-01')`` and date parameters become ISO strings, and
  stored dates (:class:`CypherDate`) compare with ISO strings. Neo4j compares
  a date with a string as null, so write ``date(...)`` or use a parameter to
  get the same answer from both stores.
* Undirected patterns (``(a)-[r]-(b)``) are refused: grand-cypher would
  answer them with no rows. ``WITH``, ``OPTIONAL MATCH``, ``UNWIND``,
  ``CALL``, list comprehensions and other clauses raise
  :class:`~graph.errors.UnsupportedQueryError`, which says how to point
  alliancekg at Neo4j (``NEO4J_URI``).
* Bounds: the interpreter cannot be interrupted, so each query runs in a
  worker process forked for it (:func:`run`), which shares the graph
  copy-on-write, may allocate a bounded amount of memory
  (:data:`DEFAULT_QUERY_MEMORY`) and is killed at the timeout. The store is
  held only for the fork. Matching stops after the row limit (plus one row,
  to tell that more exist) unless the query sorts, aggregates or asks for
  distinct rows. At most :data:`MAX_QUERY_WORKERS` queries run at once.

The graph's layout
------------------
Grand-cypher matches labels and relationship types through a ``__labels__``
attribute and compares property values with Python operators, so the
embedded store keeps its graph in the shape this module reads: nodes keyed by
IRI whose attributes are the node's flat properties (``iri``, ``kind``,
``label`` and the rest) plus ``__labels__``, the set of the node's Neo4j
labels; edges keyed by relationship type (at most one per ``(source, type,
target)``) whose attributes are its properties plus ``__labels__``
(``{type}``), ``__source__`` and ``__target__``. Dates are kept as
:class:`CypherDate`; :func:`plain_value` gives the plain value back.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import os
import pickle
import resource  # at import, never in a worker: another thread may hold the import lock at the fork
import select
import signal
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any, NoReturn

import networkx as nx

from graph import cypher_diagnose, cypher_guard
from graph.errors import QueryError, QueryTimeoutError, UnsupportedQueryError
from graph.model import CypherResult, GraphData, Node, PropertyValue, Relationship
from graph.schema import Kind, Prop, Rel, labels

LABELS_ATTR = "__labels__"
SOURCE_ATTR = "__source__"
TARGET_ATTR = "__target__"
HIDDEN_ATTRS = frozenset({LABELS_ATTR, SOURCE_ATTR, TARGET_ATTR})
"""Attributes the layout adds for grand-cypher; not properties of the element."""
STRUCTURAL_ATTRS = frozenset({Prop.IRI.value, Prop.KIND.value, Prop.LABEL.value})

LABEL_SETS: dict[str, frozenset[str]] = {k.value: frozenset(labels(k)) for k in Kind}
"""``__labels__`` of a node, by kind name."""
TYPE_SETS: dict[str, frozenset[str]] = {r.value: frozenset({r.value}) for r in Rel}
"""``__labels__`` of an edge, by relationship type."""

NEEDS_NEO4J_HINT = (
    "The embedded store answers a read-only subset of Cypher (MATCH ... WHERE ... RETURN ... ORDER BY/SKIP/LIMIT, "
    "labels and relationship types, double- or single-quoted strings, $parameters). This query needs Neo4j: start "
    "one (`scripts/neo4j-local start` or docker compose), then set NEO4J_URI (and NEO4J_USERNAME/NEO4J_PASSWORD) "
    "and ALLIANCEKG_STORE=neo4j, or pass --store neo4j."
)


class CypherDate:
    """A stored date: compares with other stored dates and with the ISO text of a day.

    The embedded Cypher subset has no date values, so ``WHERE i.date >=
    date('2017-01-01')`` (or a ``datetime.date`` parameter) reaches
    grand-cypher as the string ``"2017-01-01"``. A stored date equals the
    canonical ISO text of its day (``YYYY-MM-DD``) and hashes as that text,
    so equality and hashing agree (``DISTINCT`` and grouping hash values). It
    orders against stored dates and canonical ISO text; against anything
    else it refuses (``TypeError``, which grand-cypher reads as null, as
    Neo4j does). It is not a :class:`datetime.date`, and equals none: only
    the store sees this class, and it hands out plain dates (``date``).

    >>> d = CypherDate(dt.date(2017, 10, 28))
    >>> d == "2017-10-28", d == CypherDate(dt.date(2017, 10, 28)), hash(d) == hash("2017-10-28")
    (True, True, True)
    >>> d < "2018-01-01", d > CypherDate(dt.date(2017, 1, 1)), d == "20171028", d == dt.date(2017, 10, 28)
    (True, True, False, False)
    """

    __slots__ = ("date",)

    def __init__(self, day: dt.date) -> None:
        self.date = day if type(day) is dt.date else dt.date(day.year, day.month, day.day)
        """The plain date."""

    def __repr__(self) -> str:
        return f"CypherDate({self.date.isoformat()!r})"

    def __str__(self) -> str:
        return self.date.isoformat()

    def __eq__(self, other: object) -> bool:
        if type(other) is CypherDate:
            return self.date == other.date
        if isinstance(other, str):
            return self.date == _day_of_text(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.date.isoformat())

    @staticmethod
    def _day(other: object) -> dt.date | None:
        """``other`` as a date when it is a stored date or canonical ISO text, else None."""
        if type(other) is CypherDate:
            return other.date
        if isinstance(other, str):
            return _day_of_text(other)
        return None

    def __lt__(self, other: object) -> bool:
        day = self._day(other)
        return NotImplemented if day is None else self.date < day

    def __le__(self, other: object) -> bool:
        day = self._day(other)
        return NotImplemented if day is None else self.date <= day

    def __gt__(self, other: object) -> bool:
        day = self._day(other)
        return NotImplemented if day is None else self.date > day

    def __ge__(self, other: object) -> bool:
        day = self._day(other)
        return NotImplemented if day is None else self.date >= day


@lru_cache(maxsize=4096)
def _day_of_text(text: str) -> dt.date | None:
    """The day whose canonical ISO text (``YYYY-MM-DD``) is ``text``, else None.

    Remembered: a query compares every stored date with the same few literals.
    """
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if day.isoformat() == text else None


def stored_value(value: PropertyValue) -> Any:
    """A property value as the graph keeps it (dates become :class:`CypherDate`, lists are copied)."""
    if isinstance(value, dt.date):
        return CypherDate(value)
    if isinstance(value, list):
        return list(value)
    return value


def plain_value(value: Any) -> Any:
    """A value of the graph as handed out: plain dates, copied lists."""
    if type(value) is CypherDate:
        return value.date
    if isinstance(value, list):
        return list(value)
    return value


def node_from_attrs(attrs: dict[str, Any]) -> Node:
    """The :class:`Node` whose attributes (in this layout) are ``attrs``."""
    props = {k: plain_value(v) for k, v in attrs.items() if k not in STRUCTURAL_ATTRS and k not in HIDDEN_ATTRS}
    return Node.model_construct(
        iri=attrs[Prop.IRI.value], kind=Kind(attrs[Prop.KIND.value]), label=attrs[Prop.LABEL.value], props=props
    )


def rel_from_attrs(source: str, target: str, rtype: str, attrs: dict[str, Any]) -> Relationship:
    """The :class:`Relationship` of an edge whose attributes (in this layout) are ``attrs``."""
    props = {k: plain_value(v) for k, v in attrs.items() if k not in HIDDEN_ATTRS}
    return Relationship.model_construct(type=Rel(rtype), source=source, target=target, props=props)


# -- running -------------------------------------------------------------------------

DEFAULT_QUERY_MEMORY = 1 << 30
"""Bytes a query's worker may allocate beyond what the server already holds (1 GiB)."""
MAX_QUERY_WORKERS = 4
"""Queries answered at once by one server process; a further query waits for a free worker within its timeout."""

_WORKERS = threading.BoundedSemaphore(MAX_QUERY_WORKERS)
_CHILD_FAILED = 70
"""Exit status of a worker that could not even report its failure."""


def run(
    snapshot: Callable[[float], AbstractContextManager[nx.MultiDiGraph]],
    query: str,
    params: dict[str, Any],
    limit: int,
    timeout: float,
    memory: int = DEFAULT_QUERY_MEMORY,
) -> CypherResult:
    """Answer a read-only query with grand-cypher in a worker process, within ``timeout`` seconds.

    The worker is a fork of this process: it reads the graph as it was at the
    fork (the operating system shares its pages copy-on-write), so the store
    is held only for the fork itself. ``snapshot(wait)`` gives the graph and
    keeps every write out while it is held; it gives up after ``wait``
    seconds. The worker may allocate ``memory`` bytes beyond the server's
    size (``RLIMIT_AS``) and is killed at the timeout, so no query outlives
    its answer. Matching stops after ``limit + 1`` rows unless the query
    sorts, aggregates or asks for distinct rows (those need every match): the
    row limit bounds the work, not only the answer.

    Raises:
        WriteNotAllowedError: the query would change the graph.
        QueryError: the query is malformed, a parameter is missing or not a
            plain value, the worker needed more than ``memory`` bytes, or no
            answer came within ``timeout`` seconds.
        UnsupportedQueryError: grand-cypher cannot answer it (it needs Neo4j).
    """
    cypher_guard.check_read_only(query)
    text, columns = prepare_query(query, params)
    types = type_columns(query)
    deadline = time.monotonic() + timeout
    _interpreter()  # imported here: a worker must not import (another thread may hold the import lock at the fork)
    if not _WORKERS.acquire(timeout=timeout):
        msg = f"query timed out after {timeout:g}s: {MAX_QUERY_WORKERS} other queries held every worker"
        raise QueryTimeoutError(msg, timeout=timeout)
    try:
        with snapshot(max(0.0, deadline - time.monotonic())) as graph:
            read_end, write_end = os.pipe()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)  # threaded server: the child only reads
                    pid = os.fork()
            except OSError as e:  # no memory or process slot for a worker
                os.close(read_end)
                os.close(write_end)
                msg = f"could not start a worker for the query ({e.strerror or e}); try again"
                raise QueryError(msg) from e
            if pid == 0:  # the worker: answer, report, and never return into the caller's code
                os.close(read_end)
                _answer_in_worker(write_end, graph, text, columns, limit, types, memory, timeout)
            # closed before the lock is let go: a worker forked for the next query must not inherit it,
            # or this query would see no end of its answer until that worker ends
            os.close(write_end)
        try:
            payload = _read_answer(read_end, deadline, memory)
        finally:
            os.close(read_end)
            status = _reap(pid)
    finally:
        _WORKERS.release()
    return _outcome(payload, status, timeout, memory, query, text)


def _answer_in_worker(
    fd: int,
    graph: nx.MultiDiGraph,
    text: str,
    columns: list[str],
    limit: int,
    types: set[str],
    memory: int,
    timeout: float,
) -> NoReturn:
    """The worker's whole life: cap itself, run the query, write the pickled outcome to ``fd``, exit."""
    status = _CHILD_FAILED
    try:
        # The collector would walk every object the worker shares with the server, copying each page it
        # touches; a worker lives for one query, so reference counting alone frees its garbage.
        gc.disable()
        try:
            _cap_worker(memory, timeout)
            answer: tuple[Any, ...] = ("ok", shape(_grand_cypher(graph, text, limit + 1), columns, limit, types))
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = _MEMORY_PAYLOAD
        except Exception as e:  # any failure of the interpreter is reported to the caller
            first = str(e).strip().splitlines()[0] if str(e).strip() else ""
            line, column = getattr(e, "line", None), getattr(e, "column", None)
            where = (line, column) if isinstance(line, int) and isinstance(column, int) else (None, None)
            payload = pickle.dumps(("error", type(e).__name__, first[:500], *where))
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        status = 0
    finally:
        os._exit(status)


MAX_ANSWER_BYTES = 64 << 20
"""Most bytes of one answer the server reads back from a worker (its rows, pickled)."""
_TOO_LARGE = b"\0too-large"
"""What ``_read_answer`` returns for an answer past the bound (compared by identity)."""

_MEMORY_PAYLOAD = pickle.dumps(("memory",))
"""Built before any worker runs: a worker out of memory may not be able to build it."""


def _cap_worker(memory: int, timeout: float) -> None:
    """Bound the worker: address space (its size at the fork plus ``memory``) and CPU time (a backstop
    should the server die before it can kill the worker at the timeout)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return  # no /proc: the timeout still bounds the worker
    resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    cpu = int(timeout) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _read_answer(fd: int, deadline: float, memory: int) -> bytes | None:
    """Everything the worker writes to ``fd``, or None when it did not finish by ``deadline``
    (or wrote more than ``memory`` bytes)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > min(memory, MAX_ANSWER_BYTES):
            return _TOO_LARGE
        chunks.append(chunk)


def _reap(pid: int) -> int:
    """Kill the worker if it still runs and collect it; its wait status."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        os.kill(pid, signal.SIGKILL)
    except (ChildProcessError, ProcessLookupError):
        return 0
    return os.waitpid(pid, 0)[1]


def _outcome(
    payload: bytes | None, status: int, timeout: float, memory: int, query: str, text: str
) -> CypherResult:
    """The result the worker reported, or the error its end means (``query`` as typed, ``text`` as run)."""
    if payload is None:
        msg = f"query timed out after {timeout:g}s"
        raise QueryTimeoutError(msg, timeout=timeout)
    if payload is _TOO_LARGE:
        msg = (
            f"the answer is larger than {min(memory, MAX_ANSWER_BYTES) // (1 << 20)} MB; "
            "return fewer or smaller values (a LIMIT, fewer columns)"
        )
        raise QueryError(msg)
    answer: Any
    try:
        answer = pickle.loads(payload) if payload else ("died", status)
    except Exception:  # a worker killed while writing leaves a cut pickle
        answer = ("died", status)
    if answer[0] == "ok":
        result: CypherResult = answer[1]
        return result
    failed = answer[0] == "died" and os.WIFEXITED(status) and os.WEXITSTATUS(status) == _CHILD_FAILED
    if answer[0] == "memory" or failed:
        msg = (
            f"the query needed more than the {memory // (1 << 20)} MB a query may use; "
            "narrow it (a WHERE, a LIMIT) or use Neo4j"
        )
        raise QueryError(msg)
    if answer[0] == "died":
        msg = f"the query's worker stopped before answering (wait status {status})"
        raise QueryError(msg)
    _kind, name, first, line, column = answer
    raise cypher_diagnose.interpreter_failure(query, text, name, first, line, column)


def _grand_cypher(graph: nx.MultiDiGraph, text: str, cap: int) -> dict[Any, list[Any]]:
    """Grand-cypher's answer to ``text``, matching at most ``cap`` rows when the query allows it.

    The cap is set on the parsed query, never written into its text: a
    query's own ``LIMIT`` stays when it is lower. Queries that aggregate or
    ask for distinct rows need every match and are not capped; grand-cypher
    itself keeps matching past the cap when the query sorts.
    """
    grand_cypher, grammar, streaming = _interpreter()
    transformer = grand_cypher(graph)._transformer
    executor = transformer._executors[0]
    executor.__class__ = streaming
    transformer.transform(grammar.parse(text))
    if not executor._aggregate_functions and not executor._distinct:
        executor._limit = cap if executor._limit is None else min(executor._limit, cap)
    answer: dict[Any, list[Any]] = executor.returns()
    return answer


@lru_cache(maxsize=1)
def _interpreter() -> tuple[Any, Any, type]:
    """Grand-cypher's entry class, its grammar, and its executor with unconnected patterns joined lazily.

    Grand-cypher lists the matches of each unconnected pattern
    (``MATCH (a:X) MATCH (b:Y)``) up to its limit, then builds their whole
    product before ``WHERE`` sees a row: wrong when the ``WHERE`` joins the
    patterns (rows past the limit of one pattern are lost) and as large as
    the product. Here the first pattern's matches stream, the others are
    listed once, and rows are made one at a time, so matching stops after
    the limit.
    """
    from grandcypher import GrandCypher, GrandCypherExecutor, _GrandCypherGrammar

    class StreamingExecutor(GrandCypherExecutor):
        def _matches_iter(self, motif: nx.MultiDiGraph) -> Iterator[dict[Any, Any]]:
            parts = [motif.subgraph(c) for c in nx.weakly_connected_components(motif)]
            if len(parts) <= 1:
                yield from super()._matches_iter(motif)
                return
            later = [list(super(StreamingExecutor, self)._matches_iter(part)) for part in parts[1:]]
            for first in super()._matches_iter(parts[0]):
                for combination in itertools.product(*later):
                    row = dict(first)
                    for match in combination:
                        row.update(match)
                    yield row

        _apply_order_by = _apply_order_by  # missing values sort last, as in Neo4j (see order_key)

    return GrandCypher, _GrandCypherGrammar, StreamingExecutor


def shape(raw: dict[Any, list[Any]], wanted: list[str], limit: int, types: set[str]) -> CypherResult:
    """Grand-cypher's answer (a list per column) as a :class:`CypherResult`, as Neo4j's would be.

    Columns come in the order of the ``RETURN`` items, named as written;
    nodes and relationships become plain dicts (and are gathered into the
    result's graph); ``type(r)`` columns hold the type, not its label set;
    at most ``limit`` rows.
    """
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
            cell = _plain_cell(values[r] if r < len(values) else None, graph_nodes, graph_rels)
            if _column_key(str(key)) in types and isinstance(cell, list) and len(cell) == 1:
                cell = cell[0]  # grand-cypher answers type(r) with the set of the edge's labels
            row.append(cell)
        rows.append(row)
    graph = GraphData(
        nodes=[graph_nodes[i] for i in sorted(graph_nodes)],
        relationships=[graph_rels[k] for k in sorted(graph_rels)],
    )
    return CypherResult(columns=columns, rows=rows, truncated=count > limit, graph=graph)


def _plain_cell(value: Any, nodes: dict[str, Node], rels: dict[tuple[str, str, str], Relationship]) -> Any:
    if isinstance(value, dict):
        if LABELS_ATTR in value and Prop.IRI.value in value and Prop.KIND.value in value:
            node = node_from_attrs(value)
            nodes[node.iri] = node
            return {k: plain_value(v) for k, v in node.flat().items()}
        if SOURCE_ATTR in value and TARGET_ATTR in value and LABELS_ATTR in value:
            rtype = next(iter(value[LABELS_ATTR]))
            rel = rel_from_attrs(value[SOURCE_ATTR], value[TARGET_ATTR], rtype, value)
            rels[rel.key] = rel
            return {"type": rtype, "source": rel.source, "target": rel.target, "props": dict(rel.props)}
        return {str(k): _plain_cell(v, nodes, rels) for k, v in value.items() if k not in HIDDEN_ATTRS}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain_cell(v, nodes, rels) for v in value]
    return plain_value(value)


def _column_key(name: str) -> str:
    return "".join(name.split()).lower()


# -- ordering ------------------------------------------------------------------

_TYPE_RANKS: tuple[tuple[Any, int], ...] = (
    (dict, 0),
    (list | tuple | set | frozenset, 3),
    (CypherDate, 7),
    (dt.date, 7),
    (str, 11),
    (bool, 12),
    (int | float, 13),
)
"""Neo4j's order of value types (maps, ..., lists, ..., dates, ..., strings, booleans, numbers; null last)."""
_NULL_RANK = 99


def order_key(value: Any) -> tuple[int, Any]:
    """A sort key that orders any stored values as Neo4j's ``ORDER BY`` does.

    Values of one type compare as themselves; values of different types
    follow Neo4j's order of types; null (a missing property) sorts after
    everything, so it comes last in ascending order and first in descending
    order, as in Neo4j. Nothing raises ``TypeError``.

    >>> sorted([None, "b", 3, "a", 1.5], key=order_key)
    ['a', 'b', 1.5, 3, None]
    """
    if value is None or (isinstance(value, float) and value != value):
        return (_NULL_RANK, 0)
    for types, rank in _TYPE_RANKS:
        if isinstance(value, types):
            if rank == 7:
                return (rank, value.date if type(value) is CypherDate else value)
            if rank in (0, 3):
                return (rank, str(value))
            return (rank, value)
    return (50, str(value))


def _apply_order_by(self: Any, results: dict[Any, list[Any]]) -> dict[Any, list[Any]]:
    """``ORDER BY`` for grand-cypher's executor (a method of the executor :func:`_interpreter` makes),
    with :func:`order_key` (nulls last, as in Neo4j).

    Grand-cypher's own method sorts a missing value as ``float("inf")``,
    which cannot be compared with a date or a string (``TypeError``); this
    one keeps its behaviour otherwise: keys from last to first, a stable sort
    each, edge attributes (one dict per row) by their first value.
    """
    if not self._order_by:
        return results
    count = len(next(iter(results.values()))) if results else 0
    indices = list(range(count))
    for field_name, direction in reversed(self._order_by):
        column = self._entity2alias.get(field_name, field_name)
        values = results[column]
        descending = direction == "DESC"
        if values and all(isinstance(v, dict) for v in values):
            values = [
                dict(sorted(v.items(), key=lambda kv: order_key(kv[1]), reverse=descending)) for v in values
            ]
            results[column] = values
            keys = [order_key(next(iter(v.values()), None)) for v in values]
        else:
            keys = [order_key(v) for v in values]
        indices.sort(key=keys.__getitem__, reverse=descending)
    return {key: [column[i] for i in indices] for key, column in results.items()}


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
        CypherSyntaxError: the query is not valid Cypher (see :func:`graph.cypher_diagnose.check_subset`).
        UnsupportedQueryError: the query is Cypher outside the subset (the construct is named).
        QueryError: a parameter is missing or not a plain value.
    """
    cypher_diagnose.check_subset(query)
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
                    text = string_literal(_iso_text(inner))
                    i = close
        out.append(text)
        if tok.kind is not cypher_guard.TokenKind.SPACE:
            code.append(tok.text)
            code_tokens.append(tok)
        i += 1
    _refuse_undirected(code_tokens)
    return "".join(out), _return_columns(code, code_tokens)


def _iso_text(day: str) -> str:
    """The canonical ``YYYY-MM-DD`` form of the text of a ``date(...)`` call (``20171028`` too), which a
    stored date equals; text that is not a date is left as it is (it compares with no date)."""
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError:
        return day


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
