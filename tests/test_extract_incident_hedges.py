"""A launch told through the North's own claim ("the launch of what it claims to be a satellite"): the claim
stands between "launch of" and the object, and a date given with it picks the catalogue's incident of that day.

Sentences written here in the shape of allied statements of 2023-2024.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import incidents

DAY = dt.date(2024, 4, 11)


@pytest.mark.parametrize(
    ("sentence", "incident_id"),
    [
        (
            # the possessive before "launch" must not make it a bare launch resolved to the latest one (an IRBM)
            "The three sides condemned the DPRK's launch of what it claims to be a military reconnaissance "
            "satellite on November 21, 2023.",
            "malligyong-1-launch-2023",
        ),
        (
            "The three sides condemned the DPRK's launch of what it calls a satellite on May 31, 2023.",
            "malligyong-1-launch-2023-05-31",
        ),
        (
            "The Ministers condemned North Korea's launch of what Pyongyang described as a hypersonic missile on "
            "January 14, 2024.",
            "solid-irbm-launch-2024-01-14",
        ),
        (
            "The Ministers condemned the launch of what the DPRK claims to be a new solid-fuel ICBM on "
            "December 18, 2023.",
            "hwasong-18-launch-2023-12-18",
        ),
    ],
)
def test_a_launch_told_through_the_norths_claim_is_that_launch(sentence: str, incident_id: str) -> None:
    assert incidents(sentence, DAY) == {incident_id}


def test_a_claimed_defence_system_is_no_launch() -> None:
    # the allies' own missile defence, named through a claim, is no North Korean launch
    sentence = (
        "The Ministers noted the launch of what the press described as a new missile defense exercise "
        "by the allies on March 4, 2024."
    )
    assert incidents(sentence, DAY) == set()
