"""Meetings in the shapes of the official record (issue 15, pattern 3; the series reference's use).

Every text here is written for the tests, in the layouts and name forms of
public copies of SCM communiqués (long names with parenthesised
abbreviations, "U.S.-ROK" in parentheses, en dashes, "US" without periods,
all-caps cable headings, the early "Annual ROK-U.S. Defense Ministers'
Meeting"); none is copied from one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from extraction_probe import meeting_nodes as meetings
from extraction_probe import recorded_node as recorded

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.meetings import find_meeting_mentions
from extractors.rules.reference import agreement, date_of, ordinal_on
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel, is_a


def make_doc(text: str, date: dt.date | None, kind: str = "communique", title: str | None = None) -> SourceDocument:
    return SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind, title=title
    )




@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The 61st Republic of Korea (ROK) and United States (U.S.) Security Consultative Meeting (SCM) was held",
            ("SCM", 61),
            id="long-name-and",
        ),
        pytest.param("the 61st United States (U.S.)-Republic of Korea (ROK) SCM", ("SCM", 61), id="long-name-hyphen"),
        pytest.param(
            "The 58th United States – Republic of Korea (U.S.-ROK) Security Consultative Meeting",
            ("SCM", 58),
            id="parenthesised-pair",
        ),
        pytest.param("the 63rd ROK–US SCM", ("SCM", 63), id="en-dash-us"),
        pytest.param("the 64th U.S.-RoK Security Consultative Meeting", ("SCM", 64), id="rok-case"),
        pytest.param("the 27th R.O.K.-U.S. Security Consultative Meeting", ("SCM", 27), id="dotted-rok"),
        pytest.param("The 59th South Korea-U.S. Security Consultative Meeting", ("SCM", 59), id="south-korea"),
        pytest.param("JOINT COMMUNIQUE THE 46TH SECURITY CONSULTATIVE MEETING", ("SCM", 46), id="all-caps"),
        pytest.param("THE FORTY-SIXTH ROK-US SECURITY CONSULTATIVE MEETING", ("SCM", 46), id="all-caps-words"),
        pytest.param(
            "The 49 Republic of Korea (ROK) and United States (U.S.) Security Consultative Meeting (SCM) was held",
            ("SCM", 49),
            id="lost-superscript",
        ),
        pytest.param("the 61[st] ROK–US SCM", ("SCM", 61), id="bracketed-superscript"),
        pytest.param("the 47 th rOK-U.S. Security Consultative Meeting", ("SCM", 47), id="case-damaged-rok"),
        pytest.param("the Third Annual ROK-U.S. Defense Ministers' Meeting", ("SCM", 3), id="early-name"),
        pytest.param("the 44th US-ROK Military Committee Meeting (MCM)", ("MCM", 44), id="mcm"),
    ],
)
def test_official_name_forms(text: str, expected: tuple[str, int]) -> None:
    found = [(m.series, m.ordinal) for m in find_meeting_mentions(text) if m.ordinal is not None]
    assert found == [expected]


@pytest.mark.parametrize("text", ["three inter-Korean summits", "previous SCMs", "the SCMs of the 1990s"])
def test_a_series_named_in_the_plural_is_no_meeting(text: str) -> None:
    assert find_meeting_mentions(text) == []


def test_summits_of_other_leaders_are_summits_and_three_allies_meet_trilaterally() -> None:
    found = [
        (m.series, sorted(m.parties)) for m in find_meeting_mentions("the U.S.-DPRK Summit and the U.S.-Japan summit")
    ]
    assert found == [("Summit", []), ("Summit", ["JPN", "USA"])]
    assert [m.series for m in find_meeting_mentions("the U.S.-Japan-ROK summit")] == ["Trilateral"]


SCM_2031 = """Joint Communique of the 63rd ROK-US Security Consultative Meeting

1. The 63rd Republic of Korea (ROK) and United States (US) Security Consultative Meeting (SCM) was held in Busan \
on October 14, 2031. ROK Minister of National Defense Hong Gil-dong and US Secretary of Defense Pat Example led \
their respective delegations. On October 13, 2031, the two Chairmen of the Joint Chiefs of Staff presided over the \
56th ROK-US Military Committee Meeting (MCM).

