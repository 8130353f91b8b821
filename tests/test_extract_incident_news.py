"""Incidents as news items tell them: an ordinal with a description between, a claimed test of a
bomb, and "the recent launch" of a kind (issue 15; the lead's round-2 probe P2, P4).

Shapes found on stored public copies of real news items; the sentences are written for the tests,
none is copied.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import incidents


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "The North said on Sunday it had carried out its sixth and most powerful nuclear test so far.",
            dt.date(2017, 9, 4),
            {"prk-nuclear-test-6"},
            id="ordinal-and-superlative",
        ),
        pytest.param(
            "Pyongyang staged its fourth and largest nuclear test in the mountains of the northeast.",
            dt.date(2016, 1, 8),
            {"prk-nuclear-test-4"},
            id="ordinal-and-est",
        ),
        pytest.param(
            "The talks came a day after Pyongyang conducted what it called a successful test of a hydrogen "
            "bomb that could be fitted on a long-range missile.",
            dt.date(2017, 9, 4),
            {"prk-nuclear-test-6"},
            id="claimed-test-of-a-hydrogen-bomb",
        ),
        pytest.param(
            "Both ministers said that North Korea's recent military reconnaissance satellite launch breaches "
            "resolutions of the UN Security Council.",
            dt.date(2024, 6, 2),
            {"malligyong-1-1-launch-2024"},
            id="recent-generic-launch-is-the-newest",
        ),
        pytest.param(
            "Both ministers said that North Korea's recent military reconnaissance satellite launch breaches "
            "resolutions of the UN Security Council.",
            dt.date(2023, 12, 1),
            {"malligyong-1-launch-2023"},
            id="recent-up-to-the-document-date",
        ),
    ],
)
def test_incident_news_forms(text: str, date: dt.date, expected: set[str]) -> None:
    assert incidents(text, date) == expected


def test_any_test_of_a_bomb_is_hypothetical() -> None:
    assert incidents("The allies warned that any further test of a hydrogen bomb would be met firmly.",
                     dt.date(2017, 9, 4)) == set()  # fmt: skip
