"""Incidents resolved against a catalogue; threats; commitments with party, type, stance and response links."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

import graph
from analytics.resolve import catalogue_aliases, catalogue_incidents
from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.commitments import stance_of, strength_of
from extractors.rules.lexicon import (
    CATALOGUE_PATH,
    GAZETTEER_PATH,
    SCHEMES_PATH,
    Lexicon,
    build_lexicon,
    load_catalogue,
)
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel, concept_local_name, is_a

CATALOGUE = [
    {"id": "test-nuclear-1", "kind": "NuclearTest", "date": "2006-10-09", "perpetrator": "PRK", "ordinal": 1,
     "label": "First test", "aliases": ["first nuclear test"], "threat_type": "NuclearWeapons"},
    {"id": "test-nuclear-2", "kind": "NuclearTest", "date": "2009-05-25", "perpetrator": "PRK", "ordinal": 2,
     "label": "Second test", "aliases": [], "threat_type": "NuclearWeapons"},
    {"id": "test-icbm-a", "kind": "MissileLaunch", "date": "2017-07-04", "perpetrator": "PRK",
     "label": "Hwasong-14 launch of July 4", "aliases": ["first Hwasong-14"], "threat_type": "BallisticMissiles"},
    {"id": "test-icbm-b", "kind": "MissileLaunch", "date": "2017-07-28", "perpetrator": "PRK",
     "label": "Hwasong-14 launch of July 28", "aliases": ["second Hwasong-14"], "threat_type": "BallisticMissiles"},
    {"id": "test-sinking", "kind": "ArmedProvocation", "date": "2010-03-26", "perpetrator": "PRK",
     "label": "Sinking of the Cheonan", "aliases": ["Cheonan"], "threat_type": "ConventionalProvocation"},
    {"id": "test-framework", "kind": "Agreement", "date": "1994-10-21", "perpetrator": None,
     "label": "Agreed Framework", "aliases": ["Agreed Framework"], "threat_type": None},
]  # fmt: skip


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    path: Path = tmp_path_factory.mktemp("cat") / "incidents.json"
    path.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    return build_lexicon(SCHEMES_PATH, GAZETTEER_PATH, path)


def extract(text: str, lexicon: Lexicon, date: dt.date, kind: str = "communique") -> GraphData:
    doc = SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)
    return extract_document(doc, lexicon=lexicon)


def incident_ids(graph: GraphData) -> set[str]:
    return {str(n.props.get(Prop.NOTATION.value, "new")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param("They condemned the second nuclear test.", dt.date(2010, 1, 1), {"test-nuclear-2"}, id="ordinal"),
        pytest.param("the fifth and sixth nuclear tests", dt.date(2010, 1, 1), set(), id="ordinals-not-in-catalogue"),
        pytest.param(
            "the first and second nuclear tests",
            dt.date(2010, 1, 1),
            {"test-nuclear-1", "test-nuclear-2"},
            id="ordinal-list",
        ),
        pytest.param("the nuclear test of October 9, 2006", dt.date(2006, 10, 20), {"test-nuclear-1"}, id="date-after"),
        pytest.param("the October 9 nuclear test", dt.date(2006, 10, 20), {"test-nuclear-1"}, id="partial-date"),
        pytest.param(
            "North Korea's nuclear test was condemned.",
            dt.date(2009, 6, 1),
            {"test-nuclear-2"},
            id="most-recent-before-doc-date",
        ),
        pytest.param("any further nuclear test would be met", dt.date(2009, 6, 1), set(), id="hypothetical"),
        pytest.param("the nuclear tests ban", dt.date(2009, 6, 1), set(), id="generic-plural"),
        pytest.param(
            "launches of Hwasong-14 missiles on July 4 and July 28, 2017",
            dt.date(2017, 10, 28),
            {"test-icbm-a", "test-icbm-b"},
            id="system-name-with-listed-dates",
        ),
        pytest.param("the sinking of the Cheonan", dt.date(2010, 10, 8), {"test-sinking"}, id="catalogue-alias"),
        pytest.param("the Agreed Framework", dt.date(1990, 1, 1), set(), id="not-yet-happened"),
    ],
)
def test_incident_resolution(lexicon: Lexicon, text: str, date: dt.date, expected: set[str]) -> None:
    assert incident_ids(extract(text, lexicon, date)) == expected


def test_unmatched_specific_incident_is_new_and_estimated(lexicon: Lexicon) -> None:
    graph = extract("North Korea fired a ballistic missile launch on March 3 toward the sea.", lexicon,
                    dt.date(2024, 11, 2))  # fmt: skip
    [incident] = [n for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)]
    assert incident.kind == Kind.MISSILE_LAUNCH
    assert incident.props[Prop.ESTIMATED.value] is True
    assert incident.props[Prop.DATE.value] == dt.date(2024, 3, 3)
    confidence = incident.props[Prop.CONFIDENCE.value]
    assert isinstance(confidence, float) and confidence < 0.6
    assert Prop.NOTATION.value not in incident.props


def test_incident_perpetrator_threat_and_anaphora(lexicon: Lexicon) -> None:
    text = ("The Minister and the Secretary condemned North Korea's second nuclear test.\n\n"
            "In response to the test, the Secretary reaffirmed the U.S. commitment to provide "
            "extended deterrence.")  # fmt: skip
    graph = extract(text, lexicon, dt.date(2009, 10, 22))
    nodes = graph.node_map()
    incident = next(n for n in graph.nodes if n.kind == Kind.NUCLEAR_TEST)
    rels = {(r.type, nodes[r.target].label) for r in graph.relationships if r.source == incident.iri}
    assert (Rel.PERPETRATOR, "Democratic People's Republic of Korea") in rels
    assert (Rel.THREAT_TYPE, "Nuclear weapons") in rels
    [threat] = [nodes[r.target] for r in graph.relationships if r.source == incident.iri and r.type == Rel.MANIFESTS]
    assert threat.kind == Kind.THREAT
    posed = [nodes[r.target].props[Prop.NOTATION.value] for r in graph.relationships
             if r.source == threat.iri and r.type == Rel.POSED_BY]  # fmt: skip
    assert posed == ["PRK"]
    commitment = next(n for n in graph.nodes if n.kind == Kind.COMMITMENT)
    targets = {r.target for r in graph.relationships if r.source == commitment.iri and r.type == Rel.RESPONDS_TO}
    assert incident.iri in targets


def commitments(graph: GraphData) -> list[tuple[str, frozenset[str], str]]:
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        parties = frozenset(str(nodes[r.target].props[Prop.NOTATION.value]) for r in rels if r.type == Rel.COMMITTED_BY)
        for r in rels:
            if r.type == Rel.COMMITMENT_TYPE:
                out.append((concept_local_name(r.target), parties, str(n.props[Prop.STANCE.value])))
    return sorted(out, key=lambda t: (t[0], sorted(t[1])))


HEAD = ("1. The 45th Security Consultative Meeting (SCM) was held in Seoul on October 2, 2013. ROK Minister of "
        "National Defense Kim Kwan-jin and U.S. Secretary of Defense Chuck Hagel led their "
        "delegations.\n\n")  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Secretary reaffirmed the U.S. commitment to provide extended deterrence.",
            [("ExtendedDeterrence", frozenset({"USA"}), "reaffirmed")],
            id="secretary-us",
        ),
        pytest.param(
            "The Minister pledged to increase the ROK's share of the costs of stationing U.S. forces.",
            [("CostSharing", frozenset({"KOR"}), "strengthened")],
            id="minister-rok",
        ),
        pytest.param(
            "The two Ministers agreed to establish a space cooperation working group.",
            [
                ("ConsultationMechanism", frozenset({"KOR", "USA"}), "new"),
                ("SpaceCooperation", frozenset({"KOR", "USA"}), "new"),
            ],
            id="both",
        ),
        pytest.param(
            "Noting the threat, Secretary Hagel reaffirmed the nuclear umbrella.",
            [("NuclearUmbrella", frozenset({"USA"}), "reaffirmed")],
            id="intro-clause",
        ),
        pytest.param(
            "The Minister, noting the threat posed by North Korea, pledged to modernize the defense industry.",
            [("DefenseIndustryCooperation", frozenset({"KOR"}), "new")],
            id="parenthetical",
        ),
        pytest.param(
            "The Minister and the Secretary decided to postpone the combined exercise.",
            [("CombinedExercises", frozenset({"KOR", "USA"}), "suspended")],
            id="suspended",
        ),
        pytest.param(
            "The Secretary stated that the United States would withdraw its ground combat forces.",
            [("ForcePresence", frozenset({"USA"}), "weakened")],
            id="weakened",
        ),
        pytest.param("The Minister welcomed the progress on missile defense.", [], id="not-a-pledge"),
        pytest.param(
            "He pledged to provide extended deterrence.",
            [("ExtendedDeterrence", frozenset({"USA"}), "new")],
            id="pronoun-is-the-last-named-person",
        ),
        pytest.param(
            "President Obama made clear that an attack on the ROK would be met with an overwhelming response.",
            [("DeclaratoryPolicy", frozenset({"USA"}), "new"), ("NuclearUmbrella", frozenset({"USA"}), "new")],
            id="reported-speech-is-the-speakers",
        ),
    ],
)
def test_commitment_attribution(
    lexicon: Lexicon, sentence: str, expected: list[tuple[str, frozenset[str], str]]
) -> None:
    graph = extract(HEAD + "2. " + sentence, lexicon, dt.date(2013, 10, 2))
    assert commitments(graph) == expected


def test_commitment_properties_and_links(lexicon: Lexicon) -> None:
    text = HEAD + ("2. In light of North Korea's growing ballistic missile threat, Secretary Hagel reaffirmed the "
                   "ironclad and unwavering U.S. commitment to the defense of the ROK and to "
                   "missile defense.")  # fmt: skip
    graph = extract(text, lexicon, dt.date(2013, 10, 2))
    nodes = graph.node_map()
    c = next(n for n in graph.nodes if n.kind == Kind.COMMITMENT)
    assert c.props[Prop.STANCE.value] == "reaffirmed"
    assert c.props[Prop.CUES.value] == ["ironclad", "unwavering"]
    assert c.props[Prop.STRENGTH.value] == 0.8
    assert c.props[Prop.DATE.value] == dt.date(2013, 10, 2)
    rels = {(r.type, nodes[r.target].label) for r in graph.relationships if r.source == c.iri}
    assert (Rel.COMMITTED_BY, "United States") in rels
    assert (Rel.BENEFICIARY, "Republic of Korea") in rels
    assert (Rel.MADE_AT, "45th SCM") in rels
    assert (Rel.RESPONDS_TO, "DPRK ballistic missiles") in rels
    assert (Rel.CONCERNS, "DPRK ballistic missiles") in rels
    types = {label for t, label in rels if t == Rel.COMMITMENT_TYPE}
    assert types == {"Mutual defense", "Missile defense"}


def test_news_without_a_subject_is_not_a_commitment(lexicon: Lexicon) -> None:
    graph = extract("Analysts said extended deterrence will matter.", lexicon, dt.date(2020, 1, 1), kind="news")
    assert commitments(graph) == []


def test_stance_and_strength_helpers() -> None:
    assert stance_of("reaffirmed the commitment", "reaffirm") == "reaffirmed"
    assert stance_of("agreed to launch a new dialogue", "new") == "new"
    assert stance_of("agreed to enhance the exercises", "new") == "strengthened"
    assert stance_of("decided to halt the drills", "new") == "suspended"
    assert strength_of([]) == 0.5
    assert strength_of(["firm", "firm", "steadfast", "ironclad", "unwavering"]) == 1.0


def test_project_catalogue_is_the_default_and_lives_in_the_ground() -> None:
    # graph/data: the extractor and the analytics (analytics.resolve) read it, and both may read graph only
    assert CATALOGUE_PATH.resolve() == (Path(graph.__file__).parent / "data" / "incidents.json").resolve()
    assert CATALOGUE_PATH.is_file()
    extracted = {e.id for e in load_catalogue()}
    incidents = {rec.notation for rec in catalogue_incidents()}
    assert set(catalogue_aliases()) == extracted  # the same file, whoever reads it
    assert incidents and incidents <= extracted
