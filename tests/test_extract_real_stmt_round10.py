"""Leaders', ministers' and defense officials' statements that a tenth probe of public texts misread (issue 15).

Shapes of stored public copies: a leaders' pledge in which they "commit our governments to consult"; a
newspaper's translation of a trilateral leaders' statement ("Korea, the U.S., and Japan unite in our commitment
to ...", "We seek to ...", "Today, we announce the establishment of ..."); a defense officials' call released
under a title that joins the three allies with hyphens; ministers who condemn "the DPRK's recent claimed space
launch" and officials who condemn "the launch of what the DPRK purports to be a military reconnaissance
satellite". The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, pledges, recorded_node

from extractors.rules.dates import find_dates
from graph.schema import Kind, is_a

# -- 1. pledges the verb list missed ------------------------------------------------------------------


def test_leaders_committing_their_governments_to_act_is_their_pledge() -> None:
    text = (
        "Pledge to Confer\n"
        "We, the leaders of Japan, the Republic of Korea, and the United States, commit our governments to confer "
        "with one another without delay on any threat to the three countries, and to coordinate our answers.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 8, 20), "joint_statement"))
    assert [p for _t, p, d in found if "commit our governments" in d] == ["JPN+KOR+USA"]


def test_a_minister_committing_the_rok_to_act_still_pledges_alone() -> None:
    # the older shape of the same verb: one head commits his own government
    text = "The Minister committed the ROK to acquiring new missile defense batteries by 2033.\n"
    found = pledges(extract_text(text, dt.date(2031, 8, 20), "communique"))
    assert any(p == "KOR" and "MissileDefense" in t for t, p, _d in found)


def test_translated_trilateral_statement_pledges_of_the_three() -> None:
    # a newspaper's own translation of a trilateral leaders' statement: "Korea" first, "we" throughout
    text = (
        "The leaders of the Republic of Korea, the United States of America, and Japan met in Quito on the margins "
        "of a regional forum.\n"
        "Korea, the U.S., and Japan unite in our commitment to advance prosperity and security in the "
        "Indo-Pacific region. We seek to bring our three countries' efforts into closer line. "
        "Today, we announce the establishment of a joint office to carry out the work we have agreed.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 11, 16), "joint_statement"))
    assert [p for _t, p, d in found if "unite in our commitment" in d] == ["JPN+KOR+USA"]
    assert [p for _t, p, d in found if "We seek to" in d] == ["JPN+KOR+USA"]
    assert [p for _t, p, d in found if "we announce the establishment" in d] == ["JPN+KOR+USA"]


def test_allies_unified_in_common_determination_pledge() -> None:
    # a leaders' statement's opening: the shared resolve with "unified" for "united"
    text = (
        "President Kim Dae-ho welcomes President Jane Smith to Seoul. Faced with new threats to the rules-based "
        "order, the Republic of Korea and the United States are unified in common determination to deepen our "
        "economic and security ties.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 21), "joint_statement"))
    assert [p for _t, p, d in found if "unified in common determination" in d] == ["KOR+USA"]


def test_an_object_a_comma_closes_does_not_join_the_subject_list_after_it() -> None:
    # a leaders' statement's opening sentence: the aggression "against Ukraine" ends its phrase at the comma
    text = (
        "President Kim Dae-ho welcomes President Jane Smith to Seoul. Faced with new threats to the international "
        "order, foremost among which is the renewed aggression against Ukraine, the Republic of Korea and the "
        "United States are determined to deepen our ties.\n"
        "Recognizing the fiftieth anniversary of the alliance, Secretary Smith and Minister Kim reaffirmed their "
        "commitment to the strengthening of the alliance.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 5, 21), "joint_statement"))
    assert [p for _t, p, d in found if "determined to deepen" in d] == ["KOR+USA"]
    assert [p for _t, p, d in found if "reaffirmed their commitment" in d] == ["KOR+USA"]


def test_the_advisers_of_three_states_are_the_three() -> None:
    text = (
        "The national security advisers of South Korea, the United States and Japan pledged on Saturday to deepen "
        "trilateral cooperation on missile warning data.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 6, 3), "joint_statement"))
    assert [p for _t, p, d in found if "pledged" in d] == ["JPN+KOR+USA"]


def test_an_adversary_seeking_a_weapon_is_no_pledge() -> None:
    text = (
        "The ministers of Japan, the Republic of Korea and the United States met in Seoul.\n"
        "North Korea seeks to field new missiles, and it seeks to divide the three countries.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 11, 16), "joint_statement"))
    assert not any("seeks to" in d for _t, _p, d in found)


def test_a_title_joining_the_three_allies_with_hyphens_makes_a_trilateral_text() -> None:
    text = (
        "United States-Japan-Republic of Korea Defense Policy Call\n\n"
        "Defense officials of the three governments held a call on March 3, 2031, on the threats posed by the DPRK. "
        "They committed to support their ministers at the next trilateral ministerial meeting.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 3, 4), "other"))
    assert [p for _t, p, d in found if "committed to support" in d] == ["JPN+KOR+USA"]


def test_committing_to_address_concerns_is_a_pledge_not_a_view() -> None:
    # the pledge after a long clause of concern: its infinitive's object is no view held
    text = (
        "Trilateral Ministerial Meeting Joint Press Statement\n"
        "The ministers of the United States, Japan and the Republic of Korea met in Singapore on June 1, 2031. "
        "They voiced deep concern about the DPRK's weapons programs, which endanger the whole region, and they "
        "committed to address these concerns through close trilateral cooperation. They noted the concerns of "
        "their neighbours.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 6, 2), "joint_statement"))
    assert [p for t, p, d in found if "committed to address" in d and "TrilateralCooperation" in t] == ["JPN+KOR+USA"]
    assert not any(d.startswith("They noted") for _t, _p, d in found)


def test_what_a_new_body_will_ensure_is_no_pledge_what_a_party_will_ensure_is() -> None:
    text = (
        "The leaders of the Republic of Korea, the United States of America, and Japan met in Quito.\n"
        "Today, we announce the establishment of a trilateral office. The new office will ensure that our work "
        "stays in line with our goals for a secure Indo-Pacific region. The United States will ensure that its "
        "forces remain ready to defend the Republic of Korea and Japan.\n"
    )
    found = pledges(extract_text(text, dt.date(2031, 11, 16), "joint_statement"))
    assert not any(d.startswith("The new office will ensure") for _t, _p, d in found)
    # ... also when a past form qualifies the body at the sentence's start (no act of the sentence)
    text2 = text.replace("The new office will ensure", "The newly established office will ensure")
    found2 = pledges(extract_text(text2, dt.date(2031, 11, 16), "joint_statement"))
    assert not any(d.startswith("The newly established office") for _t, _p, d in found2)
    assert [p for _t, p, d in found2 if d.startswith("The United States will ensure")] == ["USA"]
    assert [p for _t, p, d in found if d.startswith("The United States will ensure")] == ["USA"]


# -- 2. a satellite launch told by the North's claim ----------------------------------------------------


def _incident_ids(text: str, date: dt.date) -> set[str]:
    graph = extract_text(text, date, "joint_statement")
    return {str(n.props.get("notation")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


def test_the_recent_claimed_space_launch_is_the_latest_satellite_launch() -> None:
    # a trilateral ministers' statement of June 2023: the failed launch of May 31, 2023
    text = (
        "Trilateral Ministerial Meeting Joint Press Statement\n"
        "The three ministers condemned DPRK's recent claimed space launch that used ballistic missile technology "
        "as a clear breach of the Security Council resolutions.\n"
    )
    assert _incident_ids(text, dt.date(2023, 6, 5)) == {"malligyong-1-launch-2023-05-31"}


def test_the_launch_of_what_the_dprk_purports_to_be_a_satellite() -> None:
    # defense officials in April 2024: the satellite launch of November 21, 2023
    text = (
        "Joint Statement of the Defense Talks\n"
        "The officials condemned the launch of what the DPRK purports to be a military reconnaissance satellite "
        "with ballistic missile technology.\n"
    )
    assert _incident_ids(text, dt.date(2024, 4, 26)) == {"malligyong-1-launch-2023"}


def test_a_space_launch_programme_is_no_launch() -> None:
    text = (
        "Joint Statement\n"
        "The ministers discussed the ROK's space launch vehicle program and the DPRK's space launch capabilities.\n"
    )
    assert _incident_ids(text, dt.date(2024, 4, 26)) == set()


# -- 3. heads of a defense officials' meeting ------------------------------------------------------------


def test_defense_talks_heads_with_a_hyphenated_japanese_office_and_a_us_deputy() -> None:
    # the three officials as a copy names them: Japan's office with a hyphen, the U.S. office without "Assistant"
    text = (
        "Joint Statement of the 19th Trilateral Defense Talks\n"
        "1. U.S. Deputy Secretary of Defense for Indo-Pacific Security Affairs Dana Whitfield, Japan "
        "Director-General for Defense Policy Ono Hiroshi and Republic of Korea (ROK) Deputy Minister for National "
        "Defense Policy Kang Min-ho convened the 19th trilateral defense talks in Washington, DC, on April 14, 2031. "
        "The representatives exchanged views on the security of the region.\n"
    )
    graph = extract_text(text, dt.date(2031, 4, 14), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None and meeting.props.get("date") == dt.date(2031, 4, 14)
    assert heads(graph, meeting) == {"Dana Whitfield", "Ono Hiroshi", "Kang Min-ho"}


def test_the_place_the_officials_met_in_before_naming_their_talks() -> None:
    # a wire copy of a defense release: the place and days come before the talks' name
    text = (
        "U.S., Japan and Republic of Korea Defense Trilateral Talks Joint Statement\n\n"
        "Washington, DC, February 5, 2031. Defense officials of the United States, Japan and the Republic of Korea "
        "gathered in Osaka Feb. 3-4 for the annual Defense Trilateral Talks. They discussed disaster relief.\n"
    )
    graph = extract_text(text, dt.date(2031, 2, 5), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    assert meeting.props.get("date") == dt.date(2031, 2, 3)
    assert meeting.props.get("location") == "Osaka"


def test_met_in_a_place_for_the_first_time_since_a_meeting_does_not_place_that_meeting() -> None:
    text = (
        "Readout\n\n"
        "On March 9, 2031, the defense officials of the United States, Japan and the Republic of Korea met in Seoul "
        "for the first time since the annual Defense Trilateral Talks of January 2031.\n"
    )
    graph = extract_text(text, dt.date(2031, 3, 9), "joint_statement")
    talks = [n for n in graph.nodes if n.props.get("date") == dt.date(2031, 1, 1) or "Talks" in n.label]
    assert all(n.props.get("location") != "Seoul" for n in talks)


def test_a_day_of_the_month_alone_dates_a_summit_not_the_datelines_day() -> None:
    # an agency's translation: the dateline's day, then the summit "on the 15th (local time)"
    text = (
        "Leaders agree on a joint office\n\n"
        "QUITO, Nov. 16 (Peninsula Wire) -- President Kim Dae-ho, U.S. President Jane Smith and Japanese Prime "
        "Minister Sato Ichiro held a trilateral summit in Quito on the 15th (local time) and agreed to set up a "
        "joint office for trilateral cooperation.\n"
    )
    graph = extract_text(text, dt.date(2031, 11, 16), "joint_statement")
    meeting = recorded_node(graph)
    assert meeting is not None
    assert meeting.props.get("date") == dt.date(2031, 11, 15)
    assert meeting.props.get("location") == "Quito"


def test_the_day_of_the_month_is_the_latest_such_day_and_never_an_anniversary() -> None:
    text = "They met on the 30th. It was on the 15th anniversary of the pact, on the 4th floor."
    found = [(text[d.start : d.end], d.date) for d in find_dates(text, dt.date(2031, 12, 2))]
    assert found == [("on the 30th", dt.date(2031, 11, 30))]


# -- 4. names ---------------------------------------------------------------------------------------------


def test_a_korean_leader_in_western_order_and_another_romanisation_is_one_person() -> None:
    # a newspaper's translation: "President Seok-Yeol Yoon" in its first line, "President Yoon Seok-yeol" later
    text = (
        "President Seok-Yeol Yoon of the Republic of Korea welcomes the visit of President Joseph R. Biden. "
        "President Yoon Seok-yeol and President Biden reaffirmed their mutual commitment to the defense of Korea.\n"
    )
    graph = extract_text(text, dt.date(2022, 5, 21), "joint_statement")
    persons = {n.label for n in graph.nodes if n.kind == Kind.PERSON}
    assert persons == {"Yoon Suk Yeol", "Joe Biden"}
