"""Meetings, places, heads and titles in shapes a fifth probe of public copies showed failing (issue 15).

The probe read NCG, EDSCG, KIDD and trilateral statements, 1970s cables, 1990s wire texts, 2+2 statements and
news reports; every text below is written for these tests in those shapes (names, offices and dates are public
facts), none is copied from a copy. Each pattern has at least two variants so that no rule fits one document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pathlib

import pytest
from extraction_probe import heads
from extraction_probe import meeting_nodes as meetings
from extraction_probe import recorded_node as recorded

from extractors.document import SourceDocument
from extractors.metadata import infer_kind, infer_title
from extractors.readers import read_document
from extractors.rules import extract_document
from extractors.rules.meetings import find_meeting_mentions
from extractors.rules.text import paragraphs
from graph.schema import Kind, Prop


def make_doc(
    text: str, date: dt.date | None, kind: str = "joint_statement", title: str | None = None
) -> SourceDocument:
    return SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind, title=title
    )




def title_of(text: str) -> str | None:
    return infer_title(text, paragraphs(make_doc(text, None)))


# -- a summit is not implied by two presidents whose decision set up the meeting the sentence dates ------------


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        pytest.param(
            "Following the decision by President Joseph R. Biden, Jr. and President Yoon Suk Yeol to set up the "
            "Nuclear Consultative Group (NCG), the two governments' security staffs launched the inaugural meeting "
            "of the NCG on July 18, 2023, in Seoul. The NCG will meet regularly.\n",
            dt.date(2023, 7, 18),
            "1st NCG",
            id="decision-then-inaugural-ncg",
        ),
        pytest.param(
            "As President Yoon Suk Yeol and President Joseph R. Biden decided in May, the foreign and defense "
            "ministries held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting at the Vice "
            "Minister/Under Secretary level on September 16, 2022 in Washington D.C. This was the third meeting "
            "of the high-level EDSCG.\n",
            dt.date(2022, 9, 16),
            "3rd EDSCG",
            id="decided-then-edscg",
        ),
    ],
)
def test_the_presidents_decision_is_no_summit_on_the_meetings_day(text: str, day: dt.date, label: str) -> None:
    graph = extract_document(make_doc(text, day))
    found = meetings(graph)
    assert not any(n.props.get("series") == "Summit" and n.props.get(Prop.DATE.value) == day for n in found.values())
    rec = recorded(graph)
    assert rec is not None and rec.label == label


def test_leaders_who_met_on_a_day_still_hold_a_summit() -> None:
    text = "President Yoon Suk Yeol and President Joseph R. Biden met at the White House on April 26, 2023.\n"
    found = meetings(extract_document(make_doc(text, dt.date(2023, 4, 26), kind="other")))
    assert any(n.props.get("series") == "Summit" for n in found.values())


# -- "inaugural" numbers the first meeting; "launched"/"conducted" introduce the meeting held ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("the staffs launched the inaugural meeting of the NCG on July 18", ("NCG", 1), id="of-the-ncg"),
        pytest.param("The inaugural NCG meeting convened in Seoul", ("NCG", 1), id="inaugural-ncg-meeting"),
        pytest.param("the inaugural EDSCG meeting in December", ("EDSCG", 1), id="inaugural-edscg"),
    ],
)
def test_inaugural_is_the_first_meeting(text: str, expected: tuple[str, int]) -> None:
    assert [(m.series, m.ordinal) for m in find_meeting_mentions(text) if m.ordinal] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The two chairmen on Tuesday conducted the United States-Republic of Korea Military Committee Meeting.",
        "The allies launched the inaugural meeting of the NCG in Seoul.",
    ],
)
def test_conducted_or_launched_meeting_is_held(text: str) -> None:
    found = find_meeting_mentions(text)
    assert found and found[0].held


def test_a_report_numbers_the_mcm_its_weekday_names() -> None:
    # a wire report of Wednesday October 24, 2012: the chairmen met "on Tuesday" (the reference's 36th MCM)
    text = (
        "WASHINGTON - The U.S. Chairman of the Joint Chiefs of Staff Martin Dempsey and his South Korean "
        "counterpart Jung Seung-jo on Tuesday conducted the United States-Republic of Korea Military Committee "
        "Meeting and pledged to keep the alliance ready.\n"
    )
    found = meetings(extract_document(make_doc(text, dt.date(2012, 10, 24), kind="news")))
    assert "36th MCM" in found
    assert found["36th MCM"].props.get(Prop.DATE.value) == dt.date(2012, 10, 23)
    other = "The chairmen held the Military Committee Meeting on Friday by video link.\n"
    # a Friday on which the reference holds no MCM: left unnumbered (nothing is invented)
    found = meetings(extract_document(make_doc(other, dt.date(2012, 3, 12), kind="news")))
    assert not any(n.props.get("ordinal") for n in found.values())


# -- "the first ... held in <country>", "the first SCM to be held since", "the fourth meeting this year" -------


@pytest.mark.parametrize(
    "text",
    [
        "They held the 4th EDSCG meeting on September 15, 2023, in Seoul, the first EDSCG meeting held in the "
        "Republic of Korea.",
        "As the first SCM to be held since the new administration took office, the meeting renewed the pledges.",
        "This meeting has been the fourth meeting this year that I have had with the Secretary.",
        "It was the third SCM that we have held together in Seoul.",
    ],
)
def test_a_count_of_something_else_is_no_series_ordinal(text: str) -> None:
    found = [(m.series, m.ordinal) for m in find_meeting_mentions(text)]
    assert ("EDSCG", 1) not in found and ("SCM", 1) not in found
    assert not any(o in (3, 4) and s != "EDSCG" for s, o in found)


def test_a_first_meeting_that_is_the_series_first_stays_first() -> None:
    text = "The first NCG meeting was held in Seoul on July 18, 2023."
    assert [(m.series, m.ordinal) for m in find_meeting_mentions(text)] == [("NCG", 1)]


# -- an office level is not a place; the city after the date is ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "place"),
    [
        pytest.param(
            "The two governments held the 4th annual high-level EDSCG meeting at the Vice Minister/Under Secretary "
            "level on September 15, 2023, in Seoul, the first held there.\n",
            dt.date(2023, 9, 15),
            "Seoul",
            id="vice-minister-level-seoul",
        ),
        pytest.param(
            "The allies held an Extended Deterrence Strategy and Consultation Group (EDSCG) meeting at the Deputy "
            "Secretary level on September 16, 2022 in Washington D.C. It was the third meeting of the EDSCG.\n",
            dt.date(2022, 9, 16),
            "Washington, D.C.",
            id="deputy-secretary-level-washington",
        ),
    ],
)
def test_an_office_level_is_no_place(text: str, day: dt.date, place: str) -> None:
    rec = recorded(extract_document(make_doc(text, day)))
    assert rec is not None and rec.props.get("location") == place


# -- who convened a meeting heads it -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "U.S. Secretary of Defense Lloyd J. Austin III, Republic of Korea (ROK) Minister of National Defense "
            "Shin Won-sik, and Japanese Minister of Defense Kihara Minoru convened a Trilateral Ministerial Meeting "
            "on November 12, 2023. They reviewed the Camp David commitments.\n",
            {"Lloyd Austin", "Shin Won-sik", "Minoru Kihara"},
            id="three-ministers-convened",
        ),
        pytest.param(
            "The inaugural NCG meeting took place on July 18, 2023, in Seoul, with defense officials taking part.\n\n"
            "The meeting was convened by Principal Deputy National Security Adviser Kim Tae-hyo of the ROK. "
            "Discussions were led by Deputy Assistant Secretary of Defense for Space Policy Vipin Narang.\n",
            {"Kim Tae-hyo", "Vipin Narang"},
            id="meeting-convened-by",
        ),
    ],
)
def test_who_convened_the_meeting_heads_it(text: str, expected: set[str]) -> None:
    graph = extract_document(make_doc(text, dt.date(2023, 11, 12) if "November" in text else dt.date(2023, 7, 18)))
    rec = recorded(graph)
    assert rec is not None
    assert heads(graph, rec) == expected


# -- a statement titled as one side's press statement is a readout, not news ------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "United States-Japan-Republic of Korea Trilateral Ministerial Meeting Unilateral Press Statement",
        "Military Committee Meeting Press Statement",
    ],
)
def test_a_press_statement_title_is_no_news(title: str) -> None:
    text = f"{title}\n\n  • Published\n  • Department of Defense\n\nThe ministers met on Sunday.\n"
    assert infer_kind(text, title)[0] == "other"


def test_a_joint_press_statement_is_still_a_joint_statement() -> None:
    title = "Joint Press Statement for the 21st Korea-U.S. Integrated Defense Dialogue"
    assert infer_kind(f"{title}\n\nThe two sides met.\n", title)[0] == "joint_statement"


# -- site banners and archive labels are never a title ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            "An official website of the United States Government\nHere's how you know\n\nOfficial websites use "
            ".gov\n\nSecure .gov websites use HTTPS\n\nSecretaries Hold Press Conference After the 2+2 Meeting\n\n"
            "MODERATOR: Good morning.\n",
            "Secretaries Hold Press Conference After the 2+2 Meeting",
            id="gov-banners",
        ),
        pytest.param(
            "A .mil website belongs to an official U.S. Department of Defense organization in the United States.\n"
            "\nNEWS | Sept. 15, 2031\n\nJoint Press Release: Extended Deterrence Strategy and Consultation Group\n\n"
            "The two sides met.\n",
            "Joint Press Release: Extended Deterrence Strategy and Consultation Group",
            id="mil-banner",
        ),
        pytest.param(
            "Search Form\n\nPublic Statements\n\nRemarks at the Ministerial 2+2 Meeting\n\nSECRETARY: Welcome.\n",
            "Remarks at the Ministerial 2+2 Meeting",
            id="archive-labels",
        ),
    ],
)
def test_site_banners_are_no_title(text: str, title: str) -> None:
    assert title_of(text) == title


_CABLE_BODY = "\n".join(
    [
        "UNCLAS SEOUL 01234",
        "SUBJECT: TWELFTH SCM JOINT COMMUNIQUE",
        "1. THE TWELFTH ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN",
        "THE REPUBLIC OF KOREA AND THE UNITED STATES WAS HELD IN",
        "SEOUL ON APRIL 28 AND 29, 1979. THE MINISTER OF NATIONAL",
        "DEFENSE AND THE SECRETARY OF DEFENSE LED THEIR RESPECTIVE",
        "DELEGATIONS, WHICH INCLUDED SENIOR OFFICIALS OF BOTH SIDES.",
        "2. THE TWO DELEGATIONS REVIEWED THE SITUATION ON THE KOREAN",
        "PENINSULA AND AGREED TO KEEP THEIR COMBINED FORCES READY TO",
        "DETER ANY ATTACK. THEY NOTED THE PROGRESS OF THE FORCE",
        "IMPROVEMENT PLAN AND THE WORK OF THE COMBINED FORCES COMMAND.",
        "3. THE SECRETARY REAFFIRMED THAT THE UNITED STATES WOULD",
        "STAND BY ITS TREATY COMMITMENT AND THE MINISTER WELCOMED IT.",
        "4. BOTH SIDES AGREED TO HOLD THE NEXT MEETING IN HAWAII AT A",
        "TIME CONVENIENT TO BOTH GOVERNMENTS.",
    ]
    * 3
)


@pytest.mark.parametrize(
    "label",
    [
        "Document Type:\nCollection:\nContent Type:\nCABLE",
        "Collection:\nDocument Number (FOIA) /ESDN (CREST):\nXX-0001\nRelease Decision:\nRIPPUB",
    ],
)
def test_an_archive_record_label_is_not_joined_to_the_title(tmp_path: pathlib.Path, label: str) -> None:
    # a reading-room record of a cable in capitals: the record's subject, then its field labels line by line
    path = tmp_path / "record.txt"
    path.write_text(f"12TH SCM JOINT COMMUNIQUE\n{label}\n{_CABLE_BODY}\n")
    title = read_document(path).title
    assert title is not None and title.lower() == "12th scm joint communique"


# -- "convened/held the <numbered meeting>" introduces the meeting the text records ------------------------------


@pytest.mark.parametrize(
    ("text", "label", "place"),
    [
        pytest.param(
            "Seoul and Washington convened the 31st Korea-U.S. Integrated Defense Dialogue (KIDD) in Busan on "
            "March 3-4, weighing how to keep the alliance current.\n\nThe delegations also reviewed exercises.\n",
            "31st KIDD",
            "Busan",
            id="convened-the-kidd",
        ),
        pytest.param(
            "The two ministries held the 9th EDSCG meeting in Honolulu on March 3, 2031, and reviewed deterrence.\n",
            "9th EDSCG",
            "Honolulu",
            id="held-the-edscg",
        ),
    ],
)
def test_a_meeting_the_allies_convened_is_recorded(text: str, label: str, place: str) -> None:
    rec = recorded(extract_document(make_doc(text, dt.date(2031, 3, 4), kind="other")))
    assert rec is not None and rec.label == label and rec.props.get("location") == place


# -- a body's full name with an ordinal is one of its meetings; without one it is the body -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The second U.S.-Republic of Korea (ROK) Nuclear Consultative Group (NCG) convened in Washington D.C.",
            [("NCG", 2)],
            id="second-ncg-full-name",
        ),
        pytest.param(
            "the fourth Extended Deterrence Strategy and Consultation Group (EDSCG) in Seoul",
            [("EDSCG", 4)],
            id="fourth-edscg-full-name",
        ),
        pytest.param("the Nuclear Consultative Group (NCG) is an enduring body", [], id="the-body-itself"),
        pytest.param("The Extended Deterrence Strategy and Consultation Group will help", [], id="the-edscg-itself"),
    ],
)
def test_a_bodys_full_name_with_a_number_is_its_meeting(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(m.series, m.ordinal) for m in find_meeting_mentions(text)] == expected


def test_the_numbered_ncg_takes_its_stated_city() -> None:
    text = (
        "The second U.S.-Republic of Korea (ROK) Nuclear Consultative Group (NCG) convened in Washington D.C. on "
        "December 15, 2023. During this NCG meeting, the first hosted in the United States, both sides took stock.\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2023, 12, 15))))
    assert rec is not None and rec.label == "2nd NCG" and rec.props.get("location") == "Washington, D.C."


# -- three parties name a trilateral; "the inaugural meeting of <two states'> body" is no other body's first -------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        pytest.param(
            "as they said in the Joint Statement of the U.S.-Japan-ROK Ministerial Meeting on June 2, 2024 in "
            "Singapore.",
            "ministerial",
            id="us-japan-rok-ministerial",
        ),
        pytest.param("ahead of the Japan-U.S.-ROK Defense Ministerial Meeting", "defense", id="defense-ministerial"),
    ],
)
def test_three_parties_name_a_trilateral(text: str, level: str) -> None:
    found = [(m.series, m.level) for m in find_meeting_mentions(text)]
    assert found == [("Trilateral", level)]


def test_a_two_party_defense_ministerial_stays_a_bilateral() -> None:
    text = "They held a South Korea-U.S. Defense Ministerial meeting on the sidelines of the forum."
    assert [m.series for m in find_meeting_mentions(text)] == ["Other"]


@pytest.mark.parametrize(
    "text",
    [
        "The inaugural meeting of South Korea and the United States' new Nuclear Consultative Group will take place "
        "in Seoul.",
        "The inaugural meeting of the two allies' consultative group is due next week.",
    ],
)
def test_the_inaugural_meeting_of_two_states_is_no_other_bodys_first(text: str) -> None:
    assert not any(m.series == "Other" for m in find_meeting_mentions(text))


# -- the 2+2 as a ministry's translation names it ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the joint statement of the Korea-US Foreign Affairs and Defense Ministers' Meeting",
        "at the ROK-U.S. Defense and Foreign Affairs Ministers' Meeting",
    ],
)
def test_foreign_affairs_and_defense_ministers_meeting_is_a_2plus2(text: str) -> None:
    assert [m.series for m in find_meeting_mentions(text)] == ["2+2"]


# -- a cable's quoted text begins after its "BEGIN TEXT" line ------------------------------------------------------


@pytest.mark.parametrize("marker", ["BEGIN TEXT", "BEGIN QUOTE."])
def test_a_cable_files_the_meeting_its_quoted_text_records(tmp_path: pathlib.Path, marker: str) -> None:
    text = (
        "O 120616Z AUG 75\nFM AMEMBASSY SEOUL\nTO SECSTATE WASHDC IMMEDIATE\nSUBJECT: PROPOSED JOINT STATEMENT FOR "
        "SECURITY CONSULTATIVE\nMEETING\n\n1. FOREIGN MINISTRY OFFICIAL HANDED OVER THE DRAFT OF THE JOINT STATEMENT "
        "FOR THE COMING SCM.\n\n2. EMBASSY COMMENTS WILL FOLLOW BY SEPTEL.\n\n3. THE DRAFT FOLLOWS.\n\n"
        f"{marker}\n\n1. THE ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN THE REPUBLIC OF KOREA AND THE UNITED "
        "STATES OF AMERICA WAS HELD IN SEOUL, KOREA, ON AUGUST 26 AND 27, 1975. MINISTER OF NATIONAL DEFENSE SUH "
        "JYONG CHUL, SECRETARY OF DEFENSE JAMES R. SCHLESINGER AND OTHER SENIOR OFFICIALS PARTICIPATED IN THE "
        "MEETING.\n\n2. THE TWO SIDES REVIEWED THE SITUATION.\n"
    )
    path = tmp_path / "cable.txt"
    path.write_text(text)  # read as a user's file is: the cable's capitals are written in ordinary case
    graph = extract_document(read_document(path))
    rec = recorded(graph)
    assert rec is not None and rec.label == "8th SCM" and rec.props.get("location") == "Seoul"
    assert heads(graph, rec) == {"Suh Jyong-chul", "James Schlesinger"}


# -- a titled statement's place in the sentence that says where its ministers met ----------------------------------


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        pytest.param("Office of the Spokesman\nWashington, DC\nJuly 21, 2010\n\n", "Seoul", id="spokesman-lines"),
        pytest.param("Media Note. Following is the text of the statement issued today.\n\n", "Seoul", id="media-note"),
    ],
)
def test_a_titled_statement_takes_the_place_its_ministers_met_in(lead: str, place: str) -> None:
    text = (
        "Joint Statement of ROK-U.S. Foreign and Defense Ministers' Meeting\n\n"
        f"{lead}"
        "ROK Minister of Foreign Affairs and Trade Yu Myung-hwan and Minister of National Defense Kim Tae-young, and "
        "U.S. Secretary of State Hillary Rodham Clinton and Secretary of Defense Robert M. Gates met in Seoul on July "
        "21, 2010, to mark the anniversary.\n\nThe Ministers reviewed the alliance.\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2010, 7, 21))))
    assert rec is not None and rec.props.get("location") == place


# -- names: a cabinet title names one who held it; an office's abbreviation before a name; gazetteer offices --------


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        pytest.param(
            "THE SECRETARY CALLED ON PRESIDENT PARK AND PRIME MINISTER KIM DURING HIS VISIT.",
            1975,
            "Kim Jong-pil",
            id="prime-minister-kim-1975",
        ),
        pytest.param(
            "The delegation later met Prime Minister Kim in Seoul.", 1985, None, id="no-prime-minister-kim-1985"
        ),
    ],
)
def test_a_cabinet_title_names_only_who_held_it(
    tmp_path: pathlib.Path, text: str, year: int, expected: str | None
) -> None:
    path = tmp_path / "note.txt"
    body = _CABLE_BODY if text.isupper() else ""  # a cable in capitals, long enough to be read as one
    path.write_text(f"{text} THE TALKS ENDED ON AUGUST 27, {year}.\n{body}\n")
    graph = extract_document(read_document(path))
    people = {n.label for n in graph.nodes if n.kind == Kind.PERSON}
    assert "Kim Il Sung" not in people
    if expected is not None:
        assert expected in people


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param(
            "Deputy Minister for National Defense Policy (DEPMIN), Dr. Hong Gil-dong led the ROK delegation.",
            "Deputy Minister for National Defense Policy",
            id="depmin-dr",
        ),
        pytest.param(
            "Deputy Assistant Secretary of Defense for East Asia (DASD), Mr. John Doe led the U.S. delegation.",
            "Deputy Assistant Secretary of Defense for East Asia",
            id="dasd-mr",
        ),
    ],
)
def test_an_offices_abbreviation_before_the_name_keeps_the_office(text: str, role: str) -> None:
    graph = extract_document(make_doc(text, dt.date(2031, 1, 1), kind="other"))
    assert [n.props.get("role") for n in graph.nodes if n.kind == Kind.PERSON] == [role]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        pytest.param(
            "The meeting was convened by Mr. Maher Bitar of the NSC and his Korean counterpart.",
            "Maher Bitar",
            "Coordinator for Intelligence and Defense Policy, National Security Council",
            id="bitar",
        ),
        pytest.param(
            "Japan's National Security Secretariat Secretary General Takeo Akiba joined the talks.",
            "Takeo Akiba",
            "Secretary General of the National Security Secretariat",
            id="akiba",
        ),
    ],
)
def test_gazetteer_offices_of_ncg_and_trilateral_officials(text: str, name: str, role: str) -> None:
    graph = extract_document(make_doc(text, dt.date(2023, 12, 15), kind="other"))
    assert {n.label: n.props.get("role") for n in graph.nodes if n.kind == Kind.PERSON}.get(name) == role


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param(
            "U.S. Secretary of Defense Lloyd J. Austin III, ROK Minister of National Defense Shin Won-sik, and "
            "Japanese Minister of Defense Kihara Minoru convened a Trilateral Ministerial Meeting on November 12, "
            "2023. Secretary Austin and Minister Shin met in Seoul, South Korea, with Minister Kihara joining by "
            "video.\n",
            "Seoul",
            id="met-in-seoul-next-sentence",
        ),
        pytest.param(
            "The three ministers convened a Trilateral Ministerial Meeting on March 2, 2031. They met in Tokyo, "
            "with the third minister joining online.\n",
            "Tokyo",
            id="met-in-tokyo-next-sentence",
        ),
    ],
)
def test_a_held_meeting_takes_the_place_the_next_sentence_says_they_met_in(text: str, place: str) -> None:
    day = dt.date(2023, 11, 12) if "2023" in text else dt.date(2031, 3, 2)
    rec = recorded(extract_document(make_doc(text, day, kind="other")))
    assert rec is not None and rec.props.get("location") == place


@pytest.mark.parametrize(
    "header",
    [
        "DRAFTED BY EA/K:JDOE:ABC\nAPPROVED BY EA - MR. SMITHSON\nPM - MR. BARLOW\nDOD/ISA - MR. HOLLIS\n",
        "CLEARED BY L/EA - MR. WHITTAKER\nNSC - MR. ALDEN\nS/S - MR. CROMER\n",
    ],
)
def test_a_cables_clearance_lines_make_no_person_of_two_lines(tmp_path: pathlib.Path, header: str) -> None:
    path = tmp_path / "cable.txt"
    path.write_text(f"{header}SUBJECT: DRAFT COMMUNIQUE FOR TWELFTH SCM\n{_CABLE_BODY}\n")
    graph = extract_document(read_document(path))
    people = [n.label for n in graph.nodes if n.kind == Kind.PERSON]
    assert not any(p.split()[-1].lower() in {"pm", "dod", "nsc", "s", "subject"} for p in people), people
