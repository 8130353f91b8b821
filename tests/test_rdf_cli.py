"""SPARQL over exports and the linked-data commands (export, import, validate, sparql)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from alliancekg.cli import app
from graph.errors import QueryError
from graph.nx_store import NetworkXStore
from ontology.rdf_export import export_file, to_rdflib
from ontology.sample import sample_graph
from ontology.sparql import dataset, example_queries, read_query, run_query, show

runner = CliRunner()


@pytest.fixture
def sample_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.ttl"
    export_file(sample_graph(), path)
    return path


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """An embedded store file of its own for each test."""
    monkeypatch.setenv("ALLIANCEKG_STORE", "embedded")
    monkeypatch.setenv("ALLIANCEKG_DATA", str(tmp_path / "graph.json.gz"))
    return {"ALLIANCEKG_STORE": "embedded", "ALLIANCEKG_DATA": str(tmp_path / "graph.json.gz")}


# -- SPARQL --------------------------------------------------------------------


def test_example_queries_exist() -> None:
    assert set(example_queries()) >= {
        "responses-to-nuclear-tests", "first-meeting-per-commitment-type", "meetings-heads-of-delegation"}


def test_commitments_responding_to_nuclear_tests(sample_file: Path) -> None:
    result = run_query(dataset(data=sample_file), read_query("responses-to-nuclear-tests"))
    labels = [str(row[result.columns.index("commitmentLabel")]) for row in result.rows]
    assert labels == ["U.S. extended deterrence for the ROK (49th SCM)",
                      "U.S. extended deterrence for the ROK (54th SCM)"]
    assert {str(row[result.columns.index("testLabel")]) for row in result.rows} == {"Sixth North Korean nuclear test"}


def test_first_meeting_per_commitment_type(sample_file: Path) -> None:
    result = run_query(dataset(data=sample_file), read_query("first-meeting-per-commitment-type"))
    firsts = {show(row[0]): (row[2].toPython(), str(row[3])) for row in result.rows}  # type: ignore[union-attr]
    assert firsts == {
        "ak:ExtendedDeterrence": (dt.date(2017, 10, 28), "49th Security Consultative Meeting"),
        "ak:NuclearUmbrella": (dt.date(2017, 10, 28), "49th Security Consultative Meeting"),
    }


def test_heads_of_delegation_use_the_class_hierarchy_and_reified_roles(sample_file: Path) -> None:
    result = run_query(dataset(data=sample_file), read_query("meetings-heads-of-delegation"))
    rows = {(str(r[3]), str(r[4]), str(r[5])) for r in result.rows}
    assert rows == {("Lee Jong-sup", "Republic of Korea", "Minister of National Defense"),
                    ("Lloyd J. Austin III", "United States", "Secretary of Defense")}
    without_ontology = run_query(dataset(data=sample_file, include_ontology=False),
                                 read_query("meetings-heads-of-delegation"))
    assert without_ontology.rows == []  # the subclass walk needs the ontology


def test_sparql_over_a_store_export_and_limits() -> None:
    store = NetworkXStore()
    store.load(sample_graph())
    graph = dataset(store=store)
    result = run_query(graph, "SELECT ?s WHERE { ?s a ak:State } ORDER BY ?s", limit=2)
    assert len(result.rows) == 2 and result.truncated
    ask = run_query(graph, "ASK { ?s owl:sameAs wd:Q884 }")
    assert ask.rows == [[Literal(True)]]


def test_bad_sparql_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="SPARQL"):
        run_query(to_rdflib(sample_graph()), "SELECT ?x WHERE { ?x a ")


def test_show_shortens_terms() -> None:
    assert show(URIRef("https://w3id.org/alliancekg/id/state/kor")) == "id:state/kor"
    assert show(URIRef("https://w3id.org/alliancekg/ontology#State")) == "ak:State"
    assert show(None) == ""


# -- commands --------------------------------------------------------------------


def test_import_then_export_validates(env: dict[str, str], sample_file: Path, tmp_path: Path) -> None:
    imported = runner.invoke(app, ["import", str(sample_file)])
    assert imported.exit_code == 0, imported.output
    assert Path(env["ALLIANCEKG_DATA"]).exists()
    for fmt in ("nt", "ttl", "jsonld", "xml"):
        out = tmp_path / f"export.{fmt}"
        args = ["--format", fmt] if fmt == "xml" else []  # the others go by the file's extension
        result = runner.invoke(app, ["export", *args, "--out", str(out), "--validate"])
        assert result.exit_code == 0, result.output
        assert "conforms" in result.output and "does not conform" not in result.output
        assert out.stat().st_size > 1000
    doc = json.loads((tmp_path / "export.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == "https://w3id.org/alliancekg/ontology/context.jsonld"


def test_validate_command_reports_node_shape_and_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    data = sample_graph()
    for node in data.nodes:
        if node.kind.value == "Commitment":
            node.props["stance"] = "abandoned"
    path = tmp_path / "broken.nt"
    export_file(data, path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "does not conform" in result.output
    assert "aksh:CommitmentShape ak:stance" in result.output
    assert "stance must be one of" in result.output
    assert "U.S. extended deterrence" in result.output


def test_sparql_command_on_a_file(sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    result = runner.invoke(app, ["sparql", "responses-to-nuclear-tests", "--data", str(sample_file)])
    assert result.exit_code == 0, result.output
    assert "2 row(s)" in result.output
    assert "Sixth North Korean nuclear test" in result.output


def test_sparql_command_on_the_store(env: dict[str, str], sample_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert runner.invoke(app, ["import", str(sample_file)]).exit_code == 0
    query = "SELECT ?l WHERE { ?s a ak:SecurityConsultativeMeeting ; rdfs:label ?l }"
    result = runner.invoke(app, ["sparql", query])
    assert result.exit_code == 0, result.output
    assert "49th Security Consultative Meeting" in result.output


def test_errors_are_one_line_without_traceback(tmp_path: Path, env: dict[str, str]) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ak: <https://w3id.org/alliancekg/ontology#> .\n\nak:x ak:y .\n", encoding="utf-8")
    cli = Path(sys.executable).with_name("alliancekg")
    proc = subprocess.run([str(cli), "import", str(bad)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})
    assert proc.returncode == 1
    assert "line 3" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
