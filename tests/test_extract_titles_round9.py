"""Titles of copies in the shapes of round nine (issue 15, pattern 2): a defense office's time stamp ("As of 1530,
20 OCT") above the heading, and a copy that lost its line breaks (heading, date line and body on one line).

Texts written here in the shapes of the stored public copies; names, ordinals and dates invented.
"""

from __future__ import annotations

import pytest
from extraction_probe import title_and_kind

BODY = (
    "1. The 63rd Republic of Korea-United States Security Consultative Meeting (SCM) was held in Seoul on "
    "October 9, 2031. The two delegations met at the ministry.\n\n"
    "2. The Secretary and the Minister pledged to keep building the Alliance.\n\n"
    "3. The Secretary and the Minister reviewed the security situation.\n"
)


@pytest.mark.parametrize(
    "stamp",
    ["As Of 1530, 20 OCT", "As of 0900, 9 October", "AS OF 2200 HRS, 8 OCT 2031", "Fwd: Fw:"],
)
def test_a_time_stamp_or_forward_mark_above_the_heading_is_never_the_title(stamp: str) -> None:
    alone = f"{stamp}\nThe 63rd Security Consultative Meeting Joint Communiqué\nOctober 9, 2031, Seoul\n\n{BODY}"
    assert title_and_kind(alone) == ("The 63rd Security Consultative Meeting Joint Communiqué", "communique")
    run_in = f"{stamp} The 63rd Security Consultative Meeting Joint Communiqué\n\n{BODY}"
    assert title_and_kind(run_in)[0] == "The 63rd Security Consultative Meeting Joint Communiqué"


def test_a_heading_run_into_its_date_line_and_body_ends_before_the_date() -> None:
    flat = " ".join(
        [
            "Joint Communique The 63rd U.S. – ROK Security Consultative Meeting Washington, D.C. October 9, 2031",
            "The 63rd United States – Republic of Korea Security Consultative Meeting (SCM) was held in Washington",
            "D.C. on October 9, 2031. The Secretary and the Minister led their delegations. The two sides pledged",
            "to keep building the Alliance and reviewed the security situation on the peninsula in depth.",
        ]
    )
    assert title_and_kind(flat) == ("Joint Communique The 63rd U.S. – ROK Security Consultative Meeting", "communique")


def test_a_date_a_preposition_ties_to_the_line_stays_in_it() -> None:
    # a body sentence is never cut into a heading at its date; a news site's "This story is from <date>" is chrome
    prose = (
        "The Secretary of State and the Secretary of Defense convened a meeting with their counterparts in "
        "Washington, D.C. on October 19, 2031, the fifth of its kind, before the annual meeting of the defense "
        "chiefs. They reviewed the alliance's plans in detail.\n"
    )
    title = title_and_kind(prose)[0]
    assert title is not None and "on October 19, 2031, the fifth" in title
    story = "This story is from October 4, 2031\n\nAllies consult on a launch over Japan\n\nWASHINGTON: Officials said"
    assert title_and_kind(story)[0] == "Allies consult on a launch over Japan"


@pytest.mark.parametrize(
    "headline",
    ["Allies to hold defense talks in Seoul on October 20, 2031", "Combined exercise put off until March 4, 2032"],
    ids=["on", "until"],
)
def test_a_headline_ending_in_a_date_its_preposition_ties_keeps_it(headline: str) -> None:
    # the test above passes without the prepositions before a trailing date line; a headline needs them
    text = headline + "\n\nSEOUL, Oct. 9 (Example) -- The allies announced the plan on Thursday.\n"
    assert title_and_kind(text)[0] == headline


def test_a_date_line_with_its_weekday_is_no_title() -> None:
    # a blog page opens on its posting day; cutting the trailing date off that line left the title "Thursday"
    text = (
        "Thursday, November 30, 2031\n\nPhone Call: The President and President Kim\n\n\n"
        "The President spoke today with President Kim Dae-ho of the Republic of Korea about the launch.\n"
    )
    assert title_and_kind(text)[0] == "Phone Call: The President and President Kim"
