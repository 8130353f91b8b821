"""Studies and reports about the alliance (issue 15, item 10), probed in round twelve.

Shapes of stored public study texts: a congressional research report's cover (its authors' posts on lines of
their own), an audit office's highlights page, think-tank pages with bracketed or glued footnote numbers and a
byline, a chronology of dated entries under a news site's label, a journal page with numbered endnotes that cite
titles in quotation marks, a markdown repost with its front matter, an analysis that recommends what the allies
"should" do, one that tells the two Koreas' pledges, summits of the North's leader with an ally's. The texts are
written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

from extraction_probe import extract_text, meeting_props, pledges

from extractors.readers import read_bytes
from extractors.rules import extract_document
from extractors.segment import split_sentences
from graph.model import GraphData
from graph.schema import Kind, is_a


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_bytes(text.encode(), suffix=".txt")


def _incident_ids(graph: GraphData) -> set[str]:
    return {str(n.props.get("notation")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


def _estimated(graph: GraphData) -> set[str]:
    return {str(n.props.get("date")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT) and n.props.get("estimated")}


# -- 1. a research office's report, a think tank's page, a chronology: studies -------------------------------------

CRS_COVER = """Alliance Burden Questions in Northeast Asia
Pat Example, Coordinator
Specialist in Asian Affairs
Lee Sample
Analyst in Defense Policy
March 4, 2031
Congressional Research Service

Summary
Relations between the two allies have been close since the last review. The two presidents met in Seoul and
discussed the cost of the forces stationed on the peninsula.
"""

AUDIT_HIGHLIGHTS = """FORCE POSTURE
Costs of the Forward Presence in the Region
Report to Congressional Committees
June 2031
GAO-31-118
What GAO Found
The department obligated large sums for its presence from 2027 through 2030. Officials updated: the figures are
estimates.
"""

THINK_TANK = """The Allies Should Rethink the Command Transition

Report Asia Policy

June 2, 2031 12 min read
Pat Example
Senior Research Fellow, Northeast Asia

Under the present plan,[1] the combined command would be led by a general of the other ally. Published estimates
differ.[2] The two governments set no date for the change.
"""

CHRONOLOGY_PAGE = """Latest News

Chronology of the Northern Missile Program

(Agency) – Developments in the program, updated:

