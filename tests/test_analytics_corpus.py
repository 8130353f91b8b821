"""Analytics on the ingested sample corpus: real conclusions, on both stores.

The corpus (``corpus/``) is ingested with the project's own pipeline into the
embedded store and into a real Neo4j; the tests check what an analyst would
conclude from it, and that both stores conclude the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import analytics as ak
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Rel, concept_local_name
from graph.store import GraphStore

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def _ingest(store: GraphStore) -> GraphStore:
    from alliancekg.ingest import ingest_paths

    sample = [CORPUS / d for d in ("communiques", "statements", "news", "studies")]
    report = ingest_paths(sample, store, progress=False, save=False, on_error="raise")
    assert report.files, "the sample corpus holds no documents"
    return store


@pytest.fixture(scope="module")
def embedded_corpus() -> GraphStore:
    return _ingest(NetworkXStore())


@pytest.fixture(scope="module")
def neo4j_corpus(neo4j_driver: Any) -> Iterator[GraphStore]:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver)
    store.clear()
    store.ensure_schema()
    yield _ingest(store)


@pytest.fixture(params=STORE_KINDS)
def corpus(request: pytest.FixtureRequest) -> GraphStore:
    store: GraphStore = request.getfixturevalue(f"{request.param}_corpus")
    return store


def _types_at(store: GraphStore, meeting_iri: str) -> set[str]:
    """Commitment types stated at a meeting, read straight from the store (not through the analytics)."""
    hood = store.neighbours(
        meeting_iri,
        hops=2,
        kinds=[Kind.MEETING, Kind.COMMITMENT, Kind.CONCEPT],
        rel_types=[Rel.MADE_AT, Rel.COMMITMENT_TYPE],
    )
    return {concept_local_name(r.target) for r in hood.relationships if r.type == Rel.COMMITMENT_TYPE}


def test_the_first_nuclear_test_is_answered_at_the_38th_scm(corpus: GraphStore) -> None:
    result = ak.trace(corpus, "2006-10-09")
    assert result.label == "First North Korean nuclear test"
    scm = result.meetings.set_index("series").loc["SCM"]
    assert scm["ordinal"] == 38
    assert scm["date"] == dt.date(2006, 10, 20)
    assert scm["lag_days"] == 11
    changes = result.changes
    ed = changes[(changes["commitment_type"] == "ExtendedDeterrence") & (changes["series"] == "SCM")]
    assert not ed.empty
    # the corpus has no text of the 31st-37th SCM: no verdict against the 30th (1999)
    assert (scm["previous_label"], scm["previous_loaded"]) == ("37th SCM", False)
    assert scm["note"] == "no text for the 37th SCM loaded"
    assert set(changes.loc[changes["series"] == "SCM", "change"]) == {"unknown"}
    assert not changes["baseline_meeting"].eq("30th SCM").any()
    # "offered assurances of immediate U.S. support ..., including the continuation of extended deterrence":
    # the text words it as a standing pledge continued
    assert set(ed["wording"]) == {"reaffirmed"}
    assert "explicit" in set(ed["link"])  # the communique names the test
    assert ed["evidence"].str.contains("deterrence", case=False).any()
    assert ed["document"].notna().all()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("October 2006 nuclear test", "First North Korean nuclear test"),  # a catalogue alias
        ("first nuclear test", "First North Korean nuclear test"),
        ("prk-nuclear-test-6", "Sixth North Korean nuclear test"),
        ("Cheonan", "Sinking of the ROKS Cheonan"),
    ],
)
def test_incidents_are_found_by_the_names_analysts_use(corpus: GraphStore, name: str, label: str) -> None:
    assert ak.trace(corpus, name).label == label


def test_the_sixth_nuclear_test_is_answered_at_the_49th_scm(corpus: GraphStore) -> None:
    result = ak.trace(corpus, "Sixth North Korean nuclear test")
    scm = result.meetings.set_index("series").loc["SCM"]
    assert (scm["ordinal"], scm["lag_days"]) == (49, 55)
    assert "ExtendedDeterrence" in set(result.changes["commitment_type"])


@pytest.mark.parametrize("incident", ["2006-10-09", "2017-09-03", "2016-01-06", "2023-04-13"])
def test_not_restated_means_stated_at_the_previous_meeting_and_absent_now(corpus: GraphStore, incident: str) -> None:
    result = ak.trace(corpus, incident)
    assert not result.meetings.empty
    for meeting in result.meetings.to_dict(orient="records"):
        if pd.isna(meeting["previous"]) or pd.isna(meeting["meeting"]):
            continue
        before = _types_at(corpus, meeting["previous"])
        now = _types_at(corpus, meeting["meeting"])
        rows = result.changes[result.changes["meeting"] == meeting["meeting"]]
        dropped = set(rows.loc[rows["change"] == "not restated", "commitment_type"])
        assert dropped <= before
        assert before - now <= dropped  # every type that vanished is reported
        assert set(rows.loc[rows["change"] != "not restated", "commitment_type"]) == now


def test_after_the_sixth_test_silence_is_not_restated_and_nothing_is_dropped(corpus: GraphStore) -> None:
    changes = ak.trace(corpus, "2017-09-03").changes
    assert "dropped" not in set(changes["change"])
    quiet = changes[changes["change"] == "not restated"]
    # the 48th SCM stated the umbrella and missile defense; the 49th's text is silent on both
    assert {"NuclearUmbrella", "MissileDefense"} <= set(quiet["commitment_type"])
    assert quiet["baseline_meeting"].eq("48th SCM").all()
    assert quiet["basis"].str.contains("48th SCM").all()
    # in force until ended: the 49th SCM's silence does not end the umbrella or the troop presence
    standing = ak.in_force(corpus, "2018-01-01")
    types = set(standing["commitment_type"])
    assert {"NuclearUmbrella", "ForcePresence"} <= types
    assert "USA" in set(standing.loc[standing["commitment_type"] == "NuclearUmbrella", "party"])


def test_dprk_freeze_and_a_halted_troop_reduction_are_not_alliance_suspensions(corpus: GraphStore) -> None:
    # the 24th SCM: "the second phase of the reduction of U.S. forces in Korea will not proceed"
    view = ak.view_of(corpus)
    for meeting in view.series_meetings["SCM"]:
        if meeting.ordinal in (24, 27, 29, 30):
            for stmt in ak.statements_at(view, meeting.iri).values():
                if stmt.ctype in {"ForcePresence", "Denuclearization"}:
                    assert stmt.stance != "suspended", (meeting.label, stmt.ctype)


def test_extended_deterrence_lineage_starts_in_2006(corpus: GraphStore) -> None:
    result = ak.lineage(corpus, "extended deterrence", party="USA")
    assert (result.first_meeting, result.first_date) == ("38th SCM", dt.date(2006, 10, 20))
    assert len(result.chain) >= 5
    assert result.chain["date"].is_monotonic_increasing
    assert result.trajectory["strength"].notna().all()


def test_themes_show_when_cyber_and_space_entered(corpus: GraphStore) -> None:
    first = ak.themes(corpus).first.set_index("type")
    assert first.loc["ExtendedDeterrence", "first_meeting"] == "38th SCM"
    for local in ("CyberCooperation", "SpaceCooperation"):
        assert first.loc[local, "first_date"] == dt.date(2022, 11, 3)
    assert first.loc["MutualDefense", "first_date"] == dt.date(1968, 5, 27)


def _tables(store: GraphStore) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    for incident in ("2006-10-09", "2017-09-03", "2023-04-13"):
        result = ak.trace(store, incident)
        out[f"trace {incident}"] = result.changes
        out[f"meetings {incident}"] = result.meetings
        out[f"explicit {incident}"] = result.explicit
    lineage = ak.lineage(store, "ExtendedDeterrence", evidence=True)
    out["lineage"] = lineage.chain
    out["themes"] = ak.themes(store).table
    out["in force"] = ak.in_force(store, "2024-12-31")
    out["centrality"] = ak.centrality(store, start=dt.date(2006, 1, 1))
    out["paths"] = ak.response_paths(store, "2006-10-09")
    return out


def test_both_stores_conclude_the_same(embedded_corpus: GraphStore, neo4j_corpus: GraphStore) -> None:
    left = _tables(embedded_corpus)
    right = _tables(neo4j_corpus)
    for name, table in left.items():
        assert not table.empty, name
        pd.testing.assert_frame_equal(table, right[name], obj=name)


def test_cli_trace_on_the_corpus(
    embedded_corpus: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from alliancekg import cli

    assert isinstance(embedded_corpus, NetworkXStore)
    data = embedded_corpus.save(tmp_path / "corpus.json.gz")
    monkeypatch.setenv("COLUMNS", "200")
    argv = ["alliancekg", "trace", "First Hwasong-18 solid-fuel ICBM launch", "--data", str(data)]
    monkeypatch.setattr(sys, "argv", argv)
    cli.main()
    out = capsys.readouterr().out
    assert "ROK-U.S. summit, 2023-04-26 (2023-04-26), lag 13 days" in out
    assert "55th SCM (2023-11-13), lag 214 days; compared with 54th SCM (2022-11-03)" in out
    assert not re.search(r"\bnan\b", out)


def test_a_studys_paraphrase_of_the_38th_scm_is_not_a_second_pledge(corpus: GraphStore) -> None:
    view = ak.view_of(corpus)
    scm38 = next(m for m in view.series_meetings["SCM"] if m.ordinal == 38)
    at38 = ak.statements_at(view, scm38.iri)
    ed = at38[("ExtendedDeterrence", "USA")]
    # one sentence of the communique; the study's paraphrase is further evidence of it
    assert ed.source == "primary" and len(ed.commitments) == 1 and len(ed.reports) == 1
    reported = [view.commitments[c] for c in ed.reports]
    assert all(c.source == "reported" for c in reported)
    rows = ak.trace(corpus, "2006-10-09", series="SCM").changes
    ed_rows = rows[(rows["commitment_type"] == "ExtendedDeterrence") & (rows["party"] == "USA")]
    assert len(ed_rows) == 1 and ed_rows.iloc[0]["source"] == "primary"
    assert int(ed_rows.iloc[0]["sentences"]) == 1


def test_a_meetings_text_is_loaded_only_when_a_primary_document_records_it(corpus: GraphStore) -> None:
    view = ak.view_of(corpus)
    assert view.recorded == view.documented  # every loaded meeting has its own record
    assert any(c.source == "reported" for c in view.commitments.values())  # the studies and news report pledges
    primary = ak.select(view, sources="primary")
    assert [m.ordinal for m in primary.series_meetings["SCM"]] == [m.ordinal for m in view.series_meetings["SCM"]]
    # counts do not double: a primary filter removes reports, never statements of a loaded meeting
    for meeting in view.series_meetings["SCM"]:
        everything = ak.statements_at(view, meeting.iri)
        mine = ak.statements_at(primary, meeting.iri)
        assert {k for k, s in everything.items() if s.source == "primary"} == set(mine)


# the record's turning points (issue 10, item 6): right, or the answer names the missing text


def test_the_nuclear_umbrella_first_stated_names_the_missing_11th_scm(corpus: GraphStore) -> None:
    lin = ak.lineage(corpus, "NuclearUmbrella", sources="primary")
    # the corpus holds the 10th SCM (1977) but not the 11th (1978), where the umbrella was first stated
    assert lin.first_meeting == "38th SCM"
    assert "11th SCM" in lin.missing_before and "10th SCM" not in lin.missing_before
    assert lin.first_note is not None and lin.first_note.startswith("first stated in the loaded texts at the 38th SCM")


def test_extended_deterrence_first_at_the_38th_and_its_means_at_the_41st(corpus: GraphStore) -> None:
    lin = ak.lineage(corpus, "ExtendedDeterrence", sources="primary")
    assert lin.first_meeting == "38th SCM" and lin.first_date == dt.date(2006, 10, 20)
    assert ak.lineage(corpus, "MissileDefense", sources="primary").first_meeting == "41st SCM"
