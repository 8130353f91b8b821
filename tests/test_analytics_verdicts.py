"""The five wrong verdicts of issue 10, each on a small graph that would have caught it.

1. "dropped" inferred from silence, and ``in-force`` losing a pledge a meeting
   merely did not restate;
2. a comparison jumping over a meeting that exists in the record but has no
   text loaded (the 38th SCM "compared with the 30th");
3. the wording (the text's stance) and the change (against the previous
   meeting) contradicting each other;
4. a "suspended" stance aimed at North Korea's programme read as the alliance
   suspending its own pledge;
5. a secondary text's report of a pledge counted as a second pledge made at
   the meeting (see ``test_source_roles`` below).

Every test runs on the embedded store and on Neo4j.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from test_analytics_support import NT1, THREAT_IRI, Fixture, build_fixture, incident_iri

import analytics as ak
from graph.errors import ConfigurationError, LookupAmbiguityError
from graph.model import GraphData, Node, Relationship, make_iri
from graph.nx_store import NetworkXStore
from graph.schema import Kind, Prop, Rel
from graph.schema import concept_iri as concept_of
from graph.store import GraphStore

STORE_KINDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def _open(kind: str, request: pytest.FixtureRequest, data: GraphData) -> GraphStore:
    if kind == "embedded":
        store: GraphStore = NetworkXStore()
    else:
        from graph.neo4j_store import Neo4jStore

        store = Neo4jStore(request.getfixturevalue("neo4j_driver"))
        store.clear()
        store.ensure_schema()
    store.load(data)
    return store


def without_meeting(fx: Fixture, key: str) -> GraphData:
    """The fixture with one meeting's text gone: its meeting, document and commitments."""
    gone = {fx.meetings[key], fx.documents[key]} | {iri for (k, _), iri in fx.commitments.items() if k == key}
    return GraphData(
        nodes=[n for n in fx.data.nodes if n.iri not in gone],
        relationships=[r for r in fx.data.relationships if r.source not in gone and r.target not in gone],
    )


def with_stance(fx: Fixture, key: str, ctype: str, stance: str, concerns_threat: bool) -> GraphData:
    """The fixture with one pledge's stance changed (and, if asked, linked to North Korea's threat)."""
    iri = fx.commitments[(key, ctype)]
    nodes: list[Node] = []
    for node in fx.data.nodes:
        if node.iri == iri:
            props = {**node.props, Prop.STANCE.value: stance, Prop.CUES.value: [stance]}
            node = node.model_copy(update={"props": props})
        nodes.append(node)
    rels = list(fx.data.relationships)
    if concerns_threat:
        rels.append(Relationship(type=Rel.CONCERNS, source=iri, target=THREAT_IRI))
    return GraphData(nodes=nodes, relationships=rels)


@pytest.fixture(scope="module")
def fx() -> Fixture:
    return build_fixture()


@pytest.fixture(params=STORE_KINDS)
def make(request: pytest.FixtureRequest) -> Callable[[GraphData], GraphStore]:
    def build(data: GraphData) -> GraphStore:
        return _open(request.param, request, data)

    return build


def _pairs(df: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(df["commitment_type"], df["party"], strict=True))


def _row(df: pd.DataFrame, **match: Any) -> dict[str, Any]:
    rows = df
    for column, value in match.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"{len(rows)} rows match {match}"
    return rows.iloc[0].to_dict()


# 1. silence is "not restated", never an end


def test_a_pledge_not_restated_is_named_so_with_its_rule_and_stays_in_force(fx: Fixture, make: Any) -> None:
    store = make(fx.data)
    view = ak.view_of(store)
    from analytics.aggregate import classify_meeting

    rows = {(c.statement.ctype, c.statement.party): c for c in classify_meeting(view, view.series_meetings["SCM"], 3)}
    umbrella = rows[("NuclearUmbrella", "USA")]
    assert umbrella.change == "not restated"
    assert "38th Security Consultative Meeting" in umbrella.basis and "not an end" in umbrella.basis
    assert "dropped" not in ak.CHANGES
    standing = _pairs(ak.in_force(store, "2007-12-31"))
    assert {("NuclearUmbrella", "USA"), ("ForcePresence", "USA"), ("Denuclearization", "KOR+USA")} <= standing
    assert ak.ended(store, "2007-12-31").empty


