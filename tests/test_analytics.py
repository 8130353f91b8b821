"""Analytics over the hand-built fixture graph, on both stores.

Every test runs against the embedded store and against a real Neo4j (the
``neo4j`` parameter, skipped without a server, failing in CI). The last tests
check that both stores give identical tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from test_analytics_support import NT1, THREAT_IRI, Fixture, build_fixture, incident_iri

import analytics as ak
from graph.errors import ConfigurationError, LookupAmbiguityError
from graph.model import Relationship
from graph.nx_store import NetworkXStore
from graph.schema import Rel
from graph.store import GraphStore

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(scope="module")
def fx() -> Fixture:
    return build_fixture()


def _open(kind: str, request: pytest.FixtureRequest) -> GraphStore:
    if kind == "embedded":
        return NetworkXStore()
    from graph.neo4j_store import Neo4jStore

    driver = request.getfixturevalue("neo4j_driver")
    store = Neo4jStore(driver)
    store.clear()
    store.ensure_schema()
    return store


def _counts(graph: GraphStore) -> tuple[dict[str, int], dict[str, int]]:
    return graph.count_by_kind(), graph.count_by_type()


@pytest.fixture(scope="module")
def expected_counts(fx: Fixture) -> tuple[dict[str, int], dict[str, int]]:
    reference = NetworkXStore()
    reference.load(fx.data)
    return _counts(reference)


@pytest.fixture(scope="module", params=STORE_KINDS)
def _loaded(request: pytest.FixtureRequest, fx: Fixture) -> Iterator[GraphStore]:
    graph = _open(request.param, request)
    graph.load(fx.data)
    yield graph
    graph.close()


@pytest.fixture
def store(_loaded: GraphStore, fx: Fixture, expected_counts: tuple[dict[str, int], dict[str, int]]) -> GraphStore:
    """The fixture graph, loaded once per module into each store (reloaded if a test changed the database)."""
    if _counts(_loaded) != expected_counts:
        _loaded.clear()
        _loaded.load(fx.data)
    return _loaded


@pytest.fixture(params=STORE_KINDS)
def fresh_store(request: pytest.FixtureRequest, fx: Fixture) -> Iterator[GraphStore]:
    """The fixture graph in a store of its own, for tests that write."""
    graph = _open(request.param, request)
    graph.load(fx.data)
    yield graph
    graph.close()


def _row(df: pd.DataFrame, **match: Any) -> dict[str, Any]:
    mask = pd.Series(True, index=df.index)
    for key, value in match.items():
        mask &= df[key] == value
    found = df[mask]
    assert len(found) == 1, f"expected one row matching {match}, got {len(found)}:\n{df}"
    return found.iloc[0].to_dict()


# -- tracer --------------------------------------------------------------------


def test_first_nuclear_test_is_answered_at_the_next_scm(store: GraphStore) -> None:
    result = ak.trace(store, "2006-10-09")
    assert result.incident == incident_iri(NT1)
    assert result.date == dt.date(2006, 10, 9)
    assert list(result.meetings["series"]) == ["SCM"]
    meeting = result.meetings.iloc[0]
    assert meeting["meeting_label"] == "38th Security Consultative Meeting"
    assert meeting["ordinal"] == 38
    assert meeting["lag_days"] == 11
    assert meeting["previous_label"] == "37th Security Consultative Meeting"

    ed = _row(result.changes, commitment_type="ExtendedDeterrence", party="USA")
    assert ed["change"] == "new"
    assert ed["wording"] == "strengthened"  # the text's own stance, a measure apart from the change
    assert ed["link"] == "explicit"
    assert ed["threat_link"]
    assert "extended deterrence" in ed["evidence"]
    assert ed["document"] == "Joint Communique, 38th Security Consultative Meeting"
    assert ed["paragraph"] == 1


def test_trace_classifies_every_statement_against_the_previous_meeting(store: GraphStore) -> None:
    changes = ak.trace(store, "2006-10-09").changes
    got = {(r["commitment_type"], r["party"]): r["change"] for r in changes.to_dict(orient="records")}
    assert got == {
        ("ExtendedDeterrence", "USA"): "new",
        ("NuclearUmbrella", "USA"): "stronger",
        ("CombinedExercises", "KOR+USA"): "stronger",
        ("ForcePresence", "USA"): "continued",
        ("OpconTransition", "KOR+USA"): "new",
        ("Denuclearization", "KOR+USA"): "new",
        ("MissileDefense", "KOR+USA"): "not restated",
        ("CostSharing", "KOR"): "not restated",
    }
    umbrella = _row(changes, commitment_type="NuclearUmbrella")
    assert (umbrella["previous_strength"], umbrella["strength"]) == (0.6, 0.9)
    assert umbrella["baseline_meeting"] == "37th Security Consultative Meeting"
    dropped = _row(changes, commitment_type="MissileDefense")
    assert pd.isna(dropped["strength"]) and dropped["previous_strength"] == 0.4
    assert dropped["link"] == "temporal"
    assert "missile defense" in dropped["evidence"]
    # only the pledge whose text names the test is an explicit link
    assert set(changes.loc[changes["link"] == "explicit", "commitment_type"]) == {
        "ExtendedDeterrence",
        "NuclearUmbrella",
    }
    assert list(changes["change"]) == sorted(changes["change"], key=list(ak.CHANGES).index)


def test_a_commitment_stated_once_and_absent_next_is_not_restated(store: GraphStore) -> None:
    # the 37th SCM stated missile defense and cost sharing; the 38th did not
    dropped = ak.trace(store, "2006-10-09").changes.query("change == 'not restated'")
    assert set(zip(dropped["commitment_type"], dropped["party"], strict=True)) == {
        ("MissileDefense", "KOR+USA"),
        ("CostSharing", "KOR"),
    }
    assert set(dropped["baseline_meeting"]) == {"37th Security Consultative Meeting"}
    assert all("37th Security Consultative Meeting" in b and "not an end" in b for b in dropped["basis"])
    # the 39th SCM against the 38th: the nuclear umbrella and denuclearization are dropped
    view = ak.view_of(store)
    assert view.series_meetings["SCM"][-1].label == "39th Security Consultative Meeting"
    from analytics.aggregate import classify_meeting

    classified = classify_meeting(view, view.series_meetings["SCM"], 3)
    changes = {(c.statement.ctype, c.statement.party): c.change for c in classified}
    assert changes[("NuclearUmbrella", "USA")] == "not restated"
    assert changes[("Denuclearization", "KOR+USA")] == "not restated"
    assert changes[("ForcePresence", "USA")] == "weaker"
    assert changes[("MissileDefense", "KOR+USA")] == "continued"  # back, stated at the 37th
    assert changes[("ExtendedDeterrence", "USA")] == "continued"


def test_window_and_series_choose_the_next_meetings(store: GraphStore) -> None:
    wide = ak.trace(store, "2006-10-09", window_days=600)
    assert list(wide.meetings["series"]) == ["SCM", "Summit"]
    summit = wide.meetings.iloc[1]
    assert (summit["meeting_label"], summit["lag_days"]) == ("Camp David summit", 558)
    assert _row(wide.changes, series="Summit", commitment_type="MutualDefense")["change"] == "stronger"
    only = ak.trace(store, "2006-10-09", window_days=600, series="summit")
    assert list(only.meetings["series"]) == ["Summit"]
    # nothing loaded after 2009: the record's next meetings are named, with no text and no verdict
    later = ak.trace(store, "second nuclear test", window_days=5000)
    assert not later.meetings["text_loaded"].any() and later.changes.empty
    assert _row(later.meetings, series="SCM")["meeting_label"] == "41st SCM"
    assert _row(later.meetings, series="SCM")["note"] == "no text for the 41st SCM loaded"
    narrow = ak.trace(store, "2006-10-09", window_days=10)
    assert narrow.meetings.empty and narrow.changes.empty
    assert len(narrow.explicit) == 1  # the explicit response stays visible outside the window
    with pytest.raises(LookupAmbiguityError) as err:
        ak.trace(store, "2006-10-09", series="NATO")
    assert "SCM" in err.value.candidates
    with pytest.raises(ConfigurationError):
        ak.trace(store, "2006-10-09", window_days=0)


def test_a_meeting_no_document_records_is_never_the_next_meeting(store: GraphStore) -> None:
    # the 28th MCM (2006-10-19) is only mentioned; it must not answer the test
    result = ak.trace(store, "2006-10-09", window_days=5000)
    assert "MCM" not in set(result.meetings["series"])


def test_explicit_responses_are_kept_apart(store: GraphStore, fx: Fixture) -> None:
    explicit = ak.trace(store, "prk-nuclear-test-1").explicit
    assert list(explicit["commitment"]) == [fx.commitments[("scm38", "ExtendedDeterrence")]]
    row = explicit.iloc[0]
    assert row["lag_days"] == 11 and row["next_meeting"]
    assert row["commitment_types"] == "ExtendedDeterrence, NuclearUmbrella"


@pytest.mark.parametrize(
    "name",
    [
        "First North Korean nuclear test",
        "first NUCLEAR test",
        "October 2006 nuclear test",
        "prk-nuclear-test-1",
        "2006-10-09",
    ],
)
def test_an_incident_is_named_by_label_alias_id_or_date(store: GraphStore, name: str) -> None:
    assert ak.trace(store, name).incident == incident_iri(NT1)


@pytest.mark.parametrize(("name", "matches"), [("First North Korean", 4), ("korean first test", 2)])
def test_a_partial_name_must_be_unique_over_the_record(store: GraphStore, name: str, matches: int) -> None:
    # the store's node is not preferred for a part of a name: the catalogue's other "first" incidents match too
    with pytest.raises(LookupAmbiguityError, match=f"{matches} incidents match") as caught:
        ak.trace(store, name)
    assert any("First North Korean nuclear test" in c for c in caught.value.candidates)


def test_an_incident_is_named_by_its_iri(store: GraphStore) -> None:
    assert ak.trace(store, incident_iri(NT1)).incident == incident_iri(NT1)


@pytest.mark.parametrize(
    ("name", "expected_candidate"),
    [
        ("nuclear test", "Second North Korean nuclear test"),  # ambiguous
        ("Frist Nortth Korean nuclear tset", "First North Korean nuclear test"),  # misspelt
        ("2006-10-10", "First North Korean nuclear test"),  # no incident that day: nearest ones
        ("2006-13-45", None),  # not a date
    ],
)
def test_unknown_or_ambiguous_incidents_list_close_matches(
    store: GraphStore, name: str, expected_candidate: str | None
) -> None:
    with pytest.raises(LookupAmbiguityError) as err:
        ak.trace(store, name)
    if expected_candidate is not None:
        assert any(c.startswith(expected_candidate) for c in err.value.candidates), err.value.candidates
    else:
        assert "'2006-13-45' is not a valid date (YYYY-MM-DD)" in str(err.value)


def test_incidents_answered_by_a_commitment(store: GraphStore, fx: Fixture) -> None:
    ed = ak.incidents_answered(store, fx.commitments[("scm38", "ExtendedDeterrence")])
    assert list(ed["label"]) == ["First North Korean nuclear test", "Taepodong-2 launch"]
    assert list(ed["link"]) == ["explicit", "temporal"]
    assert list(ed["lag_days"]) == [11, 107]
    # a pledge that concerns the nuclear threat answers the test through the threat
    denuc = ak.incidents_answered(store, fx.commitments[("scm38", "Denuclearization")])
    assert _row(denuc, label="First North Korean nuclear test")["via"].startswith("threat:")
    assert "Second North Korean nuclear test" not in set(denuc["label"])  # later incidents never
    with pytest.raises(LookupAmbiguityError):
        ak.incidents_answered(store, THREAT_IRI)


# -- lineage ---------------------------------------------------------------------


def test_lineage_first_appearance_chain_and_trajectory(store: GraphStore, fx: Fixture) -> None:
    result = ak.lineage(store, "nuclear umbrella")
    assert result.commitment_type == "NuclearUmbrella"
    assert (result.first_meeting, result.first_date, result.first_party) == (
        "36th Security Consultative Meeting",
        dt.date(2004, 10, 22),
        "USA",
    )
    # the 35th SCM (before the first loaded one) has no text: no verdict against it
    assert list(result.chain["change"]) == ["unknown", "continued", "stronger"]
    assert "no text for the 35th SCM loaded" in result.chain.iloc[0]["basis"]
    assert result.first_note.startswith("first stated in the loaded texts at the 36th Security")
    assert "35th SCM" in result.missing_before and len(result.missing_before) == 35
    assert list(result.trajectory["strength"]) == [0.6, 0.6, 0.9]
    assert list(result.chain["reaffirms"])[1:] == list(result.chain["commitment"])[:-1]
    assert list(result.chain["reaffirms_source"])[1:] == ["computed", "computed"]


def test_lineage_evidence_on_request(store: GraphStore) -> None:
    assert ak.lineage(store, "NuclearUmbrella").chain["evidence"].isna().all()
    chain = ak.lineage(store, "NuclearUmbrella", evidence=True).chain
    assert list(chain["paragraph"]) == [1, 1, 1]
    assert "nuclear umbrella" in chain.iloc[0]["evidence"]
    assert chain.iloc[2]["document"] == "Joint Communique, 38th Security Consultative Meeting"


def test_prefetched_evidence_equals_evidence_read_node_by_node(store: GraphStore) -> None:
    one_by_one = ak.view_of(store)
    expected = {c: one_by_one.evidence(c) for c in one_by_one.commitments}
    assert all(rec is not None for rec in expected.values())
    batched = ak.view_of(store)
    batched.prefetch_evidence(batched.meetings)
    assert {c: batched._evidence.get(c) for c in batched.commitments} == expected


def test_the_view_does_not_depend_on_the_order_of_the_projection(fx: Fixture) -> None:
    from graph.store import Projection

    class Shuffled(NetworkXStore):
        """Projects the nodes backwards and the relationships by target: no (source, type) in one run."""

        def projection(self, kinds: Any, props: Any, rel_types: Any) -> Projection:
            read = super().projection(kinds, props, rel_types)
            rels = sorted(read.relationships, key=lambda r: (r[2], r[1], r[0]))
            return Projection(props=read.props, nodes=read.nodes[::-1], relationships=rels)

    ordered, shuffled = NetworkXStore(), Shuffled()
    ordered.load(fx.data)
    shuffled.load(fx.data)
    a, b = ak.view_of(ordered), ak.view_of(shuffled)
    for name in ("meetings", "incidents", "threats", "concepts", "actors", "commitments", "recorded", "by_meeting"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.series_meetings == b.series_meetings
    assert any(len(c.responds_to) > 1 or len(c.parties) > 1 for c in a.commitments.values())  # runs were merged


def test_lineage_uses_the_extractors_reaffirms_link(store: GraphStore, fx: Fixture) -> None:
    chain = ak.lineage(store, "ExtendedDeterrence").chain
    assert list(chain["meeting_label"]) == ["38th Security Consultative Meeting", "39th Security Consultative Meeting"]
    last = chain.iloc[-1]
    assert last["reaffirms"] == fx.commitments[("scm38", "ExtendedDeterrence")]
    assert last["reaffirms_source"] == "stored"


def test_lineage_by_party_and_by_label(store: GraphStore) -> None:
    kor = ak.lineage(store, "combined exercises", party="kor")
    assert kor.party == "KOR"
    assert set(kor.chain["party"]) == {"KOR+USA"}  # a joint pledge counts for each party
    assert ak.lineage(store, "Combined exercises", party="PRK").chain.empty
    with pytest.raises(LookupAmbiguityError) as err:
        ak.lineage(store, "extended deterrance")
    assert any(c.startswith("ExtendedDeterrence") for c in err.value.candidates)
    with pytest.raises(LookupAmbiguityError):
        ak.lineage(store, "ExtendedDeterrence", party="XYZ")


def test_crises_table_has_every_incident_with_its_next_meetings(store: GraphStore) -> None:
    every = ak.crises(store, window_days=600)
    table = every.table
    assert set(table["label"]) == {
        "Taepodong-2 launch",
        "First North Korean nuclear test",
        "Second North Korean nuclear test",
    }
    first = _row(table, label="First North Korean nuclear test", series="SCM")
    assert (first["meeting_label"], first["lag_days"], first["text_loaded"]) == (
        "38th Security Consultative Meeting",
        11,
        True,
    )
    assert (first["explicit"], first["n_new"], first["n_stronger"], first["n_not_restated"]) == (2, 3, 2, 2)
    assert first["explicit"] + first["temporal"] == first["statements"] == 6
    # the record's next SCM after the second test has no text: named, no verdicts
    second = _row(table, label="Second North Korean nuclear test", series="SCM")
    assert (second["meeting_label"], second["text_loaded"], second["statements"]) == ("41st SCM", False, 0)
    assert set(every.lags["decade"]) == {"2000s"} and "median_lag" in every.lags.columns
    assert every.to_dict()["crises"]


def test_in_force(store: GraphStore) -> None:
    late = ak.in_force(store, "2007-12-31")
    standing = set(zip(late["commitment_type"], late["party"], strict=True))
    assert ("ExtendedDeterrence", "USA") in standing
    # silence is not an end: not restated at the 39th (38th) SCM, still in force
    assert ("NuclearUmbrella", "USA") in standing
    assert ("CostSharing", "KOR") in standing
    assert _row(late, commitment_type="CostSharing")["last_meeting"] == "37th Security Consultative Meeting"
    assert _row(late, commitment_type="CostSharing")["years_since_restated"] == 2.2
    recent = ak.in_force(store, "2007-12-31", within_years=1)
    assert ("CostSharing", "KOR") not in set(zip(recent["commitment_type"], recent["party"], strict=True))
    assert ("ExtendedDeterrence", "USA") in set(zip(recent["commitment_type"], recent["party"], strict=True))
    assert ("MissileDefense", "KOR+USA") in standing  # restated at the 39th
    early = ak.in_force(store, dt.date(2006, 1, 1))
    assert ("CostSharing", "KOR") in set(zip(early["commitment_type"], early["party"], strict=True))
    assert _row(early, commitment_type="NuclearUmbrella")["since"] == dt.date(2004, 10, 22)
    assert ak.in_force(store, "1990-01-01").empty
    assert set(ak.in_force(store, "2007-12-31", party="KOR")["party"]) == {"KOR", "KOR+USA"}
    with pytest.raises(ConfigurationError):
        ak.in_force(store, "31/12/2007")


def test_write_reaffirms_is_idempotent(fresh_store: GraphStore, fx: Fixture) -> None:
    before = fresh_store.count_by_type().get(Rel.REAFFIRMS.value, 0)
    computed = ak.reaffirms_relationships(fresh_store)
    assert all(isinstance(r, Relationship) and r.type == Rel.REAFFIRMS for r in computed)
    written = ak.write_reaffirms(fresh_store)
    assert written == len(computed) > 0
    after = fresh_store.count_by_type()[Rel.REAFFIRMS.value]
    assert after == before + written
    assert ak.write_reaffirms(fresh_store) == 0
    assert fresh_store.count_by_type()[Rel.REAFFIRMS.value] == after
    chain = ak.lineage(fresh_store, "NuclearUmbrella").chain
    assert list(chain["reaffirms_source"])[1:] == ["stored", "stored"]


# -- themes ----------------------------------------------------------------------


def test_themes_by_decade_and_first_meetings(store: GraphStore) -> None:
    result = ak.themes(store)
    assert result.periods == ["2000s"]
    first = result.first.set_index("type")
    assert first.loc["ExtendedDeterrence", "first_meeting"] == "38th Security Consultative Meeting"
    assert first.loc["ExtendedDeterrence", "first_date"] == dt.date(2006, 10, 20)
    assert first.loc["MutualDefense", "first_series"] == "Summit"
    assert first.loc["NuclearWeapons", "scheme"] == "threat"
    table = result.table.set_index("type")
    assert table.loc["CombinedExercises", "2000s"] == 4
    assert table.loc["ExtendedDeterrence", "2000s"] == 2
    assert list(result.first["scheme"]).index("threat") == len(result.first) - 1


def test_themes_with_chosen_bins(store: GraphStore) -> None:
    result = ak.themes(store, bins="2005,2007")
    assert result.periods == ["before 2005", "2005-2006", "2007-"]
    row = result.table.set_index("type").loc["NuclearUmbrella"]
    assert (row["before 2005"], row["2005-2006"], row["2007-"]) == (1, 2, 0)
    assert ak.themes(store, bins=[2005, 2007]).table.equals(result.table)
    assert int(result.long["meetings"].sum()) == int(result.first["meetings"].sum())
    with pytest.raises(ConfigurationError):
        ak.themes(store, bins="decades")


# -- network ---------------------------------------------------------------------


def test_centrality_in_a_window(store: GraphStore) -> None:
    table = ak.centrality(store)
    assert set(table["category"]) == {"actor", "commitment_type"}
    assert table.iloc[0]["node"] == "actor:USA"
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    early = ak.centrality(store, end=dt.date(2005, 12, 31))
    assert "commitment_type:ExtendedDeterrence" not in set(early["node"])
    assert "commitment_type:CostSharing" in set(early["node"])
    with pytest.raises(ConfigurationError):
        ak.centrality(store, start=dt.date(2007, 1, 1), end=dt.date(2006, 1, 1))


def test_response_paths_from_an_incident(store: GraphStore, fx: Fixture) -> None:
    paths = ak.response_paths(store, "first nuclear test")
    first = paths.iloc[0]
    assert first["commitment"] == fx.commitments[("scm38", "ExtendedDeterrence")]
    assert (first["hops"], first["link"]) == (1, "explicit")
    by_commitment = paths.set_index("commitment")
    assert by_commitment.loc[fx.commitments[("scm38", "OpconTransition")], "link"] == "temporal"
    assert by_commitment.loc[fx.commitments[("scm38", "Denuclearization")], "link"] == "threat"
    restated = by_commitment.loc[fx.commitments[("scm39", "ExtendedDeterrence")]]
    assert (restated["hops"], restated["link"]) == (2, "lineage")
    assert (
        "-[next meeting]-> 38th Security Consultative Meeting"
        in by_commitment.loc[fx.commitments[("scm38", "OpconTransition")], "path"]
    )


def test_compare_windows(store: GraphStore) -> None:
    result = ak.compare_windows(store, (None, dt.date(2005, 12, 31)), (dt.date(2006, 1, 1), None))
    cent = result.centrality.set_index("node")
    assert cent.loc["commitment_type:CostSharing", "weighted_degree_b"] == 0
    assert pd.isna(cent.loc["commitment_type:ExtendedDeterrence", "rank_a"])
    assert cent.loc["actor:USA", "rank_change"] == 0
    responses = result.responses.set_index("window")
    assert responses.loc["a", "incidents"] == 0
    assert responses.loc["b", "incidents"] == 3
    assert responses.loc["b", "incidents_answered"] == 2  # the 2009 test has nothing after it


# -- both stores -------------------------------------------------------------------


def _all_tables(store: ak.StoreOrView, fx: Fixture) -> dict[str, pd.DataFrame]:
    trace = ak.trace(store, "2006-10-09", window_days=600)
    lin = ak.lineage(store, "NuclearUmbrella")
    themes = ak.themes(store, bins="2005,2007")
    every = ak.crises(store, window_days=600)
    return {
        "crises.table": every.table,
        "crises.lags": every.lags,
        "in_force": ak.in_force(store, "2007-12-31"),
        "trace.meetings": trace.meetings,
        "trace.changes": trace.changes,
        "trace.explicit": trace.explicit,
        "answered": ak.incidents_answered(store, fx.commitments[("scm38", "ExtendedDeterrence")]),
        "lineage.chain": lin.chain,
        "lineage.trajectory": lin.trajectory,
        "themes.table": themes.table,
        "themes.first": themes.first,
        "centrality": ak.centrality(store),
        "paths": ak.response_paths(store, "2006-10-09"),
    }


def test_a_view_answers_like_its_store(store: GraphStore, fx: Fixture) -> None:
    view = ak.view_of(store)
    assert ak.view_of(view) is view
    from_store = _all_tables(store, fx)
    from_view = _all_tables(view, fx)
    for name, table in from_store.items():
        pd.testing.assert_frame_equal(table, from_view[name], obj=name)


@pytest.mark.neo4j
def test_both_stores_give_identical_answers(fx: Fixture, request: pytest.FixtureRequest) -> None:
    embedded = _open("embedded", request)
    neo = _open("neo4j", request)
    try:
        embedded.load(fx.data)
        neo.load(fx.data)
        left = _all_tables(embedded, fx)
        right = _all_tables(neo, fx)
        for name, table in left.items():
            assert not table.empty, name
            pd.testing.assert_frame_equal(table, right[name], obj=name)
    finally:
        neo.close()


def test_a_store_is_read_as_it_is_now_and_a_view_is_a_snapshot(fresh_store: GraphStore, fx: Fixture) -> None:
    before = ak.view_of(fresh_store)
    fresh_store.delete_nodes([fx.commitments[("scm38", "OpconTransition")]])
    assert "OpconTransition" not in set(ak.trace(fresh_store, "2006-10-09").changes["commitment_type"])
    assert "OpconTransition" in set(ak.trace(before, "2006-10-09").changes["commitment_type"])


def test_an_empty_graph_gives_empty_answers_or_clear_errors() -> None:
    empty = NetworkXStore()
    with pytest.raises(LookupAmbiguityError, match="holds no incidents yet: ingest documents first"):
        ak.trace(empty, "first nuclear test")
    assert ak.lineage(empty, "extended deterrence").chain.empty
    assert ak.in_force(empty, "2020-01-01").empty
    result = ak.themes(empty)
    assert result.periods == [] and result.table.empty
    assert ak.centrality(empty).empty
    compared = ak.compare_windows(empty, (None, None), (None, None))
    assert compared.centrality.empty and list(compared.responses["incidents"]) == [0, 0]
