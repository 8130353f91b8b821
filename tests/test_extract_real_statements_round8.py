"""Summit statements, their records and nuclear-test news that an eighth probe of public texts misread (issue 15).

Shapes of stored public copies: a news agency's reprint of a leaders' statement, hard-wrapped, on a
portal whose field labels ("ID :", "Auther :") sit above the headline; a presidential library's page
whose first line is the site's navigation bar ("President | Vice President | ..."); a presidential
office page whose menu is a list of bullets; a newsroom page whose title is preceded by "ArticleCS -
Article View" or "News Stories" and a blurb about the newsroom. The sentences are written for the
tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import incidents, make_doc, pledges, recorded_label, recorded_node

from extractors.readers import read_bytes
from extractors.rules import extract_document
from graph.schema import Kind, Rel, is_a


def read(text: str):  # noqa: ANN201 - a SourceDocument
    return read_bytes(text.encode(), suffix=".txt")


# -- 1. a title is never a portal's field label, a navigation bar, a menu bullet or a newsroom label --


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            "ID :\n70211\nThu, 03/06/2031 - 10:12\nAuther :\n\nFull text of the leaders' statement on the "
            "alliance\n\n\nSEOUL, March 5 (Agency) -- The following is the full text of a joint\nstatement "
            "issued at the end of a bilateral summit between South Korean President\nKim Dae-ho and U.S. "
            "President Jane Smith in Seoul on Wednesday.\n\nThe Republic of Korea and the United States of "
            "America reaffirm an Alliance\nthat keeps the peace on the Korean Peninsula and beyond it, and "
            "they pledge to\nwiden the ties between their peoples in the years to come, together.\n",
            "Full text of the leaders' statement on the alliance",
            id="portal-field-labels",
        ),
        pytest.param(
            "President  |  Vice President  |  First Lady  |  News & Policies  |  Contact\n\nEmail this page to a "
            "friend\n\nGlobal Affairs\n\nPresident Smith Holds Joint Press Availability with President Kim of the "
            "Republic of Korea\n\nMarch 5, 2031\nCamp David\n\nPRESIDENT SMITH: Welcome to the mountains. We had "
            "a good talk over dinner last night and will have lunch today.\n",
            "President Smith Holds Joint Press Availability with President Kim of the Republic of Korea",
            id="navigation-bar",
        ),
        pytest.param(
            "PRESIDENT'S OFFICE\n\nPresidential activities\n\n  • Latest Headlines\n  • Speeches\n  • Summit "
            "diplomacy\n\nLatest Headlines\n\nOpening remarks by President Kim at a joint press conference "
            "following a summit with President Smith of the United States\nMarch 05, 2031\n\nI warmly welcome "
            "President Smith to Seoul and thank her for a long and useful talk today.\n",
            "Opening remarks by President Kim at a joint press conference following a summit with President "
            "Smith of the United States",
            id="menu-bullets",
        ),
        pytest.param(
            "Home : Media : Press Releases : Article View\n\nArticleCS - Article View\n\nChiefs of Defense Meet "
            "in Hawaii for Trilateral Talks\n\n31-012 | March 5, 2031\n\nThe three chiefs of defense met at the "
            "command's headquarters and spoke about readiness for a long afternoon.\n",
            "Chiefs of Defense Meet in Hawaii for Trilateral Talks",
            id="article-view-label",
        ),
        pytest.param(
            "Home : Media : Newsroom : News\n\nNews Stories\n\nOfficial statements, announcements, press "
            "releases and transcripts of the command, with its media contacts.\n\nNEWS | March 5, 2031\n\nFull "
            "text of the 63rd ROK-U.S. Joint Communique\n\n1. The 63rd Republic of Korea (ROK) and United "
            "States (U.S.) Security Consultative Meeting (SCM) was held in Seoul on March 5, 2031.\n",
            "Full text of the 63rd ROK-U.S. Joint Communique",
            id="newsroom-label-and-blurb",
        ),
        pytest.param(
            "<!-- IMAGE -->At a recent meeting the two presidents issued a vision for their alliance, which "
            "this editorial welcomes in full and at some length.\n",
            "At a recent meeting the two presidents issued a vision for their alliance, which this editorial "
            "welcomes in full and at some length.",
            id="html-comment",
        ),
    ],
)
def test_the_title_is_the_pages_own(text: str, title: str) -> None:
    assert read(text).title == title


def test_a_title_with_one_site_suffix_stays_a_title() -> None:
    # guard: a page title with its site's name after a bar is a title, not a navigation bar
    text = "Readout of the Secretary's Call with the Minister | Department of Defense\n\nThe two spoke today.\n"
    assert read(text).title == "Readout of the Secretary's Call with the Minister | Department of Defense"


# -- 2. a reprint's dateline opens its own paragraph, so the reprint is dated and filed -------------


def test_a_wrapped_reprint_after_its_headline_is_dated_and_filed_under_its_summit() -> None:
    text = (
        "ID :\n70211\nThu, 03/06/2031 - 10:12\nAuther :\n\nFull text of the leaders' statement on the alliance\n\n\n"
        "SEOUL, March 5 (Agency) -- The following is the full text of a joint\nstatement on the alliance issued at "
        "the end of a bilateral summit between\nSouth Korean President Kim Dae-ho and U.S. President Jane Smith in "
        "Seoul\non Wednesday.\n\nJOINT STATEMENT OF THE REPUBLIC OF KOREA AND THE UNITED STATES\nThe Republic of "
        "Korea and the United States of America reaffirm an Alliance\nthat keeps the peace on the Korean Peninsula "
        "and beyond it, and they pledge to\nwiden the ties between their peoples in the years to come, together.\n"
    )
    doc = read(text)
    assert doc.date == dt.date(2031, 3, 5)
    graph = extract_document(doc)
    assert recorded_label(graph) == "ROK-U.S. summit, 2031-03-05"


# -- 3. a summit's press conference records the summit ----------------------------------------------


def summit_of(text: str, day: dt.date | None, title: str) -> tuple[str | None, dict[str, object], set[str]]:
    graph = extract_document(make_doc(text, day, "other", title))
    node = recorded_node(graph)
    heads = {
        graph.node_map()[r.target].label
        for r in graph.relationships
        if node is not None and r.source == node.iri and r.type == Rel.HEAD_OF_DELEGATION
    }
    return (node.label if node is not None else None), (dict(node.props) if node is not None else {}), heads


def test_a_news_conference_heading_with_both_presidents_records_their_summit() -> None:
    text = (
        "Public Papers of the Presidents\n\nThe News Conference of President George W. Bush with President Roh "
        "Moo-hyun of South Korea in Washington, D.C. September 14, 2006 President Roh. Thank you for the warm "
        "welcome, and for a frank talk this morning about the peninsula and about trade.\n"
    )
    # (the title the reader finds: the first heading with a cue, here "News Conference")
    label, props, heads = summit_of(text, dt.date(2006, 9, 14), "Public Papers of the Presidents: The News Conference")
    assert label == "ROK-U.S. summit, 2006-09-14"
    assert props.get("location") == "Washington, D.C."
    assert heads == {"George W. Bush", "Roh Moo-hyun"}


def test_a_press_availability_headline_is_dated_by_its_date_line() -> None:
    text = (
        "Global Affairs\n\nPresident Bush Participates in Joint Press Availability with President Roh Moo-hyun "
        "of the Republic of Korea\n\nSeptember 14, 2006\n\nPRESIDENT BUSH: Welcome back to the White House. "
        "We talked about our security ties this morning. Our nations have come a long way, and we have "
        "reaffirmed our commitment to close consultations.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2006, 9, 14), "other"))
    assert recorded_label(graph) == "ROK-U.S. summit, 2006-09-14"
    persons = {n.label for n in graph.nodes if n.kind == Kind.PERSON}
    assert persons == {"George W. Bush", "Roh Moo-hyun"}  # no "Bush Participates"
    # the leader speaks for both countries: "our nations ... we have reaffirmed"
    assert {party for _, party, _ in pledges(graph)} == {"KOR+USA"}


def test_a_speakers_we_stays_the_speakers_own() -> None:
    # guard: without words for both countries, a speaker's "we" is the speaker's party
    text = (
        "Remarks at the Ministerial Meeting\n\nJohn Kerry\nSecretary of State\n\nSECRETARY KERRY: Good afternoon. "
        "We will deploy as soon as possible a missile defense battery to our Korean ally.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2016, 10, 19), "other"))
    assert {party for _, party, _ in pledges(graph)} == {"USA"}


def test_one_leader_at_a_news_conference_is_no_summit() -> None:
    # guard: a leader's own news conference names no counterpart
    text = "President Obama said at a news conference on March 25, 2012 that the talks would go on.\n"
    graph = extract_document(make_doc(text, dt.date(2012, 3, 26), "news"))
    assert not [n for n in graph.nodes if n.props.get("series") == "Summit"]


# -- 4. a meeting held with the North is no meeting of the allies ------------------------------------


def test_meetings_with_the_norths_leader_are_not_the_allies() -> None:
    text = (
        "SEOUL, July 3 (Agency) -- President Moon Jae-in and President Donald Trump renewed their pledge to the "
        "alliance at their summit in Seoul on June 30, 2019.\n\nThe visit was remembered for his third meeting "
        "with North Korean leader Kim Jong Un. Moon and Trump held talks on Sunday before driving to the border "
        "for a trilateral meeting with Kim. Trump said he still sought the goals he and Kim agreed to at their "
        "first summit in Singapore in June 2018.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2019, 7, 3), "news"))
    meetings = {n.label for n in graph.nodes if n.props.get("series")}
    # the U.S. president's summit with the North stays one, named for who met (month only: an estimate)
    assert meetings == {"ROK-U.S. summit, 2019-06-30", "U.S.-DPRK summit, 2018-06-01"}


def test_a_meeting_with_a_korean_minister_named_kim_stays() -> None:
    # guard: a person of the ROK after "with" is an ally
    text = (
        "Secretary Lloyd Austin held the 55th Security Consultative Meeting with Minister Kim Yong-hyun in "
        "Seoul on November 13, 2023.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2023, 11, 14), "news"))
    assert "55th SCM" in {n.label for n in graph.nodes if n.props.get("series")}


# -- 5. who commits: an office between a state and its holder ---------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "South Korean President Kim Dae-jung and U.S. President Bill Clinton renewed their commitment to "
            "the alliance during their summit in Seoul last weekend, officials said.",
            id="state-office-name-pairs",
        ),
        pytest.param(
            "ROK Minister of National Defense Kim Dong-shin and U.S. Secretary of Defense William Cohen "
            "reaffirmed their commitment to the alliance.",
            id="minister-of-and-secretary-of",
        ),
    ],
)
def test_two_titled_heads_of_the_two_states_commit_together(sentence: str) -> None:
    graph = extract_document(make_doc(sentence + "\n", dt.date(2000, 9, 25), "news"))
    assert {party for _, party, _ in pledges(graph)} == {"KOR+USA"}


def test_one_titled_head_commits_alone() -> None:
    # guard: the office joins a state to its own holder only
    sentence = "U.S. Secretary of Defense William Cohen reaffirmed the U.S. commitment to the defense of the ROK.\n"
    graph = extract_document(make_doc(sentence, dt.date(2000, 9, 25), "news"))
    assert {party for _, party, _ in pledges(graph)} == {"USA"}


# -- 6. who "he" is: the person named before it, else the subject of the sentence before ------------


def test_he_after_a_subject_that_assured_an_object_is_the_subject() -> None:
    text = (
        "Readout of a call\n\nOn March 5, Secretary of Defense William Perry spoke with Minister of National "
        "Defense Lee Yang-ho. Secretary Perry assured Minister Lee that the United States stands firm in its "
        "commitment to the defense of the ROK. He further stressed that any attack on the ROK will be met with "
        "a swift and overwhelming response.\n"
    )
    graph = extract_document(make_doc(text, dt.date(1995, 3, 5), "other"))
    assert {party for _, party, _ in pledges(graph)} == {"USA"}


def test_he_after_a_name_in_his_own_sentence_is_that_person() -> None:
    text = (
        "President George W. Bush and President Roh Moo-hyun spoke to reporters. Roh thanked his host for the "
        "dinner. Bush said he would ask the U.S. Congress to give South Korea better access to American defense "
        "technology.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2006, 9, 16), "news"))
    assert {party for _, party, _ in pledges(graph)} == {"USA"}


def test_he_without_a_subject_before_is_the_last_person_named() -> None:
    # guard: a sentence that does not open with a person leaves "he" to the person named last
    text = (
        "The talks with Secretary William Perry went on late into the night with Minister Lee Yang-ho. He "
        "pledged that the ROK will take a larger share of the costs.\n"
    )
    graph = extract_document(make_doc(text, dt.date(1995, 3, 5), "news"))
    assert {party for _, party, _ in pledges(graph)} == {"KOR"}


# -- 7. nuclear-test news: a hypothetical test, a photo caption's date, a re-publisher's dateline ------


def incidents_of(graph) -> set[str]:  # noqa: ANN001 - GraphData
    return {str(n.props.get("notation")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


def test_a_possible_or_denied_ordinal_test_is_no_incident() -> None:
    text = (
        "North Korea's sixth nuclear test on September 3 drew wide condemnation. Reports said the North could be "
        "readying another missile test or possibly a second nuclear test, and monitors checked a later tremor "
        "to make sure it was not a second nuclear test.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2017, 9, 4), "news"))
    assert incidents_of(graph) == {"prk-nuclear-test-6"}


def test_the_record_s_own_second_test_is_still_found() -> None:
    # guard: a definite ordinal names the record's test
    text = "The council met after North Korea's second nuclear test on May 25.\n"
    graph = extract_document(make_doc(text, dt.date(2009, 5, 26), "news"))
    assert incidents_of(graph) == {"prk-nuclear-test-2"}


def test_a_photo_caption_does_not_date_an_editorial() -> None:
    text = (
        "North Korea's Third Nuclear Test\n\nA screen at a control center shows the moment a rocket is launched "
        "in Pyongyang, North Korea, Wednesday, Dec. 12, 2012. North Korea said on February 12 that it had "
        "conducted its third nuclear test.\n\nThe United States remains committed to the defense of its allies.\n"
    )
    doc = read(text)
    assert doc.date is None
    assert "prk-nuclear-test-3" in incidents_of(extract_document(doc))


def test_a_republished_wire_story_is_dated_by_its_dateline() -> None:
    text = (
        "Leaders renew their pledge to the alliance\n\nThe two presidents shake hands after a press conference in "
        "Seoul on June 30, 2019. (Agency)\n\nWASHINGTON, D.C. Jul 3, 2019, Yonhap. The two presidents renewed "
        "their pledge to the alliance at their summit in Seoul last weekend, the State Department said.\n"
    )
    assert read(text).date == dt.date(2019, 7, 3)


# -- 8. pledges after a nuclear test, in a readout of a call ----------------------------------------


def test_the_presidents_of_a_call_commit_together() -> None:
    text = (
        "President Bush spoke today with President Roh Moo-hyun of the Republic of Korea after the nuclear test. "
        "The presidents reiterated their strong commitment to close coordination on the next steps.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2006, 10, 9), "other"))
    assert {party for _, party, _ in pledges(graph)} == {"KOR+USA"}


def test_the_defense_of_their_nations_is_mutual_defense() -> None:
    text = (
        "President George W. Bush called the leaders of South Korea and Japan. Bush assured them that the U.S. "
        "remains committed to the defense of their nations.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2006, 10, 9), "news"))
    assert {(types, party) for types, party, _ in pledges(graph)} == {(frozenset({"MutualDefense"}), "USA")}


# -- 9. what the alliance is said to be does not type the pledge -------------------------------------


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "We will keep working to adapt our Alliance to serve as a linchpin of peace and stability in the "
            "Asia-Pacific.",
            {"AllianceCooperation"},
            id="linchpin-apposition",
        ),
        pytest.param(
            "Both sides reaffirmed their commitment to grow the Alliance into a global partnership that is more "
            "than the linchpin of peace and stability in Northeast Asia.",
            {"GlobalSecurityCooperation"},
            id="global-partnership",
        ),
        pytest.param(
            "The Ministers committed to using those capabilities to meet emerging challenges to peace around the "
            "world, including Ebola and ISIL.",
            {"GlobalSecurityCooperation"},
            id="around-the-world",
        ),
    ],
)
def test_the_pledge_is_typed_by_what_it_pledges(sentence: str, types: set[str]) -> None:
    graph = extract_document(make_doc(sentence + "\n", dt.date(2014, 10, 24), "joint_statement"))
    assert {frozenset(t) for t, _, _ in pledges(graph)} == {frozenset(types)}


def test_a_regional_pledge_stays_regional() -> None:
    # guard: a region the pledge works for, not a description of the alliance, still types it
    sentence = "The two sides pledged to work together for peace and stability in Northeast Asia.\n"
    graph = extract_document(make_doc(sentence, dt.date(2014, 10, 24), "joint_statement"))
    assert {frozenset(t) for t, _, _ in pledges(graph)} == {frozenset({"RegionalCooperation"})}


# -- 10. the "I" of a speech is its speaker -----------------------------------------------------------


def test_the_speaker_of_titled_remarks_and_the_other_leader_commit_together() -> None:
    text = (
        "I warmly welcome President George W. Bush to Seoul.\n\nPresident Bush and I reconfirmed our firm "
        "commitment to the alliance between our two countries.\n"
    )
    title = "Opening remarks by President Roh Moo-hyun at a joint press conference"
    graph = extract_document(make_doc(text + "President Roh Moo-hyun\n", dt.date(2006, 11, 17), "other", title))
    assert {party for _, party, _ in pledges(graph)} == {"KOR+USA"}


def test_a_speaker_and_a_colleague_of_the_same_state_commit_alone() -> None:
    # guard: "I" is the titled speaker's party, not both states
    text = (
        "Secretary of Defense Ashton Carter joined me today.\n\nSecretary Carter and I reaffirmed our commitment "
        "to the defense of the ROK.\n\nJohn Kerry\n"
    )
    title = "Remarks by Secretary of State John Kerry at the Ministerial Meeting"
    graph = extract_document(make_doc(text, dt.date(2016, 10, 19), "other", title))
    assert {party for _, party, _ in pledges(graph)} == {"USA"}


# -- review: the North named as the agent after the allies' verb keeps its launch --------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param("US condemns ICBM launch by North Korea on Wednesday.", {"hwasong-15-launch-2017-11-29"},
                     id="headline-verb-then-by-north-korea"),
        pytest.param("U.S. intelligence tracked ICBM launch on Wednesday by the DPRK.",
                     {"hwasong-15-launch-2017-11-29"}, id="by-the-dprk-after-the-day"),
        pytest.param("The U.S. Indo-Pacific Command said ICBM launch on Wednesday posed no threat to Guam.",
                     {"hwasong-15-launch-2017-11-29"}, id="allied-verb-of-reporting-before-a-bare-noun"),
        pytest.param("A U.S. ICBM test launch from California on Wednesday went as planned.", set(),
                     id="guard-the-allies-own-launch"),
    ],
)
def test_an_allied_subject_before_a_launch_the_north_made_keeps_it(sentence: str, expected: set[str]) -> None:
    assert incidents(sentence, dt.date(2017, 11, 29)) == expected