def test_a_pledge_ends_only_when_a_text_ends_it(fx: Fixture, make: Any) -> None:
    store = make(with_stance(fx, "scm39", "ForcePresence", "suspended", concerns_threat=False))
    assert ("ForcePresence", "USA") not in _pairs(ak.in_force(store, "2007-12-31"))
    gone = _row(ak.ended(store, "2007-12-31"), commitment_type="ForcePresence")
    assert gone["meeting"] == "39th Security Consultative Meeting" and gone["wording"] == "suspended"
    assert "reduced" in gone["evidence"]
    assert ("ForcePresence", "USA") in _pairs(ak.in_force(store, "2007-01-01"))  # before the text ended it


# 2. no comparison across a meeting whose text is not loaded


def test_no_verdict_across_a_missing_meeting(fx: Fixture, make: Any) -> None:
    store = make(without_meeting(fx, "scm37"))
    result = ak.trace(store, NT1)
    meeting = _row(result.meetings, series="SCM")
    assert meeting["meeting_label"] == "38th Security Consultative Meeting"
    assert meeting["previous_label"] == "37th SCM" and not meeting["previous_loaded"]
    assert meeting["note"] == "no text for the 37th SCM loaded"
    changes = result.changes[result.changes["series"] == "SCM"]
    assert set(changes["change"]) == {"unknown"}  # never "new" or "not restated" against the 36th
    assert changes["baseline_meeting"].isna().all()
    assert all("no text for the 37th SCM loaded" in b for b in changes["basis"])


def test_the_previous_meeting_comes_from_the_record_not_the_loaded_order(fx: Fixture, make: Any) -> None:
    # the 38th SCM's previous meeting is the 37th by the record, whatever date a text gave it
    store = make(fx.data)
    meeting = _row(ak.trace(store, NT1).meetings, series="SCM")
    assert meeting["previous_label"] == "37th Security Consultative Meeting" and meeting["previous_loaded"]


# 3. wording and change: two measures, each named once, never contradicting


def test_wording_and_change_are_separate_measures_that_agree(fx: Fixture, make: Any) -> None:
    store = make(fx.data)
    changes = ak.trace(store, NT1, window_days=600).changes
    assert {"wording", "change", "basis"} <= set(changes.columns) and "stance" not in changes.columns
    assert set(changes["change"]) <= set(ak.CHANGES)
    assert set(changes["wording"].dropna()) <= set(ak.WORDINGS)
    for row in changes.to_dict(orient="records"):
        if row["change"] == "stronger":
            assert row["basis"].startswith(("wording: the text says 'strengthened'", "cues:"))
            if row["basis"].startswith("cues:"):
                assert row["strength"] > row["previous_strength"]  # never "stronger 0.5 -> 0.5" by cues
            else:
                assert row["wording"] == "strengthened"
        if row["change"] == "continued":
            assert row["wording"] not in {"strengthened", "weakened", "suspended"}
        if row["change"] == "weaker":
            assert row["wording"] in {"weakened", "suspended"}
    umbrella = _row(changes, commitment_type="NuclearUmbrella")
    assert umbrella["change"] == "stronger"


# 4. a verb aimed at North Korea's programme is not the alliance's stance


def test_suspended_aimed_at_north_koreas_programme_is_not_an_alliance_suspension(fx: Fixture, make: Any) -> None:
    # "the second phase of the troop reduction will not proceed because of North Korea's nuclear program"
    store = make(with_stance(fx, "scm39", "ForcePresence", "suspended", concerns_threat=True))
    view = ak.view_of(store)
    from analytics.aggregate import classify_meeting

    rows = {(c.statement.ctype, c.statement.party): c for c in classify_meeting(view, view.series_meetings["SCM"], 3)}
    presence = rows[("ForcePresence", "USA")]
    assert presence.statement.stance == "reaffirmed"
    assert "PRK" in (presence.statement.wording_note or "")
    assert presence.change == "continued"
    assert ("ForcePresence", "USA") in _pairs(ak.in_force(store, "2007-12-31"))
    assert ak.ended(store, "2007-12-31").empty


# 5. a secondary text's report never makes a second pledge at the meeting

