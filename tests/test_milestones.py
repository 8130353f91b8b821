"""The record's turning points (issue 10, item 6) on the sample corpus, on both stores.

Each published turning point is asked of the tools the way an analyst would ask it
(:func:`analytics.stated`, the ``stated`` command); the answer must be right, or
name the text that is missing ("no text for the 52nd SCM loaded"). The sample
corpus is read with the test-only texts of ``tests/data/milestones`` (an 11th SCM
of 1978 and a 52nd SCM of 2020, written for the tests), so the nuclear umbrella's
first statement is in the loaded texts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import analytics as ak
from alliancekg.cli.record import read_recorded_text
from graph.nx_store import NetworkXStore
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
MILESTONE_TEXTS = ROOT / "tests" / "data" / "milestones"
SAMPLE = [ROOT / "corpus" / d for d in ("communiques", "statements", "news", "studies")]
STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def ingest(store: GraphStore, folders: list[Path]) -> GraphStore:
    from alliancekg.ingest import ingest_paths

    report = ingest_paths([*folders, MILESTONE_TEXTS], store, progress=False, save=False, on_error="raise")
    assert report.files, "no document was read"
    return store


@pytest.fixture(scope="module")
def embedded_sample() -> GraphStore:
    return ingest(NetworkXStore(), SAMPLE)


@pytest.fixture(scope="module")
def neo4j_sample(neo4j_driver: Any) -> Iterator[GraphStore]:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_driver)
    store.clear()
    store.ensure_schema()
    yield ingest(store, SAMPLE)


@pytest.fixture(params=STORE_KINDS)
def sample(request: pytest.FixtureRequest) -> GraphStore:
    store: GraphStore = request.getfixturevalue(f"{request.param}_sample")
    return store


def stated(store: GraphStore, what: str, **kwargs: Any) -> ak.StatedResult:
    return ak.stated(store, what, read_text=read_recorded_text, **kwargs)


def test_the_nuclear_umbrella_is_first_stated_at_the_11th_scm(sample: GraphStore) -> None:
    result = stated(sample, "nuclear umbrella")
    assert result.kind == "type"
    assert result.first_meeting == "11th SCM" and str(result.first_date) == "1978-07-26"
    # the 10th SCM (1977) is loaded and silent on it: a first statement against the record
    assert result.answer(10).startswith("not stated")
    assert result.row(11)["status"] == "first stated"
    assert "nuclear umbrella" in result.row(11)["evidence"]


def test_extended_deterrence_first_at_the_38th_says_the_37th_is_missing(sample: GraphStore) -> None:
    result = stated(sample, "extended deterrence")
    assert result.first_meeting == "38th SCM"
    assert result.first_note is not None and "no text for the 37th SCM loaded" in result.first_note
    assert result.answer(37) == "no text loaded: no text for the 37th SCM loaded"


def test_the_three_means_of_extended_deterrence_at_the_41st(sample: GraphStore) -> None:
    assert stated(sample, "MissileDefense").first_meeting == "41st SCM"
    strike = stated(sample, "conventional strike")
    assert strike.kind == "phrase" and strike.first_meeting == "41st SCM"
    # the umbrella and missile defense stand in the same sentence of the 41st SCM
    umbrella = stated(sample, "nuclear umbrella").row(41)
    assert umbrella["stated"] and "missile defense" in umbrella["evidence"].lower()
    assert "conventional strike" in umbrella["evidence"].lower()
    assert "no text for the 40th SCM loaded" in strike.answer(41)


def test_the_extended_deterrence_policy_committee_is_agreed_at_the_42nd(sample: GraphStore) -> None:
    result = stated(sample, "Extended Deterrence Policy Committee")
    assert result.first_meeting == "42nd SCM" and result.row(42)["status"] == "first stated"
    assert result.row(41)["text_loaded"] and result.row(41)["status"] == "not stated"


def test_the_tailored_deterrence_strategy_at_the_45th_names_the_missing_44th(sample: GraphStore) -> None:
    result = stated(sample, "Tailored Deterrence Strategy")
    assert result.first_meeting == "45th SCM"
    assert result.first_note is not None and "no text for the 44th SCM loaded" in result.first_note


def test_troops_at_the_current_level_at_the_52nd_and_53rd(sample: GraphStore) -> None:
    result = stated(sample, "current level")
    # the sample holds the test text of the 52nd SCM (it does not restate the level) but no 51st or 53rd
    assert result.answer(51) == "no text loaded: no text for the 51st SCM loaded"
    assert result.row(52)["status"] == "not stated"
    assert "no text for the 51st SCM loaded" in result.answer(52)
    assert result.answer(53) == "no text loaded: no text for the 53rd SCM loaded"


def test_the_taiwan_strait_says_the_53rd_scm_is_missing(sample: GraphStore) -> None:
    result = stated(sample, "Taiwan Strait")
    assert result.first_meeting is None
    assert result.answer(53) == "no text loaded: no text for the 53rd SCM loaded"


def test_the_end_of_the_regime_is_first_stated_at_the_54th(sample: GraphStore) -> None:
    result = stated(sample, "end of the regime")
    assert result.first_meeting == "54th SCM"
    assert "end of the Kim regime" in result.row(54)["evidence"]
    assert result.first_note is not None and "no text for the 53rd SCM loaded" in result.first_note


def test_the_56th_is_the_first_scm_since_2016_not_to_restate_denuclearization(sample: GraphStore) -> None:
    result = stated(sample, "Denuclearization")
    assert result.kind == "type"
    # every loaded text of the 48th-55th SCM (2016-2023) restates the goal; the missing ones are named
    loaded = [n for n in range(48, 56) if result.row(n)["text_loaded"]]
    assert {48, 49, 52, 54, 55} <= set(loaded)
    for n in range(48, 56):
        row = result.row(n)
        if row["text_loaded"]:
            assert row["stated"] is True and row["status"] in {"stated", "restated", "stated again"}, n
            assert "denuclearization of the Korean Peninsula" in row["evidence"], n
        else:
            assert result.answer(n) == f"no text loaded: no text for the {row['meeting_label']} loaded"
    # the 56th (2024) is loaded and silent on it, right after the 55th said it
    assert result.row(56)["text_loaded"] and result.row(56)["stated"] is False
    assert result.answer(56) == "not restated: stated at the 55th SCM; silence is not an end"


@pytest.mark.neo4j
def test_both_stores_give_the_same_record(request: pytest.FixtureRequest) -> None:
    embedded = request.getfixturevalue("embedded_sample")
    neo4j = request.getfixturevalue("neo4j_sample")
    for what in ("nuclear umbrella", "Denuclearization", "end of the regime", "current level"):
        a = stated(embedded, what).table.drop(columns=["meeting"])
        b = stated(neo4j, what).table.drop(columns=["meeting"])
        assert a.equals(b), what


def test_the_reading_commands_filter_by_source_role_and_confidence(
    embedded_sample: NetworkXStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json
    import sys

    from alliancekg import cli

    data = embedded_sample.save(tmp_path / "graph.json.gz")
    roles: dict[str, set[str]] = {}
    for sources in ("all", "primary", "reported"):
        out = tmp_path / f"{sources}.json"
        argv = ["lineage", "ExtendedDeterrence", "--sources", sources, "--data", str(data), "--json", str(out)]
        monkeypatch.setattr(sys, "argv", ["alliancekg", *argv])
        cli.main()
        roles[sources] = {row["source"] for row in json.loads(out.read_text())["chain"]}
    # alone, the reports of the studies and the news make their own (flagged) statements; with the
    # records loaded too, each is further evidence of the meeting's own statement, never a second one
    assert roles == {"all": {"primary"}, "primary": {"primary"}, "reported": {"reported"}}
    capsys.readouterr()
    for argv in (["crises", "--min-confidence", "2"], ["themes", "--sources", "news"]):
        monkeypatch.setattr(sys, "argv", ["alliancekg", *argv, "--data", str(data)])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        assert exit_info.value.code != 0
        err = capsys.readouterr().err
        assert err.startswith("alliancekg: error:") and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_phrase_too_long_to_look_for_is_a_clear_error() -> None:
    """A phrase's word gaps may backtrack, so a phrase of many (repeated) words is refused up front."""
    from analytics.record import MAX_PHRASE_WORDS, phrase_pattern
    from graph.errors import ConfigurationError

    assert phrase_pattern(" ".join(["a"] * MAX_PHRASE_WORDS)).search(" ".join(["a"] * 40))
    with pytest.raises(ConfigurationError, match=f"at most {MAX_PHRASE_WORDS}"):
        phrase_pattern("a " * 14 + "zz")
