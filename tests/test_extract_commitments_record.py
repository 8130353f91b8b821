"""Commitments as the official record words them (issue 15, patterns 5-8 and stance).

Every sentence here is written for this test in the shape of real SCM communiqués,
joint statements and readouts; none is copied from an official text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.commitments import stance_of
from extractors.rules.lexicon import GAZETTEER_PATH, SCHEMES_PATH, Lexicon, build_lexicon
from extractors.rules.patterns import load_rules
from graph.model import GraphData
from graph.schema import COMMITMENT_TYPES, Kind, Prop, Rel, concept_local_name

CATALOGUE = [
    {"id": "t-nuclear-4", "kind": "NuclearTest", "date": "2016-01-06", "perpetrator": "PRK", "ordinal": 4,
     "label": "Fourth test", "aliases": ["fourth nuclear test"], "threat_type": "NuclearWeapons"},
    {"id": "t-nuclear-6", "kind": "NuclearTest", "date": "2017-09-03", "perpetrator": "PRK", "ordinal": 6,
     "label": "Sixth test", "aliases": ["sixth nuclear test"], "threat_type": "NuclearWeapons"},
    {"id": "t-shelling", "kind": "ArmedProvocation", "date": "2010-11-23", "perpetrator": "PRK",
     "label": "Shelling of Yeonpyeong Island", "aliases": ["shelling of Yeonpyeong Island"],
     "threat_type": "ConventionalProvocation"},
]  # fmt: skip

HEAD = (
    "1. The 49th Republic of Korea (ROK)-United States (U.S.) Security Consultative Meeting (SCM) was held in "
    "Seoul on October 28, 2017. ROK Minister of National Defense Song Young-moo and U.S. Secretary of Defense "
    "James Mattis led their respective delegations.\n\n"
)
DATE = dt.date(2017, 10, 28)


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Lexicon:
    path: Path = tmp_path_factory.mktemp("cat") / "incidents.json"
    path.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    return build_lexicon(SCHEMES_PATH, GAZETTEER_PATH, path)


def extract(text: str, lexicon: Lexicon, kind: str = "communique", date: dt.date = DATE) -> GraphData:
    doc = SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)
    return extract_document(doc, lexicon=lexicon)


def records(graph: GraphData) -> list[tuple[frozenset[str], frozenset[str], str, frozenset[str]]]:
    """(parties, types, stance, responses) of every commitment, in text order."""
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        parties = frozenset(str(nodes[r.target].props[Prop.NOTATION.value]) for r in rels if r.type == Rel.COMMITTED_BY)
        types = frozenset(concept_local_name(r.target) for r in rels if r.type == Rel.COMMITMENT_TYPE)
        answered = frozenset(
            str(nodes[r.target].props.get(Prop.NOTATION.value)) for r in rels if r.type == Rel.RESPONDS_TO
        )
        start = min(int(nodes[r.target].props[Prop.CHAR_START.value]) for r in rels if r.type == Rel.EVIDENCE)
        out.append((start, parties, types, str(n.props[Prop.STANCE.value]), answered))
    return [(p, t, s, a) for _, p, t, s, a in sorted(out, key=lambda x: x[0])]


def keys(graph: GraphData) -> set[tuple[str, str]]:
    return {(t, "+".join(sorted(p))) for p, types, _s, _a in records(graph) for t in types}


BOTH = frozenset({"KOR", "USA"})
US = frozenset({"USA"})
ROK = frozenset({"KOR"})


# -- pattern 5: who commits -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Secretary reaffirmed that the ROK and the United States would keep cooperating closely "
            "on the implementation of Security Council resolutions.",
            {("SanctionsEnforcement", "KOR+USA")},
            id="that-clause-with-both-parties-is-both",
        ),
        pytest.param(
            "The Minister and the Secretary affirmed that the US-ROK Alliance will maintain a robust combined "
            "defense posture.",
            {("MutualDefense", "KOR+USA")},
            id="us-rok-alliance-without-periods",
        ),
        pytest.param(
            "The two sides agreed that the ROK–US Alliance will continue to strengthen its combined defense posture.",
            {("MutualDefense", "KOR+USA")},
            id="rok-us-alliance-with-en-dash",
        ),
        pytest.param(
            "They urged the DPRK to abandon its nuclear weapons and reaffirmed their commitment to the "
            "full implementation of those resolutions.",
            {("SanctionsEnforcement", "KOR+USA")},
            id="demand-on-dprk-then-pledge-of-the-two",
        ),
        pytest.param(
            "The two sides called on North Korea to return to denuclearization talks without conditions.",
            set(),
            id="demand-is-no-dprk-pledge",
        ),
        pytest.param(
            "The Minister and the Secretary noted that the ROK and North Korea agreed to reduce military "
            "tension along the border.",
            set(),
            id="an-inter-korean-agreement-reported-is-no-alliance-pledge",
        ),
        pytest.param(
            "Secretaries Kerry and Carter reiterated the ironclad U.S. commitment to provide extended deterrence "
            "for the ROK.",
            {("ExtendedDeterrence", "USA")},
            id="plural-title-with-names-is-the-us",
        ),
    ],
)
def test_who_commits(lexicon: Lexicon, sentence: str, expected: set[tuple[str, str]]) -> None:
    graph = extract(HEAD + "2. " + sentence, lexicon)
    assert keys(graph) == expected
    assert not any("PRK" in p for p, _t, _s, _a in records(graph))


def test_dprk_commits_only_when_the_text_says_it_did(lexicon: Lexicon) -> None:
    text = (
        "Joint Statement\n\nThe two leaders met in Singapore on June 12, 2018. The DPRK committed to work toward "
        "the complete denuclearization of the Korean Peninsula. North Korea launched a missile in May."
    )
    graph = extract(text, lexicon, kind="news", date=dt.date(2018, 6, 13))
    assert ("Denuclearization", "PRK") in keys(graph)
    assert all(len(types) > 0 for _p, types, _s, _a in records(graph))
    assert len(records(graph)) == 1


# -- pattern 6: assessments are not pledges ----------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The Minister and the Secretary reiterated the firm view that North Korea's nuclear weapons program "
        "poses a grave threat to the security of the Korean Peninsula.",
        "The two sides confirmed that the ROK's cost-sharing contributions under the Special Measures "
        "Agreement contribute to a stable stationing environment for U.S. forces.",
        "The Minister and the Secretary assessed that combined exercises have strengthened readiness.",
        "The two sides shared the view that trilateral cooperation with Japan is essential.",
        "The Secretary noted that U.S. forces in Korea continue to deter aggression on the peninsula.",
        "The Minister welcomed the progress on missile defense cooperation.",
        "The Minister and the Secretary expressed concern over the growing cyber threats.",
        "The two sides condemned the launches as violations of Security Council resolutions.",
        "The Minister and the Secretary highlighted that the Alliance is the linchpin of regional peace.",
        "The two sides reaffirmed that the security of the Korean Peninsula is vital to regional stability.",
        "The Secretary and the Minister reiterated the importance of peace and stability in the Taiwan Strait.",
    ],
)
def test_assessments_are_not_pledges(lexicon: Lexicon, sentence: str) -> None:
    assert records(extract(HEAD + "2. " + sentence, lexicon)) == []


def test_view_and_commitment_after_the_same_verb(lexicon: Lexicon) -> None:
    view = "The two sides reaffirmed their shared assessment that extended deterrence remains credible."
    pledge = "The two sides reaffirmed their commitment to extended deterrence."
    assert records(extract(HEAD + "2. " + view, lexicon)) == []
    assert keys(extract(HEAD + "2. " + pledge, lexicon)) == {("ExtendedDeterrence", "KOR+USA")}


# -- pattern 7: pledges the phrase list used to miss ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Secretary reaffirmed that the United States will continue to provide bridging capabilities "
            "until the ROK has fielded its own.",
            {("BridgingCapabilities", "USA")},
            id="bridging-capabilities",
        ),
        pytest.param(
            "The Secretary restated that any nuclear attack against the ROK will be met with a swift, "
            "overwhelming and decisive response.",
            {("DeclaratoryPolicy", "USA"), ("NuclearUmbrella", "USA")},
            id="nuclear-attack-formula",
        ),
        pytest.param(
            "The Secretary noted that any nuclear attack by North Korea against the United States or its allies "
            "would result in the end of the Kim regime.",
            {("DeclaratoryPolicy", "USA")},
            id="declaratory-statement-after-an-assessment-verb",
        ),
        pytest.param(
            "Both sides restated that any use of nuclear weapons by the North would result in the end of its "
            "regime.",
            {("DeclaratoryPolicy", "KOR+USA")},
            id="use-of-nuclear-weapons-ends-its-regime",
        ),
        pytest.param(
            "The two sides remain committed to dialogue with the DPRK without any preconditions.",
            {("Denuclearization", "KOR+USA")},
            id="dialogue-with-the-dprk-is-no-consultation-body-of-the-allies",
        ),
        pytest.param(
            "Both sides restated that closer coordination would result in better readiness of the combined forces.",
            set(),
            id="control-result-in-is-still-a-forecast",
        ),
        pytest.param(
            "The two sides reaffirmed that any North Korean aggression or provocation will not be tolerated.",
            {("DeclaratoryPolicy", "KOR+USA")},
            id="not-tolerated",
        ),
        pytest.param(
            "The Minister and the Secretary announced the establishment of a new consultative group on "
            "extended deterrence.",
            {("ConsultationMechanism", "KOR+USA"), ("ExtendedDeterrence", "KOR+USA")},
            id="announced-the-establishment",
        ),
        pytest.param(
            "The U.S. commits to make every effort to consult with the ROK on any possible employment of nuclear "
            "weapons on the Korean Peninsula.",
            {("NuclearConsultation", "USA")},
            id="commits-to-consult-on-nuclear-use",
        ),
        pytest.param(
            "The two sides agreed that the Armistice Agreement must stay in force until a permanent peace "
            "arrangement replaces it.",
            {("ArmisticeSupport", "KOR+USA")},
            id="armistice",
        ),
        pytest.param(
            "The Minister and the Secretary committed to keep cooperating on global security challenges such as "
            "counter-piracy and peacekeeping.",
            {("GlobalSecurityCooperation", "KOR+USA")},
            id="global-security",
        ),
        pytest.param(
            "The Minister stated that the ROK will continue to contribute to the costs of stationing US forces "
            "in Korea.",
            {("CostSharing", "KOR")},
            id="us-without-periods-inside-a-phrase",
        ),
        pytest.param(
            "The three governments committed to hold prompt consultations whenever a crisis touches their "
            "shared interests.",
            {("ConsultationMechanism", "JPN+KOR+USA")},
            id="no-phrase-takes-the-broad-concept-of-its-cue-word",
        ),
    ],
)
def test_pledges_beyond_the_first_phrase_list(lexicon: Lexicon, sentence: str, expected: set[tuple[str, str]]) -> None:
    assert keys(extract(HEAD + "2. " + sentence, lexicon)) == expected


def test_scheduling_the_next_meeting_is_no_pledge(lexicon: Lexicon) -> None:
    text = HEAD + "2. The two sides agreed to hold the 50th SCM in Washington, D.C., at a mutually convenient time."
    assert records(extract(text, lexicon)) == []


def test_new_concepts_are_in_the_scheme_with_broader_links(lexicon: Lexicon) -> None:
    for name in ("DeclaratoryPolicy", "BridgingCapabilities", "NuclearConsultation", "ArmisticeSupport",
                 "GlobalSecurityCooperation", "AllianceCooperation"):  # fmt: skip
        assert name in COMMITMENT_TYPES and name in lexicon.concepts
    assert lexicon.concepts["BridgingCapabilities"].broader == ("OpconTransition",)
    assert set(lexicon.concepts["NuclearConsultation"].broader) == {"ExtendedDeterrence", "ConsultationMechanism"}
    assert "consultations" in lexicon.concepts["ConsultationMechanism"].hidden_labels


# -- pattern 8: responses per sentence and clause ------------------------------------------


def test_particularly_given_links_its_own_pledge_only(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. The Minister and the Secretary reaffirmed the need to keep conducting combined exercises, particularly "
        "given the security environment after North Korea's sixth nuclear test. The Secretary reaffirmed the U.S. "
        "commitment to provide extended deterrence for the ROK."
    )
    got = records(extract(text, lexicon))
    assert got[0][1] == {"CombinedExercises"} and got[0][3] == {"t-nuclear-6"}
    assert got[1][1] == {"ExtendedDeterrence"} and got[1][3] == frozenset()


def test_second_clause_without_the_incident_is_not_linked(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. The two sides agreed to strengthen cooperation against cyber threats, and the Secretary reaffirmed "
        "that the United States will maintain its current level of forces in the ROK in light of the sixth "
        "nuclear test."
    )
    got = records(extract(text, lexicon))
    by_type = {next(iter(t)): a for _p, t, _s, a in got if len(t) == 1}
    assert by_type["ForcePresence"] == {"t-nuclear-6"}
    assert "t-nuclear-6" not in by_type.get("CyberCooperation", frozenset())


def test_introductory_cue_answers_every_clause(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. In response to the fourth nuclear test, the two sides pledged to enforce the new Security Council "
        "resolution, and the Secretary reaffirmed the U.S. commitment to provide extended deterrence."
    )
    got = records(extract(text, lexicon))
    assert [a for _p, _t, _s, a in got] == [{"t-nuclear-4"}, {"t-nuclear-4"}]


def test_no_response_from_an_assessment_or_across_the_paragraph(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. In light of the sixth nuclear test, the two sides assessed that the threat has grown. "
        "The Minister welcomed the deployment of strategic assets. "
        "The two sides pledged to deepen cyber cooperation."
    )
    got = records(extract(text, lexicon))
    assert [(set(t), a) for _p, t, _s, a in got] == [({"CyberCooperation"}, frozenset())]


def test_condemnation_then_pledge_in_one_sentence(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. The two sides condemned the shelling of Yeonpyeong Island and reaffirmed their commitment to the "
        "defense of the ROK."
    )
    got = records(extract(text, lexicon, date=dt.date(2010, 12, 1)))
    assert got == [(BOTH, frozenset({"MutualDefense"}), "reaffirmed", frozenset({"t-shelling"}))]


def test_a_named_event_is_never_answered_by_a_threat(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. In response to the April launch, the two sides agreed to strengthen their ability to counter North "
        "Korean ballistic missiles."
    )
    graph = extract(text, lexicon)
    assert not any(r.type == Rel.RESPONDS_TO for r in graph.relationships)


# -- stance ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "group", "stance"),
    [
        ("decided that the second phase of the troop reduction will not proceed", "new", "reaffirmed"),
        ("stated that the United States has no plan to reduce its forces in Korea", "new", "reaffirmed"),
        (
            "reaffirmed their support for the framework that freezes North Korea's nuclear program",
            "reaffirm",
            "reaffirmed",
        ),
        ("agreed to work for North Korea's freeze of its nuclear programme", "new", "new"),
        ("agreed that the agreement should be implemented in a way that reduces military tension", "new", "new"),
        ("decided to postpone the combined exercise", "new", "suspended"),
        ("stated that the United States would withdraw its ground combat forces", "new", "weakened"),
        ("agreed to strengthen missile defense", "new", "strengthened"),
        ("reaffirmed the commitment to provide and strengthen extended deterrence", "reaffirm", "reaffirmed"),
    ],  # fmt: skip
)
def test_stance_is_the_alliances_own(clause: str, group: str, stance: str) -> None:
    assert stance_of(clause, group) == stance


def test_stance_on_a_whole_sentence(lexicon: Lexicon) -> None:
    text = HEAD + (
        "2. Because of North Korea's nuclear program, the Secretary and the Minister decided that the second "
        "phase of the reduction of U.S. forces in Korea will not proceed."
    )
    assert [s for _p, _t, s, _a in records(extract(text, lexicon))] == ["reaffirmed"]


# -- rules as data ---------------------------------------------------------------------------


def test_commitment_and_response_rules_are_data() -> None:
    rules = load_rules("commitments")
    assert rules.version >= 2
    for key in ("reaffirm_verbs", "pledge_verbs", "assessment_verbs", "demand_verbs", "speech_verbs",
                "modal_verbs", "references", "suspend", "weaken", "strengthen"):  # fmt: skip
        assert key in rules.patterns
    assert "ironclad" in rules.words("cues") and "PRK" in rules.words("adversaries")
    responses = load_rules("responses")
    assert {"response_cue", "threat_cue", "condemn", "event_after_cue"} <= responses.patterns.keys()


# -- pattern 7: a goal the parties state as shared is their pledge ------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides reaffirmed that the complete denuclearization of the Korean Peninsula remains the common "
        "goal of the two nations.",
        "The Minister and the Secretary reiterated that a complete, verifiable denuclearization of the peninsula "
        "is the goal the two nations share.",
        "The ROK and the U.S. confirmed that denuclearization of the Korean Peninsula continues to be their "
        "shared objective.",
    ],
)
def test_a_shared_goal_restated_by_both_is_their_pledge(lexicon: Lexicon, sentence: str) -> None:
    found = records(extract(HEAD + "2. " + sentence, lexicon))
    assert [(set(p), set(t), s) for p, t, s, _a in found] == [({"KOR", "USA"}, {"Denuclearization"}, "reaffirmed")]


@pytest.mark.parametrize(
    "sentence",
    [
        # a view after a pledging verb, a threat to the goal, a goal only observed
        "The two sides reiterated the firm view that the nuclear programme of the North poses a serious threat "
        "to their common goal of denuclearization.",
        "The Minister and the Secretary reaffirmed that the North's nuclear programme remains a serious threat "
        "to the common goal of the two nations.",
        "The two sides observed that denuclearization remains the common goal of the region.",
    ],
)
def test_a_goal_in_an_assessment_is_no_pledge(lexicon: Lexicon, sentence: str) -> None:
    assert records(extract(HEAD + "2. " + sentence, lexicon)) == []


def test_one_party_alone_states_no_shared_goal(lexicon: Lexicon) -> None:
    # the "that"-clause names no pledge; a goal is shared only when both parties say it
    sentence = "The Minister reaffirmed that denuclearization of the Korean Peninsula remains the common goal."
    assert records(extract(HEAD + "2. " + sentence, lexicon)) == []