STUDY_IRI = "https://w3id.org/alliancekg/id/document/study-words-under-pressure"
SCM35_IRI = "https://w3id.org/alliancekg/id/security-consultative-meeting/scm-35-only-a-study-mentions"


def with_study(fx: Fixture) -> GraphData:
    """The fixture plus a study (no meeting of its own) that reports three pledges:

    the U.S. extended deterrence at the 38th SCM (which the 38th's communique states),
    U.S. missile defense at the 38th (which no record of it states), and a pledge at
    the 35th SCM, a meeting no loaded document records.
    """
    from test_analytics_support import state_iri

    from graph.model import make_iri
    from graph.schema import Kind, concept_iri

    nodes = list(fx.data.nodes)
    rels = list(fx.data.relationships)
    nodes.append(Node(iri=STUDY_IRI, kind=Kind.DOCUMENT, label="Words under pressure (a study)", props={
        Prop.TITLE.value: "Words under pressure", Prop.DOC_KIND.value: "study", Prop.TEXT.value: "...",
    }))
    nodes.append(Node(iri=SCM35_IRI, kind=Kind.SCM, label="35th Security Consultative Meeting", props={
        Prop.SERIES.value: "SCM", Prop.ORDINAL.value: 35, Prop.DATE.value: pd.Timestamp("2003-11-17").date(),
    }))
    for n, (meeting, ctype, strength) in enumerate(
        [(fx.meetings["scm38"], "ExtendedDeterrence", 0.95), (fx.meetings["scm38"], "MissileDefense", 0.5),
         (SCM35_IRI, "NuclearUmbrella", 0.6)]
    ):
        iri = make_iri(Kind.COMMITMENT, STUDY_IRI, n)
        nodes.append(Node(iri=iri, kind=Kind.COMMITMENT, label=f"study: USA {ctype}", props={
            Prop.STANCE.value: "reaffirmed", Prop.STRENGTH.value: strength, Prop.CONFIDENCE.value: 0.7,
        }))
        rels += [
            Relationship(type=Rel.COMMITMENT_TYPE, source=iri, target=concept_iri(ctype)),
            Relationship(type=Rel.COMMITTED_BY, source=iri, target=state_iri("USA")),
            Relationship(type=Rel.MADE_AT, source=iri, target=meeting),
            Relationship(type=Rel.MENTIONS, source=STUDY_IRI, target=iri),
        ]
    return GraphData(nodes=nodes, relationships=rels)


def test_a_study_report_is_evidence_of_the_meetings_pledge_not_a_second_one(fx: Fixture, make: Any) -> None:
    store = make(with_study(fx))
    view = ak.view_of(store)
    at38 = ak.statements_at(view, fx.meetings["scm38"])
    ed = at38[("ExtendedDeterrence", "USA")]
    assert ed.source == "primary"
    assert ed.commitments == (fx.commitments[("scm38", "ExtendedDeterrence")],)  # one sentence of the meeting
    assert len(ed.reports) == 1 and ed.strength == 0.9  # the study's paraphrase is evidence, not its strength
    assert at38[("MissileDefense", "USA")].source == "reported"
    trace = ak.trace(store, NT1, series="SCM").changes
    ed_rows = trace[(trace["commitment_type"] == "ExtendedDeterrence") & (trace["party"] == "USA")]
    assert len(ed_rows) == 1 and ed_rows.iloc[0]["source"] == "primary"
    assert _row(trace, commitment_type="MissileDefense", party="USA")["source"] == "reported"
    # the primary filter drops what only the study says; nothing is counted twice either way
    primary = ak.trace(store, NT1, series="SCM", sources="primary").changes
    assert set(primary["source"]) == {"primary"}
    assert ("MissileDefense", "USA") not in _pairs(primary[primary["change"] != "not restated"])
    chain = ak.lineage(store, "ExtendedDeterrence").chain
    assert list(chain[chain["meeting_label"].str.startswith("38th")]["sentences"]) == [1]


