"""The record's turning points on the real-layout documents (``corpus/official-shapes``), on both stores.

The real-layout set holds the 41st, 43rd-47th, 50th, 51st, 53rd, 54th and
56th SCM among others, with the test-only 11th and 52nd SCM texts of
``tests/data/milestones``. Every answer is right, or names the missing text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_milestones import ROOT, STORE_KINDS, ingest

import analytics as ak
from alliancekg.cli.record import read_recorded_text
from graph.nx_store import NetworkXStore
from graph.store import GraphStore

SHAPES = [ROOT / "corpus" / "official-shapes" / d for d in ("communiques", "statements", "news", "web")]


@pytest.fixture(scope="module")
def embedded_shapes() -> GraphStore:
    return ingest(NetworkXStore(), SHAPES)


@pytest.fixture(scope="module")
def neo4j_shapes(neo4j_driver: Any) -> Iterator[GraphStore]:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver)
    store.clear()
    store.ensure_schema()
    yield ingest(store, SHAPES)


@pytest.fixture(params=STORE_KINDS)
def shapes(request: pytest.FixtureRequest) -> GraphStore:
    store: GraphStore = request.getfixturevalue(f"{request.param}_shapes")
    return store


def stated(store: GraphStore, what: str, **kwargs: Any) -> ak.StatedResult:
    return ak.stated(store, what, read_text=read_recorded_text, **kwargs)


def test_umbrella_at_the_11th_and_extended_deterrence_names_the_missing_38th(shapes: GraphStore) -> None:
    assert stated(shapes, "nuclear umbrella").first_meeting == "11th SCM"
    ed = stated(shapes, "extended deterrence")
    # no 38th SCM text in this set: the first loaded statement is the 39th (the 2007 document-sharing copy),
    # and the answer says so
    assert ed.first_meeting == "39th SCM"
    assert "38th SCM" in ed.missing_before
    assert ed.first_note is not None and "no text for the 38th SCM loaded" in ed.first_note


def test_the_three_means_at_the_41st(shapes: GraphStore) -> None:
    for what in ("nuclear umbrella", "conventional strike", "missile defense"):
        row = stated(shapes, what, phrase=True).row(41)
        assert row["stated"], what
    assert stated(shapes, "conventional strike").first_meeting == "41st SCM"


def test_the_policy_committee_and_the_tailored_strategy_name_the_missing_42nd_and_45th(shapes: GraphStore) -> None:
    edpc = stated(shapes, "Extended Deterrence Policy Committee")
    assert edpc.first_meeting == "43rd SCM" and "no text for the 42nd SCM loaded" in (edpc.first_note or "")
    tds = stated(shapes, "Tailored Deterrence Strategy")
    assert tds.first_meeting == "45th SCM" and tds.row(45)["found_in"] == "pledge"
    # the 46th SCM's text mentions the strategy in a sentence that is no pledge: found in the text itself
    assert tds.row(46)["found_in"] == "text" and tds.row(46)["status"] == "restated"


def test_troops_at_the_current_level_absent_at_the_52nd_and_back_at_the_53rd(shapes: GraphStore) -> None:
    result = stated(shapes, "current level")
    assert result.row(51)["stated"]
    assert result.answer(52).startswith("not restated: stated at the 51st SCM")
    assert result.answer(53) == "stated again: last stated at the 51st SCM"


def test_the_taiwan_strait_first_at_the_53rd(shapes: GraphStore) -> None:
    result = stated(shapes, "Taiwan Strait")
    assert result.first_meeting == "53rd SCM"
    assert result.row(52)["text_loaded"] and result.row(52)["status"] == "not stated"
    assert result.row(53)["found_in"] == "text" and "Taiwan Strait" in result.row(53)["evidence"]


def test_the_end_of_the_regime_first_at_the_54th_and_denuclearization_names_the_missing_55th(
    shapes: GraphStore,
) -> None:
    regime = stated(shapes, "end of the regime")
    assert regime.first_meeting == "54th SCM" and regime.answer(54).startswith("first stated")
    assert regime.row(53)["text_loaded"] and regime.row(53)["status"] == "not stated"
    denuclearization = stated(shapes, "Denuclearization")
    assert denuclearization.row(56)["status"] == "not stated"
    assert "no text for the 55th SCM loaded" in denuclearization.answer(56)


def test_a_phrase_without_a_text_reader_says_it_read_the_pledges_only(shapes: GraphStore) -> None:
    row = ak.stated(shapes, "Taiwan Strait").row(53)
    assert row["status"] == "not stated" and "pledge sentences only" in row["note"]


def test_the_stated_command_answers_with_the_missing_text(
    embedded_shapes: NetworkXStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from alliancekg import cli

    data = embedded_shapes.save(tmp_path / "graph.json.gz")
    monkeypatch.setenv("COLUMNS", "240")
    for argv, expected in (
        (["stated", "Taiwan Strait"], "first stated in the loaded texts at the 53rd SCM"),
        (["first-stated", "Extended Deterrence Policy Committee"], "no text for the 42nd SCM loaded"),
        (["stated", "current level", "--all"], "no text for the 55th SCM loaded"),
    ):
        monkeypatch.setattr(sys, "argv", ["alliancekg", *argv, "--data", str(data)])
        cli.main()
        out = capsys.readouterr().out
        assert expected in out, out
    monkeypatch.setattr(sys, "argv", ["alliancekg", "stated", "current level", "--data", str(data)])
    cli.main()
    out = capsys.readouterr().out
    assert "not restated" in out and "stated again" in out
