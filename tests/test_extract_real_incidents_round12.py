"""Round twelve: DPRK incidents the probes found missed or unresolvable, in the shapes of the record.

Texts are our own, written in the shapes seen (issue 15, item 9): a launch told by its flight over Japan, a
provocation of a month named by its own words among others of that month, a pledge of exercises "to prepare for"
provocations the text gives as examples, a grouped mention narrowed by the system or class its words name, the
newest incident of a kind read only up to the document's own date (or another clock's day the catalogue gives
the incident), and listed days in another clock's date.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, incidents, links

# --- a launch told by its flight over Japan -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "The officials spoke by phone today after the Democratic People's Republic of Korea's (DPRK) reckless and "
            "destabilizing launch of an intermediate-range ballistic missile that flew over Japan.",
            dt.date(2022, 10, 4),
            {"irbm-overflight-japan-2022"},
            id="full-name-owner-and-three-modifiers",
        ),
        pytest.param(
            "The envoys condemned the North Korean launch of a ballistic missile that passed over Japan.",
            dt.date(2022, 11, 25),
            {"irbm-overflight-japan-2022"},
            id="overflight-not-the-newest-launch",
        ),
        pytest.param(
            "Exercises have continued since the October 2022 overflight launch.",
            dt.date(2023, 2, 1),
            {"irbm-overflight-japan-2022"},
            id="overflight-launch-with-its-month",
        ),
        pytest.param(
            "Pyongyang fired a missile over Japan for the second time in under a month, officials said.",
            dt.date(2017, 9, 16),
            {"hwasong-12-launch-2017-09-15"},
            id="verb-led-overflight",
        ),
        pytest.param(
            "The chiefs discussed the North's recent tests, including two missile launches over Japan's Hokkaido "
            "Island.",
            dt.date(2017, 10, 29),
            {"hwasong-12-launch-2017-08-29", "hwasong-12-launch-2017-09-15"},
            id="two-launches-over-hokkaido",
        ),
        pytest.param(
            "On April 5, 2009, North Korea launched a long-range rocket over Japan.",
            dt.date(2009, 6, 1),
            {"unha-2-launch-2009"},
            id="a-date-decides-though-the-names-say-no-overflight",
        ),
    ],
)
def test_a_launch_told_by_its_flight_over_japan_is_a_launch_over_japan(
    text: str, date: dt.date, expected: set[str]
) -> None:
    assert incidents(text, date) == expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param(
            "Pyongyang has never fired a missile over Japan, the paper claimed.", dt.date(2017, 6, 1), id="never"
        ),
        pytest.param("If the North fired a missile over Japan, Tokyo would respond.", dt.date(2021, 6, 1), id="if"),
        pytest.param(
            "The officials discussed the Republic of Korea's (ROK) first solid-fuel space launch.",
            dt.date(2022, 4, 1),
            id="the-allys-own-launch",
        ),
    ],
)
def test_an_overflight_denied_or_conditioned_or_the_allies_own_is_no_incident(text: str, date: dt.date) -> None:
    assert incidents(text, date) == set()


def test_a_missile_that_landed_in_the_sea_of_japan_is_no_overflight() -> None:
    found = incidents(
        "The envoys condemned the North Korean launch of a ballistic missile that landed in the Sea of Japan.",
        dt.date(2022, 11, 25),
    )
    assert "irbm-overflight-japan-2022" not in found


# --- a provocation of a month named by its own words --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Both sides recalled the landmine blasts in the demilitarized zone in August.",
            {"dmz-mine-blast-2015"},
            id="landmine-blasts",
        ),
        pytest.param(
            "The ministers discussed the mine explosions near the border in August.",
            {"dmz-mine-blast-2015"},
            id="mine-explosions",
        ),
        pytest.param(
            "The ministers discussed the artillery fire across the border in August.",
            {"dmz-artillery-exchange-2015"},
            id="artillery-fire-not-the-mines",
        ),
    ],
)
def test_a_dated_provocation_is_the_one_of_its_month_its_words_name(text: str, expected: set[str]) -> None:
    assert incidents(text, dt.date(2015, 11, 2)) == expected


# --- exercises "to prepare for" provocations the text gives as examples ----------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "Seoul and Washington plan to keep up combined drills to prepare for provocations by the North, such as "
            "its February 2013 nuclear test and the landmine blasts in the demilitarized zone in August.",
            dt.date(2015, 11, 2),
            {"prk-nuclear-test-3", "dmz-mine-blast-2015"},
            id="such-as-two-incidents",
        ),
        pytest.param(
            "The allies will hold more exercises to better prepare for provocations like the sinking of the Cheonan.",
            dt.date(2010, 10, 8),
            {"cheonan-sinking-2010"},
            id="like-the-cheonan",
        ),
    ],
)
def test_exercises_to_prepare_for_provocations_answer_the_examples_given(
    text: str, date: dt.date, expected: set[str]
) -> None:
    answered = set().union(*links(extract_text(text, date)).values())
    assert answered == expected


def test_preparing_for_a_transition_answers_no_incident() -> None:
    graph = extract_text(
        "The two sides will continue combined exercises to prepare for the transition of wartime operational control.",
        dt.date(2015, 11, 2),
    )
    assert set().union(*links(graph).values()) == set()


# --- a grouped mention takes only what its words name ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "They condemned the Musudan intermediate-range missile launches in April and June.",
            dt.date(2016, 11, 1),
            {"musudan-launch-2016-04-15", "musudan-launch-2016-06-22"},
            id="musudan-not-the-slbm-of-april",
        ),
        pytest.param(
            "They noted the SLBM launches in April and August.",
            dt.date(2016, 11, 1),
            {"pukguksong-1-launch-2016-04-23", "pukguksong-1-launch-2016-08-24"},
            id="slbm-not-the-musudan-of-april",
        ),
        pytest.param(
            "They discussed the Hwasong-12 tests in August and September.",
            dt.date(2017, 10, 20),
            {"hwasong-12-launch-2017-08-29", "hwasong-12-launch-2017-09-15"},
            id="a-systems-tests-are-launches",
        ),
        pytest.param(
            "They discussed the nuclear tests in January and September.",
            dt.date(2016, 10, 20),
            {"prk-nuclear-test-4", "prk-nuclear-test-5"},
            id="nuclear-tests-unchanged",
        ),
    ],
)
def test_a_grouped_mention_takes_only_the_incidents_its_words_name(
    text: str, date: dt.date, expected: set[str]
) -> None:
    assert incidents(text, date) == expected


# --- the newest of a kind is what the document had seen ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "WASHINGTON - The two ministers condemned the latest missile launch by North Korea, a spokesman said.",
            dt.date(2022, 5, 6),
            {"ballistic-missile-launch-2022-05-04"},
            id="latest-not-the-next-days-slbm",
        ),
        pytest.param(
            "It was the 14th missile launch conducted by North Korea in 2022.",
            dt.date(2022, 5, 6),
            {"ballistic-missile-launch-2022-05-04"},
            id="counted-launch-not-the-next-days-slbm",
        ),
        pytest.param(
            "Statement\nJuly 3, 2017\n\nWe strongly condemn North Korea's ICBM launch.",
            dt.date(2017, 7, 3),
            {"hwasong-14-launch-2017-07-04"},
            id="us-date-of-the-launch-from-also-dated",
        ),
        pytest.param(
            "The ministers condemned the latest missile launch by the DPRK.",
            dt.date(2016, 4, 22),
            {"musudan-launch-2016-04-15"},
            id="not-the-evening-launch-of-the-next-day",
        ),
    ],
)
def test_the_newest_incident_is_one_the_document_had_seen(text: str, date: dt.date, expected: set[str]) -> None:
    assert incidents(text, date) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "The SLBM launch of April 23, 2016 failed early in flight.",
            dt.date(2016, 5, 1),
            {"pukguksong-1-launch-2016-04-23"},
            id="first-pukguksong-flight",
        ),
        pytest.param(
            "The ministers met three days after the May 7 SLBM launch.",
            dt.date(2022, 5, 10),
            {"slbm-launch-2022-05-07"},
            id="slbm-of-may-2022",
        ),
    ],
)
def test_the_two_submarine_launches_are_catalogued(text: str, date: dt.date, expected: set[str]) -> None:
    assert incidents(text, date) == expected


# --- listed days on another clock -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Officials said the launches of February 26 and March 4 tested the new ICBM system.",
            {"hwasong-17-launch-2022-02-27", "hwasong-17-launch-2022-03-05"},
            id="us-dates",
        ),
        pytest.param(
            "Officials said the launches of February 27 and March 5 tested the new ICBM system.",
            {"hwasong-17-launch-2022-02-27", "hwasong-17-launch-2022-03-05"},
            id="korean-dates",
        ),
        pytest.param(
            "Officials said the launches of February 25 and March 3 tested the new ICBM system.",
            set(),
            id="days-of-no-launch",
        ),
    ],
)
def test_listed_days_are_the_incidents_own_or_another_clocks(text: str, expected: set[str]) -> None:
    assert incidents(text, dt.date(2022, 3, 11)) == expected
