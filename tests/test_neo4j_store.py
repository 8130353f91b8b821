"""What only the Neo4j store has: constraints, labels, driver errors, an interrupted load.

Everything runs against a real server: the shared test server of
``tests/conftest.py``, and for the interrupted load a dedicated local server
that the test starts, kills in the middle of a load and starts again.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path
from typing import Any

import neo4j
import pytest

from alliancekg.settings import Settings, open_store
from graph import queries
from graph.errors import (
    AuthenticationError,
    ConfigurationError,
    CypherSyntaxError,
    QueryError,
    StoreError,
    StoreUnavailableError,
    WriteNotAllowedError,
)
from graph.model import GraphData, Node, Relationship, make_iri
from graph.neo4j_store import Neo4jStore, _query_error, connect, driver_error
from graph.nx_store import NetworkXStore
from graph.schema import NODE_LABEL, Kind, Rel
from graph.synthetic import generate

pytestmark = pytest.mark.neo4j


@pytest.fixture
def store(neo4j_clean: Any) -> Neo4jStore:
    made = Neo4jStore(neo4j_clean, batch_size=500)
    made.ensure_schema()
    return made


def test_schema_has_one_iri_constraint_per_label_and_is_idempotent(store: Neo4jStore, neo4j_clean: Any) -> None:
    first = store.ensure_schema()
    second = store.ensure_schema()
    assert first == second
    records, _, _ = neo4j_clean.execute_query(queries.LIST_CONSTRAINTS)
    ours = {r["name"]: r for r in records if r["name"].startswith("alliancekg_")}
    assert set(ours) == {queries.constraint_name(label) for label in queries.ALL_LABELS}
    for record in ours.values():
        assert record["type"] == "UNIQUENESS"
        assert record["properties"] == ["iri"]
    assert {r["labelsOrTypes"][0] for r in ours.values()} == set(queries.ALL_LABELS)
    assert len(queries.ALL_LABELS) == len(Kind) + 1


def test_nodes_carry_their_lineage_labels_and_native_dates(store: Neo4jStore, neo4j_clean: Any) -> None:
    iri = make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-6")
    store.upsert_nodes([Node(iri=iri, kind=Kind.NUCLEAR_TEST, label="Sixth test", props={"date": dt.date(2017, 9, 3)})])
    records, _, _ = neo4j_clean.execute_query(
        "MATCH (n {iri: $iri}) RETURN labels(n) AS labels, valueType(n.date) AS type", iri=iri
    )
    assert sorted(records[0]["labels"]) == sorted([NODE_LABEL, "Event", "Incident", "NuclearTest"])
    assert records[0]["type"] == "DATE NOT NULL"


def test_the_change_mark_moves_with_every_write_by_any_client_and_only_then(
    store: Neo4jStore, neo4j_clean: Any
) -> None:
    node = Node(iri=make_iri(Kind.PERSON, "mark-test"), kind=Kind.PERSON, label="Mark Test")
    store.upsert_nodes([node])
    before = store.change_mark()
    assert before is not None
    store.nodes(kinds=[Kind.PERSON])  # reading changes nothing
    assert store.change_mark() == before
    # another client edits a property: every count stays, the mark moves
    with neo4j_clean.session() as session:
        session.run("MATCH (n {iri: $iri}) SET n.label = 'Mark Edited'", iri=node.iri).consume()
    edited = store.change_mark()
    assert edited not in (None, before)
    store.upsert_nodes([node])  # this store's own write moves it too
    assert store.change_mark() not in (before, edited)


def test_uniqueness_is_enforced_by_the_server(store: Neo4jStore, neo4j_clean: Any) -> None:
    iri = make_iri(Kind.STATE, "KOR")
    store.upsert_nodes([Node(iri=iri, kind=Kind.STATE, label="Korea")])
    with pytest.raises(neo4j.exceptions.ConstraintError):
        neo4j_clean.execute_query(f"CREATE (:{queries.label_of(NODE_LABEL)} {{iri: $iri}})", iri=iri)


def test_batch_with_a_missing_end_is_rolled_back_whole(store: Neo4jStore) -> None:
    a, b = make_iri(Kind.STATE, "A"), make_iri(Kind.STATE, "B")
    ghost = make_iri(Kind.STATE, "ghost")
    store.upsert_nodes([Node(iri=a, kind=Kind.STATE, label="A"), Node(iri=b, kind=Kind.STATE, label="B")])
    batch = [
        Relationship(type=Rel.AFFILIATION, source=a, target=b),
        Relationship(type=Rel.AFFILIATION, source=a, target=ghost),
    ]
    with pytest.raises(StoreError, match="ghost"):
        store.upsert_relationships(batch)
    assert store.count_by_type() == {}
    assert store.count_nodes() == 2


def test_a_document_sized_load_is_one_transaction(store: Neo4jStore) -> None:
    """A failing relationship rolls back the document's nodes too: nothing partial stays."""
    nodes = [Node(iri=make_iri(Kind.STATE, f"S{i}"), kind=Kind.STATE, label=f"S{i}") for i in range(1200)]
    ghost = make_iri(Kind.STATE, "ghost")
    rels = [Relationship(type=Rel.AFFILIATION, source=nodes[0].iri, target=nodes[i].iri) for i in range(1, 1200)]
    rels.append(Relationship(type=Rel.AFFILIATION, source=nodes[0].iri, target=ghost))
    with pytest.raises(StoreError, match="ghost"):
        store.load(GraphData(nodes=nodes, relationships=rels))
    assert store.count_nodes() == 0
    assert store.count_relationships() == 0
    report = store.load(GraphData(nodes=nodes, relationships=rels[:-1]))
    assert (report.nodes, report.relationships, report.batches) == (1200, 1199, 1)
    assert (store.count_nodes(), store.count_relationships()) == (1200, 1199)


