"""The embedded store's file format (graph.nx_file), its Cypher subset (graph.nx_cypher) and the store factory."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliancekg.settings import Settings, open_store
from graph.errors import ConfigurationError, QueryError, StoreFormatError, UnsupportedQueryError
from graph.model import GraphData, Node, Relationship, make_iri
from graph.nx_cypher import CypherDate, prepare_query
from graph.nx_file import FORMAT_NAME, FORMAT_VERSION
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Rel
from graph.synthetic import generate

KOR = make_iri(Kind.STATE, "KOR")
PRK = make_iri(Kind.STATE, "PRK")
TEST = make_iri(Kind.NUCLEAR_TEST, "prk-nuclear-test-1")
LAUNCH = make_iri(Kind.MISSILE_LAUNCH, "prk-launch-2017")

PROPS = {
    "date": dt.date(2006, 10, 9),
    "ordinal": 1,
    "yield": 0.7,
    "whole": 2.0,
    "estimated": True,
    "altLabels": ["first test", "핵실험"],
    "ints": [1, 2, 3],
    "floats": [1.0, 0.5],
    "empty": [],
    "text": 'quote " backslash \\ newline \n tab \t emoji 🚀 {"$date": "2000-01-01"}',
}


def small() -> GraphData:
    return GraphData(
        nodes=[
            Node(iri=KOR, kind=Kind.STATE, label="Republic of Korea"),
            Node(iri=PRK, kind=Kind.STATE, label="North Korea"),
            Node(iri=TEST, kind=Kind.NUCLEAR_TEST, label="First nuclear test", props=PROPS),
            Node(iri=LAUNCH, kind=Kind.MISSILE_LAUNCH, label="Hwasong-14 launch", props={"date": dt.date(2017, 7, 4)}),
        ],
        relationships=[
            Relationship(type=Rel.PERPETRATOR, source=TEST, target=PRK, props={"since": dt.date(2006, 10, 9)}),
            Relationship(type=Rel.PERPETRATOR, source=LAUNCH, target=PRK),
        ],
    )


@pytest.fixture
def store() -> NetworkXStore:
    made = NetworkXStore()
    made.load(small())
    return made


@pytest.mark.parametrize("name", ["graph.json.gz", "graph.json"])
def test_save_and_load_round_trip(store: NetworkXStore, tmp_path: Path, name: str) -> None:
    path = store.save(tmp_path / "sub" / name)
    loaded = NetworkXStore.load_file(path)
    assert loaded.dump() == store.dump()
    props = loaded.get_node(TEST).node.props
    assert props == PROPS
    assert type(props["date"]) is dt.date
    assert type(props["whole"]) is float
    assert type(props["ordinal"]) is int
    assert loaded.relationships()[1].props == {"since": dt.date(2006, 10, 9)}
    assert loaded.path == path
    assert [p.name for p in path.parent.iterdir()] == [name]  # no temporary file left behind


def test_save_writes_the_file_the_store_was_opened_from_and_nothing_without_one(tmp_path: Path) -> None:
    in_memory = NetworkXStore()
    in_memory.load(small())
    assert in_memory.save() is None
    assert list(tmp_path.iterdir()) == []
    opened = NetworkXStore(path=tmp_path / "graph.json")
    opened.load(small())
    assert opened.save() == tmp_path / "graph.json"
    assert NetworkXStore.load_file(tmp_path / "graph.json").dump() == opened.dump()


def test_file_has_a_documented_header(store: NetworkXStore, tmp_path: Path) -> None:
    path = store.save(tmp_path / "graph.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    assert doc["format"] == FORMAT_NAME == "alliancekg-graph"
    assert doc["version"] == FORMAT_VERSION == 1
    assert doc["counts"] == {"nodes": 4, "relationships": 2}
    test = next(n for n in doc["nodes"] if n["iri"] == TEST)
    assert test["props"]["date"] == {"$date": "2006-10-09"}
    assert test["kind"] == "NuclearTest"


def _write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_newer_version_is_refused_with_both_versions_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "g.json", {"format": FORMAT_NAME, "version": 2, "nodes": [], "relationships": []})
    with pytest.raises(StoreFormatError, match=r"version 2 .*reads version 1"):
        NetworkXStore.load_file(path)


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"format": "something-else", "version": 1}, "not an alliancekg graph file"),
        ({"version": 1, "nodes": []}, "not an alliancekg graph file"),
        ([1, 2, 3], "not an alliancekg graph file"),
        ({"format": FORMAT_NAME, "nodes": []}, "version None"),
        ({"format": FORMAT_NAME, "version": "1"}, "version '1'"),
        ({"format": FORMAT_NAME, "version": 1, "nodes": [{"iri": "x", "kind": "Spaceship", "label": "x"}]}, "damaged"),
        ({"format": FORMAT_NAME, "version": 1, "nodes": [{"iri": "x", "kind": "State", "label": "x",
                                                            "props": {"d": {"$date": "2020-13-45"}}}]}, "invalid date"),
        ({"format": FORMAT_NAME, "version": 1, "nodes": [{"iri": "x", "kind": "State", "label": "x",
                                                            "props": {"d": {"$time": "12:00"}}}]}, "unknown typed"),
        ({"format": FORMAT_NAME, "version": 1, "nodes": [],
          "relationships": [{"type": "PERPETRATOR", "source": "a", "target": "b"}]}, "damaged"),
    ],
    ids=["other-format", "no-format", "not-an-object", "no-version", "string-version", "bad-kind", "bad-date",
         "unknown-type", "dangling-relationship"],
)
def test_bad_files_are_refused(tmp_path: Path, doc: object, message: str) -> None:
    with pytest.raises(StoreFormatError, match=message):
        NetworkXStore.load_file(_write(tmp_path / "g.json", doc))


def test_unreadable_files_are_refused(store: NetworkXStore, tmp_path: Path) -> None:
    path = store.save(tmp_path / "g.json.gz")
    damaged = tmp_path / "cut.json.gz"
    damaged.write_bytes(path.read_bytes()[:40])
    with pytest.raises(StoreFormatError, match="not a readable"):
        NetworkXStore.load_file(damaged)
    (tmp_path / "text.json").write_text("not json at all", encoding="utf-8")
    with pytest.raises(StoreFormatError, match="not a readable"):
        NetworkXStore.load_file(tmp_path / "text.json")
    with pytest.raises(StoreFormatError, match="not a readable"):
        NetworkXStore.load_file(tmp_path / "missing.json")


def test_synthetic_graph_round_trips(tmp_path: Path) -> None:
    graph = generate(1500, seed=4)
    store = NetworkXStore()
    store.load(graph)
    loaded = NetworkXStore.load_file(store.save(tmp_path / "g.json.gz"))
    assert loaded.count_by_kind() == store.count_by_kind()
    assert loaded.dump() == store.dump()


# -- the embedded Cypher subset ------------------------------------------------------


def test_dates_compare_with_iso_strings_and_date_parameters(store: NetworkXStore) -> None:
    query = "MATCH (i:Incident) WHERE i.date >= $since RETURN i.iri, i.date"
    result = store.run_cypher(query, {"since": dt.date(2010, 1, 1)})
    assert result.rows == [[LAUNCH, dt.date(2017, 7, 4)]]
    assert type(result.rows[0][1]) is dt.date
    by_text = store.run_cypher("MATCH (i:Incident) WHERE i.date < date('2010-01-01') RETURN i.iri")
    assert by_text.rows == [[TEST]]


def test_dates_equal_date_literals_and_group_as_dates(store: NetworkXStore) -> None:
    for literal in ("date('2017-07-04')", "date('20170704')", "$day"):
        query = f"MATCH (i:Incident) WHERE i.date = {literal} RETURN i.iri"
        assert store.run_cypher(query, {"day": dt.date(2017, 7, 4)}).rows == [[LAUNCH]], literal
    assert store.run_cypher("MATCH (i:Incident) WHERE i.date = '2017-7-4' RETURN i.iri").rows == []
    store.upsert_nodes([Node(iri=make_iri(Kind.CRISIS, "same-day"), kind=Kind.CRISIS, label="same day",
                             props={"date": dt.date(2017, 7, 4)})])
    distinct = store.run_cypher("MATCH (i:Incident) RETURN DISTINCT i.date ORDER BY i.date")
    assert distinct.rows == [[dt.date(2006, 10, 9)], [dt.date(2017, 7, 4)]]
    grouped = store.run_cypher("MATCH (i:Incident) RETURN i.date, count(i) AS n ORDER BY i.date")
    assert grouped.rows == [[dt.date(2006, 10, 9), 1], [dt.date(2017, 7, 4), 2]]


def test_stored_dates_hash_as_they_compare() -> None:
    values: list[object] = [
        CypherDate(dt.date(2017, 7, 4)), CypherDate(dt.date(2017, 7, 4)), CypherDate(dt.date(2006, 10, 9)),
        "2017-07-04", "20170704", "2006-10-09", dt.date(2017, 7, 4), None, 2017,
    ]
    for a in values:
        for b in values:
            if a == b:
                assert hash(a) == hash(b), (a, b)
    assert CypherDate(dt.date(2017, 7, 4)) == "2017-07-04" and CypherDate(dt.date(2017, 7, 4)) != dt.date(2017, 7, 4)
    assert len({CypherDate(dt.date(2017, 7, 4)), "2017-07-04", CypherDate(dt.date(2017, 7, 4))}) == 1
    assert CypherDate(dt.date(2006, 10, 9)) < "2017-07-04" < CypherDate(dt.date(2020, 1, 1))  # type: ignore[operator]
    with pytest.raises(TypeError):
        CypherDate(dt.date(2006, 10, 9)) < "yesterday"  # type: ignore[operator]  # noqa: B015


def test_single_quoted_strings_and_lower_case_aggregates(store: NetworkXStore) -> None:
    result = store.run_cypher("MATCH (s:State) WHERE s.label = 'North Korea' RETURN s.iri, count(s) AS n")
    assert result.columns == ["s.iri", "n"]
    assert result.rows == [[PRK, 1]]


def test_parameters_become_escaped_literals() -> None:
    text, columns = prepare_query(
        "MATCH (n) WHERE n.label = $name AND n.x IN $xs RETURN n.iri AS iri", {"name": 'a" OR "1"="1', "xs": [1, 2.5]}
    )
    assert '"a\\" OR \\"1\\"=\\"1"' in text
    assert "[1, 2.5]" in text
    assert columns == ["iri"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "missing parameter"),
        ({"p": {"nested": 1}}, "not a plain value"),
        ({"p": object()}, "not a plain value"),
        ({"p": float("nan")}, "cannot be written"),
        ({"p": dt.datetime(2020, 1, 1, 12, 0)}, "datetimes"),
    ],
)
def test_bad_parameters_are_refused(store: NetworkXStore, params: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        store.run_cypher("MATCH (n) WHERE n.label = $p RETURN n", params)


def test_undirected_patterns_are_refused_not_answered_wrongly(store: NetworkXStore) -> None:
    for query in ("MATCH (a)-[r]-(b) RETURN a.iri", "MATCH (a)--(b) RETURN b", "MATCH (a)-[:PERPETRATOR]-(b) RETURN b"):
        with pytest.raises(UnsupportedQueryError, match="undirected"):
            store.run_cypher(query)
    assert store.run_cypher("MATCH (a)<-[:PERPETRATOR]-(b) RETURN count(*)").rows == [[2]]


def test_type_of_relationship_is_a_string(store: NetworkXStore) -> None:
    result = store.run_cypher("MATCH (a)-[r]->(b) RETURN type(r) AS t, count(a) AS n")
    assert result.rows == [["PERPETRATOR", 2]]
    assert result.columns == ["t", "n"]


def test_unsupported_query_points_at_neo4j(store: NetworkXStore) -> None:
    with pytest.raises(UnsupportedQueryError, match="NEO4J_URI") as info:
        store.run_cypher("MATCH (n) WITH n.kind AS k RETURN k, count(*)")
    assert "scripts/neo4j-local start" in str(info.value)


# -- settings and the factory -----------------------------------------------------


def test_open_store_loads_and_save_store_writes(tmp_path: Path) -> None:
    path = tmp_path / "data" / "graph.json.gz"
    settings = Settings.from_env({"ALLIANCEKG_DATA": str(path)})
    fresh = open_store(settings=settings)
    assert isinstance(fresh, NetworkXStore)
    assert fresh.count_by_kind() == {}
    fresh.load(small())
    assert fresh.save() == path
    again = open_store(settings=settings)
    assert again.dump() == fresh.dump()
    other = open_store("embedded", path=tmp_path / "elsewhere.json")
    assert other.count_by_kind() == {}


def test_settings_from_env() -> None:
    settings = Settings.from_env(
        {"ALLIANCEKG_STORE": "Neo4j", "NEO4J_URI": "bolt://h:1", "NEO4J_PASSWORD": "pw", "NEO4J_DATABASE": "kg"}
    )
    assert settings.store == "neo4j"
    assert settings.neo4j_auth == ("neo4j", "pw")
    assert settings.neo4j_database == "kg"
    assert "pw" not in repr(settings)
    assert Settings.from_env({}).neo4j_auth is None
    assert Settings.from_env({}).data_path == Path("data/graph.json.gz")
    with pytest.raises(ConfigurationError, match="ALLIANCEKG_STORE"):
        Settings.from_env({"ALLIANCEKG_STORE": "sqlite"})
    with pytest.raises(ConfigurationError, match="unknown store"):
        open_store("sqlite", settings=Settings())
    with pytest.raises(ConfigurationError, match="NEO4J_URI is not set"):
        open_store("neo4j", settings=Settings())


# -- the store commands ------------------------------------------------------------


def test_cli_stats_and_cypher(store: NetworkXStore, tmp_path: Path) -> None:
    path = store.save(tmp_path / "g.json.gz")
    cli = [sys.executable, "-m", "alliancekg.cli"]
    env = {**os.environ, "ALLIANCEKG_DATA": str(path), "ALLIANCEKG_STORE": "embedded", "COLUMNS": "200"}
    stats = subprocess.run([*cli, "stats"], capture_output=True, text=True, env=env, check=False)
    assert stats.returncode == 0, stats.stderr
    assert "PERPETRATOR" in stats.stdout
    assert "NuclearTest" in stats.stdout
    query = [*cli, "cypher", "MATCH (s:State) WHERE s.label = $name RETURN s.iri", "--param", "name=North Korea"]
    found = subprocess.run([*query, "--json"], capture_output=True, text=True, env=env, check=False)
    assert found.returncode == 0, found.stderr
    assert [json.loads(line) for line in found.stdout.splitlines()] == [{"s.iri": PRK}]
    refused = subprocess.run([*cli, "cypher", "MATCH (n) DETACH DELETE n"], capture_output=True, text=True, env=env,
                             check=False)
    assert refused.returncode == 1
    assert "read-only" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert NetworkXStore.load_file(path).count_by_kind() == store.count_by_kind()


def test_cli_param_parsing() -> None:
    from alliancekg.cli.store import parse_param

    assert parse_param("n=3") == ("n", 3)
    assert parse_param("$who=PRK") == ("who", "PRK")
    assert parse_param('s="x y"') == ("s", "x y")
    assert parse_param("xs=[1, 2]") == ("xs", [1, 2])
    assert parse_param("d=date:2017-09-03") == ("d", dt.date(2017, 9, 3))
    with pytest.raises(ConfigurationError):
        parse_param("no-equals")
    with pytest.raises(ConfigurationError):
        parse_param("d=date:yesterday")


def test_temp_files_left_by_a_save_killed_midway_are_removed_by_the_next_save(tmp_path: Path) -> None:
    """kill -9 during a save leaves the hidden temp file; the next process's save removes it (its own
    pattern only, and only files older than that process)."""
    import signal
    import time

    target = tmp_path / "graph.json.gz"
    saver = (
        "import sys; from graph.nx_store import NetworkXStore; from graph.synthetic import generate\n"
        "s = NetworkXStore(sys.argv[1]); s.load(generate(40_000, seed=3))\n"
        "while True: s.save()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", saver, str(target)])
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(tmp_path.glob(".graph.json.gz.*")):
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    left = list(tmp_path.glob(".graph.json.gz.*"))
    assert left, "the kill did not land during a save"
    other = tmp_path / ".notes.txt.abcd1234"  # not the store's own temp pattern: kept
    other.write_text("x", encoding="utf-8")

    time.sleep(0.05)
    cleaner = "import sys; from graph.nx_store import NetworkXStore; NetworkXStore(sys.argv[1]).save()"
    subprocess.run([sys.executable, "-c", cleaner, str(target)], check=True)
    assert not list(tmp_path.glob(".graph.json.gz.*"))
    assert other.exists()