def test_a_meeting_only_a_study_mentions_has_no_text_loaded(fx: Fixture, make: Any) -> None:
    store = make(with_study(fx))
    view = ak.view_of(store)
    assert SCM35_IRI not in view.recorded
    assert [m.ordinal for m in view.series_meetings["SCM"]] == [36, 37, 38, 39]
    assert view.commitments[next(iter(view.by_meeting[SCM35_IRI]))].source == "reported"
    # the 36th SCM is still compared against a 35th SCM whose text is not loaded
    row = _row(ak.crises(store, series="SCM").table, label="First North Korean nuclear test")
    assert row["meeting_label"].startswith("38th") and row["text_loaded"]
    lin = ak.lineage(store, "NuclearUmbrella")
    assert lin.first_meeting is not None and lin.first_meeting.startswith("36th")
    assert "35th SCM" in lin.missing_before  # the study speaks of it; no record of it is loaded


def test_source_and_confidence_filters(fx: Fixture, make: Any) -> None:
    store = make(with_study(fx))
    full = ak.view_of(store)
    primary = ak.select(full, sources="primary")
    assert all(c.source == "primary" for c in primary.commitments.values())
    assert len(primary.commitments) == len(full.commitments) - 3
    assert ak.select(full, sources="primary") is primary  # memoised in the full view
    confident = ak.select(full, min_confidence=0.8)
    assert all((c.confidence or 1.0) >= 0.8 for c in confident.commitments.values())
    assert ak.lineage(store, "MissileDefense", sources="primary").chain["source"].eq("primary").all()
    from graph.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        ak.select(full, sources="secondary")
    with pytest.raises(ConfigurationError):
        ak.select(full, min_confidence=2.0)


# 6. a meeting filed under series Other on the day a series of the reference met is that meeting


def test_a_meeting_stored_as_other_on_the_first_ncg_day_is_the_first_ncg(fx: Fixture, make: Any) -> None:
    ncg = make_iri(Kind.MEETING, "Other", 1, "2023-07-18")
    unknown = make_iri(Kind.MEETING, "Other", None, "2019-03-05")
    extra = [
        Node(iri=ncg, kind=Kind.MEETING, label="1st Other",
             props={Prop.SERIES.value: "Other", Prop.ORDINAL.value: 1, Prop.DATE.value: dt.date(2023, 7, 18)}),
        Node(iri=unknown, kind=Kind.MEETING, label="Other, 2019-03-05",
             props={Prop.SERIES.value: "Other", Prop.DATE.value: dt.date(2019, 3, 5)}),
    ]
    # a forum's ministerial meeting on the day of the 38th SCM (2006-10-20), no ordinal: not the SCM
    forum = make_iri(Kind.MEETING, "Other", None, "2006-10-20")
    extra.append(Node(iri=forum, kind=Kind.MEETING, label="Meeting, 2006-10-20",
                      props={Prop.SERIES.value: "Other", Prop.DATE.value: dt.date(2006, 10, 20)}))
    view = ak.view_of(make(GraphData(nodes=[*fx.data.nodes, *extra], relationships=fx.data.relationships)))
    first = view.meetings[ncg]
    assert (first.series, first.ordinal, first.label) == ("NCG", 1, "1st NCG")
    assert view.meetings[unknown].series == "Other"  # no reference meeting that day: left as it is
    assert view.meetings[forum].series == "Other"  # an SCM or a 2+2 is never taken from a date alone
    assert view.meetings[fx.meetings["scm38"]].series == "SCM"


def test_an_other_meeting_beside_its_own_loaded_meeting_is_not_a_second_record(fx: Fixture, make: Any) -> None:
    native = make_iri(Kind.MEETING, "NCG", 1)
    other = make_iri(Kind.MEETING, "Other", None, "2023-07-18")
    extra = [
        Node(iri=native, kind=Kind.MEETING, label="1st NCG",
             props={Prop.SERIES.value: "NCG", Prop.ORDINAL.value: 1, Prop.DATE.value: dt.date(2023, 7, 18)}),
        Node(iri=other, kind=Kind.MEETING, label="Meeting, 2023-07-18",
             props={Prop.SERIES.value: "Other", Prop.DATE.value: dt.date(2023, 7, 18)}),
    ]
    view = ak.view_of(make(GraphData(nodes=[*fx.data.nodes, *extra], relationships=fx.data.relationships)))
    assert [m.iri for m in view.meetings.values() if (m.series, m.ordinal) == ("NCG", 1)] == [native]
    assert view.meetings[other].series == "Other"


# 6. a crisis no loaded text names is still a crisis of the record (found on real communiqués: "trace Cheonan"
#    answered "no incident is named" on a store of the 37th-55th SCM texts that never name the sinking)


