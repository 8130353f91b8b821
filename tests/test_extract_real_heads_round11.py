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
