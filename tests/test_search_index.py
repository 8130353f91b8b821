"""The Neo4j search served by indexes: the same matches as the embedded store, no scan, old databases keyed.

``find_text`` on Neo4j reads lower-cased search keys (:class:`graph.schema.SearchKey`) through TEXT indexes
and dates through a RANGE index; the embedded store scans its own lower-cased texts. Both lower with Python's
``str.lower``, so the same text finds the same nodes: checked here on one generated graph loaded into both,
on a real server.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph import queries
from graph.model import GraphData, Node, Relationship, make_iri
from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop, Rel, SearchKey
from graph.store import date_prefix_range
from graph.synthetic import generate

ODD = make_iri(Kind.STATE, "odd-names")
ODD_MENTION = make_iri(Kind.MENTION, "odd-names", 1)


def graph() -> GraphData:
    """A generated graph plus one node whose names and evidence test the lowering and the alias joining."""
    data = generate(3_000, seed=3)
    data.extend(
        GraphData(
            nodes=[
                Node(
                    iri=ODD,
                    kind=Kind.STATE,
                    label="ÉCOLE Straße İzmir ΣΊΣΥΦΟΣ",
                    props={Prop.ALT_LABELS.value: ["Qabc", "Qdef"], Prop.DATE.value: dt.date(2019, 2, 28)},
                ),
                Node(
                    iri=ODD_MENTION,
                    kind=Kind.MENTION,
                    label="odd mention",
                    props={Prop.TEXT.value: "Words in my own test: KUNSAN and Pyeongtaek, École."},
                ),
            ],
            relationships=[Relationship(type=Rel.EVIDENCE, source=ODD, target=ODD_MENTION)],
        )
    )
    return data.merged()


QUERIES = [
    # names (single letters and words of the generated labels), aliases, dates, evidence words
    "a",
    "e",
    "summit",
    "Meeting",
    "2nd",
    "kor",
    "usa",
    "nato",
    "2017",
    "2017-09",
    "2019-02",
    "2019-02-28",
    "2019-02-30",
    "2019-13",
    "0000",
    "the",
    "deterrence",
    "kunsan",
    # lowering: Python's str.lower on both sides
    "école",
    "STRASSE",
    "straße",
    "i̇zmir",
    "σίσυφοσ",
    "σίσυφος",
    # the aliases are joined for the index: a text across two aliases matches neither
    "qabc",
    "c\x1fq",
    "bc\x1fqd",
    "no such words anywhere",
]


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> NetworkXStore:
    made = NetworkXStore(path=Path(tmp_path_factory.mktemp("search")) / "graph.json.gz")
    made.load(graph())
    return made


def found(matches: list[Any]) -> list[tuple[str, str, str]]:
    return [(m.field, m.node.iri, m.text) for m in matches]


@pytest.mark.neo4j
def test_neo4j_finds_what_the_embedded_store_finds(neo4j_store: Neo4jStore, embedded: NetworkXStore) -> None:
    neo4j_store.load(graph())
    for text in QUERIES:
        for limit in (3, 25):
            assert found(neo4j_store.find_text(text, limit=limit)) == found(embedded.find_text(text, limit=limit)), (
                text,
                limit,
            )
    assert found(neo4j_store.find_text("i̇zmir")) == [("name", ODD, "ÉCOLE Straße İzmir ΣΊΣΥΦΟΣ")]
    assert found(neo4j_store.find_text("kunsan")) == [
        ("evidence", ODD, "Words in my own test: KUNSAN and Pyeongtaek, École.")
    ]
    assert neo4j_store.find_text("c\x1fq") == []
    assert [m.field for m in neo4j_store.find_text("2017", limit=5)].count("date") == 5
    for text, kinds in [("a", None), ("summit", [Kind.MEETING]), ("e", [Kind.ACTOR, Kind.CONCEPT]), ("école", None)]:
        got = [n.iri for n in neo4j_store.search(text, kinds=kinds, limit=15)]
        assert got == [n.iri for n in embedded.search(text, kinds=kinds, limit=15)], text


@pytest.mark.neo4j
def test_search_keys_stay_in_the_store(neo4j_store: Neo4jStore) -> None:
    neo4j_store.load(graph())
    node = neo4j_store.get_node(ODD).node
    assert not set(node.props) & {k.value for k in SearchKey}
    assert node.props[Prop.ALT_LABELS.value] == ["Qabc", "Qdef"]
    result = neo4j_store.run_cypher("MATCH (n {iri: $iri}) RETURN n", {"iri": ODD})
    assert not set(result.rows[0][0]) & {k.value for k in SearchKey}
    # a new label and new aliases move the keys with them; a write that does not name the aliases keeps them
    neo4j_store.upsert_nodes([Node(iri=ODD, kind=Kind.STATE, label="Renamed Land", props={})])
    assert found(neo4j_store.find_text("renamed")) == [("name", ODD, "Renamed Land")]
    assert found(neo4j_store.find_text("straße")) == []
    assert found(neo4j_store.find_text("qdef")) == [("alias", ODD, "Qdef")]
    neo4j_store.upsert_nodes(
        [Node(iri=ODD, kind=Kind.STATE, label="Renamed Land", props={Prop.ALT_LABELS.value: ["Qghi"]})]
    )
    assert neo4j_store.find_text("qdef") == []
    assert found(neo4j_store.find_text("qghi")) == [("alias", ODD, "Qghi")]


@pytest.mark.neo4j
def test_a_database_written_without_keys_is_keyed_by_ensure_schema(
    neo4j_store: Neo4jStore, embedded: NetworkXStore, neo4j_clean: Any
) -> None:
    neo4j_store.load(graph())
    keys = [k.value for k in SearchKey]
    with neo4j_clean.session() as session:  # as a database written by an older version: no keys
        session.run("MATCH (n) REMOVE " + ", ".join(f"n.{k}" for k in keys)).consume()
    assert neo4j_store.find_text("kunsan") == []
    before = neo4j_store.dump()
    assert neo4j_store.fill_search_keys(batch_size=700) == len(before.nodes)
    assert neo4j_store.fill_search_keys() == 0
    assert neo4j_store.dump() == before  # nothing else of a node changed
    neo4j_store.ensure_schema()
    for text in ("kunsan", "école", "qabc", "2019-02", "summit"):
        assert found(neo4j_store.find_text(text)) == found(embedded.find_text(text)), text


def _operators(driver: Any, query: str) -> set[str]:
    with driver.session() as session:
        plan = session.run("EXPLAIN " + query).consume().plan
    operators, stack = set(), [plan]
    while stack:
        step = stack.pop()
        operators.add(str(step["operatorType"]).split("@")[0])
        stack.extend(step.get("children", []))
    return operators


@pytest.mark.neo4j
def test_ensure_schema_scans_the_nodes_only_when_one_lacks_its_keys(
    neo4j_store: Neo4jStore, embedded: NetworkXStore, neo4j_clean: Any
) -> None:
    neo4j_store.load(graph())
    assert neo4j_store.search_keys_complete()
    # the check that lets an open skip the scan counts (count store, search indexes) and reads no node
    operators = _operators(neo4j_clean, queries.SEARCH_KEYS_COMPLETE)
    assert {"NodeCountFromCountStore", "NodeIndexScan"} <= operators, sorted(operators)
    assert not operators & {"AllNodesScan", "NodeByLabelScan", "Filter"}, sorted(operators)
    assert "NodeByLabelScan" in _operators(neo4j_clean, queries.UNKEYED_NODES)  # what is skipped
    # written after the keys were filled by a writer that does not key them: one name key, one evidence key gone
    for iri, key, text in ((ODD, SearchKey.NAME, "école"), (ODD_MENTION, SearchKey.TEXT, "kunsan")):
        with neo4j_clean.session() as session:
            session.run(f"MATCH (n {{iri: $iri}}) REMOVE n.{key.value}", iri=iri).consume()
        assert not neo4j_store.search_keys_complete(), key
        assert found(neo4j_store.find_text(text)) != found(embedded.find_text(text)), key  # its match is missing
        neo4j_store.ensure_schema()
        assert neo4j_store.search_keys_complete(), key
        assert found(neo4j_store.find_text(text)) == found(embedded.find_text(text)) != [], key
    # a Mention without text needs no key: the counts differ, so the scan decides, and it keys nothing
    neo4j_store.upsert_nodes([Node(iri=make_iri(Kind.MENTION, "no-text", 1), kind=Kind.MENTION, label="no text")])
    assert not neo4j_store.search_keys_complete()
    assert neo4j_store.fill_search_keys() == 0
    neo4j_store.ensure_schema()
    assert found(neo4j_store.find_text("école")) == found(embedded.find_text("école"))


@pytest.mark.neo4j
def test_the_search_queries_use_the_indexes(neo4j_store: Neo4jStore, neo4j_clean: Any) -> None:
    neo4j_store.load(graph())
    uses = {
        queries.FIND_BY_NAME: "NodeIndexContainsScan",
        queries.FIND_BY_ALIAS: "NodeIndexContainsScan",
        queries.FIND_BY_EVIDENCE: "NodeIndexContainsScan",
        queries.FIND_BY_DATE: "NodeIndexSeekByRange",
    }
    params = {"needle": "kor", "limit": 10, "first": dt.date(2017, 1, 1), "last": dt.date(2017, 12, 31)}
    for query, operator in uses.items():
        with neo4j_clean.session() as session:
            plan = session.run("EXPLAIN " + query, params).consume().plan
        operators = set()
        stack = [plan]
        while stack:
            step = stack.pop()
            operators.add(str(step["operatorType"]).split("@")[0])
            stack.extend(step.get("children", []))
        assert operator in operators, (query, sorted(operators))
        assert not operators & {"AllNodesScan", "NodeByLabelScan"}, (query, sorted(operators))


def test_date_prefix_range() -> None:
    assert date_prefix_range("2017") == (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
    assert date_prefix_range("2016-02") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert date_prefix_range("9999-12") == (dt.date(9999, 12, 1), dt.date(9999, 12, 31))
    assert date_prefix_range("2017-09-03") == (dt.date(2017, 9, 3), dt.date(2017, 9, 3))
    for text in ("2017-02-30", "2017-13", "2017-00", "0000", "2017-9", "17", "2017-09-03x", "kor"):
        assert date_prefix_range(text) is None, text