def test_server_refusals_map_to_project_errors(store: Neo4jStore, neo4j_clean: Any) -> None:
    with neo4j_clean.session(default_access_mode=neo4j.READ_ACCESS) as session, pytest.raises(
        neo4j.exceptions.Neo4jError
    ) as info:
        session.run("CREATE (n:Scratch) RETURN n").consume()
    assert isinstance(_query_error(info.value, 1.0), WriteNotAllowedError)
    # a typo is the analyst's syntax error, with its place, never blamed on Neo4j
    with pytest.raises(CypherSyntaxError, match=r"syntax error.*line 1, column 10"):
        store.run_cypher("MATCH (n RETURN n")
    with pytest.raises(QueryError, match="missing|Expected parameter"):
        store.run_cypher("MATCH (n) WHERE n.iri = $absent RETURN n")


def test_slow_query_times_out(store: Neo4jStore) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="timed out after 0.5s"):
        store.run_cypher("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 0 RETURN count(*)", timeout=0.5)
    assert time.monotonic() - started < 30


def test_paths_become_plain_values_and_a_graph(store: Neo4jStore) -> None:
    a, b = make_iri(Kind.COMMITMENT, "a"), make_iri(Kind.NUCLEAR_TEST, "b")
    store.load(GraphData(
        nodes=[Node(iri=a, kind=Kind.COMMITMENT, label="pledge"),
               Node(iri=b, kind=Kind.NUCLEAR_TEST, label="test", props={"date": dt.date(2016, 1, 6)})],
        relationships=[Relationship(type=Rel.RESPONDS_TO, source=a, target=b, props={"confidence": 0.5})],
    ))
    result = store.run_cypher("MATCH p = (:Commitment)-[:RESPONDS_TO]->(:Incident) RETURN p")
    (path,) = result.rows[0]
    assert [n["iri"] for n in path["nodes"]] == [a, b]
    assert path["nodes"][1]["date"] == dt.date(2016, 1, 6)
    assert path["relationships"] == [{"type": "RESPONDS_TO", "source": a, "target": b, "props": {"confidence": 0.5}}]
    assert [n.iri for n in result.graph.nodes] == sorted([a, b])
    assert [r.key for r in result.graph.relationships] == [(a, "RESPONDS_TO", b)]


