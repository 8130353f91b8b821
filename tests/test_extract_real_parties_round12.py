"""Parties of joint pledges that came out as one party or none (issue 15, items 5 and 7; round twelve).

Shapes seen in stored public study and news texts (read in /tmp, never copied here): a quoted leader's "We, as the
leaders of the two countries, reiterated ...", "Presidents Obama and Lee ...", "Secretaries A and B and Ministers C
and D agreed ...", "Under Secretary X and Minister Y agreed ...", and agreements a study names that the catalogue
did not know ("the Singapore Declaration", "the Pyongyang Joint Declaration"). The sentences are written for the
tests; the people are only those the gazetteer needs, and the invented ones (Smith, Jones) it does not know.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

from graph.model import GraphData


def _found(graph: GraphData) -> list[tuple[frozenset[str], str]]:
    return [(types, party) for types, party, _ in pledges(graph)]


def _parties(text: str, day: dt.date, kind: str = "news") -> list[str]:
    return [party for _, party in _found(extract_text(text, day, kind))]


# -- 1. "We, as the leaders of the two countries, ...": the group the apposition names ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We, as the leaders of the two countries, reiterated our commitment to the complete denuclearization of "
        "the Korean Peninsula.",
        "We, as the two Presidents, reaffirmed our common goal of the complete denuclearization of the DPRK.",
        "We, the leaders of the two nations, reiterated our common goal of the complete denuclearization of the "
        "Korean Peninsula.",
    ],
)
def test_we_glossed_by_the_two_leaders_pledges_for_both(text: str) -> None:
    # "as" before the group opens no subordinate clause ("as the leaders ... reiterated" is no "as they said")
    body = "Joint Statement by the Republic of Korea and the United States\n\nMay 21, 2031\n\n" + text + "\n"
    assert _parties(body, dt.date(2031, 5, 21), "statement") == ["KOR+USA"]


def test_a_quoted_we_glossed_by_the_group_is_the_groups_not_the_speakers_alone() -> None:
    day = dt.date(2031, 6, 1)
    text = (
        "Allied Policy After the Summit\n\n"
        "As President Yoon said at the joint press conference after the summit, \u201cWe, as the leaders of the two "
        "countries, reiterated our commitment to strengthen combined exercises on the Peninsula.\u201d\n"
    )
    assert _parties(text, day, "study") == ["KOR+USA"]
    text = (
        "Leaders Meet\n\n"
        "\u201cWe, the three leaders, pledged to consult one another promptly on regional challenges,\u201d "
        "President Biden told reporters after the talks.\n"
    )
    assert _parties(text, dt.date(2023, 8, 19)) == ["JPN+KOR+USA"]


def test_a_quoted_we_without_a_group_stays_the_speakers() -> None:
    # negative: no apposition, or one that names no group of parties ("the people of this country")
    day = dt.date(2023, 8, 19)
    text = "Talks End\n\n\u201cWe will expand consultation on extended deterrence,\u201d President Biden said.\n"
    assert _parties(text, day) == ["USA"]
    text = (
        "Talks End\n\n\u201cWe, the people of this country, will expand our defense spending,\u201d President Yoon "
        "said after the talks.\n"
    )
    assert _parties(text, day) == ["KOR"]


# -- 2. a plural title before two or more names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("In 2009, Presidents Obama and Lee Myung-bak agreed to strengthen combined exercises on the Peninsula.",
         dt.date(2010, 3, 1)),
        ("In April 2023, Presidents Yoon and Biden pledged to expand consultation on extended deterrence.",
         dt.date(2023, 9, 1)),
        ("Ministers Han and Carter agreed to strengthen combined exercises on the Peninsula.", dt.date(2016, 6, 1)),
        ("Secretaries Austin and Blinken and Ministers Shin and Cho agreed to expand combined exercises on the "
         "Peninsula.", dt.date(2024, 8, 1)),
    ],
)  # fmt: skip
def test_a_plural_title_gives_each_names_party(sentence: str, day: dt.date) -> None:
    assert _parties("Alliance Notes\n\n" + sentence + "\n", day, "study") == ["KOR+USA"]


def test_a_plural_title_reads_only_names_the_gazetteer_knows_in_office() -> None:
    # negative: an unknown name gives no party (no guess from the title), and "Kim" in 2023 is more than one person
    day = dt.date(2023, 9, 1)
    assert _parties("Notes\n\nPresidents Smith and Biden agreed to expand combined exercises.\n", day) == ["USA"]
    assert _parties("Notes\n\nPresidents Kim and Biden agreed to expand combined exercises.\n", day) == ["USA"]
    # and a plural title with no names after it is still the group of the two sides
    text = "Notes\n\nThe Ministers agreed to expand combined exercises on the Peninsula.\n"
    assert _parties(text, day, "statement") == ["KOR+USA"]


# -- 3. a rank before a title keeps the pair ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Under Secretary Smith and Minister Lee Jong-sup agreed to expand combined exercises on the Peninsula.",
         dt.date(2022, 6, 1)),
        ("Acting Deputy Under Secretary Abercrombie and Vice Minister Cho agreed to expand combined exercises on the "
         "Peninsula.", dt.date(2024, 6, 1)),
        ("Acting Secretary Jones and Minister Lee Jong-sup agreed to expand combined exercises on the Peninsula.",
         dt.date(2022, 6, 1)),
        ("Deputy Secretary Blinken and Vice Minister Lim agreed to expand combined exercises on the Peninsula.",
         dt.date(2016, 6, 1)),
    ],
)  # fmt: skip
def test_acting_deputy_vice_and_under_keep_the_pair(sentence: str, day: dt.date) -> None:
    assert _parties("News\n\n" + sentence + "\n", day) == ["KOR+USA"]


def test_a_lower_case_under_is_still_a_preposition() -> None:
    # negative: "under Secretary X" names the office under which something is done, not a subject
    text = (
        "News\n\nWorking under Secretary Austin, Minister Shin agreed to expand combined exercises on the Peninsula.\n"
    )
    assert _parties(text, dt.date(2024, 6, 1)) == ["KOR"]