def test_an_incident_no_text_names_is_traced_from_the_catalogue_by_the_reference(fx: Fixture, make: Any) -> None:
    store = make(fx.data)
    result = ak.trace(store, "Cheonan")
    assert not result.named_in_texts and result.to_dict()["incident"]["named_in_texts"] is False
    assert result.date == dt.date(2010, 3, 26)
    scm = _row(result.meetings, series="SCM")
    assert (scm["meeting_label"], scm["lag_days"], scm["text_loaded"]) == ("42nd SCM", 196, False)
    assert scm["note"] == "no text for the 42nd SCM loaded"
    assert result.changes.empty and result.explicit.empty  # no verdict, no answer, from silence
    by_date = ak.trace(store, "2010-03-26")
    assert by_date.incident == result.incident
    # an incident a loaded text names still resolves to the store's node, never to the catalogue's
    named = ak.trace(store, "first nuclear test")
    assert named.named_in_texts and named.incident == incident_iri(NT1)


def test_crises_count_the_catalogue_incidents_no_text_names_and_list_them_on_request(fx: Fixture, make: Any) -> None:
    store = make(fx.data)
    plain = ak.crises(store, window_days=600)
    assert plain.table["named_in_texts"].all() and plain.unnamed > 0
    full = ak.crises(store, window_days=600, catalogue=True)
    assert len(full.table) > len(plain.table) and full.unnamed == plain.unnamed
    cheonan = _row(full.table, label="Sinking of the ROKS Cheonan", series="SCM")
    assert (cheonan["meeting_label"], cheonan["lag_days"], cheonan["text_loaded"]) == ("42nd SCM", 196, False)
    assert not cheonan["named_in_texts"] and cheonan["explicit"] == 0
    assert cheonan["n_new"] == cheonan["n_not_restated"] == 0
    first = _row(full.table, label="First North Korean nuclear test", series="SCM")
    assert first["named_in_texts"] and first["text_loaded"]
    assert full.to_dict()["unnamed_incidents"] == plain.unnamed


def test_a_name_nothing_matches_is_still_an_error(fx: Fixture, make: Any) -> None:
    with pytest.raises(LookupAmbiguityError, match="no incident is named"):
        ak.trace(make(fx.data), "Battle of Hastings")


# 7. "new" when the text itself says it restates: found on the 41st SCM ("reiterated that ... will not accept
#    North Korea as a nuclear weapon state", absent from the loaded 40th SCM text)


def test_a_new_statement_whose_wording_says_reaffirmed_carries_a_caveat(fx: Fixture, make: Any) -> None:
    changes = ak.trace(make(fx.data), NT1).changes
    denuc = _row(changes, commitment_type="Denuclearization", party="KOR+USA")
    assert denuc["change"] == "new" and denuc["wording"] == "reaffirmed"
    assert "the text itself says 'reaffirmed'" in denuc["basis"]
    opcon = _row(changes, commitment_type="OpconTransition", party="KOR+USA")
    assert opcon["change"] == "new" and opcon["wording"] == "new" and "the text itself" not in opcon["basis"]


# 8. "continued" never suggests the previous meeting said it: found on the 40th SCM, whose extended deterrence
#    pledge was "continued, last stated at the 38th SCM" with nothing saying the loaded 39th SCM text left it out


def _classified(store: GraphStore, ordinal: int) -> dict[tuple[str, str], Any]:
    from analytics.aggregate import classify_meeting, series_index

    view = ak.view_of(store)
    meeting = next(m for m in view.series_meetings["SCM"] if m.ordinal == ordinal)
    located = series_index(view, meeting.iri)
    assert located is not None
    rows = [c for c in classify_meeting(view, *located) if c.change != "not restated"]
    return {(c.statement.ctype, c.statement.party): c for c in rows}


def test_a_pledge_stated_again_after_a_silent_previous_meeting_says_so(fx: Fixture, make: Any) -> None:
    rows = _classified(make(fx.data), 39)
    missile = rows[("MissileDefense", "KOR+USA")]  # stated at the 37th, not at the 38th, again at the 39th
    assert missile.change == "continued"
    assert "last stated at the 37th Security Consultative Meeting" in missile.basis
    assert "not stated at the 38th Security Consultative Meeting (the previous meeting): stated again" in missile.basis
    assert "stated again" not in rows[("ForcePresence", "USA")].basis  # the 38th stated it: a plain restatement


