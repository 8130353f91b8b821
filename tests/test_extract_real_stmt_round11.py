"""The key alliance statements where an eleventh-round probe still misread them (issue 15).

Shapes of stored public copies of leaders' statements, 2+2 statements and the nuclear-guidelines statement of
2021-2024 (a newspaper's full text under a photo caption, a blog repost, a ministry's translation reprinted by a
news site, an aggregator's copy): a ministry's translation that calls the 2+2 "a meeting of the Korea-US Foreign
Affairs and Defense Ministers", which recorded nothing; leaders who "met ... to reaffirm the advancements in"
their cooperation, read as a pledge; "the immediate resolution of the issues of ...", whose "resolution" typed a
human-rights pledge as sanctions enforcement; "our shared values will be our guide", a copula with a thing as
subject read as a pledge; a caption's "in the Rose Garden of the White House in Washington", which placed the
summit in the garden. The texts are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, pledges, recorded_node, title_and_kind

# -- 1. a 2+2 named for the four ministers who met ------------------------------------------------------------


def test_meeting_of_the_foreign_affairs_and_defense_ministers_is_the_2_plus_2() -> None:
    text = (
        "Joint Statement of the Korea-US Foreign Affairs and Defense Ministers\n\n"
        "On March 18, 2021, Foreign Minister Chung Eui-yong and Defense Minister Suh Wook held a meeting of the "
        "Korea-US Foreign Affairs and Defense Ministers with Secretary of State Antony Blinken and Secretary of "
        "Defense Lloyd Austin.\n\n"
        "The ministers discussed the security situation on the Korean Peninsula.\n"
    )
    graph = extract_text(text, dt.date(2021, 3, 18), "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None
    assert (recorded.props["series"], recorded.props["ordinal"]) == ("2+2", 5)
    assert recorded.props["date"] == dt.date(2021, 3, 18)
    assert heads(graph, recorded) == {"Chung Eui-yong", "Suh Wook", "Antony Blinken", "Lloyd Austin"}


def test_meeting_of_the_ministers_without_parties_and_with_a_place() -> None:
    # a second shape: no parties before the offices, "Defence", the place after the name
    text = (
        "Outcome of the ministerial talks\n\n"
        "The two governments held a meeting of Foreign and Defence Ministers in Seoul on June 3, 2031, the "
        "first in three years.\n"
    )
    graph = extract_text(text, dt.date(2031, 6, 3), "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["series"] == "2+2"
    assert recorded.props["date"] == dt.date(2031, 6, 3)
    assert recorded.props["location"] == "Seoul"


def test_meeting_of_other_ministers_is_no_2_plus_2() -> None:
    # negative: another ally's four ministers, or the defense ministers alone, are no ROK-U.S. 2+2
    for text in (
        "Readout\n\nOn June 3, 2031, the Secretaries held a meeting of the U.S.-Japan Foreign and Defense Ministers "
        "in Tokyo.\n",
        "Readout\n\nOn June 3, 2031, the two sides held a meeting of the Defense Ministers in Singapore.\n",
    ):
        graph = extract_text(text, dt.date(2031, 6, 3), "joint_statement")
        assert not any(n.props.get("series") == "2+2" for n in graph.nodes), text


# -- 2. progress reaffirmed is a review, not a pledge ----------------------------------------------------------


def test_met_to_reaffirm_the_advancements_is_no_pledge() -> None:
    for text in (
        "President Yoon Suk Yeol and President Joseph R. Biden met on July 11, 2024 to reaffirm the advancements "
        "in U.S.-ROK security cooperation on extended deterrence since their announcement last year.\n",
        "The two Presidents reaffirmed the advances made in their cooperation on extended deterrence over the "
        "past year.\n",
    ):
        graph = extract_text("Joint Statement\n\n" + text, dt.date(2024, 7, 11), "joint_statement")
        assert pledges(graph) == [], text


def test_met_to_reaffirm_a_commitment_still_pledges() -> None:
    # negative: the pledge noun after the verb keeps the pledge
    text = (
        "Joint Statement\n\nPresident Yoon Suk Yeol and President Joseph R. Biden met on July 11, 2024 to reaffirm "
        "their commitment to extended deterrence.\n"
    )
    found = {(t, p) for t, p, _ in pledges(extract_text(text, dt.date(2024, 7, 11), "joint_statement"))}
    assert any("ExtendedDeterrence" in t and p == "KOR+USA" for t, p in found)


# -- 3. the resolution of a matter is no Security Council resolution -------------------------------------------


def test_resolution_of_the_issues_types_no_sanctions() -> None:
    for sentence in (
        "We seek to address humanitarian questions, including the prompt resolution of the issues of separated "
        "families and detainees.",
        "The two sides will work for a lasting resolution of the question of separated families.",
    ):
        text = "Leaders' Principles\n\nAugust 18, 2031\n\n" + sentence + "\n"
        types = {t for ts, _p, _ in pledges(extract_text(text, dt.date(2031, 8, 18), "joint_statement")) for t in ts}
        assert "SanctionsEnforcement" not in types, sentence


def test_a_security_council_resolution_still_types_sanctions() -> None:
    # negative: a resolution that is not "of" a matter keeps the cue's field
    text = (
        "Leaders' Principles\n\nAugust 18, 2031\n\nThe leaders are committed to the swift adoption of a resolution "
        "that tightens the limits on the DPRK.\n"
    )
    types = {t for ts, _p, _ in pledges(extract_text(text, dt.date(2031, 8, 18), "joint_statement")) for t in ts}
    assert "SanctionsEnforcement" in types


# -- 4. what a thing will be to the parties is no pledge --------------------------------------------------------


def test_values_that_will_be_a_guide_pledge_nothing() -> None:
    for sentence in (
        "As we embark together in this new era, our shared values will be our guide and a foundation for the "
        "partnership.",
        "In this new chapter, our common democratic values will be our compass for trilateral cooperation.",
    ):
        text = "Joint Statement\n\nAugust 18, 2031\n\n" + sentence + "\n"
        assert pledges(extract_text(text, dt.date(2031, 8, 18), "joint_statement")) == [], sentence


def test_a_party_that_will_be_a_partner_still_pledges() -> None:
    # negative: a party as the subject of the copula states its will
    text = (
        "Joint Statement\n\nAugust 18, 2031\n\nThe United States will be a steadfast partner in the defense of the "
        "Republic of Korea.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 8, 18), "joint_statement"))
    assert any(p == "USA" for _t, p, _ in found)


# -- 5. a part of a building before its city --------------------------------------------------------------------


def test_room_of_a_building_places_the_meeting_in_the_city() -> None:
    for venue in ("the Rose Garden of the White House", "the East Room of the White House"):
        text = (
            "Full text of the declaration\n\n"
            f"President Joe Biden and President Yoon Suk Yeol hold a news conference in {venue} in Washington on "
            "April 26, 2023.\n\n"
            "The two Presidents reaffirmed their commitment to the Mutual Defense Treaty.\n"
        )
        recorded = recorded_node(extract_text(text, dt.date(2023, 4, 27), "joint_statement"))
        assert recorded is not None and recorded.props["series"] == "Summit", venue
        assert recorded.props["location"] == "Washington", venue


def test_a_venue_without_its_city_stays_the_venue() -> None:
    # negative: no city after the building: the venue is all the text gives
    text = (
        "Full text of the declaration\n\n"
        "President Joe Biden and President Yoon Suk Yeol hold a news conference in the Rose Garden on April 26, "
        "2023.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2023, 4, 27), "joint_statement"))
    assert recorded is not None and recorded.props["location"] == "Rose Garden"


# -- 6. a Korean district before its city -----------------------------------------------------------------------


def test_district_before_its_city_places_the_meeting_in_the_city() -> None:
    for place in (
        "at the Ministry of Foreign Affairs in Jongno-gu, Seoul",
        "at the ministry's building in Yongsan-gu, Seoul",
    ):
        text = (
            "Joint Statement\n\n"
            f"On March 18, 2021, the four ministers held a meeting of the Korea-US Foreign Affairs and Defense "
            f"Ministers {place}.\n"
        )
        recorded = recorded_node(extract_text(text, dt.date(2021, 3, 18), "joint_statement"))
        assert recorded is not None and recorded.props["location"] == "Seoul", place


def test_a_district_alone_stays_the_district() -> None:
    # negative: no city after the district, and a city after a country-less comma that is no district
    text = (
        "Joint Statement\n\n"
        "On March 18, 2021, the four ministers held a meeting of the Korea-US Foreign Affairs and Defense Ministers "
        "in Jongno-gu on a cold morning.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2021, 3, 18), "joint_statement"))
    assert recorded is not None and recorded.props["location"] == "Jongno-gu"


# -- 7. the place that opens the leaders' sentence; three allies' leaders hold a summit ---------------------------


def test_place_opening_the_leaders_sentence_is_their_summits() -> None:
    for text, day, place in (
        (
            "Joint Statement of the three leaders\nNovember 13, 2022\n"
            "Today in Phnom Penh, Cambodia at the East Asia Summit, Prime Minister Kishida Fumio of Japan, President "
            "Yoon Suk Yeol of the Republic of Korea, and President Joseph R. Biden, Jr. of the United States "
            "reaffirmed their partnership. In their second trilateral meeting of the year, the Leaders reviewed the "
            "region.\n",
            dt.date(2022, 11, 13),
            "Phnom Penh",
        ),
        (
            "Joint Statement of the three leaders\n\n"
            "Here in Madrid on June 29, 2022, on the margins of a larger gathering, President Yoon Suk Yeol, Prime "
            "Minister Kishida Fumio and President Joseph R. Biden, Jr. met for the first time as three.\n",
            dt.date(2022, 6, 29),
            "Madrid",
        ),
    ):
        recorded = recorded_node(extract_text(text, day, "joint_statement"))
        assert recorded is not None and recorded.props["series"] == "Trilateral", place
        assert recorded.props["date"] == day and recorded.props["location"] == place
        assert recorded.label.startswith("Trilateral summit"), recorded.label


def test_an_opening_that_is_no_place_places_nothing() -> None:
    # negative: "in" before a lower-case word is no place
    text = (
        "Joint Statement\nJuly 11, 2024\n"
        "Today, in response to the latest launch, President Yoon Suk Yeol and President Joseph R. Biden met and "
        "agreed to consult closely.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2024, 7, 11), "joint_statement"))
    assert recorded is not None and recorded.props["series"] == "Summit"
    assert recorded.props.get("location") is None


# -- 8. a text in the leaders' own voice is their joint statement --------------------------------------------------


def test_leaders_own_voice_makes_a_joint_statement() -> None:
    for text in (
        "Principles of the Partnership\n\nAugust 18, 2031\n\nWe, Prime Minister Sato Ken, President Kim Min-soo, and "
        "President Pat Smith, affirm a shared vision for our partnership.\n\nOur commitment to the region includes our "
        "support for ASEAN centrality.\n",
        "Guidance for the Next Decade\n\nMay 2, 2031\n\nWe, the leaders of the Republic of Korea and the United "
        "States, set out the following.\n\nOur commitment to the region includes our support for the Pacific "
        "Islands Forum.\n",
    ):
        kind = title_and_kind(text)[1]
        assert kind == "joint_statement", text
        assert any("RegionalCooperation" in t for t, _p, _ in pledges(extract_text(text, None, kind))), text


def test_a_quoted_leaders_voice_is_no_joint_statement() -> None:
    # negative: a report that quotes the statement's opening is not the statement
    text = (
        "Allies set out their principles\n\nThe statement says, “We, the leaders of the Republic of Korea and the "
        "United States, pledge to consult.” Analysts were divided.\n"
    )
    assert title_and_kind(text)[1] != "joint_statement"