def test_factory_connects_and_reports_bad_credentials_and_dead_servers(neo4j_uri: str) -> None:
    env = {k: v for k, v in os.environ.items() if k.startswith(("NEO4J_", "ALLIANCEKG_"))}
    good = Settings.from_env({**env, "ALLIANCEKG_STORE": "neo4j"})
    with open_store(settings=good) as opened:
        assert isinstance(opened, Neo4jStore)
        assert opened.server_info()["version"].startswith("5.")
    if good.neo4j_password:
        wrong = Settings.from_env({**env, "NEO4J_PASSWORD": "definitely-wrong"})
        with pytest.raises(AuthenticationError, match="NEO4J_PASSWORD"):
            open_store("neo4j", settings=wrong)
    dead = Settings.from_env({**env, "NEO4J_URI": "bolt://127.0.0.1:9"})
    with pytest.raises(StoreUnavailableError, match="scripts/neo4j-local start"):
        open_store("neo4j", settings=dead)


def test_connect_opens_a_store_or_says_why_not(neo4j_uri: str, neo4j_auth: tuple[str, str] | None) -> None:
    with connect(neo4j_uri, neo4j_auth) as opened:
        assert opened.owns_driver
        assert opened.server_info()["version"].startswith("5.")
    if neo4j_auth:
        with pytest.raises(AuthenticationError, match=f"user '{neo4j_auth[0]}'.*NEO4J_PASSWORD"):
            connect(neo4j_uri, (neo4j_auth[0], "definitely-wrong"))
    with pytest.raises(StoreUnavailableError, match="not reachable at bolt://127.0.0.1:9.*scripts/neo4j-local start"):
        connect("bolt://127.0.0.1:9", neo4j_auth)
    with pytest.raises(ConfigurationError, match="NEO4J_URI is not set"):
        connect(None)
    with pytest.raises(ConfigurationError, match="not a valid Neo4j URI"):
        connect("ftp://127.0.0.1:7687")


def test_driver_errors_map_to_project_errors() -> None:
    uri = "bolt://example:7687"
    unavailable = driver_error(neo4j.exceptions.ServiceUnavailable("gone"), uri)
    assert type(unavailable) is StoreUnavailableError and "scripts/neo4j-local start" in str(unavailable)
    assert type(driver_error(neo4j.exceptions.SessionExpired("gone"), uri)) is StoreUnavailableError
    assert type(driver_error(ConnectionRefusedError(), uri)) is StoreUnavailableError
    other = driver_error(neo4j.exceptions.DriverError("odd"), uri)
    assert type(other) is StoreError and uri in str(other)


# -- a load interrupted by the server going away ---------------------------------------------


def test_interrupted_load_can_be_rerun_to_completion(tmp_path: Path) -> None:
    from alliancekg import neo4j_local

    # without authentication: the launcher sets the password at every start, which a restart on the same
    # data directory would refuse ("old and new password cannot be the same")
    server = neo4j_local.LocalNeo4j(home=tmp_path / "neo4j", port=neo4j_local.free_port(), password="", heap="512m")
    try:
        uri = server.start()
    except neo4j_local.Neo4jLocalError as exc:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            raise
        pytest.skip(f"cannot start a dedicated Neo4j: {exc}")
    auth = None
    graph = generate(30_000, seed=11)
    expected = NetworkXStore()
    expected.load(graph)
    try:
        # first attempt: retries kept short so the load gives up soon after the crash
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, max_transaction_retry_time=1.0)
        first = Neo4jStore(driver, batch_size=1000)
        first.ensure_schema()
        failure: list[BaseException] = []

        def load() -> None:
            try:
                first.load(graph)
            except BaseException as exc:  # recorded for the assertion below
                failure.append(exc)

        worker = threading.Thread(target=load)
        worker.start()
        watcher = neo4j.GraphDatabase.driver(uri, auth=auth)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            records, _, _ = watcher.execute_query(queries.COUNT_RELATIONSHIPS)
            if records[0]["count"] >= 15_000:
                break
            time.sleep(0.2)
        watcher.close()
        server.kill()  # as a crash: no clean shutdown
        worker.join(timeout=120)
        driver.close()
        assert not worker.is_alive()
        assert failure, "the load should have failed when the server died"
        assert isinstance(failure[0], StoreError)

        uri = server.start()
        driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        second = Neo4jStore(driver, batch_size=1000)
        partial = second.count_relationships()
        assert 0 < partial < len(graph.relationships)
        second.load(graph)
        assert second.count_by_kind() == expected.count_by_kind()
        assert second.count_by_type() == expected.count_by_type()
        records, _, _ = driver.execute_query(queries.DUPLICATE_IRIS)
        assert records[0]["duplicates"] == 0
        records, _, _ = driver.execute_query(
            "MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(*) AS c WHERE c > 1 RETURN count(*) AS dup"
        )
        assert records[0]["dup"] == 0
        sample = [n.iri for n in graph.nodes[::997]]
        for iri in sample:
            assert second.get_node(iri) == expected.get_node(iri)
        driver.close()
    finally:
        server.stop()


