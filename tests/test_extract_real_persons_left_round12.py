"""Persons that round twelve's names lane left (issue 15 item 4): offices that changed hands within a year, envoys
titled "Amb."/"Ambassador" whose family name looks Korean, and heads named after their side.

The sentences are written for the tests in the shapes of stored public copies (Seoul's and Tokyo's releases, news
leads); none is copied from a source. Names and days are the record's facts (the gazetteer cites where each day was
read).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from extraction_probe import extract_text
from test_extract_real_names_round12 import persons

from extractors.rules.lexicon import GAZETTEER_PATH

# -- 1. the office held on the document's day --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "who"),
    [
        # two U.S. defence secretaries in 2011 (Gates until June 30, Panetta from July 1)
        ("Secretary Panetta met the minister in Seoul.", dt.date(2011, 10, 28), "Leon Panetta"),
        ("Secretary Gates met the minister in Seoul.", dt.date(2011, 6, 3), "Robert Gates"),
        # two ROK defence ministers named Kim in 2010 (Kim Kwan-jin from December 4)
        ("Defense Minister Kim received the commander.", dt.date(2010, 12, 20), "Kim Kwan-jin"),
        ("Defense Minister Kim received the commander.", dt.date(2010, 6, 10), "Kim Tae-young"),
        # a foreign minister who took office in October 2010, after his predecessor left in September
        ("Foreign Minister Kim met Secretary Clinton.", dt.date(2010, 11, 1), "Kim Sung-hwan"),
        # 2024: Kim Yong-hyun from September 6
        ("Defense Minister Kim met Secretary Austin.", dt.date(2024, 10, 1), "Kim Yong-hyun"),
    ],
)
def test_a_title_and_family_name_name_the_holder_of_that_day(text: str, day: dt.date, who: str) -> None:
    assert who in persons(extract_text(text, day))


@pytest.mark.parametrize(
    ("text", "day", "absent"),
    [
        # Gates had left: no Secretary Gates in October 2011 (the office changed hands that year)
        ("Secretary Gates met the minister in Seoul.", dt.date(2011, 10, 28), "Robert Gates"),
        # no defence minister named Kim in June 2024: neither the later minister nor another Kim in another office
        ("Defense Minister Kim met Secretary Austin.", dt.date(2024, 6, 1), None),
        # Yu Myung-hwan left in September 2010
        ("Foreign Minister Yu met Secretary Clinton.", dt.date(2010, 11, 1), "Yu Myung-hwan"),
    ],
)
def test_a_title_and_family_name_name_no_one_out_of_office(text: str, day: dt.date, absent: str | None) -> None:
    found = persons(extract_text(text, day))
    if absent is None:
        assert all(not name.startswith("Kim") for name in found)
    else:
        assert absent not in found


@pytest.mark.parametrize(
    ("day", "role"),
    [
        (dt.date(2018, 3, 5), "Secretary of Defense"),  # Mattis until January 1, 2019
        (dt.date(2019, 8, 20), "Secretary of Defense"),  # Esper from July 23
    ],
)
def test_the_holder_of_the_day_keeps_the_office(day: dt.date, role: str) -> None:
    who = "James Mattis" if day.year == 2018 else "Mark Esper"
    found = persons(extract_text(f"{who} met the minister.", day))
    assert found.get(who, (None,))[0] == role


def test_every_office_day_lies_in_its_years_and_cites_a_source() -> None:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    seen = 0
    for person in data["persons"]:
        offices = person.get("offices") or [person]
        for office in offices:
            since, until = office.get("since"), office.get("until")
            if not since and not until:
                continue
            seen += 1
            assert office.get("source") or person["name"] in ("Jeong Kyeong-doo",), person["name"]
            if since:
                assert dt.date.fromisoformat(since).year == office["from"], person["name"]
            if until:
                assert dt.date.fromisoformat(until).year == office["to"], person["name"]
            if since and until:
                assert since <= until, person["name"]
    assert seen >= 50


# -- 2. "Amb." and "Ambassador": the title, and no state from a Korean-looking name ------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the apposition's state word decides
        (
            "Amb. Pat Kim, U.S. Special Envoy for the talks, met Amb. Hong Gil-dong, Special Representative for "
            "Peninsula Affairs, in Seoul on June 3.",
            {"Pat Kim": ("Ambassador", "USA"), "Hong Gil-dong": ("Ambassador", None)},
        ),
        # the state before the title decides
        (
            "U.S. Ambassador Pat Kim and ROK Ambassador Hong Gil-dong opened the consultation.",
            {"Pat Kim": ("Ambassador", "USA"), "Hong Gil-dong": ("Ambassador", "KOR")},
        ),
        # the apposition's "of <state>" decides
        (
            "Ambassador Hong Gil-dong, Special Representative of the Republic of Korea, spoke first.",
            {"Hong Gil-dong": ("Ambassador", "KOR")},
        ),
    ],
)
def test_an_envoy_takes_the_state_the_text_gives(text: str, expected: dict[str, tuple[str, str | None]]) -> None:
    found = persons(extract_text(text, dt.date(2021, 6, 21)))
    for name, value in expected.items():
        assert found.get(name) == value


def test_a_korean_looking_name_after_ambassador_gives_no_state() -> None:
    # neither may be taken for an ROK envoy by the shape of the name alone
    found = persons(extract_text("Ambassador Pat Kim held talks with Ambassador Sung Park.", dt.date(2021, 6, 21)))
    assert found.get("Pat Kim") == ("Ambassador", None)
    # ... while an office of the state still gives it (negative: the rule is for envoys' titles only)
    found = persons(extract_text("Defense Minister Hong Gil-dong met the commander.", dt.date(2021, 6, 21)))
    assert found.get("Hong Gil-dong", (None, None))[1] == "KOR"


# -- 4. a head named after their side, or with a department one state alone has ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The talks will be attended on the Japanese side by Mr. Taro Example, Deputy Minister for Foreign Affairs, "
        "and on the U.S. side by Mr. Pat Example, Under Secretary for Political Affairs.",
        "On the Japanese side by Mr. Taro Example, Director-General, and on the U.S. side by Dr. Pat Example, "
        "Assistant Secretary, the meeting was attended.",
    ],
)
def test_a_head_after_their_side_takes_the_side_s_state(text: str) -> None:
    found = persons(extract_text(text, dt.date(2008, 5, 12)))
    assert found["Taro Example"][1] == "JPN"
    assert found["Pat Example"][1] == "USA"


def test_the_side_was_represented_by_and_a_department_of_one_state() -> None:
    found = persons(extract_text("The U.S. side was represented by Pat Example of the Department of State.", None))
    assert found.get("Pat Example", (None, None))[1] == "USA"
    found = persons(extract_text("Mr. Pat Example, Deputy Assistant Secretary, Department of State, spoke.", None))
    assert found.get("Pat Example") == ("Deputy Assistant Secretary", "USA")


def test_no_side_no_department_no_state() -> None:
    # negative: a side named elsewhere in the sentence, and a ministry several states have, give nothing
    found = persons(
        extract_text("Mr. Pat Example, Director, Ministry of National Defense, briefed the U.S. side.", None)
    )
    assert found.get("Pat Example", (None, None))[1] is None


# -- 3. a name the gazetteer does not know, written in both orders in one text -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a news lead given name first, Tokyo's release family name first in capitals
        "Vice Foreign Minister Taro Example of Japan met the Deputy Secretary. Mr. EXAMPLE Taro, Vice-Minister for "
        "Foreign Affairs of Japan, called the talks useful.",
        # ... and the other way round, the state given once
        "Mr. EXAMPLE Taro, Director-General, opened the meeting. Director-General Taro Example of Japan closed it.",
    ],
)
def test_a_name_in_both_orders_is_one_person(text: str) -> None:
    found = persons(extract_text(text, dt.date(2022, 7, 19)))
    named = [name for name in found if set(name.split()) == {"Taro", "Example"}]
    assert len(named) == 1
    assert found[named[0]][1] == "JPN"


def test_two_states_keep_two_persons_of_reversed_names() -> None:
    # negative: the two orders with two different states are two people
    text = (
        "Director-General Taro Example of Japan met Ambassador Example Taro of the Republic of Korea on the same day."
    )
    found = persons(extract_text(text, dt.date(2022, 7, 19)))
    named = {name: value[1] for name, value in found.items() if set(name.split()) == {"Taro", "Example"}}
    assert len(named) == 2
    assert set(named.values()) == {"JPN", "KOR"}


# -- 5. an undated text's own meeting day stands in for the document's date ---------------------------------------


@pytest.mark.parametrize(
    ("text", "who", "role"),
    [
        # the meeting's day stated in the text, a doubled given name after the office
        (
            "The 46th Security Consultative Meeting (SCM) was held in Washington, D.C. on October 23, 2014. "
            "Defense Minister Min-koo Min-koo and Secretary of Defense Chuck Hagel led the delegations.",
            "Han Min-koo",
            "Minister of National Defense",
        ),
        # a numbered meeting the series reference dates: the title and family name of that day
        (
            "The 45th Security Consultative Meeting (SCM) was held in Seoul. Secretary Hagel and Defense Minister "
            "Kim led the delegations.",
            "Kim Kwan-jin",
            "Minister of National Defense",
        ),
    ],
)
def test_an_undated_text_reads_persons_on_its_meeting_s_day(text: str, who: str, role: str) -> None:
    found = persons(extract_text(text, None, "statement"))
    assert found.get(who, (None,))[0] == role
    assert not any("Min-koo Min" in name for name in found)


def test_an_undated_text_without_a_meeting_day_guesses_nothing() -> None:
    # negative: no date of the document, none of a meeting: the close spelling stays its own, the doubled name none
    text = (
        "Foreign Minister Eui-yong Eui-yong held a trilateral meeting of foreign ministers with Secretary of State "
        "Tony Blincoln in London on the 5th."
    )
    found = persons(extract_text(text, None))
    assert "Antony Blinken" not in found and "Chung Eui-yong" not in found
