"""The lead's round-twelve rules (issue 15: an answer must be right or absent).

1. A reposted statement whose meeting the text does not date itself.

A wire service or a reposting office puts its own date on the page ("*EPF113 09/09/2002", "Washington, DC /
September 9, 2002") and then a line that says when the statement was released ("The following joint statement ...
was released in Seoul on September 7, 2002."). When the statement's own text gives no day (a copy cut off before it),
the meeting it records took the page's date, two days late. The release line's day is the statement's own.

2. A numbered meeting "of" another body in capitals ("22 ND ANNUAL MEETING OF THE ASIA-PACIFIC PARLIAMENTARY FORUM",
a "similar documents" list under a communiqué) was read as the document's own series (the 22nd SCM, dated 1990 by the
series reference): the "of <Body>" that makes such a meeting another body's was read in lower case only.

Every text below is written for these tests in these shapes (offices and dates public facts or invented).
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, meeting_props, recorded_node

_PAGE = (
    "Text: Allies Review the Situation on the Peninsula\n\n"
    "Officials of the three allies met in {place} and reviewed the North's programmes, the spokesman said.\n\n"
    "(begin text)\n\n"
    "Office of the Spokesman\n\nWashington, DC\n\n{page_day}\n\n"
    "{release}\n\n"
    "Begin Text:\n\n"
    '"The delegations of the Republic of Korea, the United States of America and Japan, headed respectively by '
    "Deputy Foreign Minister Kim Min-jae, Assistant Secretary of State for East Asian and Pacific Affairs Pat "
    "Example and Director-General of Asian and Oceanian Affairs Jiro Sample, held the Trilateral Coordination and "
    'Oversight Group meeting in {place}, the second this year."\n'
)


@pytest.mark.parametrize(
    ("release", "page_day", "place", "day"),
    [
        (
            "The following joint statement by the U.S., Japan, and the Republic of Korea was released in Seoul on "
            "March 3, 2031.",
            "March 5, 2031",
            "Seoul",
            dt.date(2031, 3, 3),
        ),
        (
            "Following is the text of the joint statement issued by the three governments in Tokyo on November 20, "
            "2032.",
            "November 21, 2032",
            "Tokyo",
            dt.date(2032, 11, 20),
        ),
    ],
    ids=["released-in-seoul", "issued-in-tokyo"],
)
def test_the_release_line_dates_the_meeting_of_a_reposted_statement(
    release: str, page_day: str, place: str, day: dt.date
) -> None:
    page_date = dt.datetime.strptime(page_day, "%B %d, %Y").date()
    text = _PAGE.format(release=release, page_day=page_day, place=place)
    recorded = recorded_node(extract_text(text, page_date, "joint_statement"))
    assert recorded is not None
    assert recorded.props["date"] == day  # not the page's day, two days or one day later


def test_without_a_release_line_the_page_keeps_dating_its_statement() -> None:
    # the same page with a line that says nothing of a release: the statement's meeting keeps the page's day, as before
    text = _PAGE.format(
        release="The spokesman read the statement to reporters after the briefing on March 3, 2031.",
        page_day="March 5, 2031",
        place="Seoul",
    )
    recorded = recorded_node(extract_text(text, dt.date(2031, 3, 5), "joint_statement"))
    assert recorded is not None
    assert recorded.props["date"] == dt.date(2031, 3, 5)


_SIMILAR = (
    "Joint Communique The 51st ROK-U.S. Security Consultative Meeting November 15, 2031 Seoul\n\n"
    "1. The 51st Security Consultative Meeting was held in Seoul on November 15, 2031.\n\n"
    "Similar documents\n\n{line}\n\nGuidelines for Regional Cooperation, April 2030\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "22 ND ANNUAL MEETING OF THE ASIA-PACIFIC PARLIAMENTARY FORUM RESOLUTION 01",
        "THE 14TH MEETING OF THE JOINT WORKING GROUP ON MARITIME AFFAIRS",
        "The 9th Annual Meeting Of The Regional Security Forum",
    ],
    ids=["caps-annual", "caps-working-group", "title-case"],
)
def test_a_numbered_meeting_of_another_body_is_no_meeting_of_the_series(line: str) -> None:
    props = meeting_props(extract_text(_SIMILAR.format(line=line), dt.date(2031, 11, 15), "communique"))
    assert {p["series"] for p in props.values()} == {"SCM", "Other"}
    assert [p["ordinal"] for p in props.values() if p["series"] == "SCM"] == [51]


def test_a_numbered_meeting_without_another_body_still_takes_the_series() -> None:
    # "the 50th meeting" in an SCM communique with no body named after it: the series' own meeting, as before
    text = _SIMILAR.format(line="The two sides recalled the decisions of the 50th meeting in Washington.")
    props = meeting_props(extract_text(text, dt.date(2031, 11, 15), "communique"))
    assert sorted(p["ordinal"] for p in props.values() if p["series"] == "SCM") == [50, 51]
