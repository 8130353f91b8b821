"""News reports of the alliance's meetings (issue 15, items 2, 3 and 10), probed in round eleven.

Shapes of stored public news copies: agency wires hard-wrapped under a headline, a byline and a dateline; defense
news stories that quote the secretary; a newspaper page whose photo caption ends in its agency's credit in
brackets; a regional paper's page that opens with a list of other headlines; a story that counts the SCM "the 38th
since 1968", one that names "the Security Consultative Meeting held here" on the day it met, one that names the
Military Committee Meeting "hours earlier" without its number, one that names an APEC gathering "the international
summit"; a nuclear test told as a "nuclear weapon test" or an "underground atomic explosion"; a cruise-missile
firing followed by "the missile launch". The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, incidents, meeting_props, title_and_kind

from extractors.readers import read_bytes
from extractors.rules import extract_document
from graph.model import GraphData
from graph.schema import Kind, is_a


def _read(text: str) -> GraphData:
    return extract_document(read_bytes(text.encode(), suffix=".txt"))


def _catalogued(text: str, day: dt.date) -> set[str]:
    """Catalogue ids of the incidents and outside agreements a news text of ``day`` names."""
    graph = extract_text(text, day)
    return {
        str(n.props.get("notation"))
        for n in graph.nodes
        if (is_a(n.kind, Kind.INCIDENT) or n.kind == Kind.AGREEMENT) and n.props.get("notation")
    }


def _meetings(graph: GraphData) -> dict[str, dict[str, object]]:
    return dict(meeting_props(graph))


# -- 1. an ordinal counted from the year the series began ---------------------------------------------------


def test_scm_counted_since_its_first_year_takes_that_ordinal() -> None:
    for text, day, label in (
        (
            "The ministers met in Washington for the annual Security Consultative Meeting (SCM), the 38th since 1968, "
            "as tension over the North ran high.",
            dt.date(2006, 10, 21),
            "38th SCM",
        ),
        (
            "Talks opened at the defense ministry for the Security Consultative Meeting, the 45th since 1968, with "
            "deterrence on the agenda.",
            dt.date(2013, 10, 3),
            "45th SCM",
        ),
    ):
        got = _meetings(extract_text(text, day))
        assert label in got, (text, got)
        assert got[label]["series"] == "SCM"


def test_a_count_from_another_year_is_no_series_ordinal() -> None:
    # the EDSCG began in 2016: "the second since 2018" counts from a pause; the SCM did not begin in 1990
    graph = extract_text(
        "Officials met for the EDSCG meeting, the second since 2018, in Seoul. Reporters recalled the Security "
        "Consultative Meeting, the 23rd since 1990, as a turning point.",
        dt.date(2022, 9, 17),
    )
    got = _meetings(graph)
    assert not any(props.get("ordinal") in (2, 23) for props in got.values()), got


# -- 2. a gathering of many states called a summit is no summit of the allies ---------------------------------


def test_international_or_multilateral_summit_is_no_allies_summit() -> None:
    for text, day in (
        (
            "They agreed to share terror intelligence during the international summit on Nov. 18-19.",
            dt.date(2005, 10, 21),
        ),
        (
            "The two presidents will attend the multilateral summit in Jakarta on Oct. 7, officials said.",
            dt.date(2013, 9, 30),
        ),
        ("Security will be tight for the regional summit on June 3, the ministry said.", dt.date(2031, 5, 20)),
    ):
        graph = extract_text(text, day)
        assert not [label for label, p in _meetings(graph).items() if p.get("series") == "Summit"], text


def test_the_allies_summit_is_still_a_summit() -> None:
    graph = extract_text(
        "President Yoon Suk Yeol and President Joe Biden held a summit in Seoul on May 21, 2022, and agreed to "
        "expand the alliance.",
        dt.date(2022, 5, 22),
    )
    assert any(p.get("series") == "Summit" for p in _meetings(graph).values())


# -- 3. a nuclear test in a reporter's words ---------------------------------------------------------------------


def test_nuclear_weapon_test_and_atomic_explosion_are_nuclear_tests() -> None:
    assert "prk-nuclear-test-1" in incidents(
        "The ministers met amid heightened tension over North Korea's nuclear weapon test.", dt.date(2006, 10, 21)
    )
    assert "prk-nuclear-test-2" in incidents(
        "The country set off its second underground atomic explosion in May.", dt.date(2009, 10, 22)
    )
    assert "prk-nuclear-test-6" in incidents(
        "Seoul condemned the atomic blast the North set off in September.", dt.date(2017, 10, 20)
    )


def test_a_test_not_known_to_have_happened_is_none() -> None:
    for text in (
        "Any further atomic explosion would be met with sanctions.",
        "The treaty bans atomic tests, the minister said.",
        "Officials warned of a possible nuclear weapon test.",
    ):
        assert incidents(text, dt.date(2017, 10, 20)) == set(), text


# -- 4. "the missile launch" after a firing of another class ---------------------------------------------------


def test_missile_launch_after_cruise_missiles_is_not_the_latest_icbm() -> None:
    for text, day in (
        (
            "Kim Jong Un directed the firing of strategic cruise missiles from a warship, state media said Monday. "
            "The report did not give the date of the missile launch.",
            dt.date(2023, 8, 21),
        ),
        (
            "The North fired two cruise missiles into the Yellow Sea, the military said. "
            "The missile launch came hours after the drills began.",
            dt.date(2023, 8, 22),
        ),
    ):
        assert not any(i.startswith("hwasong") for i in incidents(text, day)), text


def test_missile_launch_after_a_named_icbm_keeps_it() -> None:
    got = incidents(
        "The allies condemned the ICBM launch of July 12. The missile launch violated council resolutions.",
        dt.date(2023, 7, 14),
    )
    assert "hwasong-18-launch-2023-07-12" in got


# -- 5. a wire's byline and dateline are never the headline's tail -------------------------------------------------


def test_byline_and_dateline_open_their_own_paragraphs_in_wrapped_wire_copy() -> None:
    wire = (
        "Allies open annual defense talks over the North's nuclear program\n\n"
        "By Jae Example\n"
        "SEOUL, Oct. 22 (Agency) -- The top defense officials of the two allies began their annual talks on\n"
        "Thursday as they sought to curb the North's ambitions to expand its nuclear and missile programs, officials\n"
        "said, adding that the talks at the defense ministry would run for more than two hours this morning and\n"
        "that the commanders of both countries would attend part of the session, which began at nine.\n"
    )
    title, kind = title_and_kind(wire)
    doc = read_bytes(wire.encode(), suffix=".txt")
    assert doc.title == "Allies open annual defense talks over the North's nuclear program", doc.title
    assert doc.kind == "news"
    story = (
        "Chairman Discusses Progress With Counterpart\n"
        "SEOUL, November 1, 2031 — The border is just a short drive from the capital, and that fact colors all\n"
        "the talks between the two chairmen, who met here today to discuss the security issues that face the\n"
        "peninsula and the way ahead for the alliance, a spokesman said after the morning session at the ministry.\n"
    )
    doc = read_bytes(story.encode(), suffix=".txt")
    assert doc.title == "Chairman Discusses Progress With Counterpart", doc.title
    assert doc.kind == "news"
    assert title is not None


def test_a_sentence_opening_with_by_is_no_byline() -> None:
    text = (
        "Allies review the combined defense posture in annual meeting\n"
        "By contrast with last year, the talks were short and the two sides agreed on most of the items within\n"
        "an hour, officials said on Thursday after the meeting at the ministry in the capital, where reporters\n"
        "waited for the joint statement, which was issued in the early afternoon after a delay of two hours.\n"
    )
    doc = read_bytes(text.encode(), suffix=".txt")
    assert doc.title == "Allies review the combined defense posture in annual meeting"


# -- 6. a story that quotes and attributes is news ---------------------------------------------------------------


def test_attributed_quotation_makes_a_story_news() -> None:
    for text in (
        "Allies Say Alliance Is Rock-Solid\n\n"
        "The two defense leaders met today at the Pentagon. “The alliance keeps us all safe,” Austin said.\n",
        "Ministers arrive for talks\n\n"
        "“The ministers will explore ways to coordinate our response,” the State Department said last week.\n",
    ):
        assert title_and_kind(text)[1] == "news", text


def test_readout_without_quotation_is_not_news() -> None:
    text = (
        "Readout of the Secretary's Meeting With the Minister\n\n"
        "The Secretary met the Minister today at the Pentagon. The Secretary said the alliance remains strong.\n"
    )
    assert title_and_kind(text)[1] != "news"


# -- 7. a caption's bracketed credit and a list of other headlines are never the title ----------------------------


def test_caption_with_bracketed_credit_and_headline_list_are_not_titles() -> None:
    for text, title in (
        (
            "Envoy says consultative group likely to meet soon\n\n"
            "Home > National > Diplomacy\n\n"
            "The ambassador speaks during a press conference with reporters in Washington on Wednesday. [NEWS1]\n\n"
            "The inaugural meeting of the group will likely be held soon, the ambassador said on Wednesday.\n",
            "Envoy says consultative group likely to meet soon",
        ),
        (
            "- Assembly passes the budget bill\n"
            "- Local team wins the final in extra time\n"
            "- Storm expected over the weekend\n"
            "Allies likely to hold first group session in Seoul this month\n"
            "The allies are likely to hold the inaugural session of the group later this month, officials said.\n",
            "Allies likely to hold first group session in Seoul this month",
        ),
        (
            "Defense chiefs to hold annual talks next week\n\n"
            "The three ministers are seen in this composite file photo taken at an earlier meeting. (Yonhap)\n\n"
            "The defense chiefs will hold their annual talks next week, the ministry said on Thursday.\n",
            "Defense chiefs to hold annual talks next week",
        ),
    ):
        assert title_and_kind(text)[0] == title, text


def test_a_headline_ending_in_a_bracketed_label_stays_a_title() -> None:
    text = "Allies agree on new talks [UPDATED]\n\nThe allies agreed on Monday to hold new talks, officials said.\n"
    assert title_and_kind(text)[0] == "Allies agree on new talks [UPDATED]"


# -- 8. the meeting of the story's day -------------------------------------------------------------------------------


def test_unnumbered_scm_held_on_the_story_day_is_the_reference_meeting() -> None:
    for text, day, label in (
        (
            "SEOUL, Sept. 21, 2000 – The Korea-U.S. Security Consultative Meeting held here is starting to address "
            "the changes in the region.",
            dt.date(2000, 9, 21),
            "32nd SCM",
        ),
        (
            "The defense chiefs met on the day's agenda at length. The two reached the agreement at the annual "
            "Security Consultative Meeting, according to a joint communique.",
            dt.date(2012, 10, 24),
            "44th SCM",
        ),
    ):
        got = _meetings(extract_text(text, day))
        assert label in got, (text, got)
        assert got[label]["date"] is not None


def test_scm_as_an_institution_or_on_another_day_is_not_numbered() -> None:
    for text, day in (
        (
            "The ministers praised the Security Consultative Meeting, held annually since 1968, as the alliance's "
            "main forum.",
            dt.date(2012, 10, 24),
        ),
        (
            "The two reached the agreement at the annual Security Consultative Meeting, officials recalled.",
            dt.date(2012, 6, 1),
        ),
    ):
        got = _meetings(extract_text(text, day))
        assert not any(p.get("series") == "SCM" and p.get("ordinal") for p in got.values()), (text, got)


def test_a_communique_is_not_numbered_by_its_date_alone() -> None:
    graph = extract_text(
        "The two reached the agreement at the annual Security Consultative Meeting, they noted.",
        dt.date(2012, 10, 24),
        kind="study",
    )
    assert "44th SCM" not in _meetings(graph)


# -- 9. the MCM a story names without its number -----------------------------------------------------------------------


def test_mcm_named_in_a_story_about_a_numbered_scm_is_the_one_held_with_it() -> None:
    for text, day, label in (
        (
            "The 41st Security Consultative Meeting opened in Seoul on Thursday. In the Military Committee Meeting "
            "hours earlier, the two chairmen shared intelligence on the North.",
            dt.date(2009, 10, 22),
            "31st MCM",
        ),
        (
            "The defense chiefs opened the 44th Security Consultative Meeting in Washington. The chairmen of the "
            "joint chiefs had held the Military Committee Meeting before it.",
            dt.date(2012, 10, 24),
            "36th MCM",
        ),
    ):
        got = _meetings(extract_text(text, day))
        assert label in got, (text, got)


def test_mcm_without_a_numbered_scm_stays_unnumbered() -> None:
    graph = extract_text(
        "The chairmen of the joint chiefs met for the Military Committee Meeting, officials said.",
        dt.date(2012, 6, 1),
    )
    got = _meetings(graph)
    assert not any(p.get("series") == "MCM" and p.get("ordinal") for p in got.values()), got
    assert not any(is_a(n.kind, Kind.MEETING) and n.props.get("ordinal") for n in graph.nodes)


# -- 10. a weekday counted from the story's date is of that week, never of another year ----------------------------


def test_weekday_of_the_story_is_no_agreement_of_another_year() -> None:
    # the Agreed Framework was signed on October 21, 1994; the inter-Korean agreement on August 25, 2015
    for text, day in (
        (
            "South Korea and the United States have agreed to speed up talks on transferring wartime control, the "
            "allies' defense chiefs said Friday.",
            dt.date(2005, 10, 21),
        ),
        (
            "The two Koreas agreed to hold new talks on family reunions, officials said Monday.",
            dt.date(2031, 8, 25),
        ),
    ):
        got = _catalogued(text, day)
        assert not got & {"agreed-framework-1994", "inter-korean-agreement-2015-08-25"}, (text, got)


def test_a_day_written_without_its_year_still_names_the_agreement_of_another_year() -> None:
    got = _catalogued(
        "On March 12, North Korea announced it would leave the Treaty on the Non-Proliferation of Nuclear Weapons, "
        "a step the ministers recalled today.",
        dt.date(2031, 10, 23),
    )
    assert "npt-withdrawal-announcement-1993" in got
    got = _catalogued(
        "The allies recalled the framework agreement signed in Geneva on October 21 with the North, officials said.",
        dt.date(2031, 10, 23),
    )
    assert "agreed-framework-1994" in got


# -- 11. a day that opens the sentence dates the summit the sentence names -------------------------------------------


def test_fronted_day_dates_the_summit_named_without_its_own() -> None:
    for text, day, label in (
        (
            "On April 26, President Yoon Suk Yeol and U.S. President Joe Biden signed the Washington Declaration "
            "during their bilateral summit, which created the group.",
            dt.date(2023, 6, 29),
            "ROK-U.S. summit, 2023-04-26",
        ),
        (
            "On May 21, President Yoon Suk Yeol and President Joe Biden adopted a joint statement at their first "
            "summit, officials recalled.",
            dt.date(2022, 6, 2),
            "ROK-U.S. summit, 2022-05-21",
        ),
    ):
        got = _meetings(extract_text(text, day))
        assert label in got, (text, got)


def test_a_day_said_of_the_story_still_dates_no_summit() -> None:
    graph = extract_text(
        "Officials said Monday that President Yoon Suk Yeol and President Joe Biden had agreed at their summit last "
        "month to expand the drills.",
        dt.date(2031, 6, 23),
    )
    assert not any("2031-06-23" in label for label in _meetings(graph))
