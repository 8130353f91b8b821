"""Meeting facts in shapes the first real-layout set missed (issue 15, patterns 1, 3, 4, 10).

Every text is written for the tests, in the shape of a public copy: a Seoul
ministry's English translation with a space before each comma and full stop,
an old communiqué meeting held over two days in a city of two words, a DoD
text naming the venue before the city, a cable whose lead gives the release
day without its year, a leaders' statement that opens with the host's
welcome. None is copied from one.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extraction_probe import heads

from extractors.document import SourceDocument
from extractors.evaluate import gold_keys, predicted_keys
from extractors.readers.layout import repair
from extractors.rules import extract_document
from extractors.rules.dates import find_dates, resolve_month_day
from graph.model import GraphData, Node
from graph.schema import Kind, Prop, Rel, is_a


def make_doc(text: str, date: dt.date | None, kind: str = "communique") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def recorded(graph: GraphData) -> Node:
    nodes = graph.node_map()
    targets = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    assert targets, "the document is filed under no meeting"
    return nodes[targets[0]]


# -- layout: a space set before punctuation ------------------------------------------------


def test_spaces_before_punctuation_are_dropped_and_the_view_maps_back() -> None:
    text = "1 .  The meeting ( SCM ) was held in Seoul , on October 2 , 2013 .  Minister Kim , Kwan Jin spoke ."
    layout = repair(text)
    assert layout.text == "1.  The meeting (SCM) was held in Seoul, on October 2, 2013.  Minister Kim, Kwan Jin spoke."
    assert layout.notes["spaces_before_punctuation"] == 8
    at = layout.text.index("October 2, 2013")
    start, end = layout.omap.span(at, at + len("October 2, 2013"))
    assert text[start:end] == "October 2 , 2013"


def test_an_ellipsis_and_ordinary_text_are_left_alone() -> None:
    text = "The allies met in Seoul. . . and then, in Washington, they agreed."
    assert repair(text).text == text


def test_translation_with_spaced_punctuation_gives_its_dates_and_inverted_names() -> None:
    text = (
        "Joint Communique of the 45th ROK - U.S. Security Consultative Meeting\n\n"
        "1 .  The 45th Republic of Korea ( ROK ) - United States ( U.S. ) Security Consultative Meeting ( SCM ) "
        "was held in Seoul on October 2 , 2013 .  ROK Minister of National Defense Kim , Kwan Jin and U.S. "
        "Secretary of Defense Chuck Hagel led their respective delegations .  On September 30 , 2013 , "
        "General Jung , Seung Jo and General Martin E. Dempsey presided over the 38th ROK - U.S. Military "
        "Committee Meeting ( MCM ) .\n"
    )
    view = repair(text)
    doc = make_doc(view.text, dt.date(2013, 10, 2))
    graph = extract_document(doc)
    scm = recorded(graph)
    assert scm.props[Prop.ORDINAL.value] == 45
    assert heads(graph, scm) == {"Kim Kwan-jin", "Chuck Hagel"}
    mcm = next(n for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.label == "38th MCM")
    assert mcm.date == dt.date(2013, 9, 30)


# -- places: several words, a venue and its city -------------------------------------------


def test_a_two_day_meeting_in_a_city_of_two_words_has_its_place_and_last_day() -> None:
    text = (
        "Joint Communique\nEleventh Annual Republic of Korea-United States Security Consultative Meeting\n\n"
        "1. The Eleventh Annual Republic of Korea-United States Security Consultative Meeting was held in "
        "San Diego, California on July 26 and 27, 1978. Secretary of Defense Harold Brown and Minister of "
        "National Defense Rho Jae Hyun headed their delegations.\n"
    )
    graph = extract_document(make_doc(text, dt.date(1978, 7, 27)))
    scm = recorded(graph)
    assert scm.props[Prop.LOCATION.value] == "San Diego, California"
    assert scm.date == dt.date(1978, 7, 26)
    assert scm.props[Prop.END_DATE.value] == dt.date(1978, 7, 27)
    assert heads(graph, scm) == {"Harold Brown", "Roh Jae-hyun"}  # "Rho" is a spelling of the gazetteer's name


def test_a_venue_named_before_its_city_gives_the_city() -> None:
    text = (
        "1. The 54th United States (U.S.)-Republic of Korea (ROK) Security Consultative Meeting (SCM) was held "
        "at the Pentagon in Washington, D.C. on November 3, 2022. U.S. Secretary of Defense Lloyd J. Austin III "
        "and ROK Minister of National Defense Lee Jong-Sup led their respective delegations.\n"
    )
    scm = recorded(extract_document(make_doc(text, dt.date(2022, 11, 3))))
    assert scm.props[Prop.LOCATION.value] == "Washington, D.C."


# -- dates: a release day without its year, "between ... took place" --------------------------


def test_a_partial_date_just_after_the_document_date_keeps_its_year() -> None:
    assert resolve_month_day(8, 27, dt.date(1975, 8, 26)) == dt.date(1975, 8, 27)
    assert resolve_month_day(10, 9, dt.date(2024, 3, 10)) == dt.date(2023, 10, 9)  # months ahead: the year before
    (d,) = find_dates("released August 27", dt.date(1975, 8, 26))
    assert d.date == dt.date(1975, 8, 27)


def test_a_cable_is_dated_by_its_held_sentence_not_by_its_release_day() -> None:
    text = (
        "SUBJECT: EIGHTH ROK-US SECURITY CONSULTATIVE MEETING -- TEXT OF JOINT COMMUNIQUE\n\n"
        "1. FOLLOWING IS TEXT OF JOINT COMMUNIQUE RELEASED AUGUST 27 AT CLOSE OF EIGHTH ANNUAL ROK-US "
        "SECURITY CONSULTATIVE MEETING.\n\n"
        "2. THE EIGHTH ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN THE REPUBLIC OF KOREA AND THE UNITED "
        "STATES OF AMERICA TOOK PLACE IN SEOUL ON AUGUST 26 AND 27, 1975. MINISTER OF NATIONAL DEFENSE SUH "
        "JYONG CHUL AND SECRETARY OF DEFENSE JAMES R. SCHLESINGER HEADED THEIR DELEGATIONS, IN WHICH SENIOR "
        "FOREIGN AFFAIRS AND DEFENSE OFFICIALS OF BOTH GOVERNMENTS TOOK PART IN THE TALKS THAT WERE HELD.\n"
    )
    view = repair(text)
    scm = recorded(extract_document(make_doc(view.text, dt.date(1975, 8, 26))))
    assert scm.props[Prop.ORDINAL.value] == 8
    assert scm.date == dt.date(1975, 8, 26)
    assert scm.props[Prop.END_DATE.value] == dt.date(1975, 8, 27)
    assert scm.props[Prop.LOCATION.value] == "Seoul"


# -- summits: a host's welcome --------------------------------------------------------------


def test_a_hosts_welcome_is_the_summit_a_leaders_statement_records() -> None:
    text = (
        "U.S.-ROK Leaders' Joint Statement\n\n"
        "President Joseph R. Biden, Jr. welcomed President Moon Jae-in of the Republic of Korea to the White "
        "House on May 21, 2021. The two Presidents met in Washington to open a new chapter of the Alliance.\n\n"
        "The two leaders reaffirm their ironclad commitment to the combined defense posture.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2021, 5, 21), kind="joint_statement"))
    summit = recorded(graph)
    assert summit.props[Prop.SERIES.value] == "Summit"
    assert summit.date == dt.date(2021, 5, 21)


# -- evaluation: meeting facts ---------------------------------------------------------------


def test_meeting_facts_score_date_place_and_heads_of_the_gold_meetings() -> None:
    gold = {
        "meetings": [
            {"series": "SCM", "ordinal": 9, "date": "1976-05-26", "end_date": "1976-05-27",
             "location": "Honolulu, Hawaii", "recorded": True, "heads": ["person:Donald Rumsfeld"]},
            {"series": "SCM", "ordinal": 10, "recorded": False},
        ]
    }  # fmt: skip
    expected = gold_keys(gold)["meeting facts"]
    assert expected == {
        ("SCM #9", "recorded"),
        ("SCM #9", "date", "1976-05-26"),
        ("SCM #9", "end", "1976-05-27"),
        ("SCM #9", "place", "Honolulu"),
        ("SCM #9", "head", "person:Donald Rumsfeld"),
    }
    text = (
        "1. THE NINTH ANNUAL SECURITY CONSULTATIVE MEETING BETWEEN THE REPUBLIC OF KOREA AND THE UNITED "
        "STATES OF AMERICA TOOK PLACE IN HONOLULU, HAWAII ON MAY 26 AND 27, 1976. MINISTER OF NATIONAL "
        "DEFENSE SUH JYONG CHUL, SECRETARY OF DEFENSE DONALD H. RUMSFELD AND SENIOR OFFICIALS OF THE TWO "
        "GOVERNMENTS PARTICIPATED IN THE MEETING. IT WAS AGREED THAT THE TENTH ANNUAL MEETING WILL BE HELD "
        "IN SEOUL IN 1977 AT A TIME CONVENIENT TO BOTH SIDES, AND THE TWO SIDES WILL STAY IN CLOSE TOUCH.\n"
    )
    got = predicted_keys(extract_document(make_doc(repair(text).text, dt.date(1976, 5, 27))))["meeting facts"]
    assert expected <= got
    assert not any(f[0] == "SCM #10" and f[1] == "date" for f in got)  # a future meeting has no date


def test_an_introductory_phrase_before_the_date_keeps_it_the_mcms() -> None:
    text = (
        "1. The 44th United States-Republic of Korea Security Consultative Meeting (SCM) met in Washington on "
        "October 24, 2012. Ahead of the SCM, on October 23, 2012, General Martin E. Dempsey, Chairman of the "
        "U.S. Joint Chiefs of Staff, and General Jung, Seung Jo, Chairman of the ROK Joint Chiefs of Staff, "
        "presided over the 36th U.S.-ROK Military Committee Meeting (MCM).\n"
    )
    graph = extract_document(make_doc(text, dt.date(2012, 10, 24)))
    mcm = next(n for n in graph.nodes if is_a(n.kind, Kind.MEETING) and n.label == "36th MCM")
    assert mcm.date == dt.date(2012, 10, 23)


def test_a_summit_named_in_passing_takes_the_place_before_its_date_only() -> None:
    text = (
        "1. The 43rd SCM was held in Seoul on October 28, 2011. The two sides recalled the vision confirmed "
        "when President Lee Myung-bak and President Barack Obama met in Washington on October 13, 2011.\n\n"
        "2. They welcomed the declaration adopted by President Yoon Suk Yeol and President Joe Biden on "
        "April 26, 2023, and the group that held its first meeting in Seoul on July 18, 2023.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2023, 11, 13)))
    summits = {n.date: n.props.get(Prop.LOCATION.value) for n in graph.nodes if n.label.startswith("ROK-U.S. summit")}
    assert summits[dt.date(2011, 10, 13)] == "Washington"
    assert summits[dt.date(2023, 4, 26)] is None  # "in Seoul" after the date is the other meeting's


def test_a_cable_is_titled_by_its_subject_line_and_a_site_label_is_no_title() -> None:
    from extractors.metadata import infer_title, is_chrome

    cable = (
        "ACTION EA-09\nINFO OCT-01 ISO-00 PM-04\nR 281900Z MAY 76\nFM AMCONSUL HONOLULU\nTO SECSTATE WASHDC\n"
        "E.O. 11652: N/A\nTAGS: MASS, PFOR, KS, US\nSUBJECT: NINTH ANNUAL ROK-US SECURITY CONSULTATIVE MEETING --\n"
        "JOINT COMMUNIQUE\n\n1. THERE FOLLOWS THE TEXT OF THE JOINT COMMUNIQUE.\n"
    )
    layout = repair(cable)
    title = infer_title(layout.text, layout.paragraphs)
    assert title is not None and title.lower().startswith("ninth annual rok-us security consultative meeting")
    assert is_chrome("STATEMENTS AND RELEASES") and is_chrome("Briefing Room")
