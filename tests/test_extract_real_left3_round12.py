"""Leftovers of round twelve's statements lane (issue 15): reprinted statements after a wire lead, restated
condemnations, one party's readiness restated by all, purposes after a pledge, a diplomatic resolution's field, and
the two sides of a readout of two states that are not the two allies.

The probe texts were a wire copy of the allies' coordination group statement of 2002 (its text after "The text of
the joint statement follows:"), a 2014 leaders' fact sheet, a 2002 wire story on the group, the 14th Defense
Trilateral Talks' statement of 2024 and a forwarded 2003 statement. Every text below is written for these tests in
those shapes (offices, ordinals and dates public facts or invented); none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, pledges, recorded_node, title_and_kind

# -- 1. a statement reprinted after a lead: its own opening is the document's opening ---------------------------

_LEAD = (
    "Allies Meet on North Korea\n\n"
    "Officials of the three governments met in {lead_place} this week to discuss the North's enrichment programme "
    "and urged it to give the programme up.\n\n"
    "They also noted that the next round of talks could be held in Seoul later in the year, and said the region "
    "expects a prompt answer from Pyongyang.\n\n"
    "Analysts in the three capitals said the programme had been suspected for years, that the earlier freeze of "
    "the plutonium facilities had left other routes open, and that the officials would report to their ministers "
    "before any further step; the statement, they said, was meant to keep the three governments in step while the "
    "North weighed its answer, and to show the region that the three spoke with one voice on the matter.\n\n"
)


@pytest.mark.parametrize(
    ("announce", "statement", "label", "place", "day", "names"),
    [
        (
            "The text of the joint statement follows:",
            "The delegations of Japan, the United States of America and the Republic of Korea, headed respectively by "
            "Director-General of Asian and Oceanian Affairs Bureau Taro Example, Assistant Secretary of State for "
            "East Asian and Pacific Affairs Pat Sample, and Deputy Foreign Minister, Ambassador Hong Gil-dong, held "
            "this year's fourth Japan-U.S.-Republic of Korea Trilateral Coordination and Oversight Group meeting in "
            "Tokyo on November 9.",
            "Trilateral Coordination and Oversight Group meeting, 2032-11-09",
            "Tokyo",
            dt.date(2032, 11, 9),
            {"Taro Example", "Pat Sample", "Hong Gil-dong"},
        ),
        (
            "Begin text:",
            "The delegations of the Republic of Korea, Japan and the United States, headed respectively by Deputy "
            "Foreign Minister Kim Min-jae, Director-General of Asian and Oceanian Affairs Jiro Sample, and Assistant "
            "Secretary of State for East Asian and Pacific Affairs Pat Example, held the second Trilateral "
            "Coordination and Oversight Group meeting of the year in Honolulu on June 5.",
            "Trilateral Coordination and Oversight Group meeting, 2032-06-05",
            "Honolulu",
            dt.date(2032, 6, 5),
            {"Kim Min-jae", "Jiro Sample", "Pat Example"},
        ),
    ],
    ids=["text-follows", "begin-text"],
)
def test_a_statement_reprinted_after_a_lead_is_recorded_from_its_own_opening(
    announce: str, statement: str, label: str, place: str, day: dt.date, names: set[str]
) -> None:
    text = (
        _LEAD.format(lead_place="the region")
        + f"{announce}\n\n"
        + "Office of the Spokesman\nWashington, DC\n\n"
        + statement
        + "\n\nThe three delegations reviewed the situation on the Korean Peninsula.\n"
    )
    graph = extract_text(text, day, "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None
    assert recorded.label == label
    assert (recorded.props["date"], recorded.props["location"]) == (day, place)
    assert heads(graph, recorded) == names


def test_without_the_announcing_lead_the_statement_stays_beyond_the_opening() -> None:
    # the same page with no line that announces the text: the lead's two paragraphs are the opening, as before
    statement = (
        "The delegations of Japan, the United States of America and the Republic of Korea, headed respectively by "
        "Director-General of Asian and Oceanian Affairs Bureau Taro Example, Assistant Secretary of State for East "
        "Asian and Pacific Affairs Pat Sample, and Deputy Foreign Minister, Ambassador Hong Gil-dong, held this "
        "year's fourth Japan-U.S.-Republic of Korea Trilateral Coordination and Oversight Group meeting in Tokyo on "
        "November 9."
    )
    text = (
        _LEAD.format(lead_place="the region")
        + "The statement was issued in the evening, after a long session.\n\n"
        + "Reporters were told that more talks would follow in the spring, and the officials left for home.\n\n"
        + statement
        + "\n"
    )
    assert recorded_node(extract_text(text, dt.date(2032, 11, 9), "joint_statement")) is None


@pytest.mark.parametrize(
    "lead",
    [
        "WASHINGTON, Nov. 9 (Agency) -- The three allies issued a joint statement. The text of the joint statement "
        "follows:",
        "Tokyo -- Officials met on Saturday. The full text of the joint statement issued after the meeting follows:",
    ],
    ids=["dateline", "full-text"],
)
def test_a_lead_that_announces_the_statement_makes_the_page_a_joint_statement(lead: str) -> None:
    text = f"Allies Discuss North Korea\n\n{lead}\n\nThe three delegations met in Tokyo on November 9, 2032.\n"
    assert title_and_kind(text)[1] == "joint_statement"


def test_a_text_that_follows_of_a_speech_is_no_reprinted_statement() -> None:
    text = (
        "Secretary Speaks in Tokyo\n\nTOKYO, Nov. 9 (Agency) -- The Secretary spoke to students. The text of his "
        "remarks follows:\n\nThank you all for coming today.\n"
    )
    assert title_and_kind(text)[1] == "news"


# -- 2. reaffirming a condemnation is no pledge; reaffirming a commitment to the resolutions is one ----------------

_OPENING = (
    "Joint Statement\n\n"
    "President Alex Example and President Kim Min-soo met at the White House on April 2, 2033.\n\n"
)


def _pledges(sentence: str) -> set[tuple[frozenset[str], str]]:
    graph = extract_text(_OPENING + sentence + "\n", dt.date(2033, 4, 2), "joint_statement")
    return {(types, party) for types, party, _ in pledges(graph)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Our two countries reaffirm the UN Security Council's unanimous condemnation of the DPRK's recent missile "
        "launches as violations of its resolutions.",
        "The two Presidents reiterated the Security Council's strong condemnation of the nuclear test.",
        "The leaders reaffirmed their firm condemnation of the attack on the patrol ship.",
    ],
    ids=["council-unanimous", "council-strong", "their-own"],
)
def test_a_restated_condemnation_is_no_pledge(sentence: str) -> None:
    assert _pledges(sentence) == set()


def test_a_restated_commitment_to_implement_the_resolutions_stays_a_pledge() -> None:
    sentence = (
        "The two Presidents reaffirmed their commitment to implement the Security Council resolutions on the DPRK "
        "fully and transparently."
    )
    assert _pledges(sentence) == {(frozenset({"SanctionsEnforcement"}), "KOR+USA")}


# -- 3. "the United States' readiness to ...": the possessive names its own party ----------------------------------

_TRI_OPENING = (
    "Joint Statement of the Japan-U.S.-ROK Trilateral Ministerial Meeting\n\n"
    "The foreign ministers of Japan, the United States and the Republic of Korea met in Jakarta on July 14, 2033 "
    "for the Trilateral Ministerial Meeting.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        (
            "The joint statement also reaffirmed the United States' readiness to hold unconditional talks with "
            "North Korea.",
            "USA",
        ),
        ("The three ministers reiterated Japan's willingness to host the next round of talks on the issue.", "JPN"),
    ],
    ids=["us-readiness", "japan-willingness"],
)
def test_one_partys_readiness_restated_by_all_is_its_own(sentence: str, party: str) -> None:
    graph = extract_text(_TRI_OPENING + sentence + "\n", dt.date(2033, 7, 14), "joint_statement")
    assert {p for _, p, _ in pledges(graph)} == {party}


def test_their_own_readiness_is_all_three() -> None:
    sentence = "The three ministers reaffirmed their readiness to hold talks with North Korea without conditions."
    graph = extract_text(_TRI_OPENING + sentence + "\n", dt.date(2033, 7, 14), "joint_statement")
    assert {p for _, p, _ in pledges(graph)} == {"JPN+KOR+USA"}


# -- 4. purposes after a pledge are no second pledge ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The three sides affirmed their enduring commitment to strengthening trilateral cooperation to deter the "
        "DPRK's nuclear and missile threats and to promote peace and stability in the Indo-Pacific region.",
        "The three ministers agreed to strengthen trilateral cooperation to counter the DPRK's missile threats and "
        "to promote peace and stability on the Korean Peninsula.",
    ],
    ids=["gerund-object", "purpose-infinitive"],
)
def test_purposes_after_a_pledge_stay_in_one_pledge(sentence: str) -> None:
    graph = extract_text(_TRI_OPENING + sentence + "\n", dt.date(2033, 7, 14), "joint_statement")
    found = pledges(graph)
    assert len(found) == 1
    assert "TrilateralCooperation" in found[0][0]


def test_a_run_of_two_pledges_is_still_cut() -> None:
    # a comma before "and to": the second infinitive is the verb's own, a second pledge
    sentence = (
        "The three ministers agreed to strengthen trilateral cooperation against cyber threats, and to widen "
        "space cooperation in the coming year."
    )
    graph = extract_text(_TRI_OPENING + sentence + "\n", dt.date(2033, 7, 14), "joint_statement")
    assert len(pledges(graph)) == 2


# -- 5. a diplomatic resolution of the nuclear issue is denuclearization, not the alliance's cooperation ----------


@pytest.mark.parametrize(
    "sentence",
    [
        "They reiterated their intention to pursue a peaceful and diplomatic resolution of the issue.",
        "The ministers reaffirmed their resolve to seek a diplomatic solution to the North's nuclear programme.",
    ],
    ids=["resolution", "solution"],
)
def test_a_diplomatic_resolution_is_denuclearization(sentence: str) -> None:
    graph = extract_text(_TRI_OPENING + sentence + "\n", dt.date(2033, 7, 14), "joint_statement")
    types = {t for types, _, _ in pledges(graph) for t in types}
    assert "Denuclearization" in types and "AllianceCooperation" not in types


# -- 6. the two sides of a readout are the two states it names as meeting ------------------------------------------


@pytest.mark.parametrize(
    ("title", "opening", "pair"),
    [
        (
            "Readout of the Secretary's Meeting with Japanese Defense Minister",
            "Secretary of Defense Pat Smith met with Japanese Minister of Defense Taro Example in Washington on "
            "March 3, 2033.",
            "JPN+USA",
        ),
        (
            "Japan-U.S. Foreign Ministers' Telephone Call",
            "Minister for Foreign Affairs Jiro Sample of Japan held a telephone call with Secretary of State Pat "
            "Example of the United States on March 3, 2033.",
            "JPN+USA",
        ),
    ],
    ids=["defense-readout", "foreign-call"],
)
def test_the_two_sides_of_a_readout_are_its_two_states(title: str, opening: str, pair: str) -> None:
    text = (
        f"{title}\n\n{opening} The two sides reaffirmed their commitment to strengthen the alliance's deterrence. "
        "Both sides agreed to continue close cooperation on regional security.\n"
    )
    graph = extract_text(text, dt.date(2033, 3, 3), "other")
    assert {p for _, p, _ in pledges(graph)} == {pair}


def test_the_two_sides_of_an_allies_readout_stay_the_two_allies() -> None:
    text = (
        "Readout of the Secretary's Meeting with ROK Minister of National Defense\n\n"
        "Secretary of Defense Pat Smith met with ROK Minister of National Defense Kim Min-soo in Washington on "
        "March 3, 2033. The two sides reaffirmed their commitment to strengthen combined defense.\n"
    )
    graph = extract_text(text, dt.date(2033, 3, 3), "other")
    assert {p for _, p, _ in pledges(graph)} == {"KOR+USA"}


def test_an_opening_that_names_three_states_keeps_the_default() -> None:
    # the opening names Japan beside the two allies: which two "the two sides" are, it does not say
    text = (
        "Readout of the Secretary's Meeting with ROK Minister of National Defense\n\n"
        "Secretary of Defense Pat Smith met with ROK Minister of National Defense Kim Min-soo in Washington on "
        "March 3, 2033, a week after both met Japan's defense minister. The two sides reaffirmed their commitment "
        "to strengthen combined defense.\n"
    )
    graph = extract_text(text, dt.date(2033, 3, 3), "other")
    assert {p for _, p, _ in pledges(graph)} == {"KOR+USA"}
