"""An embedded console query is bounded: killed at its timeout, capped in memory, and the row limit bounds
its work (graph.nx_cypher.run). Reproductions of issue 14, item 1."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from graph.errors import QueryError
from graph.model import GraphData, Node, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import Kind
from graph.synthetic import generate


def _children() -> set[int]:
    """Live child processes of this process (any thread's)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        text = (task / "children").read_text()
        found.update(int(pid) for pid in text.split())
    return found


def _states(n: int) -> NetworkXStore:
    store = NetworkXStore()
    store.load(GraphData(nodes=[Node(iri=make_iri(Kind.STATE, f"s{i}"), kind=Kind.STATE, label=f"state {i}")
                                for i in range(n)]))
    return store


@pytest.fixture(scope="module")
def linked() -> NetworkXStore:
    store = NetworkXStore()
    store.load(generate(3000, seed=3))
    return store


def test_a_query_that_times_out_leaves_nothing_running_and_the_next_query_answers() -> None:
    store = _states(60)
    threads, children = set(threading.enumerate()), _children()
    slow = "MATCH (a:State) MATCH (b:State) MATCH (c:State) RETURN count(a) AS n"  # 216,000 matches: seconds
    with pytest.raises(QueryError, match=r"^query timed out after 0.3s$"):
        store.run_cypher(slow, timeout=0.3)
    assert set(threading.enumerate()) == threads, "the timed-out query must not keep running in a thread"
    assert _children() == children, "the timed-out query's worker must be gone"
    # reads, writes and the next query go ahead, and see the write
    assert store.get_node(make_iri(Kind.STATE, "s0")).node.label == "state 0"
    store.delete_nodes([make_iri(Kind.STATE, "s2")])
    quick = store.run_cypher("MATCH (s:State) WHERE s.label = 'state 7' RETURN s.iri AS iri", timeout=30)
    assert quick.rows == [[make_iri(Kind.STATE, "s7")]]
    assert store.run_cypher("MATCH (s:State) RETURN count(s) AS n", timeout=30).rows == [[59]]


def test_a_long_variable_length_query_times_out_cleanly_and_the_next_answers(linked: NetworkXStore) -> None:
    threads, children = set(threading.enumerate()), _children()
    with pytest.raises(QueryError, match=r"^query timed out after 1s$"):
        linked.run_cypher("MATCH (a)-[*1..8]->(b) RETURN a.iri AS a, b.iri AS b ORDER BY a", timeout=1)
    assert set(threading.enumerate()) == threads and _children() == children
    people = linked.run_cypher("MATCH (n:Person) RETURN n.label AS label LIMIT 3", timeout=30)
    assert people.columns == ["label"] and len(people.rows) == 3 and not people.truncated


def test_the_row_limit_bounds_the_work_of_a_product_of_patterns() -> None:
    # 200 ** 3 = 8,000,000 rows: listing them all takes minutes and gigabytes; the first 100 take a moment
    store = _states(200)
    result = store.run_cypher("MATCH (a:State) MATCH (b:State) MATCH (c:State) RETURN a.iri, b.iri, c.iri",
                              limit=100, timeout=60)
    assert len(result.rows) == 100 and result.truncated
    iris = {n.iri for n in store.nodes()}
    assert all(len(row) == 3 and set(row) <= iris for row in result.rows)
    assert len({tuple(row) for row in result.rows}) == 100


def test_the_row_limit_bounds_the_work_of_a_variable_length_pattern(linked: NetworkXStore) -> None:
    result = linked.run_cypher("MATCH (a)-[*1..8]->(b) RETURN a.iri AS a, b.iri AS b", limit=100, timeout=60)
    assert result.columns == ["a", "b"] and len(result.rows) == 100 and result.truncated


def test_patterns_joined_by_where_lose_no_row_past_the_limit_of_one_pattern() -> None:
    store = _states(300)
    query = "MATCH (a:State) MATCH (b:State) WHERE b.label = $label AND a.label = b.label RETURN a.iri AS a"
    # the state named is the last one listed: a pattern cut at the row limit before the WHERE would miss it
    for i in (0, 150, 299):
        assert store.run_cypher(query, {"label": f"state {i}"}, limit=10, timeout=60).rows == [
            [make_iri(Kind.STATE, f"s{i}")]
        ]


def test_a_query_beyond_its_memory_is_stopped_with_a_message_and_the_next_answers() -> None:
    store = _states(200)
    store.query_memory = 64 << 20
    children = _children()
    everything = "MATCH (a:State) MATCH (b:State) MATCH (c:State) RETURN a.iri, b.iri, c.iri ORDER BY a.iri"
    with pytest.raises(QueryError, match=r"needed more than the 64 MB a query may use"):
        store.run_cypher(everything, limit=100, timeout=120)
    assert _children() == children
    assert store.run_cypher("MATCH (s:State) RETURN count(s) AS n", timeout=30).rows == [[200]]


def test_aggregates_and_distinct_still_see_every_match() -> None:
    store = _states(40)
    counted = store.run_cypher("MATCH (a:State) MATCH (b:State) RETURN count(a) AS n", limit=5, timeout=60)
    assert counted.rows == [[1600]]
    distinct = store.run_cypher("MATCH (a:State) MATCH (b:State) RETURN DISTINCT b.label", limit=1000,
                                timeout=60)
    assert len(distinct.rows) == 40 and not distinct.truncated
    ordered = store.run_cypher("MATCH (s:State) RETURN s.label AS label ORDER BY s.label DESC", limit=2, timeout=60)
    assert ordered.rows == [["state 9"], ["state 8"]] and ordered.truncated


def test_a_query_waits_no_longer_than_its_timeout_for_a_write_holding_the_store() -> None:
    store = _states(3)
    held, release = threading.Event(), threading.Event()

    def write() -> None:
        with store._lock:  # a long write
            held.set()
            release.wait(30)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        held.wait(10)
        with pytest.raises(QueryError, match="timed out"):
            store.run_cypher("MATCH (s:State) RETURN s.iri", timeout=0.3)
    finally:
        release.set()
        writer.join()
    assert len(store.run_cypher("MATCH (s:State) RETURN s.iri", timeout=30).rows) == 3


