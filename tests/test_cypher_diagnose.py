"""Console queries that fail say why; ORDER BY over missing values orders as Neo4j does.

The ordering and the syntax errors run on every store (the ``store``
fixture: embedded, and Neo4j when a server is up), so the embedded
translator is held to what Neo4j answers. The refusals of constructs outside
the embedded subset are the embedded store's alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph import cypher_diagnose
from graph.errors import CypherSyntaxError, QueryError, QueryTimeoutError, UnsupportedQueryError
from graph.model import GraphData, Node, make_iri
from graph.nx_cypher import order_key
from graph.nx_store import NetworkXStore
from graph.schema import Kind
from graph.store import GraphStore

DATED = [("Quiet test", dt.date(2009, 5, 25)), ("Early launch", dt.date(1998, 8, 31))]
UNDATED = ["Undated incident"]


def incidents() -> GraphData:
    nodes = [
        Node(iri=make_iri(Kind.INCIDENT, label), kind=Kind.INCIDENT, label=label, props={"date": day, "note": label})
        for label, day in DATED
    ]
    nodes += [Node(iri=make_iri(Kind.INCIDENT, label), kind=Kind.INCIDENT, label=label) for label in UNDATED]
    return GraphData(nodes=nodes, relationships=[])


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    store.load(incidents())
    return store


@pytest.mark.parametrize(
    ("direction", "expected"),
    [
        pytest.param("", ["Early launch", "Quiet test", "Undated incident"], id="ascending-nulls-last"),
        pytest.param("DESC", ["Undated incident", "Quiet test", "Early launch"], id="descending-nulls-first"),
    ],
)
def test_order_by_a_missing_date_sorts_nulls_as_neo4j(loaded: GraphStore, direction: str, expected: list[str]) -> None:
    query = f"MATCH (i:Incident) RETURN i.label AS label, i.date AS date ORDER BY i.date {direction}"
    result = loaded.run_cypher(query)
    assert [row[0] for row in result.rows] == expected
    assert [row[1] for row in result.rows].count(None) == 1


def test_order_by_a_missing_string_and_a_limit(loaded: GraphStore) -> None:
    result = loaded.run_cypher("MATCH (i:Incident) RETURN i.label AS label ORDER BY i.note LIMIT 2")
    assert [row[0] for row in result.rows] == ["Early launch", "Quiet test"]


def test_order_key_orders_mixed_types_without_type_error() -> None:
    values = [None, dt.date(2001, 1, 1), "b", 2, True, [1], {"a": 1}]
    ordered = sorted(values, key=order_key)
    assert ordered == [{"a": 1}, [1], dt.date(2001, 1, 1), "b", True, 2, None]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        pytest.param("MATCH (n:Incident) RETRUN n", ["line 1, column 20", "RETURN"], id="misspelt-keyword"),
        pytest.param("MATCHH (n) RETURN n", ["did you mean MATCH"], id="misspelt-first-clause"),
    ],
)
def test_a_typo_is_a_syntax_error_on_every_store(loaded: GraphStore, query: str, words: list[str]) -> None:
    with pytest.raises(CypherSyntaxError) as info:
        loaded.run_cypher(query)
    text = str(info.value)
    if loaded.name == "embedded":  # Neo4j words its own message; the class is the contract
        assert all(w in text for w in words), text
        assert "Neo4j" not in text


@pytest.fixture
def embedded() -> NetworkXStore:
    store = NetworkXStore()
    store.load(incidents())
    return store


@pytest.mark.parametrize(
    ("query", "words"),
    [
        pytest.param("MATCH (n:Incident RETURN n", ["line 1, column 7", "never closed"], id="unclosed"),
        pytest.param(
            "MATCH (n:Incident)\nWHERE m.date > date('2000-01-01')\nRETURN n", ["line 2", "`m`"], id="undefined"
        ),
        pytest.param("MATCH (n:Incident) RETURN n.label ORDER BY n.date LIMT 3", ["LIMIT"], id="limit-typo"),
        pytest.param("MATCH (n:Incident) RETURN foo(n)", ["unknown function foo()"], id="unknown-function"),
        pytest.param("MATCH (n:Incident) RETURN n.label LIMIT 'a'", ["line 1", "near"], id="parser-position"),
    ],
)
def test_embedded_syntax_errors_name_the_place(embedded: NetworkXStore, query: str, words: list[str]) -> None:
    with pytest.raises(CypherSyntaxError) as info:
        embedded.run_cypher(query)
    text = str(info.value)
    assert all(w in text for w in words), text
    assert "needs Neo4j" not in text


@pytest.mark.parametrize(
    ("query", "construct"),
    [
        ("MATCH (n:Incident) WITH n RETURN n", "WITH"),
        ("MATCH (n:Incident) OPTIONAL MATCH (n)-[r]->(m) RETURN n", "OPTIONAL MATCH"),
        ("MATCH (n:Incident) UNWIND [1, 2] AS x RETURN x", "UNWIND"),
        ("MATCH (n:Incident) WHERE n.label =~ 'Q.*' RETURN n", "the regular-expression match =~"),
        ("MATCH (n:Incident) WHERE n.date IS NOT NULL RETURN n", "IS NOT NULL (write NOT x IS NULL instead)"),
        ("MATCH (n:Incident) RETURN toString(n.date) AS d", "the function toString()"),
        ("MATCH (n:Incident) RETURN apoc.text.join([n.label], ',') AS d", "the function apoc.text.join()"),
        ("RETURN 1 AS one", "a query without MATCH"),
        ("MATCH (a:Incident), (b:State) RETURN a, b", "several comma-separated patterns in one MATCH"),
        ("CALL db.labels()", "CALL (procedures and subqueries)"),
    ],
)
def test_constructs_outside_the_subset_are_named(embedded: NetworkXStore, query: str, construct: str) -> None:
    with pytest.raises(UnsupportedQueryError) as info:
        embedded.run_cypher(query)
    assert info.value.construct == construct
    assert str(info.value).startswith(construct) and "--store neo4j" in str(info.value)


def test_what_the_subset_answers_passes_the_check(embedded: NetworkXStore) -> None:
    query = (
        "MATCH (n:Incident) WHERE n.label STARTS WITH 'Q' AND NOT n.label ENDS WITH 'x' "
        "AND toLower(n.label) CONTAINS $word RETURN n.label AS label, n.date AS date ORDER BY n.date DESC"
    )
    cypher_diagnose.check_subset(query)
    assert embedded.run_cypher(query, {"word": "quiet"}).rows == [["Quiet test", dt.date(2009, 5, 25)]]


def test_interpreter_failure_without_position_is_unsupported() -> None:
    error = cypher_diagnose.interpreter_error("MATCH (n) RETURN n", "MATCH (n) RETURN n", ValueError("boom"))
    assert isinstance(error, UnsupportedQueryError) and "ValueError: boom" in str(error)


def test_timeout_has_its_own_class() -> None:
    assert issubclass(QueryTimeoutError, QueryError) and issubclass(CypherSyntaxError, QueryError)
    assert QueryTimeoutError("stopped", timeout=2.0).timeout == 2.0
