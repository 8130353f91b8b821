"""Meetings in news reports (issue 15): the annual SCM met "on Monday", a body's "first meeting" of "last year",
a bilateral ministers' meeting on the sidelines of a numbered multilateral forum.

The articles are written for the tests in the shapes of wire and newspaper reports (a headline, a dateline and a
lead); the facts they lean on (the 55th SCM in Seoul on 2023-11-13, the first EDSCG meeting in December 2016) are
the series reference's.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.model import GraphData
from graph.schema import Kind, Prop, Series, is_a


def make_doc(text: str, date: dt.date, kind: str = "news") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def meetings(graph: GraphData) -> dict[str, dict[str, object]]:
    return {n.label: dict(n.props) for n in graph.nodes if is_a(n.kind, Kind.MEETING)}


SCM_NEWS = """Allied defence chiefs hold talks in Seoul on the North's missiles

November 13, 2023

SEOUL (Wire) - The defence ministers of the United States and South Korea met on Monday for talks on how to \
deter the North, officials said.

The South Korean minister received his American counterpart for the annual Security Consultative Meeting (SCM), \
where the two were also due to sign a revised deterrence strategy.
"""


def test_the_annual_scm_met_on_a_weekday_is_the_reference_meeting_of_that_day() -> None:
    found = meetings(extract_document(make_doc(SCM_NEWS, dt.date(2023, 11, 13))))
    assert found["55th SCM"][Prop.DATE.value] == dt.date(2023, 11, 13)
    assert found["55th SCM"][Prop.SERIES.value] == Series.SCM


def test_the_annual_scm_on_a_day_the_reference_holds_none_is_not_invented() -> None:
    # the same report dated a week later: "on Monday" is 2023-11-20, when no SCM met
    found = meetings(extract_document(make_doc(SCM_NEWS, dt.date(2023, 11, 21))))
    assert not any(props.get(Prop.SERIES.value) == Series.SCM for props in found.values())


EDSCG_NEWS = """Seoul and Washington to make deterrence talks a yearly fixture

Sept. 4, 2017

The two allies set up the Extended Deterrence Strategy and Consultation Group, which brings together senior \
diplomats and defense officials, toward the end of last year.

The group was agreed when the foreign and defense ministers of the two countries met in October. The first \
meeting was held in December.
"""


def test_a_bodys_first_meeting_of_last_december_takes_the_reference_day() -> None:
    found = meetings(extract_document(make_doc(EDSCG_NEWS, dt.date(2017, 9, 4))))
    assert found["1st EDSCG"][Prop.SERIES.value] == Series.EDSCG
    assert found["1st EDSCG"][Prop.DATE.value] == dt.date(2016, 12, 20)


def test_a_first_meeting_in_a_month_the_reference_does_not_give_stays_undated() -> None:
    text = EDSCG_NEWS.replace("held in December", "held in March")
    found = meetings(extract_document(make_doc(text, dt.date(2017, 9, 4))))
    assert Prop.DATE.value not in found["1st EDSCG"]


SIDELINES = """Highlights of the ROK-U.S. Defense Ministerial Meeting

June 2, 2024

Minister Shin and Secretary Austin held a ROK-U.S. Defense Ministerial meeting during the 21st Asia Security \
Summit (Shangri-La Dialogue) to go over alliance matters, including their policy on North Korea and extended \
deterrence.
"""


def test_a_bilateral_ministers_meeting_at_a_numbered_forum_is_one_meeting_of_its_day() -> None:
    graph = extract_document(make_doc(SIDELINES, dt.date(2024, 6, 2), "other"))
    found = meetings(graph)
    assert [props[Prop.DATE.value] for props in found.values()] == [dt.date(2024, 6, 2)]
    (props,) = found.values()
    assert props[Prop.SERIES.value] == Series.OTHER
    # "21st" numbers the forum, never a meeting of the alliance's series
    assert not any(props.get(Prop.ORDINAL.value) == 21 for props in found.values())


TRILATERAL_REPRINT = """Full text of the three foreign ministers' joint statement

2031/03/05 09:10

TOKYO, March 4 (Agency) -- Below is the full text of the statement the foreign ministers of Japan, South Korea \
and the United States released after they met in Tokyo on Tuesday.

Joint Statement of the Japan-U.S.-ROK Trilateral Foreign Ministers' Meeting

The Foreign Ministers of Japan, the Republic of Korea and the United States gathered in Tokyo on March 4, 2031, \
to coordinate their answer to the latest missile launches.

The Ministers agreed to keep in close touch in the weeks ahead.
"""


def test_a_reprinted_trilateral_statement_records_the_meeting_its_embedded_title_names() -> None:
    graph = extract_document(make_doc(TRILATERAL_REPRINT, dt.date(2031, 3, 4), "joint_statement"))
    found = {n.props[Prop.SERIES.value]: dict(n.props) for n in graph.nodes if is_a(n.kind, Kind.MEETING)}
    assert found[Series.TRILATERAL][Prop.DATE.value] == dt.date(2031, 3, 4)
    assert found[Series.TRILATERAL][Prop.LOCATION.value] == "Tokyo"