2. The Minister and the Secretary recalled that the guidelines signed at the 42nd SCM have served the Alliance well \
since the 45th SCM, and pledged to keep working together.

3. Both sides decided that the 64th SCM will be held in Washington, D.C. on October 5, 2032.
"""


def test_recorded_meeting_is_the_one_held_not_the_mcm_or_an_earlier_scm() -> None:
    graph = extract_document(make_doc(SCM_2031, dt.date(2031, 10, 14)))
    rec = recorded(graph)
    assert rec is not None and rec.label == "63rd SCM"
    assert rec.props[Prop.DATE.value] == dt.date(2031, 10, 14)
    assert rec.props[Prop.LOCATION.value] == "Busan"
    found = meetings(graph)
    assert found["56th MCM"].props[Prop.DATE.value] == dt.date(2031, 10, 13)
    assert {"42nd SCM", "45th SCM"} <= found.keys()


def test_a_future_meeting_gets_no_date() -> None:
    found = meetings(extract_document(make_doc(SCM_2031, dt.date(2031, 10, 14))))
    assert found["64th SCM"].props.get(Prop.DATE.value) is None
    text = "1. The 62nd SCM was held in Seoul on May 2, 2030. 2. The Secretary will co-host the 63rd SCM in Busan."
    nxt = meetings(extract_document(make_doc(text, dt.date(2030, 5, 2))))["63rd SCM"]
    assert nxt.props.get(Prop.DATE.value) is None


def test_a_reprint_whose_title_names_the_meeting_records_it_even_when_paragraph_one_names_an_mcm_first() -> None:
    text = (
        "Full text of the 62nd ROK-US SCM Joint Communique\n\n"
        "1. On May 1, 2030, the Chairmen presided over the 55th ROK-US Military Committee Meeting (MCM). "
        "The 62nd SCM took place in Seoul the next day.\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2030, 5, 2))))
    assert rec is not None and rec.label == "62nd SCM"


def test_an_mcm_communique_records_its_mcm() -> None:
    text = (
        "Joint Communique of the 55th ROK-US Military Committee Meeting\n\n"
        "1. The 55th Republic of Korea-United States Military Committee Meeting (MCM) was held in Seoul on "
        "May 1, 2030, ahead of the 62nd SCM.\n\n2. The Chairmen reviewed the combined defense posture.\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2030, 5, 1))))
    assert rec is not None and rec.label == "55th MCM"


CABLE_1973 = """UNCLASSIFIED
SUBJ: ROK-US SECURITY CONSULTATIVE MEETING--JOINT STATEMENT

1. THE ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN THE REPUBLIC OF KOREA AND THE UNITED STATES WAS HELD IN \
SEOUL ON SEPTEMBER 12 AND 13, 1973. THE DEFENSE MINISTER AND THE DEPUTY SECRETARY OF DEFENSE TOOK PART.

