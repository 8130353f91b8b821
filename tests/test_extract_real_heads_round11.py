"""Meeting facts and heads of delegation in related statements that an eleventh-round probe misread (issue 15).

Shapes of stored public copies (NCG, EDSCG, KIDD, MCM, 2+2 and summit texts of 1996-2024): a press statement
titled for the summit it followed ("Press statement following the ... summit meeting"), which the word
"following" made an earlier meeting; a Secretary of State's remarks after the second 2+2 that named all four
ministers but gave two heads, since the series reference confirmed only one per country; a web copy that lost
the space between a month and its day ("September23-24, 2024"); a U.S. presidential papers' page titled "The
President's News Conference With President X in <Place>" under the collection's bracketed issue header, which
dated the page by the issue and found no summit (the title names one leader and "The President"); a head whose
gazetteer office outlasted it. The texts are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, heads, recorded_node

from extractors.metadata import infer_date
from extractors.readers import read_bytes
from extractors.rules import extract_document
from extractors.rules.dates import find_dates

# -- 1. a statement titled for the meeting it followed records that meeting ------------------------------------


def test_statement_following_a_summit_records_it() -> None:
    text = (
        "Press statement following the ROK-U.S. summit meeting\n\n"
        "President Kim Dae-jung, on a visit to Washington at President Clinton's invitation, sat down with "
        "President Clinton for the summit meeting today, July 2, 1999, after a working lunch.\n\n"
        "The two presidents reviewed the situation on the Korean Peninsula.\n"
    )
    graph = extract_text(text, dt.date(1999, 7, 2), "other")
    summit = recorded_node(graph)
    assert summit is not None and summit.props["series"] == "Summit"
    assert summit.props["date"] == dt.date(1999, 7, 2)
    assert heads(graph, summit) == {"Kim Dae-jung", "Bill Clinton"}


def test_joint_statement_made_after_a_ministerial_records_it() -> None:
    # a second shape: "made ... after" and the 2+2 named in the title only
    text = (
        "Joint statement issued after the U.S.-ROK Foreign and Defense Ministers' Meeting\n\n"
        "The four ministers discussed the Alliance's posture and the security of the region.\n"
    )
    graph = extract_text(text, dt.date(2012, 6, 14), "other")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["series"] == "2+2"


def test_statement_recalled_in_a_paragraph_stays_a_meeting_told_of() -> None:
    # negative: only a line that opens with the statement's noun; a sentence recalling an older statement is
    # not the text's own meeting
    text = (
        "Readout of the Deputy Secretary's call\n\n"
        "The two officials recalled the joint statement issued after the ROK-U.S. summit meeting of May 21, "
        "2021, and discussed its follow-up.\n"
    )
    assert recorded_node(extract_text(text, dt.date(2021, 9, 1), "other")) is None


# -- 2. the reference confirms as many heads per country as it lists -------------------------------------------


def test_second_two_plus_two_remarks_name_four_heads() -> None:
    text = (
        "Remarks With Secretary of Defense Leon Panetta, Foreign Minister Kim Sung-hwan and Defense Minister "
        "Kim Kwan-jin After Their Meeting\n"
        "Hillary Rodham Clinton\n"
        "Secretary of State\n"
        "June 14, 2012\n"
        "SECRETARY CLINTON: Thank you all. Today, Secretary Panetta and I hosted the second U.S.-ROK Foreign "
        "and Defense Ministers' Meeting, our 2+2, and we were glad to have both ministers here with us.\n"
    )
    graph = extract_text(text, dt.date(2012, 6, 14), "other")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["series"] == "2+2" and recorded.props["ordinal"] == 2
    assert heads(graph, recorded) == {"Hillary Clinton", "Leon Panetta", "Kim Sung-hwan", "Kim Kwan-jin"}


def test_fourth_two_plus_two_statement_adds_no_unlisted_person() -> None:
    # negative: a deputy the text names is no head, however many seats the reference gives
    text = (
        "Joint Statement of the 2016 United States-Republic of Korea Foreign and Defense Ministers' Meeting\n\n"
        "Secretary of State John Kerry and Secretary of Defense Ashton Carter convened a 2+2 meeting with "
        "Foreign Minister Yun Byung-se and Minister of National Defense Han Min-koo in Washington on October "
        "19, 2016. Deputy Secretary of State Antony Blinken also joined the session.\n"
    )
    graph = extract_text(text, dt.date(2016, 10, 19), "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["ordinal"] == 4
    assert heads(graph, recorded) == {"John Kerry", "Ashton Carter", "Yun Byung-se", "Han Min-koo"}


def test_scm_keeps_one_head_per_country() -> None:
    # negative: an SCM's reference lists one head per country; a second defense official of a side is none
    text = (
        "Joint Communique of the 48th U.S.-ROK Security Consultative Meeting\n\n"
        "1. The 48th U.S.-ROK Security Consultative Meeting (SCM) was held in Washington, D.C., on October "
        "20, 2016. U.S. Secretary of Defense Ashton Carter and ROK Minister of National Defense Han Min-koo led "
        "their delegations, which included Deputy Secretary of Defense Robert Work.\n"
    )
    graph = extract_text(text, dt.date(2016, 10, 20), "communique")
    recorded = recorded_node(graph)
    assert recorded is not None and heads(graph, recorded) == {"Ashton Carter", "Han Min-koo"}


# -- 3. a day glued to its month ------------------------------------------------------------------------------


def test_day_glued_to_its_month_is_read_with_its_year() -> None:
    for text, start, end in (
        ("The two ministries held the dialogue from September23-24, 2024, in Seoul.", dt.date(2024, 9, 23),
         dt.date(2024, 9, 24)),
        ("They met on March3, 2020 by video.", dt.date(2020, 3, 3), None),
    ):  # fmt: skip
        found = find_dates(text, dt.date(2024, 10, 1))
        assert [(d.date, d.end_date) for d in found] == [(start, end)], text


def test_glued_kidd_statement_is_dated() -> None:
    text = (
        "Joint Press Statement for the 25th Korea-U.S. Integrated Defense Dialogue\n\n"
        "The two defense ministries held the 25th Korea-U.S. Integrated Defense Dialogue (KIDD) from "
        "September23-24, 2024, in Seoul.\n"
    )
    graph = extract_text(text, None, "joint_statement")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["date"] == dt.date(2024, 9, 23)


def test_glued_month_without_year_or_a_year_is_no_date() -> None:
    # negatives: without its year a glued day is not read, nor a month glued to a year or an abbreviation
    for text in ("They met on September23 in Seoul.", "in May2020 they met", "the Sept3 talks"):
        assert find_dates(text, dt.date(2024, 10, 1)) == [], text


# -- 4. the presidential papers' news conference and issue header --------------------------------------------


def test_papers_news_conference_records_the_summit() -> None:
    text = (
        "[Weekly Compilation of Presidential Documents Volume 32, Number 16 (Monday, April 22, 1996)]\n"
        "[Pages 665-668]\n"
        "The President's News Conference With President Kim in Cheju\n"
        "April 16, 1996\n"
        "President Kim. I welcome President Clinton to the island today. President Clinton and I talked for an "
        "hour about the situation on the Peninsula.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.date == dt.date(1996, 4, 16)
    graph = extract_document(doc)
    summit = recorded_node(graph)
    assert summit is not None and summit.props["series"] == "Summit"
    assert summit.props["date"] == dt.date(1996, 4, 16) and summit.props.get("location") == "Cheju"
    assert heads(graph, summit) == {"Bill Clinton", "Kim Young-sam"}


def test_papers_news_conference_with_a_prime_minister() -> None:
    # a second shape: another leader's title, another year
    text = (
        "The President's News Conference With Prime Minister Abe in Tokyo\n"
        "April 24, 2014\n"
        "Prime Minister Abe. I welcome our guest to Tokyo for the talks.\n"
    )
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    people = {n.label for n in graph.nodes if n.kind == "Person"}
    assert "Barack Obama" in people


def test_papers_president_names_no_one_in_a_year_of_two_presidents() -> None:
    # negative: in 1993 the office changed hands, so "The President" names no one; nor does the phrase elsewhere
    text = (
        "The President's News Conference With President Kim in Seoul\n"
        "July 10, 1993\n"
        "The President's remarks followed a lunch.\n"
    )
    graph = extract_document(read_bytes(text.encode(), suffix=".txt"))
    people = {n.label for n in graph.nodes if n.kind == "Person"}
    assert not people & {"Bill Clinton", "George H. W. Bush", "George Bush"}


def test_issue_header_date_is_not_the_documents() -> None:
    text = (
        "[Congressional Record Volume 140, Number 12 (Tuesday, February 8, 1994)]\n"
        "Statement on the Korean Peninsula\n"
        "February 3, 1994\n"
        "The Senate heard a statement.\n"
    )
    assert infer_date(text)[0] == dt.date(1994, 2, 3)
    # negative: a dated line that is not a collection's header still dates the text
    assert infer_date("Washington, February 8, 1994\nStatement on the Korean Peninsula\n")[0] == dt.date(1994, 2, 8)


# -- 5. a head's office in the year of the text ---------------------------------------------------------------


def test_head_office_follows_the_year() -> None:
    edscg = (
        "US-ROK hold fifth Extended Deterrence Strategy and Consultation Group meeting\n\n"
        "On September 4, 2024, the two governments convened the fifth meeting of the Extended Deterrence "
        "Strategy and Consultation Group (EDSCG) in Washington. Under Secretary of State Bonnie Jenkins and "
        "Cara Abercrombie led the U.S. delegation.\n"
    )
    ncg = (
        "Joint Readout of the Inaugural Nuclear Consultative Group Meeting\n\n"
        "The two governments launched the inaugural meeting of the NCG on July 18, 2023, in Seoul. The meeting "
        "was convened by Kim Tae-hyo, Kurt Campbell and Cara Abercrombie.\n"
    )
    roles = {}
    for text, day in ((edscg, dt.date(2024, 9, 4)), (ncg, dt.date(2023, 7, 18))):
        graph = extract_text(text, day, "joint_statement")
        roles[day.year] = next(n.props["role"] for n in graph.nodes if n.label == "Cara Abercrombie")
    assert roles == {
        2024: "Acting Deputy Under Secretary of Defense for Policy",
        2023: "Coordinator for Defense Policy and Arms Control, National Security Council",
    }


# -- 6. a body's numbered meeting with an adjective before its name ---------------------------------------------


def test_numbered_meeting_of_the_high_level_body() -> None:
    # a re-translation garbles the body's full name in the opening; the count names it
    text = (
        "Joint Statement\n\n"
        "The two governments' foreign and defense agencies held a deterrence consultation session at the vice "
        "minister level on September 16, 2022. This is the third meeting of the high-level EDSCG, a forum for "
        "strategy and policy.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2022, 9, 16), "joint_statement"))
    assert recorded is not None and recorded.props["series"] == "EDSCG" and recorded.props["ordinal"] == 3


def test_numbered_meeting_of_the_annual_scm() -> None:
    text = "The fiftieth meeting of the annual SCM was held in Seoul on October 31, 2018.\n"
    recorded = recorded_node(extract_text(text, dt.date(2018, 10, 31), "communique"))
    assert recorded is not None and recorded.props["series"] == "SCM" and recorded.props["ordinal"] == 50


def test_numbered_meeting_of_another_high_level_group_is_no_edscg() -> None:
    # negative: the adjective does not make another body one of the series
    text = "Joint Statement\n\nThe third meeting of the high-level working group was held in Seoul on March 3, 2023.\n"
    graph = extract_text(text, dt.date(2023, 3, 3), "joint_statement")
    assert all(n.props.get("series") != "EDSCG" for n in graph.nodes)


# -- 7. leaders named as the authors of an earlier decision -------------------------------------------------------


def test_leaders_decision_before_a_comma_is_no_summit_of_the_main_clauses_day() -> None:
    for phrase in ("In accordance with the decision of President Joseph R. Biden and President Yoon Suk Yeol in May",
                   "Following the agreement between President Biden and President Yoon"):  # fmt: skip
        text = (
            f"{phrase}, the two governments' agencies held a deterrence consultation session on September 16, "
            "2022 in Washington.\n"
        )
        graph = extract_text(text, dt.date(2022, 9, 16), "joint_statement")
        summits = [n for n in graph.nodes if n.props.get("series") == "Summit"]
        assert not [n for n in summits if n.props.get("date") == dt.date(2022, 9, 16)], phrase


def test_leaders_decision_taken_on_a_day_is_their_summit() -> None:
    # guard: "taken in Toronto on June 26, 2010" goes on about the decision: the summit of that day stays
    text = (
        "4. The Secretary and the Minister reaffirmed the decision of President Lee Myung-bak and President "
        "Barack Obama, taken in Toronto on June 26, 2010, to transition wartime operational control.\n"
    )
    graph = extract_text(text, dt.date(2010, 10, 8), "communique")
    summits = [n for n in graph.nodes if n.props.get("series") == "Summit"]
    assert [n.props.get("date") for n in summits] == [dt.date(2010, 6, 26)]


# -- 8. a trilateral video teleconference, and an earlier meeting's place ----------------------------------------


def test_hosted_trilateral_video_teleconference_is_recorded_without_an_earlier_place() -> None:
    text = (
        "CJCS Hosts ROK, Japanese Counterparts for Virtual Discussion\n\n"
        "Nov. 18, 2020\n\n"
        "WASHINGTON--Chairman of the Joint Chiefs of Staff Gen. Mark A. Milley hosted a trilateral video "
        "teleconference with Chairman of the Republic of Korea (ROK) Joint Chiefs of Staff Gen. Won In-choul, "
        "and Japanese Chief of Staff, Joint Staff Gen. Koji Yamazaki today.\n\n"
        "The three officers last met in October 2019 in Washington and talked again by video later that year.\n"
    )
    graph = extract_text(text, dt.date(2020, 11, 18), "other")
    recorded = recorded_node(graph)
    assert recorded is not None and recorded.props["series"] == "Trilateral"
    assert recorded.props["date"] == dt.date(2020, 11, 18) and "location" not in recorded.props
    assert heads(graph, recorded) == {"Mark Milley", "Won In-choul", "Koji Yamazaki"}


def test_trilateral_teleconference_of_foreign_ministers() -> None:
    # a second shape: "convened a trilateral teleconference" of the ministers, dated in its sentence
    text = (
        "Joint Readout\n\n"
        "Secretary of State Antony Blinken convened a trilateral teleconference with Foreign Minister Park Jin "
        "and Foreign Minister Hayashi Yoshimasa on October 4, 2022.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2022, 10, 4), "other"))
    assert recorded is not None and recorded.props["series"] == "Trilateral"
    assert recorded.props["date"] == dt.date(2022, 10, 4)


def test_bilateral_teleconference_is_no_trilateral_meeting() -> None:
    # negative: only "trilateral" names the meeting; a video conference of two chiefs is none of the series
    text = "Readout\n\nGen. Mark A. Milley held a video teleconference with Gen. Won In-choul today.\n"
    graph = extract_text(text, dt.date(2020, 11, 18), "other")
    assert all(n.props.get("series") != "Trilateral" for n in graph.nodes)


def test_place_the_principals_met_in_below_a_titled_meeting_is_still_read() -> None:
    # guard: a next sentence that says where they met this time still places the meeting
    text = (
        "Joint Statement of the Trilateral Ministerial Meeting\n\n"
        "The three defense ministers convened a trilateral ministerial meeting on November 12, 2023.\n\n"
        "The ministers met in Jakarta on the margins of a regional forum.\n"
    )
    recorded = recorded_node(extract_text(text, dt.date(2023, 11, 12), "joint_statement"))
    assert recorded is not None and recorded.props.get("location") == "Jakarta"


# -- 9. an archive's banner gives the span of its pages, not the page's day ---------------------------------------


def test_archive_span_banner_does_not_date_the_page() -> None:
    banner = (
        "You are viewing ARCHIVED CONTENT released online from January 20, 2017 to January 20, 2021.\n\n"
        "Content in this archive site is NOT UPDATED.\n\n"
    )
    # the page's own date line, when it has one, dates it
    page = banner + "Media Note\nJuly 1, 2019\n\nThe two presidents met in Seoul.\n"
    assert infer_date(page)[0] == dt.date(2019, 7, 1)
    # without one the page is undated, and a day without its year dates nothing ("visited ... June 29-30")
    assert infer_date(banner + "The President visited the Republic of Korea June 29-30.\n")[0] is None


def test_a_date_released_online_from_a_place_still_dates_the_text() -> None:
    # negative: "released online from Seoul on <date>" names a place, not an archive's span
    assert infer_date("The report was released online from Seoul on March 3, 2019.")[0] == dt.date(2019, 3, 3)