def test_stated_again_names_the_meetings_without_text_in_between(fx: Fixture, make: Any) -> None:
    # the 36th and 38th texts loaded, the 37th not; the 39th states cost sharing, last stated at the 36th
    extra = make_iri(Kind.COMMITMENT, "scm39-cost-sharing")
    data = without_meeting(fx, "scm37")
    data = GraphData(
        nodes=[*data.nodes, Node(iri=extra, kind=Kind.COMMITMENT, label="The ROK will keep sharing the costs.",
                                 props={Prop.STANCE.value: "reaffirmed", Prop.STRENGTH.value: 0.5,
                                        Prop.DATE.value: dt.date(2007, 11, 7)})],
        relationships=[
            *data.relationships,
            Relationship(type=Rel.COMMITMENT_TYPE, source=extra, target=concept_of("CostSharing")),
            Relationship(type=Rel.COMMITTED_BY, source=extra, target=make_iri(Kind.STATE, "KOR")),
            Relationship(type=Rel.MADE_AT, source=extra, target=fx.meetings["scm39"]),
        ],
    )
    cost = _classified(make(data), 39)[("CostSharing", "KOR")]
    assert cost.change == "continued" and cost.baseline is not None
    assert cost.basis.endswith(
        "not stated at the 38th Security Consultative Meeting (the previous meeting): stated again; "
        "no text loaded for the 37th SCM in between"
    )


# 9. the first loaded meeting of a series the reference does not list is not the first of its series: found on
#    the sample corpus, where the 2023 ROK-U.S. summit (the only summit loaded) had 9 "new" pledges


def test_the_first_loaded_summit_gets_no_verdict(fx: Fixture, make: Any) -> None:
    from analytics.aggregate import classify_meeting

    view = ak.view_of(make(fx.data))
    summits = view.series_meetings["Summit"]
    first = classify_meeting(view, summits, 0)
    assert first and {c.change for c in first} == {"unknown"}
    assert all("the series reference does not list its meetings" in c.basis for c in first)
    later = {c.statement.ctype: c for c in classify_meeting(view, summits, 1)}
    assert later["MutualDefense"].change == "stronger"  # a loaded earlier summit is still compared with
    meeting = _row(ak.trace(make(fx.data), NT1, window_days=600).meetings, series="Summit")
    assert meeting["previous_loaded"] and meeting["note"] == (
        "series not in the reference: compared with the previous loaded meeting"
    )


def test_a_meeting_held_on_the_incident_day_is_named_when_the_next_one_is_taken(fx: Fixture, make: Any) -> None:
    # found on the catalogue's 2022-11-03 ICBM launch, the day of the 54th SCM: the next SCM is the 55th,
    # and the row says why
    scm = _row(ak.trace(make(fx.data), "2022-11-03").meetings, series="SCM")
    assert (scm["meeting_label"], scm["lag_days"]) == ("55th SCM", 375)
    assert "the 54th SCM was held the same day and is not counted as after the incident" in scm["note"]
    first = _row(ak.trace(make(fx.data), NT1).meetings, series="SCM")
    assert first["note"] is None or "same day" not in first["note"]


def _without_incidents(data: GraphData, keep: frozenset[str] = frozenset()) -> GraphData:
    """The graph with every incident node (but those in ``keep``) and its links gone."""
    incident_kinds = {Kind.INCIDENT, Kind.NUCLEAR_TEST, Kind.MISSILE_LAUNCH, Kind.ARMED_PROVOCATION}
    gone = {n.iri for n in data.nodes if n.kind in incident_kinds and n.iri not in keep}
    return GraphData(
        nodes=[n for n in data.nodes if n.iri not in gone],
        relationships=[r for r in data.relationships if r.source not in gone and r.target not in gone],
    )