2. THE TWO SIDES REVIEWED THE SITUATION ON THE PENINSULA.
"""


def test_a_meeting_the_text_dates_but_does_not_number_takes_its_ordinal_from_the_reference() -> None:
    graph = extract_document(make_doc(CABLE_1973, dt.date(1973, 9, 13)))
    rec = recorded(graph)
    assert rec is not None and (rec.props[Prop.ORDINAL.value], rec.props[Prop.DATE.value]) == (6, dt.date(1973, 9, 12))


def test_a_numbered_meeting_without_a_date_in_its_text_takes_the_reference_date() -> None:
    text = "JOINT COMMUNIQUE\nThe 47th ROK-U.S. Security Consultative Meeting\n\n1. The two Ministers met.\n"
    rec = recorded(extract_document(make_doc(text, dt.date(2018, 12, 31))))  # dated as a white-paper appendix
    assert rec is not None and rec.props[Prop.DATE.value] == dt.date(2015, 11, 2)


def test_the_reference_checks_ordinal_and_date() -> None:
    assert ordinal_on("SCM", dt.date(2015, 11, 2)) == 47
    assert ordinal_on("MCM", dt.date(2017, 10, 27)) == 42
    assert date_of("SCM", 38) == dt.date(2006, 10, 20)
    assert agreement("SCM", 47, dt.date(2015, 11, 2)) == 1
    assert agreement("SCM", 42, dt.date(2015, 11, 2)) == -1
    assert agreement("SCM", 99, dt.date(2015, 11, 2)) == 0


def test_a_document_records_the_ordinal_the_reference_dates_to_it() -> None:
    # both SCMs are named in the opening, neither "was held": the one the reference dates to the text wins
    text = (
        "JOINT COMMUNIQUE\n\n1. Building on the 42nd SCM, the 47th ROK-U.S. SCM reviewed the Alliance on "
        "November 2, 2015. The Minister and the Secretary led their delegations.\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2015, 11, 2))))
    assert rec is not None and rec.label == "47th SCM"


def labels(text: str, date: dt.date, kind: str = "communique") -> dict[str, dt.date | None]:
    found = meetings(extract_document(make_doc(text, date, kind)))
    return {label: n.props.get(Prop.DATE.value) for label, n in found.items()}


def test_numbered_meetings_named_by_their_body() -> None:
    text = (
        "1. The 60th SCM was held in Seoul on October 3, 2028. 2. The two sides marked the sixtieth meeting of the "
        "SCM, held every year since the first meeting on May 28, 1968. The second NCG meeting of the year will "
        "follow, and the Second Annual Meeting of the group was recalled."
    )
    found = labels(text, dt.date(2028, 10, 3))
    assert found["1st SCM"] == dt.date(1968, 5, 27)  # its second day named: the reference's first day
    assert {"60th SCM", "2nd NCG"} <= found.keys()
    assert "2nd SCM" in found  # "Annual Meeting": the annual defence ministers' meeting


def test_summits_from_their_leaders_with_the_leaders_own_date() -> None:
    text = (
        "1. The 3rd Annual Defense Ministers' Meeting took place in Honolulu on July 21, 1970, as decided by "
        "President Park Chung-hee and President Lyndon B. Johnson when they met in Honolulu on April 17, 1968. "
        "2. The resolve of the two Presidents, which they confirmed when they met in Seoul on March 25, 1970, "
        "was recalled."
    )
    found = labels(text, dt.date(1970, 7, 22))
    assert found["ROK-U.S. summit, 1968-04-17"] == dt.date(1968, 4, 17)
    assert "ROK-U.S. summit, 1970-03-25" in found
    assert "ROK-U.S. summit, 1970-07-21" not in found


def test_a_summit_never_takes_an_ordinal_and_a_presidential_summit_is_one() -> None:
    text = "The two presidents met in Seoul on May 21, 2022 for their first summit meeting, a presidential summit."
    found = labels(text, dt.date(2022, 5, 21), kind="joint_statement")
    assert list(found) == ["ROK-U.S. summit, 2022-05-21"]


def test_a_date_without_its_year_takes_the_year_the_reference_holds_the_meeting() -> None:
    # written on October 23, 2014, about the 2+2 "on October 24": the reference holds it on 2014-10-24
    text = (
        "1. The 46th SCM was held on October 23, 2014. The two sides will meet again at the 2+2 Meeting on October 24."
    )
    found = labels(text, dt.date(2014, 10, 23))
    assert found["3rd 2+2"] == dt.date(2014, 10, 24)  # the label names the reference's meeting of that day
    assert dt.date(2013, 10, 24) not in found.values()


def test_the_mcm_held_with_the_recorded_scm_takes_its_number_from_the_reference() -> None:
    text = (
        "JOINT COMMUNIQUE\n\n1. The 37th Republic of Korea-United States Security Consultative Meeting (SCM) was held "
        "in Seoul on October 21, 2005. Before the SCM, the two Chairmen presided over the Military Committee Meeting "
        "(MCM) on October 20, 2005.\n\n2. The Minister and the Secretary reaffirmed the Alliance.\n"
    )
    found = meetings(extract_document(make_doc(text, dt.date(2005, 10, 21))))
    assert found["27th MCM"].props[Prop.DATE.value] == dt.date(2005, 10, 20)
    undated = text.replace(" on October 20, 2005", "")
    found = meetings(extract_document(make_doc(undated, dt.date(2005, 10, 21))))
    assert found["27th MCM"].props[Prop.DATE.value] == dt.date(2005, 10, 20)


# A bulletin reprint: its own tracking lines, a labelled title, a summary and a dispatch heading come
# before the communiqué's paragraph 1 (invented, in the shape of 1990s agency bulletins).
_BULLETIN = """Tracking Number:  500123

