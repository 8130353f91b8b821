"""News reports of the alliance's meetings and of DPRK provocations (issue 15, items 2, 3 and 10), probed in round
twelve.

Shapes of stored public news copies nobody had read before: a broadcaster's page stamped "Written: <date> <time>"
that reports a ministry's statement "on Friday"; a wire lead that opens with its agency in brackets; a Japanese
agency's story attributing to "the Japanese government" and "a government source"; a trade site's story that passes
on a quotation ("X was quoted as saying by the ministry"); an archive page whose section label "DoD News" and a
reprint whose "Reuters <date>" source line stand above the headline; a wire story with no headline that opens on its
dateline; itineraries told in the future ("will visit ... to attend", "will be represented by", "will hold talks
with", "will also share views on") and a question ("attention is drawn to whether the two sides will agree ..."),
none of them a pledge; a meeting still to come dated by a month and day without its year ("will host ... on
February 12" in a story of February 4). The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, meeting_props, pledges, title_and_kind

from extractors.rules.dates import find_dates

# -- 1. a news story told by attribution, without quotation or byline ----------------------------------------


def test_attribution_on_a_day_to_a_government_or_a_source_is_news() -> None:
    for text in (
        "Written: 2031-05-02 09:10:11Updated: 2031-05-02 10:00:00\n\nDefense Chief to Visit Seoul\n\n"
        "The Defense Minister will travel to Washington next week for talks with his counterpart.",
        "Allies Plan Talks\n\nThe Pentagon said on Friday in a statement that the secretary would travel to Seoul "
        "for the annual talks.",
        "North Korea fires missile\n\nNorth Korea fired a missile on Sunday, the Japanese government said. The "
        "projectile fell outside the zone, according to a Japanese government source.",
        "Allies to meet\n\nOfficials discussed the threat by telephone. Park was quoted as saying by the ministry "
        "that the launches were a challenge.",
        "Ministers tour border\n\n(NEWSWIRE) - The two defense chiefs visited the border area on Monday.",
    ):
        assert title_and_kind(text)[1] == "news", text


def test_a_readout_that_dates_what_its_principal_did_stays_other() -> None:
    for text in (
        "Readout of the Secretary's Meeting\n\nOn Tuesday, the Secretary met the Minister at the Pentagon to discuss "
        "the alliance. The two leaders reviewed progress on the deterrence posture.",
        "Secretary meets Minister\n\n(Photo) - the Secretary and the Minister at the ministry. The two discussed "
        "the security situation.",
    ):
        assert title_and_kind(text)[1] == "other", text


# -- 2. a section label, a source line or a dateline's lead is no title ---------------------------------------


def test_section_label_source_line_and_dateline_lead_are_no_title() -> None:
    for text, title in (
        (
            "DoD News\n\nNews Article\n\nPentagon Rejects Claim on Stranded Vessel\n\nBy Sam Example\n\n"
            "OSLO, Norway, May 3, 1999 - The secretary rejected the claim, he said.",
            "Pentagon Rejects Claim on Stranded Vessel",
        ),
        (
            "Reuters March 2, 2011\nAllies hold talks after rocket firing\nBy Jo Example\nThe allies held talks "
            "on Wednesday, officials said.",
            "Allies hold talks after rocket firing",
        ),
        (
            "BUSAN, May 12 (NEWSWIRE) - Defense chiefs of the two allies will meet in Busan next month, the "
            "ministry said Monday.\nThe meeting will review the combined defense posture and the transfer of "
            "wartime operational control, officials of the ministry said.",
            None,
        ),
    ):
        assert title_and_kind(text)[0] == title, text


def test_a_headline_naming_an_agency_stays_the_title() -> None:
    for text in (
        "Reuters says allies agree on drills\n\nThe allies agreed on drills, the agency said Tuesday.",
        "Missile fired into sea, AP reports\n\nA missile fell into the sea on Monday, officials said.",
    ):
        title = title_and_kind(text)[0]
        assert title is not None and title == text.split("\n", 1)[0], (text, title)


# -- 3. an itinerary or a question in the future is no pledge -------------------------------------------------


_DAY = dt.date(2031, 11, 2)


def _pledge_texts(text: str) -> list[str]:
    return [evidence for _, _, evidence in pledges(extract_text(text, _DAY))]


def test_itinerary_of_a_meeting_is_no_pledge() -> None:
    for text in (
        "U.S. Secretary of Defense Pat Smith will visit South Korea this week to attend the annual Security "
        "Consultative Meeting on the alliance.",
        "The Pentagon said Smith will depart on an overseas trip on Monday to attend the 63rd Security Consultative "
        "Meeting and visit U.S. troops.",
        "The United States will be represented by Secretary Smith and other military officials at the alliance "
        "talks.",
        "Minister Kim Min-soo will hold talks with Secretary Smith for their annual alliance meeting on defense.",
        "The defense chiefs of the two allies will meet in Seoul next week to review the alliance.",
        "They will also share views on the transfer of wartime operational control to South Korea.",
        "Officials of the three countries will conduct a trilateral defense ministerial soon on missile defense.",
    ):
        assert not _pledge_texts(text), text


def test_a_question_whether_the_sides_will_agree_is_no_pledge() -> None:
    for text in (
        "Attention is turning to whether the two sides will agree to a test of wartime operational control "
        "transfer next year.",
        "Questions remain over whether the allies would expand their combined exercises in the spring.",
    ):
        assert not _pledge_texts(text), text


def test_pledges_in_the_future_stay_pledges() -> None:
    for text in (
        "The two ministers said the allies will conduct combined exercises on a larger scale next year.",
        "The United States will hold regular consultations with the ROK on extended deterrence, the secretary said.",
        "Regardless of whether the North returns to talks, the United States will maintain its commitment to the "
        "defense of the ROK.",
    ):
        assert _pledge_texts(text), text


# -- 4. a month and day told as ahead keeps the story's year --------------------------------------------------


def test_day_of_a_meeting_told_as_ahead_keeps_the_story_year() -> None:
    day = dt.date(2031, 2, 4)
    for text in (
        "The Secretary of State will host the two foreign ministers for a U.S.-Japan-ROK Trilateral Ministerial "
        "Meeting in Honolulu on February 12.",
        "Officials said the Secretary will host his Japanese and South Korean counterparts for a trilateral "
        "ministerial meeting in Tokyo on March 1.",
    ):
        got = [d.date for d in find_dates(text, day) if d.partial]
        assert got and all(d.year == 2031 for d in got), (text, got)
        meetings = meeting_props(extract_text(text, day))
        assert any(str(props.get("date", "")).startswith("2031-") for props in meetings.values()), meetings


def test_a_day_told_in_the_past_or_far_ahead_looks_back() -> None:
    day = dt.date(2031, 2, 4)
    for text, expected in (
        ("The allies held a trilateral meeting in Honolulu on February 12.", dt.date(2030, 2, 12)),
        ("The ministers will respond to the launch on December 28 with new measures.", dt.date(2030, 12, 28)),
    ):
        got = [d.date for d in find_dates(text, day) if d.partial]
        assert got == [expected], (text, got)
