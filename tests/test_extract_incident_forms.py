"""Incidents told by a verb, in another spelling, or counted within a period (issue 15, item 9).

Shapes found on stored public copies of real DoD and news texts; the sentences are written for
the tests, none is copied.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import incidents


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "Thirty-one North Korean commandos raided the Blue House on January 21, trying to reach the President.",
            dt.date(1968, 1, 25),
            {"blue-house-raid-1968"},
            id="raided-the-blue-house",
        ),
        pytest.param(
            "In November, the North shelled the South Korean island of Yeongpeong, killing four people.",
            dt.date(2011, 1, 14),
            {"yeonpyeong-shelling-2010"},
            id="shelled-another-spelling",
        ),
        pytest.param(
            "Ministers met in New York after North Korea's second nuclear test in eight months.",
            dt.date(2016, 9, 19),
            {"prk-nuclear-test-5"},
            id="ordinal-within-a-period",
        ),
        pytest.param(
            "The ministers recalled the second nuclear test of May 2009 and the fifth nuclear test.",
            dt.date(2016, 9, 19),
            {"prk-nuclear-test-2", "prk-nuclear-test-5"},
            id="ordinal-over-the-record",
        ),
    ],
)
def test_incident_forms(text: str, date: dt.date, expected: set[str]) -> None:
    assert incidents(text, date) == expected


def test_a_raid_verb_without_a_place_or_date_of_the_catalogue_makes_no_incident() -> None:
    assert incidents("Police raided an office downtown on March 3 and shelled no one.", dt.date(2019, 3, 5)) == set()


def test_a_place_narrows_only_the_trigger_of_its_own_clause() -> None:
    text = (
        "Its commandos raided the Blue House in January 1968, and its agents bombed a visiting South Korean "
        "delegation in Rangoon in 1983."
    )
    assert incidents(text, dt.date(2011, 1, 14)) == {"blue-house-raid-1968", "rangoon-bombing-1983"}