Title:  "Joint Communique of the 63rd ROK-US Security Consultative Meeting."

Summary of the talks held by the defense ministers of the two allies in the fall, touching on deterrence, the \
combined forces and how the costs of stationing are shared. (311105)

Date:  20311105

Text:
OFFICE OF PUBLIC AFFAIRS BULLETIN

VOLUME 9, NUMBER 12, NOVEMBER 5, 2031

Joint Communique of the 63rd R.O.K.-U.S. Security Consultative Meeting

Text of the communique issued after the meeting, Seoul, Korea, November 4, 2031.

1. The 63rd Security Consultative Meeting (SCM) between the Republic of Korea (R.O.K.) and the United States \
of America (U.S.) was held in Seoul, Korea on November 3-4, 2031. R.O.K. Minister of National Defense Hong \
Gil-dong and U.S. Secretary of Defense Pat J. Example led their respective delegations.

2. The Minister and the Secretary reviewed the security situation on the peninsula.
"""

# A wire story whose lead names the meeting before the text it carries ("(begin text) 1. ..."), with
# a place in the lead that is not the meeting's.
_WIRE = """*XYZ123 10/08/31 *

ALLIES PLEDGE CLOSE WATCH ON NORTH'S PROGRAM

(Text: allied security meeting joint communique) (1500)

Washington -- The United States and the Republic of Korea concluded their 64th Security Consultative Meeting \
October 8 with a joint communique on their long-term security engagement and presence in Asia.

