"""Stances, views, speaker turns and response links in the shapes found failing on a fourth probe.

Shapes of stored public copies of SCM communiques, an MCM readout, a 2+2 press conference transcript
and statements after a nuclear test (issue 15). The sentences are written for the tests; none is
copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text

from graph.model import GraphData
from graph.schema import Kind, Rel, concept_local_name

DAY = dt.date(2031, 3, 4)


def records(graph: GraphData) -> list[tuple[frozenset[str], str, str, frozenset[str]]]:
    """(types, party, stance, incidents or threats answered) per pledge."""
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        types = frozenset(concept_local_name(r.target) for r in rels if r.type == Rel.COMMITMENT_TYPE)
        party = "+".join(sorted(str(nodes[r.target].props.get("notation")) for r in rels if r.type == Rel.COMMITTED_BY))
        answered = frozenset(
            str(nodes[r.target].props.get("notation") or r.target) for r in rels if r.type == Rel.RESPONDS_TO
        )
        out.append((types, party, str(n.props.get("stance")), answered))
    return out


def read(
    text: str, date: dt.date = DAY, kind: str = "statement"
) -> list[tuple[frozenset[str], str, str, frozenset[str]]]:
    return records(extract_text(text, date, kind))


# -- 1. stance: growing the alliance is how the pledge is stated, not a stronger pledge -----------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "To that end, the two sides will work to develop Alliance defense cooperation further in a "
            "mutually reinforcing and forward-looking way.",
            id="mutually-reinforcing-manner",
        ),
        pytest.param(
            "They agreed to cooperate closely on the Joint Vision, thereby further strengthening the Alliance "
            "for the coming decades.",
            id="strengthening-the-alliance",
        ),
        pytest.param(
            "They stressed that the Alliance will jointly meet common challenges by deepening regional "
            "engagement and expanding our robust bilateral ties.",
            id="deepening-engagement-expanding-ties",
        ),
    ],
)
def test_a_pledge_to_grow_the_alliance_is_not_a_stronger_pledge(sentence: str) -> None:
    found = read(sentence)
    assert found, "the pledge itself is still read"
    assert {stance for _t, _p, stance, _r in found} <= {"new", "reaffirmed"}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        pytest.param(
            "The Minister and the Secretary agreed to strengthen missile defense capabilities.",
            "MissileDefense",
            id="new-capabilities",
        ),
        pytest.param(
            "The two sides agreed to enhance the scale of combined exercises.", "CombinedExercises", id="more-exercises"
        ),
        pytest.param(
            "The Minister and the Secretary agreed to strengthen the Alliance's combined defense posture.",
            "MutualDefense",
            id="the-alliances-posture",
        ),
    ],  # fmt: skip
)
def test_a_pledge_whose_own_content_rises_is_strengthened(sentence: str, kind: str) -> None:
    found = read(sentence)
    assert any(kind in types and stance == "strengthened" for types, _p, stance, _r in found), found


def test_a_continuation_of_extended_deterrence_is_a_restatement() -> None:
    found = read(
        "The Secretary gave assurances of the firm U.S. commitment and prompt support to the ROK, including "
        "continuation of the extended deterrence the U.S. nuclear umbrella provides."
    )
    stances = {stance for types, party, stance, _r in found if "ExtendedDeterrence" in types and party == "USA"}
    assert stances == {"reaffirmed"}


# -- 2. views of the adversary's acts; stressing one's own commitment ------------------------------


def test_a_view_of_the_adversarys_acts_is_no_pledge() -> None:
    text = (
        "The Minister and the Secretary reaffirmed these launches plainly breach UN Security Council "
        "resolutions and pose a grave threat to the region."
    )
    assert read(text) == []


def test_stressing_the_parties_own_commitment_restates_it() -> None:
    found = read(
        "The alliance underscores the common sacrifice and steadfast commitment of the U.S. and ROK to "
        "deterring aggression on the Korean Peninsula."
    )
    assert found and {(party, stance) for _t, party, stance, _r in found} == {("KOR+USA", "reaffirmed")}


def test_stressing_the_adversarys_commitment_is_no_pledge() -> None:
    assert read("The Secretary stressed North Korea's commitments under the 2005 Joint Statement.") == []


# -- 4. response links: an answer opened in time, or in a paragraph that deplores the incident -----

TEST_DAY = dt.date(2006, 10, 20)


def test_a_pledge_opened_by_following_a_named_incident_answers_it() -> None:
    found = read(
        "Following North Korea's nuclear test on October 9, the United States reaffirmed its commitment to "
        "provide extended deterrence to the Republic of Korea.",
        TEST_DAY,
    )
    assert [(party, answered) for types, party, _s, answered in found if "ExtendedDeterrence" in types] == [
        ("USA", frozenset({"prk-nuclear-test-1"}))
    ]


def test_a_history_told_in_sequence_is_no_response() -> None:
    found = read(
        "After the first nuclear test of October 2006, the 38th SCM reaffirmed the commitment to extended deterrence.",
        dt.date(2025, 3, 3),
        kind="study",
    )
    assert found and all(not answered for _t, _p, _s, answered in found)


def test_a_view_opened_by_following_an_incident_links_nothing() -> None:
    found = read(
        "Following North Korea's nuclear test on October 9, the two sides noted the growth of its arsenal.",
        TEST_DAY,
    )
    assert found == []


def test_a_pledge_later_in_a_paragraph_that_deplores_the_test_answers_it() -> None:
    text = (
        "1. The 38th Security Consultative Meeting was held in Washington on October 20, 2006.\n\n"
        "2. The Secretary and the Minister expressed grave concern regarding the North Korean nuclear test of "
        "October 9 and called on the North to refrain from further steps. Both sides backed Security "
        "Council Resolution 1718. Secretary Rumsfeld gave assurances of firm U.S. commitment and prompt "
        "support to the ROK, including continuation of the extended deterrence of the U.S. nuclear umbrella.\n"
    )
    found = read(text, TEST_DAY)
    deterrence = [
        (party, stance, answered) for types, party, stance, answered in found if "ExtendedDeterrence" in types
    ]
    assert deterrence == [("USA", "reaffirmed", frozenset({"prk-nuclear-test-1"}))]


# -- 3. transcripts: a "we" in a speaker's turn is the speaker's party; questions pledge nothing ----

TRANSCRIPT = (
    "Remarks to the Press after the Ministerial Talks\n\n"
    "Jordan Pike\nSecretary of State\nWashington, DC\nMarch 4, 2031\n\n"
    "SECRETARY PIKE: Thank you all for coming. We will station an additional missile defense battery in "
    "Korea before the end of the year.\n\n"
    "Our alliance has never been closer, and we will keep it that way.\n\n"
    "MINISTER SEO: Thank you. We will increase our contribution to the costs of stationing U.S. forces.\n\n"
    "QUESTION: Will the United States commit to deploying more forces to the peninsula?\n\n"
    "SECRETARY PIKE: The two sides agreed to expand combined exercises next spring.\n"
)


def test_we_in_a_speaker_turn_is_the_speakers_party() -> None:
    found = {(types, party) for types, party, _s, _r in read(TRANSCRIPT, kind="news")}
    assert (frozenset({"MissileDefense"}), "USA") in found
    assert (frozenset({"CostSharing"}), "KOR") in found
    assert (frozenset({"CombinedExercises"}), "KOR+USA") in found  # "the two sides" stays both
    assert not any(party == "KOR+USA" and "MissileDefense" in types for types, party in found)


def test_a_reporters_question_is_no_pledge() -> None:
    found = read(TRANSCRIPT, kind="news")
    assert not any("ForcePresence" in types for types, _p, _s, _r in found)


# A transcript of an interpreted press conference: every label carries a translator's note, and the moderator
# announces the programme in the first person plural.
INTERPRETED = (
    "Joint Press Conference, Seoul, March 5, 2031\n\n"
    "MODERATOR (THROUGH TRANSLATOR):  Ladies and gentlemen, welcome.\n\n"
    "We will now begin the joint press conference of the two defense chiefs. After their opening remarks, "
    "we will take questions from two reporters.\n\n"
    "MINISTER SEO (THROUGH INTERPRETER):  Thank you. We will increase our contribution to the costs of "
    "stationing U.S. forces.\n"
)


def test_a_moderator_with_a_translators_note_pledges_nothing() -> None:
    """One label shape for every use: a "(THROUGH TRANSLATOR)" note no longer hides a moderator's turn."""
    found = read(INTERPRETED, kind="news")
    assert not any("AllianceCooperation" in types for types, _p, _s, _r in found)
    assert (frozenset({"CostSharing"}), "KOR") in {(types, party) for types, party, _s, _r in found}