def _counting_reads(store: Neo4jStore, query: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """``(limit asked, rows read)`` of every read of ``query`` by ``store`` from now on."""
    seen: list[tuple[int, int]] = []
    real = store._read

    def read(q: str, **params: Any) -> list[neo4j.Record]:
        rows = real(q, **params)
        if q == query:
            seen.append((int(params.get("limit", -1)), len(rows)))
        return rows

    monkeypatch.setattr(store, "_read", read)
    return seen


def _concepts(*names: str) -> list[Node]:
    return [Node(iri=make_iri(Kind.CONCEPT, n), kind=Kind.CONCEPT, label=n) for n in names]


def _link(a: str, b: str) -> Relationship:
    return Relationship(type=Rel.CONCERNS, source=make_iri(Kind.CONCEPT, a), target=make_iri(Kind.CONCEPT, b))


def test_a_path_search_reads_a_hub_only_up_to_its_bound(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound goes into the query: a hub of 600 links is read 100 rows at a time, not whole."""
    leaves = [f"leaf{i:03d}" for i in range(600)]
    store.load(GraphData(nodes=_concepts("hub", "far", *leaves), relationships=[_link("hub", x) for x in leaves]))
    monkeypatch.setattr("graph.neo4j_store.PATH_MAX_VISITS", 100)
    reads = _counting_reads(store, queries.PATH_STEP, monkeypatch)
    found = store.paths(make_iri(Kind.CONCEPT, "hub"), make_iri(Kind.CONCEPT, "far"))
    assert found.paths == [] and found.stopped
    assert reads == [(100, 100)]  # room 98 + 1 + one link back per frontier node; 600 not read


def test_a_path_step_of_mostly_links_back_reads_again_until_whole(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a bounded read is full of links back to nodes already reached, the step reads on and the paths stay
    the embedded store's (all shortest paths through 50 middles, none lost to the limit)."""
    mids = range(50)
    graph = GraphData(
        nodes=_concepts("s", "a", "b", "t", *(f"l{i:02d}" for i in mids), *(f"n{i:02d}" for i in mids)),
        relationships=[_link("s", "a"), _link("s", "b")]
        + [_link(x, f"l{i:02d}") for i in mids for x in ("a", "b")]
        + [_link(f"l{i:02d}", f"n{i:02d}") for i in mids]
        + [_link(f"n{i:02d}", "t") for i in mids],
    )
    store.load(graph)
    embedded = NetworkXStore()
    embedded.load(graph)
    monkeypatch.setattr("graph.neo4j_store.PATH_MAX_VISITS", 164)
    reads = _counting_reads(store, queries.PATH_STEP, monkeypatch)
    ends = make_iri(Kind.CONCEPT, "s"), make_iri(Kind.CONCEPT, "t")
    found = store.paths(*ends)
    assert found == embedded.paths(*ends) and not found.stopped and found.hops == 4
    assert (111, 111) in reads and (444, 150) in reads  # the leaves' step: 100 links back, 50 new; read again
