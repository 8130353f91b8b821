"""Incidents in the shapes of the official record (issue 15, pattern 9) and agreements described by date (10).

Texts written for the tests: place names spelled as older texts spell them, incidents
listed with one date each, a generic reference after a named incident, a date in a
relative clause, an agreement or a crisis described rather than named.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from extractors.rules.dates import find_dates
from extractors.rules.incidents import IncidentResolver
from extractors.rules.lexicon import default_lexicon
from extractors.rules.scan import Tokens


def incidents(text: str, date: dt.date) -> list[str]:
    """Catalogue ids the text mentions, in text order (one per mention)."""
    bounds = []
    start = 0
    for part in text.split(". "):
        bounds.append((start, start + len(part) + 1))
        start += len(part) + 2
    found = IncidentResolver(default_lexicon(), date).find(text, find_dates(text, date), bounds, Tokens.of(text))
    out: list[str] = []
    for f in found:
        ident = getattr(f.incident, "id", "new")
        if ident not in out:
            out.append(ident)
    return out


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "The two sides condemned the Yeon-pyeong Island shelling.",
            dt.date(2011, 1, 5),
            ["yeonpyeong-shelling-2010"],
            id="hyphenated-place",
        ),
        pytest.param(
            "They recalled the shelling of Yeonpyeongdo last year.",
            dt.date(2011, 5, 5),
            ["yeonpyeong-shelling-2010"],
            id="island-suffix",
        ),
        pytest.param(
            "They condemned the incursion in September of a submarine carrying armed agents near Kangnung.",
            dt.date(1996, 11, 1),
            ["gangneung-submarine-infiltration-1996"],
            id="place-spelled-otherwise",
        ),
        pytest.param(
            "They condemned the landmine provocation of August 4 and the artillery fire that the North directed "
            "across the Military Demarcation Line on August 20.",
            dt.date(2015, 11, 2),
            ["dmz-mine-blast-2015", "dmz-artillery-exchange-2015"],
            id="date-of-a-relative-clause",
        ),
    ],
)
def test_spellings_places_and_clause_dates(text: str, date: dt.date, expected: list[str]) -> None:
    assert incidents(text, date) == expected


def test_grouped_mentions_are_one_incident_per_listed_date() -> None:
    text = "They discussed the missile and nuclear tests in April and May of 2009 and the launches since then."
    assert incidents(text, dt.date(2009, 10, 22)) == ["unha-2-launch-2009", "prk-nuclear-test-2"]
    cable = "THEY NOTED THE TUNNELS DUG UNDER THE ZONE AND DISCOVERED IN NOVEMBER 1974 AND MARCH 1975."
    assert incidents(cable, dt.date(1975, 8, 27)) == ["infiltration-tunnel-1-1974", "infiltration-tunnel-2-1975"]
    sat = "They condemned its attempts to put a reconnaissance satellite into orbit on May 31 and August 24, 2023."
    assert incidents(sat, dt.date(2023, 11, 12)) == ["malligyong-1-launch-2023-05-31", "malligyong-1-launch-2023-08-24"]


def test_a_generic_reference_takes_the_incident_named_before_it_of_the_same_sort() -> None:
    text = (
        "The allies recalled the sinking of the Cheonan and the Yeonpyeong Island shelling. "
        "To deter a repeat of the artillery shelling, they strengthened their readiness."
    )
    assert incidents(text, dt.date(2011, 10, 28)) == ["cheonan-sinking-2010", "yeonpyeong-shelling-2010"]
    text = "The sinking of the Cheonan in March was recalled. The White House condemned the shelling"
    assert incidents(text, dt.date(2010, 11, 24)) == ["cheonan-sinking-2010", "yeonpyeong-shelling-2010"]


def test_a_generic_word_needs_an_incident_of_its_own_sort() -> None:
    # "the downing" is the latest downing, not the most recent provocation of any sort (a hijacking)
    assert incidents("They recalled the downing of an unarmed reconnaissance plane.", dt.date(1970, 7, 22)) == [
        "ec-121-shootdown-1969"
    ]
    assert incidents("They recalled the downing of the EC-121 in April 1969.", dt.date(1970, 7, 22)) == [
        "ec-121-shootdown-1969"
    ]
    assert incidents("Assistance will be given in the event of an armed attack.", dt.date(1970, 7, 22)) == []


def test_a_year_alone_does_not_pick_one_of_many_launches() -> None:
    assert "hwasong-18-launch-2023-04-13" not in incidents(
        "It was the North's fifth launch of an ICBM this year.", dt.date(2023, 12, 19)
    )


def test_described_agreements_and_crises_resolve_by_date_and_a_word_of_their_name() -> None:
    text = "After the accord the two governments signed in Geneva on October 21, 1994, the exercise was suspended."
    assert incidents(text, dt.date(2025, 2, 14)) == ["agreed-framework-1994"]
    text = "Days later, on March 12, North Korea announced that it would quit the Treaty on the Non-Proliferation."
    assert incidents(text, dt.date(2025, 2, 14)) == ["npt-withdrawal-announcement-1993"]
    text = "The two leaders met at the June 12 summit in Singapore."
    assert incidents(text, dt.date(2018, 10, 31)) == ["singapore-joint-statement-2018"]
    # a date alone is not enough: the group set up at the April 26 summit is not the declaration of that day
    assert incidents("The group was set up at the April 26 presidential summit.", dt.date(2023, 12, 19)) == []


def test_every_catalogued_test_launch_and_provocation_is_found_from_a_generic_mention_with_its_date() -> None:
    from graph.schema import Kind

    phrase = {
        Kind.NUCLEAR_TEST: "the nuclear test",
        Kind.MISSILE_LAUNCH: "the missile launch",
        Kind.ARMED_PROVOCATION: "the armed attack",
        Kind.CYBER_OPERATION: "the cyberattack",
    }
    missed = []
    for entry in default_lexicon().catalogue:
        if entry.kind not in phrase:
            continue
        day = entry.date
        text = f"The two sides condemned {phrase[entry.kind]} on {day.strftime('%B')} {day.day}, {day.year}."
        if entry.id not in incidents(text, day + dt.timedelta(days=30)):
            missed.append(entry.id)
    assert missed == []


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param(
            "The DPRK launched a Hwasong-14 intercontinental ballistic missile on July 4, 2017, "
            "and another on July 28.",
            dt.date(2017, 10, 28),
            ["hwasong-14-launch-2017-07-04", "hwasong-14-launch-2017-07-28"],
            id="another-on-a-second-date",
        ),
        pytest.param(
            "They condemned the hydrogen bomb test.",
            dt.date(2016, 3, 28),
            ["prk-nuclear-test-4"],
            id="hydrogen-bomb-2016",
        ),
        pytest.param(
            "They condemned the hydrogen bomb test.",
            dt.date(2017, 10, 28),
            ["prk-nuclear-test-6"],
            id="hydrogen-bomb-2017",
        ),
        pytest.param(
            "They recalled the killing of two United States Army officers by North Korean guards in the Joint "
            "Security Area at Panmunjom in August 1976.",
            dt.date(1978, 7, 27),
            ["panmunjom-axe-incident-1976"],
            id="a-killing-described-by-place-and-month",
        ),
        pytest.param(
            "They recalled the ax murders in the Joint Security Area on August 18, 1976.",
            dt.date(1978, 7, 27),
            ["panmunjom-axe-incident-1976"],
            id="ax-spelled-without-e",
        ),
        pytest.param(
            "They noted the first test of a submarine-launched ballistic missile in May 2015.",
            dt.date(2015, 11, 2),
            ["slbm-test-2015-05-09"],
            id="first-slbm-test",
        ),
        pytest.param(
            "They condemned the ICBM launches in July and November 2017.",
            dt.date(2018, 10, 31),
            ["hwasong-14-launch-2017-07-04", "hwasong-14-launch-2017-07-28", "hwasong-15-launch-2017-11-29"],
            id="grouped-months-each-with-every-launch-of-the-type",
        ),
        pytest.param(
            "The year 2009 was tense. They recalled the missile and nuclear tests in April and May of that year.",
            dt.date(2010, 10, 8),
            ["unha-2-launch-2009", "prk-nuclear-test-2"],
            id="grouped-of-that-year",
        ),
        pytest.param(
            "They condemned the launch of a Hwasong-17 ICBM on March 24, 2022.",
            dt.date(2022, 11, 30),
            ["hwasong-17-launch-2022-03-24"],
            id="a-system-name-with-another-launchs-date",
        ),
        pytest.param(
            "They condemned the Hwasong-15 ICBM launch on February 18, 2023.",
            dt.date(2023, 11, 13),
            ["hwasong-15-launch-2023-02-18"],
            id="a-later-launch-of-a-system",
        ),
        pytest.param(
            "North Korea fired a new-type SLBM off Sinpo on October 19, 2021.",
            dt.date(2021, 12, 2),
            ["slbm-launch-2021-10-19"],
            id="new-type-slbm",
        ),
        pytest.param(
            "They noted that the uranium enrichment program revealed in November 2010 poses a grave threat.",
            dt.date(2011, 10, 28),
            ["uranium-enrichment-disclosure-2010"],
            id="enrichment-facility-disclosed",
        ),
        pytest.param(
            "North Korea fired seven ballistic missiles on July 4, 2009. On the same day, a wave of cyberattacks "
            "hit government websites",
            dt.date(2009, 10, 22),
            ["new", "ddos-cyberattacks-2009-07"],
            id="on-the-same-day",
        ),
        pytest.param(
            "The North fired a rocket on December 11, 2012; a day later the long-range rocket launch succeeded.",
            dt.date(2013, 10, 2),
            ["unha-3-launch-2012"],
            id="a-day-later",
        ),
        pytest.param(
            "The same day, the North Korean navy fired on a patrol boat.",
            dt.date(2013, 10, 2),
            [],
            id="same-day-without-a-day-before",
        ),
        pytest.param(
            "They recalled the Daecheong naval engagement of November 2009. They recalled the Rangoon terrorist "
            "bombing. They recalled the hijacking of a KAL airliner in December 1969",
            dt.date(2010, 10, 8),
            ["daecheong-naval-clash-2009", "rangoon-bombing-1983", "kal-ys11-hijacking-1969"],
            id="engagement-bombing-hijacking",
        ),
    ],
)
def test_elided_second_events_other_names_and_described_killings(text: str, date: dt.date, expected: list[str]) -> None:
    assert incidents(text, date) == expected


def test_the_catalogue_covers_the_record_of_tests_launches_and_provocations() -> None:
    """Issue 15, item 9: every nuclear test, the satellite and long-range launches (both of 2012), the ICBM,
    IRBM and SLBM firsts and the armed provocations of 1968-2024 are catalogued, each with a date and a source."""
    catalogue = {c.id: c for c in default_lexicon().catalogue}
    tests = sorted(c.ordinal for c in catalogue.values() if c.id.startswith("prk-nuclear-test-"))
    assert tests == [1, 2, 3, 4, 5, 6]
    for ident in (
        "taepodong-1-launch-1998", "taepodong-2-launch-2006", "unha-2-launch-2009", "unha-3-launch-2012-04-13",
        "unha-3-launch-2012", "kwangmyongsong-4-launch-2016", "malligyong-1-launch-2023-05-31",
        "malligyong-1-launch-2023-08-24", "malligyong-1-launch-2023", "malligyong-1-1-launch-2024",
        "hwasong-14-launch-2017-07-04", "hwasong-15-launch-2017-11-29", "hwasong-17-launch-2022-03-24",
        "hwasong-18-launch-2023-04-13", "hwasong-19-launch-2024", "musudan-launch-2016-04-15",
        "hwasong-12-launch-2017-05-14", "slbm-test-2015-05-09", "pukguksong-1-launch-2016-08-24",
        "pukguksong-3-launch-2019-10-02", "slbm-launch-2021-10-19", "hwasong-15-launch-2023-02-18",
        "blue-house-raid-1968", "pueblo-seizure-1968", "ec-121-shootdown-1969",
        "panmunjom-axe-incident-1976", "rangoon-bombing-1983", "kal858-bombing-1987",
        "gangneung-submarine-infiltration-1996", "cheonan-sinking-2010", "yeonpyeong-shelling-2010",
        "leaflet-balloon-firing-2014-10-10", "dmz-mine-blast-2015", "dmz-guard-post-gunfire-2020-05-03",
        "yeonpyeong-artillery-firing-2024-01-05",
    ):  # fmt: skip
        assert ident in catalogue, ident
    raw = json.loads((Path(__file__).parents[1] / "graph" / "data" / "incidents.json").read_text("utf-8"))
    unsourced = [e["id"] for e in raw if not e.get("sources") or not all(s.get("url") for s in e["sources"])]
    assert unsourced == []
