"""News reports of the alliance's meetings and of DPRK provocations (issue 15, items 2, 3 and 10), probed in round
twelve.

Shapes of stored public news copies nobody had read before: a broadcaster's page stamped "Written: <date> <time>"
that reports a ministry's statement "on Friday"; a wire lead that opens with its agency in brackets; a Japanese
agency's story attributing to "the Japanese government" and "a government source"; a trade site's story that passes
on a quotation ("X was quoted as saying by the ministry"); an archive page whose section label "DoD News" and a
reprint whose "Reuters <date>" source line stand above the headline, a broadcaster's section label ("Politics") and
its time stamp ("Written: ..."); itineraries told in the future ("will visit ... to attend", "will be represented
by", "will hold talks with", "will also share views on") and a question ("attention is drawn to whether the two
sides will agree ..."), none of them a pledge; a meeting still to come dated by a month and day without its year
("will host ... on February 12" in a story of February 4). The sentences are written for the tests; none is copied
from a source.
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


# -- 2. a section label or a wire's source line is no title --------------------------------------------------


def test_section_label_and_source_line_are_no_title() -> None:
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
            "National\n\nWritten: 2031-03-02 10:11:12Updated: 2031-03-02 11:00:00\n\nMinister to Visit Washington "
            "for Annual Talks\n\nPhoto : YONHAP News\n\nThe minister will travel to Washington next week, the "
            "ministry said on Monday.",
            "Minister to Visit Washington for Annual Talks",
        ),
    ):
        assert title_and_kind(text)[0] == title, text


def test_a_headline_naming_an_agency_stays_the_title() -> None:
    for text in (
        "Politics of deterrence\n\nThe allies argued over deterrence on Monday, officials said.",
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
        "The United States will be represented by Secretary Smith and other military officials at the alliance talks.",
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


# -- 5. an unnumbered SCM given its own day by a schedule word is the reference's meeting of that day ----------


def test_scm_scheduled_on_a_day_is_the_reference_meeting_of_that_day() -> None:
    for text, day, label in (
        (
            "The annual talks of the two defense chiefs, known as the Security Consultative Meeting (SCM), are "
            "scheduled to take place in Washington on Oct. 14, the minister told lawmakers on Wednesday.",
            dt.date(2020, 10, 7),
            "52nd SCM",
        ),
        (
            "The minister said the annual Security Consultative Meeting will be held in Seoul on November 2 to "
            "review the alliance, the ministry said Monday.",
            dt.date(2015, 10, 26),
            "47th SCM",
        ),
    ):
        got = meeting_props(extract_text(text, day))
        assert label in got, (text, got)


def test_an_scm_on_a_day_the_reference_holds_none_stays_unnumbered() -> None:
    # the reference holds no SCM on June 3, 2020; an SCM recalled as held "on Oct. 14" a year before is another day
    for text, day in (
        (
            "The annual Security Consultative Meeting is scheduled to take place in Seoul on June 3, officials said "
            "Monday.",
            dt.date(2020, 5, 25),
        ),
        (
            "Since the Security Consultative Meeting, which took place in Washington in the autumn, the two sides have "
            "met twice, officials said Monday.",
            dt.date(2021, 3, 1),
        ),
    ):
        got = meeting_props(extract_text(text, day))
        assert not any(props.get("ordinal") for props in got.values()), (text, got)


# -- 6. a year written before an exercise's name dates it by that year ----------------------------------------


def _exercise_labels(text: str, day: dt.date) -> set[str]:
    from graph.schema import Kind

    return {n.label for n in extract_text(text, day).nodes if n.kind == Kind.EXERCISE}


def test_year_before_an_exercise_names_that_year() -> None:
    for text, day, label in (
        (
            "Officials said no decision had been made on whether to hold the 1994 ″Team Spirit″ exercises.",
            dt.date(1993, 10, 22),
            "Team Spirit 1994",
        ),
        (
            "The government decided not to hold the 1992 Team Spirit, the ministry said Tuesday.",
            dt.date(1992, 1, 7),
            "Team Spirit 1992",
        ),
        (
            "Planners reviewed the 2017 Ulchi Freedom Guardian exercise before the summer.",
            dt.date(2017, 5, 2),
            "Ulchi Freedom Guardian 2017",
        ),
    ):
        assert label in _exercise_labels(text, day), text


def test_a_year_ending_a_phrase_before_the_name_is_not_its_year() -> None:
    for text, day in (
        ("In 1994, Team Spirit was called off as talks went on.", dt.date(1996, 3, 1)),
        ("The drills, held every spring since 1976 Team Spirit began, were called off.", dt.date(1994, 3, 3)),
    ):
        assert _exercise_labels(text, day) == {"Team Spirit"}, text


# -- 7. a "Trilateral Ministerial Meeting" of foreign ministers ----------------------------------------------


def test_trilateral_ministerial_meeting_of_foreign_ministers_is_theirs() -> None:
    day = dt.date(2031, 2, 4)
    for text in (
        "The Secretary of State will host Foreign Minister Sato and Foreign Minister Kim for a U.S.-Japan-Republic "
        "of Korea Trilateral Ministerial Meeting in Honolulu on February 12.",
        "Foreign ministers of the three countries held a Trilateral Ministerial Meeting in Tokyo on January 30.",
    ):
        labels = set(meeting_props(extract_text(text, day)))
        assert any(label.startswith("Trilateral foreign ministers' meeting") for label in labels), (text, labels)


def test_trilateral_ministerial_meeting_of_defense_ministers_stays_theirs() -> None:
    day = dt.date(2031, 2, 4)
    for text in (
        "Defense Minister Kim and Secretary of Defense Smith held a Trilateral Ministerial Meeting with their "
        "Japanese counterpart in Singapore on January 30.",
        "The Trilateral Ministerial Meeting in Singapore on January 30 brought the three defense ministers together, "
        "while the Secretary of State was in Tokyo.",
    ):
        labels = set(meeting_props(extract_text(text, day)))
        assert any(label.startswith("Trilateral defense ministers' meeting") for label in labels), (text, labels)


# -- 8. the heads of an SCM a story announces -----------------------------------------------------------------


def test_heads_of_an_scm_a_story_announces_are_confirmed() -> None:
    from extraction_probe import heads, meeting_nodes

    for text, day, label in (
        (
            "Secretary of Defense Lloyd Austin will depart on Tuesday to attend the 53rd Security Consultative "
            "Meeting (SCM), the Pentagon said on Friday. This year's meeting will be attended by Defense Minister "
            "Suh Wook.",
            dt.date(2021, 11, 28),
            "53rd SCM",
        ),
        (
            "Defense Minister Shin Won-sik will host Secretary of Defense Lloyd Austin for the 55th Security "
            "Consultative Meeting (SCM) in Seoul next week, the ministry said Sunday.",
            dt.date(2023, 11, 5),
            "55th SCM",
        ),
    ):
        graph = extract_text(text, day)
        node = meeting_nodes(graph)[label]
        assert len(heads(graph, node)) == 2, (text, heads(graph, node))
        assert node.props.get("date") is None  # a meeting still to come stays undated


def test_an_scm_a_year_ahead_confirms_no_heads() -> None:
    from extraction_probe import heads, meeting_nodes

    text = (
        "Defense Minister Suh Wook and Secretary of Defense Lloyd Austin agreed that the 54th Security Consultative "
        "Meeting will be held in Washington next year, the ministry said on Thursday."
    )
    graph = extract_text(text, dt.date(2021, 12, 2))
    nodes = meeting_nodes(graph)
    assert all(not heads(graph, node) for label, node in nodes.items() if label.startswith("54th")), nodes


# -- 9. the two ministers a report says meet on the day of an SCM are that SCM --------------------------------


def test_ministers_meeting_on_the_day_of_an_scm_is_that_scm() -> None:
    from extraction_probe import heads, meeting_nodes

    for text, day, label in (
        (
            "The allies will formally halt next year's exercises when their defense secretaries, Les Aspin and Kwon "
            "Young-hae, meet in Seoul Nov. 3-4 for talks, the agency said.",
            dt.date(1993, 10, 22),
            "25th SCM",
        ),
        (
            "Defense Minister Han Min-koo will hold talks with Secretary of Defense Chuck Hagel in Washington on "
            "Oct. 23, officials said Monday.",
            dt.date(2014, 10, 20),
            "46th SCM",
        ),
    ):
        graph = extract_text(text, day)
        nodes = meeting_nodes(graph)
        assert label in nodes, (text, set(nodes))
        assert len(heads(graph, nodes[label])) == 2, (text, heads(graph, nodes[label]))


def test_ministers_meeting_on_another_day_is_no_scm() -> None:
    for text, day in (
        # the reference holds no SCM on January 31, 2023
        (
            "Defense Minister Lee Jong-sup will hold talks with Secretary of Defense Lloyd Austin in Seoul on Jan. 31, "
            "officials said Friday.",
            dt.date(2023, 1, 27),
        ),
        # the day of the 25th SCM, but not its heads
        (
            "Foreign Minister Han Sung-joo and Secretary of State Warren Christopher will meet in Seoul Nov. 3 for "
            "talks, officials said.",
            dt.date(1993, 10, 22),
        ),
    ):
        got = meeting_props(extract_text(text, day))
        assert not any(props.get("series") == "SCM" for props in got.values()), (text, got)


# -- 10. provocations in a reporter's words ------------------------------------------------------------------


def _ids(text: str, day: dt.date) -> set[str]:
    from extraction_probe import incidents

    return incidents(text, day)


def test_a_grounded_submarine_and_the_norths_launch_of_the_day() -> None:
    for text, day, expected in (
        (
            "Officials found the grounded submarine and the bodies of its crew on the shore on Sept. 18.",
            dt.date(1996, 9, 30),
            "gangneung-submarine-infiltration-1996",
        ),
        (
            "The manhunt began after a North Korean submarine ran aground on Sept. 18 off the east coast.",
            dt.date(1996, 9, 24),
            "gangneung-submarine-infiltration-1996",
        ),
        (
            "The undersecretary said North Korea's launch was a clear violation of the resolutions, the statement "
            "said.",
            dt.date(2012, 12, 12),
            "unha-3-launch-2012",
        ),
    ):
        assert expected in _ids(text, day), text


def test_a_first_test_since_a_year_is_not_that_years_test() -> None:
    day = dt.date(2023, 2, 1)
    for text in (
        "Officials warned that Pyongyang may be gearing up for its first nuclear test since 2017.",
        "Analysts said the North is preparing for its first nuclear test since 2017.",
    ):
        assert "prk-nuclear-test-6" not in _ids(text, day), text
    # a test dated by its year stays that year's
    assert "prk-nuclear-test-6" in _ids("The 2017 nuclear test was its largest, officials said.", day)


def test_related_coverage_headlines_name_no_incident_of_the_story() -> None:
    text = (
        "North Korea fires missile\n\nNorth Korea fired a short-range missile on Sunday, the military said.\n\n"
        "Related coverage:\n\nNorth Korea says it launched Hwasong-17 ICBM as warning\n\nU.N. chief condemns "
        "North Korea's latest ICBM test-launch\n"
    )
    ids = _ids(text, dt.date(2023, 3, 19))
    assert "hwasong-17-launch-2022-11-18" not in ids and "hwasong-15-launch-2023-02-18" not in ids, ids
    # without the label, the same lines are the story's own
    assert "hwasong-17-launch-2022-11-18" in _ids(text.replace("Related coverage:\n\n", ""), dt.date(2023, 3, 19))


# -- 11. an exercise skipped; a decision denied -------------------------------------------------------------


def test_skipping_an_exercise_is_a_suspension() -> None:
    from extraction_probe import extract_text as extract

    for text in (
        "The United States and South Korea will skip their annual joint military exercises next year, a report said.",
        "The two governments agreed to forgo the combined exercise this year, the ministry said.",
    ):
        graph = extract(text, dt.date(1993, 10, 22))
        stances = {str(n.props.get("stance")) for n in graph.nodes if n.kind == "Commitment"}
        assert stances == {"suspended"}, (text, stances)


def test_a_decision_denied_is_no_pledge() -> None:
    day = dt.date(1993, 10, 22)
    for text in (
        "The minister told parliament today that no formal decision has been made on whether to hold the combined "
        "exercises.",
        "The spokesman told reporters that there was no plan to expand the combined exercises.",
    ):
        assert not pledges(extract_text(text, day)), text
    for text in (
        "The minister told lawmakers that the allies had made a decision to expand the combined exercises.",
        "The minister told reporters that the plan to expand combined exercises next year stands.",
    ):
        assert pledges(extract_text(text, day)), text


# -- 12. a wire's weekday after the place it names -----------------------------------------------------------


def test_weekday_after_the_place_dates_the_leaders_meeting() -> None:
    for text, day, label in (
        (
            "The move was agreed on between President Bush and his South Korean counterpart, Roh Tae Woo, at a "
            "meeting in Seoul Monday.",
            dt.date(1992, 1, 7),
            "ROK-U.S. summit, 1992-01-06",
        ),
        (
            "President Clinton and President Kim Young-sam agreed to the plan when they met in Washington Tuesday.",
            dt.date(1995, 7, 28),
            "ROK-U.S. summit, 1995-07-25",
        ),
    ):
        assert label in meeting_props(extract_text(text, day)), text


def test_a_feast_day_after_in_is_no_date() -> None:
    for text in ("Crowds gathered in Good Friday processions.", "Shoppers lined up in Black Friday sales."):
        assert not find_dates(text, dt.date(2031, 4, 20)), text


def test_an_exercise_called_off_is_suspended() -> None:
    graph = extract_text(
        "South Korea and the United States agreed that their annual combined exercise would be called off this "
        "year, the defense ministry said.",
        dt.date(1992, 1, 7),
    )
    stances = {str(n.props.get("stance")) for n in graph.nodes if n.kind == "Commitment"}
    assert stances == {"suspended"}, stances


# -- 13. what the North is obliged to do, reaffirmed, is no pledge of the allies ------------------------------


def test_the_norths_obligation_reaffirmed_is_no_pledge() -> None:
    day = dt.date(2031, 12, 9)
    for text in (
        "The three advisers reaffirmed Saturday that North Korea is obliged under the resolutions to abandon its "
        "nuclear weapons program, the adviser said.",
        "The ministers reaffirmed North Korea's obligation under the resolutions to denuclearize completely.",
        "The envoys reiterated the DPRK's commitments under the 2005 Joint Statement to abandon nuclear weapons.",
    ):
        assert not pledges(extract_text(text, day)), text


def test_a_day_before_that_keeps_the_allies_pledge() -> None:
    day = dt.date(2031, 12, 9)
    for text, party in (
        ("The defense chiefs agreed Tuesday that the allies will expand combined exercises next year.", "KOR+USA"),
        (
            "The ministers reaffirmed on Friday that the United States remains committed to the defense of the ROK.",
            "USA",
        ),
        ("The Secretary reaffirmed the United States' commitment to the defense of the ROK.", "USA"),
    ):
        got = {p for _, p, _ in pledges(extract_text(text, day))}
        assert got == {party}, (text, got)


# -- 14. the leaders or ministers a story says met are the heads of their meeting ------------------------------


def test_leaders_and_ministers_a_story_says_met_are_their_meetings_heads() -> None:
    from extraction_probe import heads, meeting_nodes

    for text, day, label, expected in (
        (
            "The move was agreed on between President Bush and his South Korean counterpart, Roh Tae Woo, at a "
            "meeting in Seoul Monday.",
            dt.date(1992, 1, 7),
            "ROK-U.S. summit, 1992-01-06",
            {"George H. W. Bush", "Roh Tae-woo"},
        ),
        (
            "Defense Minister Lee Jong-sup and Secretary of Defense Lloyd Austin met in Singapore on June 11 to "
            "discuss the alliance, the ministry said.",
            dt.date(2022, 6, 12),
            "ROK-U.S. defense ministers' meeting, 2022-06-11",
            {"Lee Jong-sup", "Lloyd Austin"},
        ),
    ):
        graph = extract_text(text, day)
        nodes = meeting_nodes(graph)
        assert label in nodes, (text, set(nodes))
        assert heads(graph, nodes[label]) == expected, (text, heads(graph, nodes[label]))


def test_leaders_on_the_telephone_hold_no_summit_with_heads() -> None:
    from extraction_probe import meeting_nodes

    text = (
        "President Obama and President Lee agreed on Tuesday to respond firmly to the test. The agreement came in a "
        "telephone conversation between the two leaders."
    )
    assert not meeting_nodes(extract_text(text, dt.date(2013, 2, 13)))
