"""A leaders' joint statement that opens by saying they met ("We, the leaders of Japan, the Republic of Korea, and
the United States, convened at <place> ...") records that summit (issue 15, patterns 3 and 10).

Statements written here in the shape of the leaders' statements of 2021-2023; places and dates invented.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, recorded_node

DAY = dt.date(2031, 8, 18)


def _statement(opening: str, heading: str = "Joint Statement of Japan, the Republic of Korea, and the United States",
               dateline: str = "August 18, 2031") -> str:
    return f"{heading}\n\n{dateline}\n\n{opening} We commit to hold trilateral exercises every year.\n"


@pytest.mark.parametrize(
    ("opening", "label", "place"),
    [
        ("We, the leaders of Japan, the Republic of Korea (ROK), and the United States, convened at Harbor Point to "
         "open a new era of trilateral partnership.", "Trilateral summit, 2031-08-18", "Harbor Point"),
        ("We, the leaders of the United States, Japan, and the Republic of Korea, met today at Lake House.",
         "Trilateral summit, 2031-08-18", "Lake House"),
        ("We, the President of the United States, the President of the Republic of Korea and the Prime Minister of "
         "Japan, gathered in Phnom Penh on the margins of the regional summit.", "Trilateral summit, 2031-08-18",
         "Phnom Penh"),
        ("We, the leaders of the Republic of Korea and the United States, met in Washington to mark a new chapter of "
         "our Alliance.", "ROK-U.S. summit, 2031-08-18", "Washington"),
    ],
)
def test_the_leaders_own_opening_records_their_summit(opening: str, label: str, place: str) -> None:
    graph = extract_text(_statement(opening), DAY, "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None and meeting.label == label
    assert meeting.props.get("location") == place


def test_the_leaders_the_opening_names_are_the_heads() -> None:
    opening = (
        "We, the leaders of Japan, the Republic of Korea, and the United States, convened at Harbor Point today. "
        "President Joe Biden commended President Yoon Suk Yeol and Prime Minister Fumio Kishida for their courage, "
        "and Secretary of State Antony Blinken joined the working lunch."
    )
    graph = extract_text(_statement(opening, dateline="August 18, 2023"), dt.date(2023, 8, 18), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    assert heads(graph, meeting) == {"Joe Biden", "Yoon Suk Yeol", "Fumio Kishida"}  # not the Secretary of State


@pytest.mark.parametrize(
    "opening",
    [
        # an earlier meeting they recall, a meeting to come: no summit of the statement's day
        "We, the leaders of Japan, the Republic of Korea, and the United States, recall that we first met at "
        "Harbor Point last year.",
        "We, the leaders of Japan, the Republic of Korea, and the United States, will meet again next year in Tokyo.",
        # the leaders' statement says nothing of meeting
        "We, the leaders of Japan, the Republic of Korea, and the United States, affirm a shared vision for the "
        "region.",
    ],
)
def test_no_summit_without_the_leaders_meeting(opening: str) -> None:
    assert recorded_node(extract_text(_statement(opening), DAY, "joint_statement")) is None


def test_an_undated_statement_records_no_summit() -> None:
    text = _statement(
        "We, the leaders of Japan, the Republic of Korea, and the United States, convened at Harbor Point.",
        dateline="",
    )
    assert recorded_node(extract_text(text, None, "joint_statement")) is None


@pytest.mark.parametrize(
    "opening",
    [
        "We, the Leaders of the Group of Seven (G7), met in Hiroshima to face the challenges of our time.",
        "We, the leaders of Australia, India, Japan, and the United States, gathered in Washington today.",
        "We, the Heads of State and Government of the North Atlantic Alliance, have gathered in Vilnius.",
        "We, the leaders of Australia, Japan, the Republic of Korea, and the United States, met in Madrid today.",
    ],
    ids=["g7", "quad", "nato", "four-partners"],
)
def test_other_leaders_own_statement_records_no_allies_summit(opening: str) -> None:
    # guard: a statement of other leaders (or of more than the allies) that names Korea is no ROK-U.S. summit
    text = _statement(opening + " We condemn North Korea's launches.", heading="Leaders' Statement")
    assert recorded_node(extract_text(text, None, "joint_statement")) is None


def test_the_two_presidents_own_statement_records_their_summit() -> None:
    text = _statement(
        "We, the Heads of State and Government of the Republic of Korea and the United States, met in Washington "
        "today.",
        heading="Joint Statement",
    )
    meeting = recorded_node(extract_text(text, None, "joint_statement"))
    assert meeting is not None and meeting.props["series"] == "Summit"