_ Aug. 31, 1998: North Korea fires a rocket over Japan into the Pacific.
"""


def test_research_reports_and_chronologies_are_studies() -> None:
    for text in (CRS_COVER, AUDIT_HIGHLIGHTS, THINK_TANK, CHRONOLOGY_PAGE):
        assert _read(text).kind == "study", text[:60]


def test_a_signed_report_with_study_apparatus_is_a_study_a_signed_story_news() -> None:
    report = (
        "Keeping the Alliance Steady\n\nBy Pat Example and Lee Sample August 2031\n\nContents\n\n1 Introduction\n\n"
        "9 Recommendations\n\n12 Endnotes\n\nThe allies have kept their defense ties close through two elections.\n"
    )
    assert _read(report).kind == "study"
    story = (
        "Allies hold defense talks\n\nBy Pat Example\n\nThe defense chiefs met on Tuesday, officials said. "
        '"We are ready," said Lee Sample, a senior fellow at a research institute in Seoul.\n'
    )
    assert _read(story).kind == "news"


def test_a_fellow_quoted_in_a_sentence_makes_no_study() -> None:
    text = (
        'SEOUL, March 3 (Agency) -- The allies will hold their annual talks next week. "The timing matters," said '
        "Pat Example, a senior research fellow at an institute in Seoul.\n"
    )
    assert _read(text).kind == "news"


# -- 2. a chronology's entries and a study's events do not date the document ----------------------------------------


def test_a_chronology_entry_dates_its_entry_not_the_page() -> None:
    doc = _read(CHRONOLOGY_PAGE)
    assert doc.date is None
    doc = _read("Timeline of the Talks\n\n\u2022 July 15, 2006: The council adopts a resolution.\n")
    assert doc.date is None


def test_a_release_date_line_with_a_dash_still_dates_it() -> None:
    doc = _read(
        "Allies Condemn Shelling\n\nNov. 26, 2030 - On Nov. 23 the spokesman issued a statement condemning the "
        "attack on the island.\n"
    )
    assert doc.date == dt.date(2030, 11, 26)


def test_a_study_is_dated_by_its_heading_not_by_an_event_it_tells() -> None:
    doc = _read(
        "Nuclear Debates in Seoul\n\nBy Dr. Pat Example\n\nAbstract\n\nThis article examines the debate on nuclear "
        "options.\n\nOn 11 January 2031, the President announced that the country might reconsider its options.\n"
    )
    assert doc.kind == "study"
    assert doc.date is None
    doc = _read(
        "Missile Programs of the North\n\nThe following is the Jan. 23, 2031 Congressional Research Service In Focus "
        "report on the programs.\n\nIn a September 9, 2030, speech, the leader rejected talks.\n"
    )
    assert doc.date == dt.date(2031, 1, 23)


# -- 3. titles of study pages ----------------------------------------------------------------------------------------


def test_front_matter_names_a_markdown_repost() -> None:
    for text, title in (
        (
            "---\nlayout: post\ntitle : Alliance Choices After the Election\nauthor: Pat Example, et al.\n"
            "date  : 2031-01-19 12:00:00 +0800\n---\n\nThe election changed the agenda of the allies.\n",
            "Alliance Choices After the Election",
        ),
        (
            '---\ntitle: "Deterrence in the Next Decade"\ndescription: "Recommendations"\n---\n\nSome text.\n',
            "Deterrence in the Next Decade",
        ),
    ):
        assert _read(text).title == title


def test_page_labels_and_counters_are_never_the_title() -> None:
    for text, title in (
        (
            "Login/Logout\n\n*\n\nChronology of Arms Talks With the North\n\nSeptember 2031\n\nThe talks began.\n",
            "Chronology of Arms Talks With the North",
        ),
        (
            "Source: Getty\narticle\n\nElections and the Alliance\n\nThe vote may strain the alliance.\n\n"
            "by Pat Example\nPublished on October 26, 2030\n\nIntroduction\n\nThe vote reshaped the debate.\n",
            "Elections and the Alliance",
        ),
        (CHRONOLOGY_PAGE, "Chronology of the Northern Missile Program"),
    ):
        assert _read(text).title == title


_WRAPPED_BODY = (
    "The North has advanced its missile and nuclear\nprograms in recent years and has conducted\nmany launches from "
    "new sites across the country\nsince its leader came to power in 2012, and it\nhas tested new systems each year "
    "on a variety\nof platforms. Officials have said that other\nfacilities are likely to exist. Open-source "
    "reports\nidentified one such site near the capital. There\nis no public consensus on the size of the\n"
    "stockpile, and estimates differ by a wide margin\nbetween the agencies that have made them public.\n"
)


def test_a_first_section_heading_joined_to_the_title_is_cut_but_an_overview_title_kept() -> None:
    # a hard-wrapped report: the layout joins the title line and the heading under it
    for head, title in (
        ("Updated June 6, 2031\nThe Northern Missile Programs\nOverview\n\n", "The Northern Missile Programs"),
        ("Updated May 2, 2031\nThe Southern Defense Budget\nSummary\n\n", "The Southern Defense Budget"),
        ("Updated May 2, 2031\nThe Alliance: An Overview\n\n", "The Alliance: An Overview"),
    ):
        assert _read(head + _WRAPPED_BODY).title == title, head


# -- 4. footnote numbers glued to a sentence's end ------------------------------------------------------------------


def test_a_footnote_number_ends_its_sentence() -> None:
    for text, first in (
        (
            "The goals were set out in a speech.\u201d1 Toward these goals, the allies agreed to talk.",
            "The goals were set out in a speech.\u201d1",
        ),
        (
            "The plan was delayed to reassure Seoul.[2] Washington agreed to the delay.",
            "The plan was delayed to reassure Seoul.[2]",
        ),
        ("The leaders had not expected this.1 There was a debate in 2016.", "The leaders had not expected this.1"),
    ):
        spans = split_sentences(text)
        assert text[spans[0].start : spans[0].end] == first, text
        assert len(spans) == 2


def test_decimals_and_years_are_no_footnotes() -> None:
    for text in ("Spending grew 3.5 percent. The end.", "It was signed in 2016.2 More followed."):
        spans = split_sentences(text)
        assert all(text[s.start : s.end] != "percent.3" for s in spans)
    assert len(split_sentences("It was signed in 2016.2 More followed.")) == 1


# -- 5. the analyst's own voice is no pledge; a pledge the study reports is ----------------------------------------


def _study_pledges(text: str) -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(text, dt.date(2031, 8, 7), "study"))}


def test_a_studys_recommendations_and_forecasts_are_no_pledges() -> None:
    for text in (
        "Washington and Seoul should not set a new date for the wartime operational control transition.",
        "The two allies must expand combined exercises before the next crisis.",
        "Agreement on these principles will ensure that the two allies remain focused on extended deterrence.",
        "The U.S. extended deterrence commitment to South Korea involves two central purposes.",
        "The launches have raised doubts in Seoul about US extended deterrence commitments.",
    ):
        assert _study_pledges(text) == set(), text


def test_a_pledge_the_study_reports_stays_a_pledge() -> None:
    got = _study_pledges(
        "In April 2014, President Barack Obama and President Park Geun-hye agreed to postpone the transition of "
        "wartime operational control."
    )
    assert any("OpconTransition" in types and party == "KOR+USA" for types, party in got), got
    got = _study_pledges(
        "The 38th SCM met eleven days after the test. Its communiqué answered the test with an American pledge of "
        "extended deterrence."
    )
    assert any("ExtendedDeterrence" in types and party == "USA" for types, party in got), got


def test_the_same_modal_in_a_joint_statement_is_a_pledge() -> None:
    got = {
        (types, party)
        for types, party, _ in pledges(
            extract_text(
                "The two sides will expand combined exercises to strengthen deterrence.",
                dt.date(2031, 8, 7),
                "joint_statement",
            )
        )
    }
    assert any("CombinedExercises" in types for types, _ in got), got


def test_the_two_countries_of_a_paragraph_on_the_two_koreas_are_not_the_allies() -> None:
    for kind in ("study", "news"):
        text = (
            "The declared goals of the two Koreas appear aligned. Seoul has set three goals for inter-Korean "
            "relations. Toward these goals, the two countries promised to establish a permanent peace regime on "
            "the Korean Peninsula and agreed to complete denuclearization."
        )
        assert pledges(extract_text(text, dt.date(2031, 10, 16), kind)) == [], kind
    text = (
        "Seoul has set three goals for inter-Korean relations, and the United States backs them. The two countries "
        "agreed to strengthen extended deterrence."
    )
    assert pledges(extract_text(text, dt.date(2031, 10, 16), "news")) != []


# -- 6. a chronology's entries, and a year that opens the clause, date the North's tests -----------------------------


def test_chronology_entries_date_the_norths_launches_and_tests() -> None:
    text = (
        "Chronology of the Northern Missile Program\n\n"
        "_ Aug. 31, 1998: North Korea fires a rocket over Japan into the Pacific.\n\n"
        "_ Oct. 9, 2006: North Korea conducts an underground nuclear test.\n\n"
        "_ April 5, 2009: North Korea launches a long-range rocket.\n\n"
        "_ March 10, 2003: North Korea fires a land-to-ship missile off its east coast.\n\n"
        "_ March 8, 2006: North Korea fires two short-range missiles.\n\n"
        "_ Sept. 13, 1999: North Korea pledges to freeze long-range missile tests.\n"
    )
    graph = extract_document(_read(text))
    assert {"taepodong-1-launch-1998", "prk-nuclear-test-1", "unha-2-launch-2009"} <= _incident_ids(graph)
    # several missiles fired on an entry's day are one launch; a pledge about tests is none
    assert _estimated(graph) == {"2003-03-10", "2006-03-08"}


def test_several_missiles_without_the_days_own_clause_make_no_launch() -> None:
    graph = extract_text(
        "Officials said North Korea fired two short-range missiles on March 8, 2006.",
        dt.date(2006, 3, 10),
        "news",
    )
    assert "2006-03-08" not in _estimated(graph)


def test_an_entry_about_another_actor_dates_no_launch() -> None:
    text = (
        "Timeline of Council Actions\n\n"
        "_ April 13, 2009: U.N. Security Council adopts a statement condemning North Korea's rocket launch.\n\n"
        "_ June 2, 2010: The council president reads a statement on the rocket launch.\n"
    )
    graph = extract_document(_read(text))
    assert _estimated(graph) == set()
    assert "unha-2-launch-2009" not in _incident_ids(graph)


def test_a_year_opening_the_norths_clause_names_that_years_tests() -> None:
    for text in (
        "In 2016, North Korea conducted two nuclear weapons tests and many missile flights.",
        "Calls for a bomb of its own surfaced in Seoul as they did in 2016 when North Korea conducted nuclear tests.",
    ):
        graph = extract_text(text, dt.date(2020, 1, 1), "study")
        assert {"prk-nuclear-test-4", "prk-nuclear-test-5"} <= _incident_ids(graph), text
    assert _incident_ids(
        extract_text("In 2006, North Korea conducted a nuclear test.", dt.date(2020, 1, 1), "study")
    ) == {"prk-nuclear-test-1"}


def test_a_year_opening_another_clause_names_no_test() -> None:
    for text in (
        "In 2016, South Korea conducted two missile tests of its own.",
        "In 2017, North Korea launched a missile over Japan.",  # one of the year's several launches: not told which
    ):
        assert _incident_ids(extract_text(text, dt.date(2020, 1, 1), "study")) == set(), text


# -- 7. summits with the North's leader are not the allies' ----------------------------------------------------------


def test_a_summit_between_the_norths_leader_and_an_ally_is_not_the_allies() -> None:
    got = meeting_props(
        extract_text(
            "Moon brokered a summit between North Korean leader Kim Jong Un and Trump in June 2018.",
            dt.date(2019, 5, 20),
            "study",
        )
    )
    assert not any(label.startswith("ROK-U.S.") for label in got), got
    got = meeting_props(
        extract_text(
            "President Moon Jae-in welcomed the meeting of President Trump and Chairman Kim Jong Un at Panmunjom on "
            "June 30, 2019.",
            dt.date(2019, 8, 1),
            "study",
        )
    )
    assert not any(label.startswith("ROK-U.S.") for label in got), got


def test_the_allies_leaders_named_as_the_pair_still_hold_their_summit() -> None:
    got = meeting_props(
        extract_text(
            "President Moon and President Trump met in Seoul on June 30, 2019, before Trump crossed the line to greet "
            "Kim Jong Un.",
            dt.date(2019, 8, 1),
            "study",
        )
    )
    assert "ROK-U.S. summit, 2019-06-30" in got, got
    got = meeting_props(
        extract_text(
            "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on September 13, 2023.",
            dt.date(2023, 10, 1),
            "news",
        )
    )
    assert any(props.get("series") == "Summit" for props in got.values()), got
