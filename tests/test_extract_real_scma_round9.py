"""SCM records of 1999-2011 in the shapes a ninth probe of public copies showed failing (issue 15).

The stored record keeps the SCMs of these years as communiqué releases and, for most of them, as the Pentagon
transcript of the joint press conference held the same day. A transcript opens with its announcer's running order
("We will now begin the joint press conference", "the Minister will deliver his opening remarks", "we will have a
short Q and A session") and a head's "We have just concluded the 38th SCM": none of these is a pledge, though each
has a modal or a pledging verb. Every text below is written for these tests in those shapes (persons, offices,
ordinals and dates are public facts; the sentences are invented), none is copied from a copy. Each shape has
variants and a guard that keeps the pledge the shape must not swallow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.readers import read_document
from extractors.readers.layout import line_breaks
from tests.extraction_probe import extract_text, heads, meeting_nodes, pledges, recorded_node

DAY = dt.date(2007, 11, 7)


def _pledges(text: str) -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(text, DAY, "other"))}


# -- a press conference's running order is no pledge ----------------------------------------------------------

PROCEDURE = [
    "ANNOUNCER: Ladies and gentlemen, we will now begin the joint press conference of the two defense ministers.",
    "ANNOUNCER: We will now start the briefing with the opening statements of both ministers.",
    "MND SPOKESPERSON: Good morning. First, the Minister of National Defense will deliver his opening remarks.",
    "MND SPOKESPERSON: Then the Secretary will deliver a short statement.",
    "Announcer (through interpreter): Because time is short, we will have a ten-minute Q and A session.",
    "Announcer (through interpreter): We would appreciate it if you could keep your questions brief.",
    "MODERATOR: The ministers will now take questions from the press.",
    "SEC. GATES: Good afternoon. We have just concluded the 39th Security Consultative Meeting.",
    "SEC. GATES: The Minister and I concluded this year's SCM a few minutes ago.",
]


@pytest.mark.parametrize("sentence", PROCEDURE)
def test_a_press_conferences_running_order_is_no_pledge(sentence: str) -> None:
    assert _pledges(sentence + "\n") == set()


# the guards: the same verbs and modals still pledge when they carry a party's will
KEPT = [
    (
        "SEC. GATES: The United States will begin consultations on the transition plan next month.",
        "USA",
    ),
    (
        "SEC. GATES: The United States will deliver the additional Patriot batteries to the peninsula this year.",
        "USA",
    ),
    (
        "MIN. KIM: The two sides concluded a new Special Measures Agreement that will run for five years.",
        "KOR+USA",
    ),
    (
        "MIN. KIM: The Secretary and I agreed to hold more combined exercises, and we will now deploy the new units.",
        "KOR+USA",
    ),
    (
        "SEC. GATES: The United States will now take further steps to strengthen extended deterrence for the ROK.",
        "USA",
    ),
    (
        "SEC. GATES: The United States will now begin talks with the ROK on the next cost-sharing agreement.",
        "USA",
    ),
    (
        # what is concluded is the agreement, though "talks" follows within four words
        "MIN. KIM: The two sides concluded a new agreement to launch talks on the transfer of wartime OPCON.",
        "KOR+USA",
    ),
]


@pytest.mark.parametrize(("sentence", "party"), KEPT)
def test_a_pledge_with_the_same_verbs_is_kept(sentence: str, party: str) -> None:
    assert party in {p for _, p in _pledges(sentence + "\n")}


# -- a participle that says when is no act of the sentence -----------------------------------------------------


def test_a_participle_describing_a_date_is_no_pledge() -> None:
    text = (
        "SEC. GATES: We held a long discussion on the transformation of the alliance as we move toward 2015, the "
        "newly established date for the transition of wartime operational control.\n"
    )
    assert _pledges(text) == set()


def test_a_participle_describing_an_act_still_pledges() -> None:
    # the framework was endorsed at the meeting: an act of the two heads, reported through its participle
    text = (
        "7. The two leaders also gave guidance for further progress through a newly endorsed framework of "
        "bilateral defense consultative mechanisms.\n"
    )
    assert ("KOR+USA" in {p for _, p in _pledges(text)}) is True


# -- the spoken record of the SCM: filed under it however its copy is laid out -----------------------------------


def _recorded(path: Path) -> tuple[str | None, set[str], object]:
    graph = extract_file(path)
    node = recorded_node(graph)
    if node is None:
        return None, set(), None
    return node.label, heads(graph, node), node.props.get("location")


def test_a_copy_with_one_sentence_a_line_joins_a_title_to_its_name(tmp_path: Path) -> None:
    # a mailing-list copy cut at every period: "SEC." / "RUMSFELD:", "Mr." / "Yoon"; undated, so the speaker's
    # "we have just concluded the 38th SCM" is what makes it the meeting's record
    text = (
        "Briefing with Secretary Rumsfeld and Minister Yoon Kwang-ung at the Pentagon\n"
        "SEC.\nRUMSFELD: Good afternoon.\n"
        "Let me first thank the generals who came with the Minister today.\n"
        "We are glad to have them here.\n"
        "It is a pleasure to see Minister Yoon Kwang-ung again.\n"
        "We've just concluded the 38th security consultative meeting.\n"
        "Mr.\nYoon and I talked about the North's test and about the U.S.\nnuclear umbrella.\n"
    )
    path = tmp_path / "briefing.txt"
    path.write_text(text, encoding="utf-8")
    label, found, place = _recorded(path)
    assert label == "38th SCM"
    assert found == {"Donald Rumsfeld", "Yoon Kwang-ung"}
    assert str(place).startswith("Washington")
    view = read_document(path).text
    assert "SEC. RUMSFELD: Good afternoon." in view
    assert "Mr. Yoon and I" in view


def test_a_line_ending_a_sentence_still_ends_its_paragraph() -> None:
    # the guard: only a title's abbreviation waits for its name; "the U.S." at a line's end ends a sentence
    lines = ["The alliance serves both nations well.", "Mr.", "Yoon thanked the U.S.", "Next, questions."]
    assert line_breaks(lines) == [True, False, True]


def test_a_speaker_at_the_meeting_this_morning_names_the_meeting_just_held(tmp_path: Path) -> None:
    # mixed-case labels, an announcer's running order first, and "at the 37th SCM" of the same morning
    text = (
        "Press Availability with Secretary of Defense Donald Rumsfeld and Minister of Defense Yoon Kwang-Ung\n\n"
        "October 21, 2005\n\n"
        "Announcer (through interpreter):  Ladies and gentlemen, the two ministers are entering the room.\n\n"
        "We will now begin the joint press conference of the two defense ministers.\n\n"
        "The press conference will proceed with opening statements followed by questions.\n\n"
        "Because time is short, we will take only a few questions, so please keep them brief.\n\n"
        "ROK Minister (through interpreter):  This morning I held a useful session with Secretary Rumsfeld at the "
        "37th SCM on the security of the peninsula.\n"
    )
    path = tmp_path / "availability.txt"
    path.write_text(text, encoding="utf-8")
    label, found, place = _recorded(path)
    assert label == "37th SCM"
    assert found == {"Donald Rumsfeld", "Yoon Kwang-ung"}
    assert place == "Seoul"


def test_an_earlier_meeting_named_with_at_is_still_not_the_record(tmp_path: Path) -> None:
    # the guard: "at the 36th SCM last year" in the same press conference is an earlier meeting
    text = (
        "Press Availability with Secretary of Defense Donald Rumsfeld and Minister of Defense Yoon Kwang-Ung\n\n"
        "October 21, 2005\n\n"
        "ROK Minister (through interpreter):  We reviewed what the two of us agreed at the 36th SCM last year.\n"
    )
    path = tmp_path / "availability.txt"
    path.write_text(text, encoding="utf-8")
    assert _recorded(path)[0] is None


def test_a_count_of_ones_meetings_with_a_counterpart_is_no_scm() -> None:
    text = (
        "MINISTER CHO:  Today's SCM matters a great deal to both of us.\n\n"
        "It is a pleasure to hold my second meeting with the Secretary, after our first one in June.\n"
    )
    graph = extract_text(text, dt.date(2003, 11, 17), "other")
    assert all(n.props.get("ordinal") != 2 for n in meeting_nodes(graph).values())


def test_a_numbered_scm_held_with_a_counterpart_keeps_its_number() -> None:
    # the guard: "the 38th SCM with Secretary X" is the 38th SCM
    text = "Minister Yoon Kwang-ung held the 38th SCM with Secretary Rumsfeld at the Pentagon on October 20, 2006.\n"
    graph = extract_text(text, dt.date(2006, 10, 21), "news")
    assert "38th SCM" in meeting_nodes(graph)
