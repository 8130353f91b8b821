"""Persons and parties that a twelfth probe of public texts misread (issue 15, the names leftovers).

Shapes of stored public copies: machine translations of Seoul's releases that double a minister's given name
("Foreign Minister <given> <given>") or misspell a name the gazetteer knows after its office; a family name in
another romanisation after a title ("Minister Jeong" for a Chung); Tokyo's and Seoul's releases that title
officials "Mr." and give the office and the ministry's state in apposition after the name; news leads that join a
leader and "his South Korean counterpart" as one subject; a person who held two offices in one year. The
sentences are written for the tests; none is copied from a source. Names and dates are the record's facts.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

from graph.model import GraphData
from graph.schema import Kind, Rel


def persons(graph: GraphData) -> dict[str, tuple[object, str | None]]:
    """Each person of a graph: (role, country notation)."""
    nodes = graph.node_map()
    country = {
        r.source: str(nodes[r.target].props.get("notation")) for r in graph.relationships if r.type == Rel.AFFILIATION
    }
    return {n.label: (n.props.get("role"), country.get(n.iri)) for n in graph.nodes if n.kind == Kind.PERSON}


# -- 1. garbled translation names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the family name lost and the given name written twice
        (
            "Foreign Minister Eui-yong Eui-yong held talks with the visiting delegation on the 9th and asked for "
            "close coordination.",
            dt.date(2021, 6, 9),
        ),
        # ... or its first syllable written again after it
        (
            "On May 3, Korean Foreign Minister Eui-yong Eui and Defense Minister Seo Wook received the two "
            "secretaries.",
            dt.date(2021, 5, 3),
        ),
    ],
)
def test_a_doubled_given_name_is_the_minister_of_that_office_and_year(text: str, day: dt.date) -> None:
    found = persons(extract_text(text, day))
    assert found.get("Chung Eui-yong") == ("Minister of Foreign Affairs", "KOR")
    assert not any("Eui-yong Eui" in name for name in found)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # no gazetteer person of that given name held the office that year
        ("Foreign Minister Min-soo Min-soo met the envoy on the 4th.", dt.date(2031, 3, 4)),
        # an undated page: no year to check the office in
        ("Foreign Minister Eui-yong Eui-yong met the envoy on the 4th.", None),
    ],
)
def test_a_doubled_given_name_nobody_answers_makes_no_person(text: str, day: dt.date | None) -> None:
    assert persons(extract_text(text, day)) == {}


@pytest.mark.parametrize(
    ("text", "day", "name", "role"),
    [
        (
            "Secretary of State Tony Blincoln arrived in Seoul on the 17th for the talks.",
            dt.date(2021, 3, 17),
            "Antony Blinken",
            "Secretary of State",
        ),
        (
            "Secretary of State Anthony Blincoln and his counterpart spoke by phone on the 2nd.",
            dt.date(2022, 2, 2),
            "Antony Blinken",
            "Secretary of State",
        ),
        (
            "Defense Minister Seo Wuk met the commander of the combined forces on the 8th.",
            dt.date(2021, 4, 8),
            "Suh Wook",
            "Minister of National Defense",
        ),
    ],
)
def test_a_close_spelling_after_its_office_in_its_year_is_the_gazetteer_person(
    text: str, day: dt.date, name: str, role: str
) -> None:
    found = persons(extract_text(text, day))
    assert found.get(name, (None,))[0] == role
    assert len(found) == 1


@pytest.mark.parametrize(
    ("text", "day", "kept"),
    [
        # Blinken was not the Secretary of State in 2012: the text's name stays its own
        ("Secretary of State Tony Blincoln arrived in Seoul on the 17th.", dt.date(2012, 3, 17), "Tony Blincoln"),
        # an office the close spellings are not read for
        ("Ambassador Tony Blincoln arrived in Seoul on the 17th.", dt.date(2021, 3, 17), "Tony Blincoln"),
        # too far from the minister of that year (Suh Wook) to be him
        ("Defense Minister Song Min-ho met the commander on the 8th.", dt.date(2021, 4, 8), "Song Min-ho"),
    ],
)
def test_a_name_not_close_to_the_office_holder_of_that_year_stays_its_own(text: str, day: dt.date, kept: str) -> None:
    found = persons(extract_text(text, day))
    assert kept in found
    assert "Antony Blinken" not in found and "Suh Wook" not in found


def test_a_family_name_in_another_romanisation_finds_the_office_holder_or_no_one() -> None:
    # "Jeong" is the Revised spelling of "Chung": the foreign minister of 2021
    found = persons(extract_text("Foreign Minister Jeong then met the Secretary of State.", dt.date(2021, 10, 31)))
    assert found.get("Chung Eui-yong") == ("Minister of Foreign Affairs", "KOR")
    # "Minister Jeong" alone in October 2021: the foreign minister Chung, and no longer the defence minister
    # Jeong Kyeong-doo (who left in September 2020): with the other spellings counted, exactly one is in office
    found = persons(extract_text("Minister Jeong then met the Secretary of State.", dt.date(2021, 10, 31)))
    assert "Jeong Kyeong-doo" not in found
    # an old communique's "Minister Chung" is the minister the gazetteer spells "Jung Rae-hyuk"
    found = persons(extract_text("Minister Chung and Secretary Packard met in Seoul.", dt.date(1970, 7, 22)))
    assert found.get("Jung Rae-hyuk") == ("Minister of National Defense", "KOR")


def test_the_title_picks_the_minister_among_the_spellings_of_one_family_name() -> None:
    # March 2020: Jeong Kyeong-doo (defence minister) and Chung Eui-yong (national security adviser) are both in
    # office under one family name: "Minister Jung" is the one who held a minister's office
    found = persons(extract_text("Minister Jung welcomed the delegation.", dt.date(2020, 3, 2)))
    assert found == {"Jeong Kyeong-doo": ("Minister of National Defense", "KOR")}


# -- 2. honorifics and family names in capitals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On May 2, Mr. HONDA Kenji, Deputy Director-General, Asian and Oceanian Affairs Bureau, Ministry of "
            "Foreign Affairs of Japan, held a telephone meeting with Mr. Pat Example, Deputy Assistant Secretary, "
            "Department of State of the United States of America.",
            {"Honda Kenji": ("Deputy Director-General", "JPN"), "Pat Example": ("Deputy Assistant Secretary", "USA")},
        ),
        (
            "Ms. Jane Roe, Director-General of the North American Affairs Bureau of the Ministry of Foreign Affairs "
            "of the Republic of Korea, met the visiting delegation.",
            # (the office's full name, bureau and all, since round twelve's statements lane read it as one office)
            {"Jane Roe": ("Director-General of the North American Affairs Bureau", "KOR")},
        ),
    ],
)
def test_an_honorific_takes_the_office_and_state_in_apposition(text: str, expected: dict[str, object]) -> None:
    found = persons(extract_text(text, dt.date(2031, 5, 2), "other"))
    for name, value in expected.items():
        assert found.get(name) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vice minister titled before the name, the state as an adjective before the title
        (
            "The talks were attended by Japanese Vice Foreign Minister Sato Ichiro and Republic of Korea First "
            "Vice Foreign Minister Hong Gil-dong.",
            {"Sato Ichiro": ("Vice Foreign Minister", "JPN"), "Hong Gil-dong": ("First Vice Foreign Minister", "KOR")},
        ),
        # Tokyo's "Vice-Minister for ... of Japan" in apposition, and Washington's "the Honorable"
        (
            "Mr. SATO Ichiro, Vice-Minister for Foreign Affairs of Japan, held a meeting with the Honorable Pat "
            "Example, Under Secretary for Political Affairs, Department of State of the United States of America.",
            {"Sato Ichiro": ("Vice-Minister for Foreign Affairs", "JPN"), "Pat Example": ("Under Secretary", "USA")},
        ),
    ],
)
def test_a_vice_minister_is_no_minister(text: str, expected: dict[str, object]) -> None:
    found = persons(extract_text(text, dt.date(2031, 10, 25), "other"))
    for name, value in expected.items():
        assert found.get(name) == value
    assert not any(role == "Foreign Minister" for role, _c in found.values())


def test_an_honorific_alone_is_no_role() -> None:
    found = persons(extract_text("Mr. Pat Example said the talks went well.", dt.date(2031, 5, 2)))
    assert found.get("Pat Example", ("missing",))[0] is None
    assert not any(role in ("Mr.", "Ms.", "Dr.") for role, _c in found.values())


def test_a_family_name_in_capitals_is_the_gazetteer_person() -> None:
    text = (
        "Mr. KISHI Nobuo, Minister of Defense of Japan, spoke by telephone with LEE Jong-sup, Minister of National "
        "Defense of the Republic of Korea, on the 5th."
    )
    found = persons(extract_text(text, dt.date(2022, 6, 5), "other"))
    assert found.get("Nobuo Kishi") == ("Minister of Defense", "JPN")
    assert found.get("Lee Jong-sup") == ("Minister of National Defense", "KOR")
    assert len(found) == 2


# -- 3. "X and his <state> counterpart Y" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "cue"),
    [
        (
            "Secretary Austin and his South Korean counterpart Lee Jong-sup agreed on Friday to expand the "
            "combined exercises.",
            dt.date(2022, 11, 4),
            "expand",
        ),
        (
            "President Lee Myung-bak and his U.S. counterpart Barack Obama pledged on Tuesday to hold joint "
            "military exercises.",
            dt.date(2010, 11, 23),
            "hold joint",
        ),
        (
            "President Barack Obama met President Lee Myung-bak. Obama and his counterpart Lee pledged to deepen "
            "the alliance.",
            dt.date(2009, 6, 16),
            "deepen",
        ),
    ],
)
def test_a_leader_and_his_allied_counterpart_both_commit(text: str, day: dt.date, cue: str) -> None:
    found = pledges(extract_text(text, day))
    assert any(p == "KOR+USA" and cue in d for _t, p, d in found), found


def test_a_leader_and_his_chinese_counterpart_are_no_alliance_party() -> None:
    text = "President Barack Obama and his Chinese counterpart Hu Jintao agreed on Tuesday to deepen cooperation."
    found = pledges(extract_text(text, dt.date(2009, 11, 17)))
    assert not any(p in ("KOR+USA", "CHN") for _t, p, _d in found), found


# -- 4. persons in a list of leaders -----------------------------------------------------------------------


def test_each_leader_of_a_list_keeps_its_country_and_office() -> None:
    text = (
        "President Yoon Suk Yeol, President Joseph R. Biden Jr. and Prime Minister Kishida Fumio met at Camp "
        "David on August 18, 2023."
    )
    found = persons(extract_text(text, dt.date(2023, 8, 18), "joint_statement"))
    assert found.get("Yoon Suk Yeol") == ("President", "KOR")
    assert found.get("Joe Biden") == ("President", "USA")
    assert found.get("Fumio Kishida") == ("Prime Minister", "JPN")


# -- 5. the office of the document's day ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "role"),
    [
        (dt.date(2018, 3, 5), "Chairman of the Joint Chiefs of Staff"),
        (dt.date(2018, 11, 2), "Minister of National Defense"),
    ],
)
def test_a_person_of_two_offices_in_one_year_takes_the_office_of_the_day(day: dt.date, role: str) -> None:
    found = persons(extract_text("Jeong Kyeong-doo received the visiting commander.", day))
    assert found.get("Jeong Kyeong-doo", (None,))[0] == role


def test_the_office_the_text_gives_wins_over_the_day() -> None:
    text = "Chairman of the Joint Chiefs of Staff Gen. Jeong Kyeong-doo received the visiting commander."
    found = persons(extract_text(text, dt.date(2018, 11, 2)))
    assert found.get("Jeong Kyeong-doo", (None,))[0] == "Chairman of the Joint Chiefs of Staff"


def test_a_minister_who_left_is_not_the_minister_named_by_family_name_after() -> None:
    # Jeong Kyeong-doo left in September 2020, Suh Wook took over then: neither is "Minister X" out of term
    after = persons(extract_text("Minister Jeong met the commander.", dt.date(2020, 10, 14)))
    assert "Jeong Kyeong-doo" not in after
    before = persons(extract_text("Minister Suh met the commander.", dt.date(2020, 6, 10)))
    assert "Suh Wook" not in before
    # ... and in office, each is
    assert "Suh Wook" in persons(extract_text("Minister Suh met the commander.", dt.date(2020, 10, 14)))
    assert "Jeong Kyeong-doo" in persons(extract_text("Minister Jeong met the commander.", dt.date(2020, 6, 10)))
