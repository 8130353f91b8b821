"""Pledges that are not: participles, views with any adjective, objects of other parties, statements of no will.

Patterns found failing on stored public copies of real communiqués and joint statements
(issue 15, items 6 and 7; the untyped-pledge fallback). The sentences are written for the
tests in the shapes of those texts; none is copied from one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

from graph.model import GraphData
from graph.schema import Kind, Rel, concept_local_name


def extract(text: str, date: dt.date = dt.date(2011, 10, 28), kind: str = "communique") -> GraphData:
    return extract_text(text, date, kind)


HEAD = "1. The 43rd Security Consultative Meeting was held in Seoul on October 28, 2011.\n\n"


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "2. The Minister and the Secretary restated the resolve of the two Presidents to build a strategic "
            "Alliance, as laid down in the 2009 Joint Vision and reiterated at the summit of 13 October 2011.",
            id="coordinated-participle",
        ),
        pytest.param(
            "2. Set up to carry out the leaders' declaration, the group is a standing body of the two governments.",
            id="opening-participle",
        ),
        pytest.param(
            "2. The two sides praised the work of the group, including the guidelines that President Yoon "
            "Suk Yeol and President Joseph R. Biden Jr. endorsed in Washington on July 11, 2024.",
            id="object-relative-after-titles",
        ),
    ],
)
def test_a_participle_makes_no_second_pledge(sentence: str) -> None:
    found = pledges(extract(HEAD + sentence + "\n"))
    assert len(found) <= 1
    assert all(not d.startswith(("reiterated", "Set up", "Suk Yeol", "Yoon")) for _, _, d in found)


def test_a_verb_with_its_own_subject_before_a_preposition_still_pledges() -> None:
    found = pledges(
        extract(
            HEAD + "2. The Secretary reaffirmed in the clearest terms the U.S. commitment to the defense of the ROK.\n"
        )  # fmt: skip
    )
    assert [(t, p) for t, p, _ in found] == [(frozenset({"MutualDefense"}), "USA")]


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "2. Both Ministers reaffirmed the vital importance of dialogue between the two Koreas.", id="importance"
        ),
        pytest.param("2. The four Ministers reaffirmed the enduring strength of the alliance.", id="strength"),
    ],
)
def test_a_view_with_any_adjective_is_no_pledge(sentence: str) -> None:
    assert pledges(extract(HEAD + sentence + "\n")) == []


def test_an_unowned_pledge_noun_deep_in_a_sentence_is_an_object() -> None:
    text = (
        HEAD + "2. At the talks, the Ministers looked at ways of making sure that all states carry out their "
        "obligations and commitments under the sanctions resolutions.\n"
    )
    assert pledges(extract(text)) == []


def test_an_unowned_pledge_noun_with_its_content_still_pledges() -> None:
    text = (
        HEAD + "2. After the Agreed Framework of October 1994, the 27th SCM turned that worry into a pledge "
        "to see the framework carried out in full.\n"
    )
    assert len(pledges(extract(text))) == 1


def test_an_untyped_pledge_borrows_the_field_its_subject_named_or_points_back_to() -> None:
    text = (
        HEAD + "2. The Minister and the Secretary reaffirmed that the two nations would answer any North Korean "
        "provocation together under the bilateral Counter-Provocation Plan, and agreed to keep updating the "
        "plan.\n\n"
        "3. They welcomed the proposal for Four Party talks put forward by the two Presidents, and pledged to "
        "work together to bring North Korea to the table.\n"
    )
    found = pledges(extract(text))
    by_text = {d.split()[0]: t for t, _, d in found}
    assert by_text["agreed"] == frozenset({"MutualDefense"})
    assert by_text["pledged"] == frozenset({"PeaceAndUnification"})
    assert all("AllianceCooperation" not in t for t, _, _ in found)


def test_the_broadest_concept_only_for_a_statement_of_will() -> None:
    text = (
        HEAD + "2. The two sides pledged to do everything they can to make the games a success.\n\n"
        "3. The two sides signed the new guidelines.\n\n"
        "4. The Ministers reaffirmed the new guidelines.\n"
    )
    found = pledges(extract(text))
    assert sorted(d.split()[3] for _, _, d in found) == ["pledged", "signed"]
    assert all(t == frozenset({"AllianceCooperation"}) for t, _, _ in found)


def test_a_quoted_pledge_and_a_decision_handed_down_are_pledges() -> None:
    text = (
        HEAD + "2. They said they are “committed to keep a strong combined defense posture against any threat.”\n\n"
        "3. The Ministers directed their envoys on North Korea policy to hold consultations within days.\n"
    )
    found = {(t, p) for t, p, _ in pledges(extract(text))}
    assert (frozenset({"MutualDefense"}), "KOR+USA") in found
    assert (frozenset({"ConsultationMechanism"}), "KOR+USA") in found


def test_a_coordinated_pledge_without_a_field_carries_on_the_field_named_before() -> None:
    text = (
        HEAD + "2. The Minister and the Secretary decided to adopt a conditions-based approach to the transition "
        "of wartime operational control. They signed a memorandum that sets out the approach and directed the "
        "Military Committee to report on progress every year.\n"
    )
    found = pledges(extract(text))
    assert len(found) == 3
    assert all(t == frozenset({"OpconTransition"}) for t, _, _ in found)


def answered(graph: GraphData) -> set[tuple[str, str]]:
    """(commitment type, incident notation) of every RESPONDS_TO."""
    nodes = graph.node_map()
    out = set()
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        types = {concept_local_name(r.target) for r in rels if r.type == Rel.COMMITMENT_TYPE}
        for r in rels:
            if r.type == Rel.RESPONDS_TO:
                out |= {(t, str(nodes[r.target].props.get("notation"))) for t in types}
    return out


def test_the_fields_of_a_response_in_the_record_s_own_phrases() -> None:
    text = (
        "1. The 48th SCM was held in Washington on October 20, 2016.\n\n"
        "2. The two sides condemned the fourth nuclear test of January 6, 2016. In response to the test, they "
        "agreed to tighten combined surveillance and readiness, to add combined anti-infiltration training, and "
        "to work out a concept for countering North Korean missiles.\n"
    )
    found = answered(extract(text, dt.date(2016, 10, 20)))
    for field in ("MutualDefense", "CombinedExercises", "MissileDefense"):
        assert (field, "prk-nuclear-test-4") in found


def test_a_commitment_expressed_with_a_possessive_owner_between() -> None:
    text = HEAD + "2. Minister Kim expressed the ROK government's sincere commitment to help the recovery in full.\n"
    assert [p for _, p, _ in pledges(extract(text))] == ["KOR"]


def test_a_declaratory_clause_is_said_by_the_party_that_says_it() -> None:
    text = (
        "Joint Press Statement on the Third Nuclear Consultative Group Meeting\n\nJune 10, 2024\n\n"
        "The United States reaffirmed that its commitment to the ROK is ironclad. And any nuclear attack by the "
        "DPRK against the ROK will be met with a swift, overwhelming and decisive response.\n\n"
        "Any nuclear attack by the DPRK against the United States or its allies is unacceptable and will end "
        "that regime, and the U.S. side restated that its extended deterrence draws on the full range of its "
        "capabilities, including nuclear.\n"
    )
    graph = extract(text, dt.date(2024, 6, 10), kind="joint_statement")
    declaratory = [p for t, p, _ in pledges(graph) if "DeclaratoryPolicy" in t]
    assert declaratory and set(declaratory) == {"USA"}


def test_a_trilateral_statement_without_a_recorded_meeting_has_three_parties() -> None:
    text = (
        "Joint Statement of the Japan-U.S.-ROK Trilateral Foreign Ministers' Meeting\n\n"
        "The three foreign ministers held talks on the nuclear test. The Ministers pledged to work together in "
        "the Security Council for a new resolution with further measures. Secretary Kerry reaffirmed that the "
        "United States remains steadfast in its defense commitments, backed by the full range of its nuclear and "
        "conventional capabilities.\n"
    )
    found = {(t, p) for t, p, _ in pledges(extract(text, dt.date(2016, 9, 18), kind="joint_statement"))}
    assert (frozenset({"SanctionsEnforcement"}), "JPN+KOR+USA") in found
    assert any(p == "USA" and {"MutualDefense", "NuclearUmbrella"} <= t for t, p in found)


def test_a_cue_before_a_hypothetical_event_answers_the_threat() -> None:
    text = (
        "Gates Presses Alliance Readiness\n\nSEOUL, Jan. 14, 2011 -- Secretary Gates said the United States would "
        "keep working closely with South Korea to deter further provocations by North Korea.\n"
    )
    graph = extract(text, dt.date(2011, 1, 14), kind="news")
    nodes = graph.node_map()
    answered_threats = {
        str(nodes[r.target].props.get("notation"))
        for r in graph.relationships
        if r.type == Rel.RESPONDS_TO and nodes[r.target].kind == Kind.THREAT
    }
    assert answered_threats == {"PRK/ConventionalProvocation"}
