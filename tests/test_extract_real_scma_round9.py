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

import pytest

from tests.extraction_probe import extract_text, pledges

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