Following is the text of the communique: (begin text) 1. The Sixty-fourth Security Consultative Meeting (SCM) \
between the United States of America (U.S.) and the Republic of Korea (ROK) was held in Washington D.C., \
October 7 and 8, 2032. U.S. Secretary of Defense Pat J. Example and ROK Minister of National Defense Hong \
Gil-dong led their respective delegations.
"""


def _heads(graph: GraphData) -> set[str]:
    nodes = graph.node_map()
    return {nodes[r.target].label for r in graph.relationships if r.type == Rel.HEAD_OF_DELEGATION}


def test_a_bulletin_reprint_reads_heads_and_place_from_the_communiques_own_paragraph_one() -> None:
    from extractors.metadata import infer_title
    from extractors.readers.layout import repair

    layout = repair(_BULLETIN)
    assert (
        infer_title(layout.text, layout.paragraphs)
        == "Joint Communique of the 63rd ROK-US Security Consultative Meeting"
    )
    graph = extract_document(make_doc(_BULLETIN, dt.date(2031, 11, 5)))
    meeting = recorded(graph)
    assert meeting is not None and meeting.props[Prop.ORDINAL.value] == 63
    assert meeting.props[Prop.LOCATION.value] == "Seoul"  # ", Korea" is the country, not the place
    assert len(_heads(graph)) == 2


def test_a_wire_reprint_places_its_meeting_where_it_was_held_not_in_the_leads_asia() -> None:
    from extractors.metadata import infer_title
    from extractors.readers.layout import repair

    layout = repair(_WIRE)
    assert infer_title(layout.text, layout.paragraphs) == "ALLIES PLEDGE CLOSE WATCH ON NORTH'S PROGRAM"
    graph = extract_document(make_doc(_WIRE, dt.date(2032, 10, 8)))
    meeting = recorded(graph)
    assert meeting is not None and meeting.props[Prop.ORDINAL.value] == 64
    assert meeting.props[Prop.LOCATION.value] == "Washington, D.C."
    assert len(_heads(graph)) == 2


def test_a_title_cut_after_its_ordinal_goes_on_with_the_next_heading_line() -> None:
    from extractors.metadata import infer_title
    from extractors.readers.layout import repair

    text = (
        "Joint Communiqué of the 61 st\nROK–U.S. Security Consultative Meeting\nSeoul, October 2, 2029\n\n"
        "1. The meeting was held.\n"
    )
    layout = repair(text)
    assert (
        infer_title(layout.text, layout.paragraphs)
        == "Joint Communiqué of the 61st ROK–U.S. Security Consultative Meeting"
    )


def test_a_headline_before_the_reprinted_text_is_no_pledge() -> None:
    text = _WIRE.replace(
        "ALLIES PLEDGE CLOSE WATCH ON NORTH'S PROGRAM",
        "ALLIES AFFIRM TIES, WILL SEEK DENUCLEARIZATION OF THE PENINSULA",
    )
    graph = extract_document(make_doc(text, dt.date(2032, 10, 8)))
    nodes = graph.node_map()
    evidence = [
        nodes[r.target].props[Prop.TEXT.value]
        for r in graph.relationships
        if r.type == Rel.EVIDENCE and is_a(nodes[r.source].kind, Kind.COMMITMENT)
    ]
    assert not any("DENUCLEARIZATION" in e for e in evidence)


# -- a wire page's trailer, a bare meeting of its paragraph's series, archive metadata (issue 15, patterns 2, 10)

_WIRE_TRAILER = (
    "Allies widen deterrence talks at annual defense meeting\n\n"
    "SEOUL, Oct. 30 (Agency) -- Defense chiefs of the two countries held the 56th Security Consultative "
    "Meeting in Washington on Wednesday, the ministry said.\n\n"
    "(END)\n\n"
    "Related articles\n\n"
    "First meeting of extended deterrence group to be held next month\n\n"
    "Allies to hold 2nd NCG meeting in December\n"
)


def test_related_headlines_after_a_wires_end_mark_are_no_meetings_of_the_text() -> None:
    found = meetings(extract_document(make_doc(_WIRE_TRAILER, dt.date(2024, 10, 30), kind="news")))
    assert set(found) == {"56th SCM"}


def test_related_headlines_are_never_the_title() -> None:
    from extractors.metadata import infer
    from extractors.segment import split_paragraphs

    text = _WIRE_TRAILER.split("\n\n", 1)[1]  # no headline of its own: the dateline opens the text
    title = infer(text, split_paragraphs(text)).title
    assert title is not None
    assert "extended deterrence group" not in title
    assert "NCG" not in title


def test_a_bare_meeting_they_held_takes_its_paragraphs_series_place_and_day() -> None:
    text = (
        "The three defense ministers held a Trilateral Ministerial Meeting in Tokyo on July 28, 2024. They "
        "built on the meeting they held in Singapore on June 2, 2024.\n\n"
        "The Secretary recalled the meeting they held in Seoul on May 3, 2024."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2024, 7, 28), kind="joint_statement")))
    singapore = next(n for n in found.values() if n.props.get(Prop.DATE.value) == dt.date(2024, 6, 2))
    assert singapore.props[Prop.SERIES.value] == "Trilateral"
    assert singapore.props[Prop.LOCATION.value] == "Singapore"
    # the second paragraph names no series: its bare meeting is no meeting of the graph
    assert not [n for n in found.values() if n.props.get(Prop.DATE.value) == dt.date(2024, 5, 3)]


def test_an_archive_records_publication_date_is_the_documents_date() -> None:
    from extractors.metadata import infer_date

    text = (
        "14TH SCM JOINT COMMUNIQUE\nDocument Creation Date:\nDecember 21, 2016\nDocument Release Date:\n"
        "June 17, 2008\nPublication Date:\nMarch 31, 1982\nContent Type:\nCABLE\n"
    )
    assert infer_date(text)[0] == dt.date(1982, 3, 31)


def test_a_heading_run_into_paragraph_one_is_cut_before_it() -> None:
    from extractors.metadata import infer
    from extractors.segment import split_paragraphs

    text = (
        "The 37th Security Consultative Meeting Joint Communiqué 1. The 37th Republic of Korea-United States "
        "Security Consultative Meeting (SCM) was held in Seoul on October 21, 2005. The Minister and the "
        "Secretary led their respective delegations, which included senior defense and foreign affairs officials."
    )
    assert infer(text, split_paragraphs(text)).title == "The 37th Security Consultative Meeting Joint Communiqué"


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        pytest.param("The third meeting of the ROK-U.S. Nuclear Consultative Group (NCG) was held in Seoul on "
                     "June 10, 2024.", dt.date(2024, 6, 10), ("NCG", 3), id="ncg-named-in-full"),
        pytest.param("The fourth Extended Deterrence Strategy and Consultation Group meeting was held in Seoul on "
                     "September 15, 2023.", dt.date(2023, 9, 15), ("EDSCG", 4), id="edscg-meeting"),
        pytest.param("The Group held its first meeting in Seoul on July 18, 2023.", dt.date(2023, 7, 18),
                     ("NCG", 1), id="its-first-meeting-the-reference-holds-as-the-ncgs"),
        pytest.param("The Group held its first meeting in Seoul on March 3, 2023.", dt.date(2023, 3, 3),
                     ("Other", 1), id="a-body-the-reference-does-not-know-stays-other"),
    ],
)  # fmt: skip
def test_ncg_and_edscg_meetings_are_their_own_series(text: str, date: dt.date, expected: tuple[str, int]) -> None:
    found = meetings(extract_document(make_doc(text, date, kind="joint_statement")))
    got = {(n.props[Prop.SERIES.value], n.props.get(Prop.ORDINAL.value)) for n in found.values()}
    assert expected in got


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("US Defense Secretary Donald Rumsfeld has offered assurance of firm support to South Korea,\n"
                     "a document released by the Pentagon on Saturday said.\n"
                     "Rumsfeld made the pledge in the joint communique of the 38th Security\n"
                     "Consultative Meeting, which was held in Washington on Friday.\n",
                     id="news-story-of-a-communique"),
        pytest.param("In 1968 the United States and South Korea held their first annual Security Consultative "
                     "Meeting. The meeting gave defense officials of both countries a forum for assessing the "
                     "threat and agreeing on a strategy. Data as of June 1990", id="country-study-paragraph"),
    ],
)  # fmt: skip
def test_prose_that_names_a_communique_or_an_scm_is_not_a_communique(text: str) -> None:
    from extractors.metadata import infer
    from extractors.segment import split_paragraphs

    assert infer(text, split_paragraphs(text)).kind != "communique"


def test_a_cable_in_capitals_under_an_archives_mixed_case_record_is_read_in_ordinary_case() -> None:
    from extractors.readers.layout import repair

    record = "Document Type:\nCREST\nDocument Creation Date:\nDecember 22, 2016\nPublication Date:\nMay 10, 1984\n"
    cable = (
        "1. THE SIXTEENTH ANNUAL SECURITY CONSULTATIVE MEETING OF THE REPUBLIC OF KOREA AND THE UNITED\n"
        "STATES OF AMERICA TOOK PLACE IN SEOUL ON MAY 9 AND 10, 1984. MINISTER OF NATIONAL DEFENSE YOON SUNG\n"
        "MIN AND SECRETARY OF DEFENSE CASPAR W. WEINBERGER HEADED THEIR DELEGATIONS. THE MILITARY COMMITTEE\n"
        "MEETING, CHAIRED BY THE CHAIRMEN OF THE JOINT CHIEFS OF STAFF, MET BEFOREHAND ON MAY 7, 1984.\n"
    )
    text = record + cable + "\n[A note in ordinary case, written for the tests.]\n"
    layout = repair(text)
    assert "took place in Seoul on May 9" in layout.text
    assert layout.text.startswith(record)  # the record's own fields are left as they are
    from extractors.readers import read_bytes

    found = meetings(extract_document(read_bytes(text.encode(), suffix=".txt")))
    assert found["16th SCM"].props[Prop.LOCATION.value] == "Seoul"
    mcm = [n for n in found.values() if n.props.get(Prop.SERIES.value) == "MCM"]
    assert [n.props[Prop.DATE.value] for n in mcm] == [dt.date(1984, 5, 7)]  # "met beforehand on"


def test_whose_first_meeting_is_a_meeting_of_the_body_named_before_it() -> None:
    text = (
        "The ministers took stock of the Nuclear Consultative Group, whose first meeting was held in Seoul in July "
        "this year, and said the two countries will keep strengthening extended deterrence."
    )
    found = meetings(extract_document(make_doc(text, dt.date(2023, 11, 13), kind="news")))
    assert {(n.props[Prop.SERIES.value], n.props.get(Prop.DATE.value)) for n in found.values()} == {
        ("NCG", dt.date(2023, 7, 18))
    }


def test_an_advertising_label_joined_to_the_title_line_is_not_part_of_the_title() -> None:
    from extractors.metadata import infer_title
    from extractors.readers.layout import repair

    text = "The 39 Security Consultative Meeting Joint Communiqué\n\nadvertisement\n\n1. The meeting was held.\n"
    layout = repair(text)
    assert infer_title(layout.text, layout.paragraphs) == "The 39 Security Consultative Meeting Joint Communiqué"