def test_a_store_whose_texts_name_no_incident_still_traces_the_record(fx: Fixture, make: Any) -> None:
    # communiques of quiet years name no incident: the catalogue still places a crisis against them
    store = make(_without_incidents(fx.data))
    assert ak.view_of(store).incidents == {}
    result = ak.trace(store, "sixth nuclear test")
    assert not result.named_in_texts and result.date == dt.date(2017, 9, 3)
    scm = _row(result.meetings, series="SCM")
    assert (scm["meeting_label"], scm["lag_days"], scm["text_loaded"]) == ("49th SCM", 55, False)
    table = ak.crises(store, window_days=400, catalogue=True).table
    assert not table.empty and not table["named_in_texts"].any()
    first = _row(table, label="First North Korean nuclear test", series="SCM")
    assert (first["meeting_label"], first["lag_days"]) == ("38th Security Consultative Meeting", 11)
    assert first["text_loaded"]
    # nothing loaded at all is still said plainly
    with pytest.raises(LookupAmbiguityError, match="holds no incidents yet"):
        ak.trace(NetworkXStore(), "sixth nuclear test")


def test_a_partial_name_is_matched_over_the_store_and_the_catalogue_together(fx: Fixture, make: Any) -> None:
    # a store naming one Yeonpyeong incident once answered "Yeonpyeong" with it, though the record has four
    shelling = make_iri(Kind.ARMED_PROVOCATION, "yeonpyeong-shelling-2010")
    node = Node(iri=shelling, kind=Kind.ARMED_PROVOCATION, label="Artillery shelling of Yeonpyeong Island",
                props={Prop.DATE.value: dt.date(2010, 11, 23), Prop.NOTATION.value: "yeonpyeong-shelling-2010"})
    store = make(GraphData(nodes=[*fx.data.nodes, node], relationships=fx.data.relationships))
    with pytest.raises(LookupAmbiguityError, match="4 incidents match 'Yeonpyeong'") as caught:
        ak.trace(store, "Yeonpyeong")
    assert any("1999" in c for c in caught.value.candidates)
    # a whole name wins wherever it is: the store's node for its own name, the catalogue's for another
    assert ak.trace(store, "Yeonpyeong shelling").incident == shelling
    assert ak.trace(store, "second Yeonpyeong naval clash").date == dt.date(2002, 6, 29)


# 7. what every answer rests on: which meetings of the record have a text (a content analysis of the 1st-54th
#    SCM must know which communiques it has)


def test_coverage_names_the_meetings_of_the_record_without_a_text(fx: Fixture, make: Any) -> None:
    store = make(fx.data)
    table = ak.coverage(store, "2007-12-31")
    scm = _row(table, series="SCM")
    assert (scm["held"], scm["loaded"], scm["missing"]) == (39, 4, "1st-35th")
    assert (scm["first_loaded"], scm["last_loaded"]) == (dt.date(2004, 10, 22), dt.date(2007, 11, 7))
    assert _row(table, series="NCG")["note"] == "no meeting of the record yet"
    summit = _row(table, series="Summit")  # a series the reference does not list: loaded meetings only
    assert pd.isna(summit["held"]) and summit["loaded"] == 1 and "does not list" in summit["note"]
    everything = ak.coverage(store)
    assert _row(everything, series="SCM")["missing"].startswith("1st-35th, 40th-")
    # one text gone: the meeting is named as missing, never read as silent
    gone = ak.coverage(make(without_meeting(fx, "scm37")), "2007-12-31")
    assert (_row(gone, series="SCM")["loaded"], _row(gone, series="SCM")["missing"]) == (3, "1st-35th, 37th")
    with pytest.raises(ConfigurationError, match="not a date"):
        ak.coverage(store, "2007")


def test_coverage_names_a_loaded_meeting_the_reference_does_not_list(make: Any) -> None:
    """A text of a meeting after the reference's last (or numbered as none of its meetings) is not silently
    left out of the count: the note names it."""
    from extraction_probe import extract_text

    text = (
        "JOINT COMMUNIQUE\nThe 61st ROK-U.S. Security Consultative Meeting\n\nOctober 3, 2029, Seoul\n\n"
        "1. The 61st ROK-U.S. Security Consultative Meeting was held in Seoul on October 3, 2029. The Minister and "
        "the Secretary reaffirmed their commitment to the combined defense posture.\n"
    )
    store = make(extract_text(text, dt.date(2029, 10, 3), kind="communique"))
    scm = _row(ak.coverage(store), series="SCM")
    assert scm["loaded"] == 0 and scm["first_loaded"] == dt.date(2029, 10, 3)
    assert scm["note"].endswith("; 1 loaded not in the reference (61st SCM)")
