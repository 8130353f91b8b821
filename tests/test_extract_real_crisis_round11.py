"""Round eleven, crisis response texts: wire and readout copies of the calls allied leaders held after a
DPRK test or attack (texts of our own, in the shapes seen)."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, meeting_props, pledges

_DAY = dt.date(2031, 5, 26)


def _summits(text: str) -> list[object]:
    graph = extract_text(text, _DAY, "news")
    return [p.get("date") for p in meeting_props(graph).values() if p.get("series") in ("Summit", "Trilateral")]


@pytest.mark.parametrize(
    "text",
    [
        # the wire lead says what the leaders agreed; the next sentence says it was on the telephone
        "Allies vow firm answer to test\n\nSEOUL, May 26 (Wire) -- President Yoon Suk Yeol and his U.S. counterpart "
        "President Joe Biden agreed Tuesday to seek a united answer to the North's latest nuclear test.\n\nThe "
        "agreement came in a short telephone conversation between the two leaders, a spokesman said.\n",
        # a White House readout quoted: "The President spoke to President X this evening"
        "Leaders agree on firm answer\n\nWASHINGTON, May 26 (Wire) -- President Joe Biden and President Yoon "
        'Suk Yeol on Tuesday agreed to press for a strong Security Council resolution.\n\n"The President spoke to '
        'Republic of Korea President Yoon Suk Yeol this evening to coordinate our reaction," the statement said.\n',
        # the call told before the leaders' sentence
        "Leaders talk after launch\n\nMay 26, 2031\n\nPresident Joe Biden spoke with President Yoon Suk Yeol after "
        "the launch. President Yoon Suk Yeol and President Joe Biden agreed on May 26, 2031 to strengthen "
        "combined exercises.\n",
    ],
)
def test_leaders_whose_call_is_told_next_to_what_they_agreed_held_no_summit(text: str) -> None:
    assert _summits(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a summit the leaders' own sentence names stays, though a call is told next to it
        "Leaders talk after test\n\nSEOUL, May 26 (Wire) -- President Yoon Suk Yeol and President Joe Biden spoke "
        "by telephone on Tuesday.\n\nPresident Yoon Suk Yeol and President Joe Biden met in Washington on April "
        "20, 2031 and agreed to strengthen extended deterrence.\n",
        # no call anywhere near: a summit the leaders held
        "Leaders agree in Seoul\n\nMay 26, 2031\n\nPresident Yoon Suk Yeol and President Joe Biden agreed on May "
        "26, 2031 to strengthen combined exercises.\n\nThe two sides issued a joint statement.\n",
    ],
)
def test_leaders_who_met_keep_their_summit_beside_a_call(text: str) -> None:
    assert len(_summits(text)) == 1


def _statement_pledges(sentence: str) -> set[tuple[frozenset[str], str]]:
    graph = extract_text(f"Statement on the attack\n\nJuly 10, 2031\n\n{sentence}\n", dt.date(2031, 7, 10), "other")
    return {(types, party) for types, party, _ in pledges(graph)}


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        # a statement after an attack: praise or condemnation, then "and" a present-tense reaffirmation of the
        # subject's own commitment
        (
            "The United States condemns the shelling and reaffirms its commitment to the defense of the Republic of "
            "Korea.",
            "USA",
        ),
        (
            "The Minister and the Secretary note the grave threat and reiterate their unwavering commitment to the "
            "defense of the Republic of Korea.",
            "KOR+USA",
        ),
        (
            "The United States commends the restraint of the Republic of Korea and reaffirms its steadfast "
            "commitment to the defense of its ally.",
            "USA",
        ),
    ],
)
def test_a_view_then_and_a_present_reaffirmed_commitment_pledges_it(sentence: str, party: str) -> None:
    assert (frozenset({"MutualDefense"}), party) in _statement_pledges(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # what is reaffirmed after "and" is a view, not a commitment of the subject's own
        "The two sides welcome the progress and reaffirm the importance of the Alliance.",
        "The United States condemns the shelling and reaffirms that the attack violates the Armistice Agreement.",
        "The two sides welcome the progress and reaffirm the value of the U.S. commitment to the Alliance.",
    ],
)
def test_a_view_then_and_a_present_reaffirmed_view_pledges_nothing(sentence: str) -> None:
    assert _statement_pledges(sentence) == set()
