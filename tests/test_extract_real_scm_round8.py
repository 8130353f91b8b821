"""SCM communiqués and their press shapes as an eighth probe of public copies showed failing (issue 15).

The probe read the 42nd, 45th, 46th, 48th and 52nd SCM in the shapes the public record stores them: a ministry
release reposted on a blog, a .mil web copy, Defence White Paper pages, DoD and USFK press-conference transcripts
and news briefs. Every text below is written for these tests in those shapes (names, offices, ordinals and dates
are public facts or invented), none is copied from a copy. Each pattern has at least two variants.
"""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from extraction_probe import SCM_DAY as DAY
from extraction_probe import extract_text, heads, make_doc, pledges, title_and_kind
from extraction_probe import recorded_node as recorded
from extraction_probe import scm_pledges as read

from extractors.extract import extract_file
from extractors.rules import extract_document
from graph.schema import Kind

MIL_BANNER = (
    "An official website of the United States government\n"
    "Here's how you know\n"
    "A .mil website belongs to an official U.S. Department of Defense organization in the United States.\n"
    "A lock (lock ) or https:// means you've safely connected to the .mil website. Share sensitive information "
    "only on official, secure websites.\n\n"
    "Home : Media : Newsroom : News\n\n"
    "News Stories\n\n"
    "Official statements, announcements, press releases, speeches, transcripts and media hub, including media "
    "FAQs and official media query form. \n\n"
)
GOV_BANNER = (
    "An official website of the United States Government \nHere's how you know\n\n"
    "Official websites use .gov\n\n.gov website belongs to an official government organization in the United "
    "States.\n\nSecure .gov websites use HTTPS\n\n"
    "You have accessed part of a historical collection on defense.gov. Some of the information contained within "
    "may be outdated and links may not function. Please contact the DOD Webmaster with any questions.\n\n"
)


# -- titles: a defense site's navigation, section blurb and banners are never the title -------------------------


@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        pytest.param(
            MIL_BANNER + "NEWS | Oct. 9, 2031\n\n"
            "Joint Communique of the 63rd U.S.-Republic of Korea Security Consultative Meeting\n\n"
            "1. The 63rd United States (U.S.)-Republic of Korea (ROK) Security Consultative Meeting (SCM) was held in "
            "Washington, D.C., on October 9, 2031. The two delegations met at the Pentagon.\n\n"
            "2. The Secretary and the Minister pledged to keep building the Alliance.\n\n"
            "3. The Secretary and the Minister reviewed the security situation.\n",
            "Joint Communique of the 63rd U.S.-Republic of Korea Security Consultative Meeting",
            "communique",
            id="mil-copy-of-a-communique",
        ),
        pytest.param(
            MIL_BANNER + "NEWS | March 2, 2032\n\n"
            "Allies Settle On a New Deterrence Plan\n\n"
            "By Pat Examplar, Defense Media Service\n\n"
            "The two allies today agreed on a new plan for deterring threats from the North, officials said after "
            "their annual meeting in Seoul.\n",
            "Allies Settle On a New Deterrence Plan",
            "news",
            id="mil-copy-of-a-story",
        ),
        pytest.param(
            "United States Department of Defense United States Department of Defense\n\n"
            "News Transcript\n\nPress Operations Bookmark and Share\n\n\n"
            "Joint Press Conference with Secretary Doe and Minister Roe in Seoul\n\n"
            "Presenters: Secretary of Defense John Doe and Minister of National Defense Richard Roe\nMay 4, 2032\n\n"
            "SPOKESPERSON LEE (through translator): Good morning. We now begin the joint press briefing of the "
            "annual meeting, with remarks by the two principals in turn.\n",
            "Joint Press Conference with Secretary Doe and Minister Roe in Seoul",
            "other",
            id="old-dod-banner-twice",
        ),
    ],
)
def test_defense_site_chrome_is_never_the_title(text: str, title: str, kind: str) -> None:
    assert title_and_kind(text) == (title, kind)


@pytest.mark.parametrize(
    "presenters",
    [
        "Presenters: Secretary of Defense John Doe; Minister of National Defense Richard Roe; Rear Admiral Sam\n"
        "Poe, Press Secretary",
        "Presenter: Secretary of Defense John Doe",
    ],
    ids=["presenters", "one-presenter"],
)
def test_a_transcripts_presenters_line_joined_by_the_reflow_is_not_title(
    presenters: str, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "briefing.txt"
    path.write_text(
        "Press Briefing by Secretary Doe and Minister Roe in the Pentagon Briefing Room\n"
        + presenters
        + "\nMay 4, 2032\nSECRETARY DOE: Good afternoon, and welcome to the Pentagon on this bright day for our\n"
        "two countries and for the people who serve them in uniform on both sides of the Pacific.\n",
        encoding="utf-8",
    )
    graph = extract_file(path)
    titles = {n.props.get("title") for n in graph.nodes if n.kind == Kind.DOCUMENT}
    assert titles == {"Press Briefing by Secretary Doe and Minister Roe in the Pentagon Briefing Room"}


@pytest.mark.parametrize(
    "epigraph",
    [
        pytest.param(
            "'I still think of the old harbour town where the fishermen mended their nets every evening, sang the "
            "same three songs until the lamps were lit, and argued about the tides and the weather and the price of "
            "fish until the last boat came home' (a poet of the coast)",
            id="quoted-epigraph",
        ),
        pytest.param(
            "Notes and reposts on island life, harbours, tides, ferries, fishing cooperatives, village meetings and "
            "the long arguments about what a coast is for and who decides it, gathered here since the first winter "
            "of the blog",
            id="blog-tagline",
        ),
    ],
)
def test_a_blog_repost_is_titled_by_the_communique_it_reposts(epigraph: str) -> None:
    text = (
        epigraph + "\n\n"
        "For news on the harbour campaign, please visit the campaign's page and its discussion board, which carry "
        "the latest updates every day.\n\n"
        "Saturday, October 11, 2031\n\n"
        "Joint Communique (The 63rd U.S.-ROK Security Consultative Meeting)\n"
        "October 9, 2031, Washington D.C.\n\n"
        "1. The 63rd United States - Republic of Korea Security Consultative Meeting (SCM) was held in Washington "
        "D.C. on October 9, 2031.\n"
    )
    title, kind = title_and_kind(text)
    assert title == "Joint Communique (The 63rd U.S.-ROK Security Consultative Meeting)"
    assert kind == "communique"


# -- who commits: one party's own pledge restated by both, and the offices written out ------------------------


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        pytest.param(
            "In the communique issued after the talks, the two sides reaffirmed the United States' commitment to "
            "provide and strengthen extended deterrence for the ROK.",
            "USA",
            id="two-sides-bare-apostrophe",
        ),
        pytest.param(
            "The Minister and the Secretary reaffirmed the continued U.S. commitment to provide extended deterrence "
            "to the ROK.",
            "USA",
            id="both-heads-us-commitment",
        ),
        pytest.param(
            "The Secretary and the Minister reiterated the ROK's commitment to bear a fair share of the costs of "
            "stationing U.S. forces.",
            "KOR",
            id="both-heads-rok-commitment",
        ),
        pytest.param(
            "The two sides reaffirmed their commitment to provide extended deterrence through the Alliance.",
            "KOR+USA",
            id="their-own-commitment-stays-both",
        ),
    ],
)
def test_a_joint_subject_restating_one_partys_pledge(sentence: str, party: str) -> None:
    found = read(sentence)
    assert found
    assert {p for _, p in found} == {party}


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The Minister of National Defense and the Secretary of Defense assessed the alliance to be robust and "
            "reaffirmed their commitment to combined defense under the Mutual Defense Treaty.",
            id="offices-written-out",
        ),
        pytest.param(
            "The Secretary of Defense and the Minister of National Defense reaffirmed their commitment to the "
            "combined defense of the ROK under the Mutual Defense Treaty.",
            id="offices-secretary-first",
        ),
    ],
)
def test_a_white_papers_written_out_offices_are_both_parties(sentence: str) -> None:
    found = read(sentence, "other")
    assert ("MutualDefense" in next(iter(t for t, _ in found))) if found else False
    assert {p for _, p in found} == {"KOR+USA"}


def test_an_office_before_a_name_does_not_join_the_next_clause() -> None:
    # "spoke with <office> <name> and the two leaders reaffirmed": the "and" joins two clauses, not two names
    found = read(
        "Secretary of Defense Mark T. Esper spoke today with Republic of Korea (ROK) Minister of National Defense "
        "Suh Wook and the two leaders reaffirmed their commitment to the combined defense posture.",
        "other",
    )
    assert found == {(frozenset({"MutualDefense"}), "KOR+USA")}



@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides committed to continuing close coordination and cooperation to deal with this global pandemic.",
        "The Secretary and the Minister pledged to share supplies and data in their pandemic response.",
    ],
    ids=["global-pandemic", "pandemic-response"],
)
def test_cooperation_against_a_pandemic_is_global_security(sentence: str) -> None:
    assert {t for types, _ in read(sentence) for t in types} == {"GlobalSecurityCooperation"}


def test_a_pandemic_named_in_a_lead_clause_gives_no_type() -> None:
    text = (
        "President Kim of the Republic of Korea and President Smith of the United States met in Seoul.\n"
        "Now, as threats grow more complex and existential issues, from the COVID-19 pandemic to a warming "
        "climate, reshape the world, we recommit ourselves to a robust combined defense posture.\n"
    )
    found = {(t, p) for t, p, _ in pledges(extract_text(text, DAY, "joint_statement"))}
    assert found == {(frozenset({"MutualDefense"}), "KOR+USA")}


# -- press conferences: the speaker who hosts the meeting, and the speaker's "I" --------------------------------


@pytest.mark.parametrize(
    ("text", "ordinal", "expected"),
    [
        pytest.param(
            GOV_BANNER + "Remarks by Secretary Carter and Minister Han in a Press Conference in the Pentagon Briefing "
            "Room\n\nSECRETARY OF DEFENSE ASH CARTER:  Good morning, everyone.\n\nThank you for coming.\n\n"
            "It has been my privilege to host Korean Minister of National Defense Han Min-koo here for what is the "
            "48th U.S.-Republic of Korea security consultative meeting.  These talks matter to both nations.\n",
            48,
            {"Ashton Carter", "Han Min-koo"},
            id="my-privilege-to-host",
        ),
        pytest.param(
            GOV_BANNER + "Remarks by Secretary Esper and Minister Suh at a Press Conference\n\n"
            "SECRETARY OF DEFENSE MARK ESPER:  Good afternoon.\n\nI am pleased to welcome Minister of National "
            "Defense Suh Wook to the Pentagon for the 52nd Security Consultative Meeting between our two nations.\n",
            52,
            {"Mark Esper", "Suh Wook"},
            id="pleased-to-welcome",
        ),
    ],
)
def test_an_undated_press_conference_records_the_meeting_its_speaker_hosts(
    text: str, ordinal: int, expected: set[str]
) -> None:
    graph = extract_document(make_doc(text, None, "other"))
    rec = recorded(graph)
    assert rec is not None
    assert rec.props.get("ordinal") == ordinal
    assert heads(graph, rec) == expected
    assert str(rec.props.get("location")).startswith("Washington")  # the series reference: the text does not say


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        pytest.param("At the SCM today, Secretary Hagel and I have agreed on important alliance issues.", "Seoul",
                     id="unplaced-takes-the-reference-city"),
        pytest.param("At the SCM held in Busan today, Secretary Hagel and I have agreed on important alliance issues.",
                     "Busan", id="the-texts-own-place-wins"),
    ],
)  # fmt: skip
def test_the_recorded_meetings_place(opening: str, place: str) -> None:
    text = (
        "Joint Press Conference with Secretary Hagel and Minister Kim Kwan-jin\n\n"
        "KIM MIN-SEOK (through translator): Good morning. We now begin the 45th SCM joint press briefing.\n\n"
        "KIM KWAN-JIN (through translator): " + opening + "\n"
    )
    rec = recorded(extract_document(make_doc(text, dt.date(2013, 10, 2), "other")))
    assert rec is not None and rec.props.get("ordinal") == 45
    assert rec.props.get("location") == place


@pytest.mark.parametrize(
    "line",
    [
        "It was my privilege to host Minister of National Defense Han Min-koo here for the 48th U.S.-Republic of "
        "Korea security consultative meeting last year, and we spoke today of that visit.",
        "I am pleased to welcome Minister of National Defense Suh Wook back, two years after the 52nd Security "
        "Consultative Meeting brought him here.",
    ],
    ids=["hosted-last-year", "no-hosting-for-it"],
)
def test_no_record_from_a_meeting_the_speaker_hosted_before(line: str) -> None:
    text = GOV_BANNER + "Remarks at a Press Conference\n\nSECRETARY OF DEFENSE ASH CARTER:  Good morning.\n\n" + line
    assert recorded(extract_document(make_doc(text + "\n", None, "other"))) is None


@pytest.mark.parametrize(
    ("label", "sentence", "types"),
    [
        pytest.param(
            "KIM KWAN-JIN (through translator):",
            "At the SCM today, Secretary Hagel and I have agreed to develop the alliance into a more comprehensive "
            "strategic alliance.",
            {"AllianceCooperation"},
            id="lower-case-translator-note",
        ),
        pytest.param(
            "MINISTER OF NATIONAL DEFENSE LEE JONG-SUP (THROUGH INTERPRETER):",
            "Secretary Austin and I agreed to expand the scale of our combined exercises next year.",
            {"CombinedExercises"},
            id="upper-case-interpreter-note",
        ),
    ],
)
def test_the_speakers_i_joined_to_the_other_head_is_both_parties(label: str, sentence: str, types: set[str]) -> None:
    text = "Joint Press Conference\n\n" + label + " " + sentence + "\n"
    found = {(t, p) for t, p, _ in pledges(extract_text(text, dt.date(2013, 10, 2), "other"))}
    assert found == {(frozenset(types), "KOR+USA")}


@pytest.mark.parametrize(
    "sentence",
    [
        "First, I would like to take this opportunity to thank Secretary Hagel, who is visiting Korea for four "
        "days to mark the anniversary of the alliance and the Armed Forces Day.",
        "I would love to say a word of thanks to our troops and to the families of the forces on the peninsula.",
    ],
    ids=["would-like-to-thank", "would-love-to-say"],
)
def test_a_speakers_courtesy_is_no_pledge(sentence: str) -> None:
    text = "Joint Press Conference\n\nKIM KWAN-JIN (through translator): " + sentence + "\n"
    assert pledges(extract_text(text, dt.date(2013, 10, 2), "other")) == []


def test_a_translated_turn_gives_its_speaker_as_a_head() -> None:
    text = (
        "Joint Press Conference with Secretary Hagel and Minister Kim Kwan-jin in the Republic of Korea\n\n"
        "KIM MIN-SEOK (through translator): Good morning. We now begin the 45th SCM joint press briefing.\n\n"
        "KIM KWAN-JIN (through translator): At the SCM today, Secretary Hagel and I have agreed on important "
        "alliance issues.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2013, 10, 2), "other"))
    rec = recorded(graph)
    assert rec is not None and rec.props.get("ordinal") == 45
    assert heads(graph, rec) == {"Kim Kwan-jin", "Chuck Hagel"}


# -- the forces whose wartime control is handed over are the transition's object, not a force-presence pledge ----


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The two sides agreed to delay the planned transfer of wartime operational control of allied forces on "
            "the peninsula until the conditions are met.",
            {"OpconTransition"},
            id="control-of-allied-forces-on-the-peninsula",
        ),
        pytest.param(
            "The Minister and the Secretary decided to hand wartime operational control of ROK forces to the ROK "
            "once the agreed capabilities are in place.",
            {"OpconTransition"},
            id="control-of-rok-forces",
        ),
        pytest.param(
            "The Secretary reaffirmed the U.S. commitment to keep its forces on the peninsula at the current level.",
            {"ForcePresence"},
            id="forces-on-the-peninsula-still-presence",
        ),
    ],
)
def test_forces_under_wartime_control_are_the_transitions_object(sentence: str, types: set[str]) -> None:
    assert {t for found, _ in read(sentence) for t in found} == types


# -- a news brief without dateline or byline is still news ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "Allies Agree on a New Command Plan\n\nFollowing a meeting at the Pentagon, the two defense chiefs "
            "announced a new approach to wartime command. Secretary Doe told Pentagon reporters the plan would be "
            "reviewed every year.\n",
            "news",
            id="told-pentagon-reporters",
        ),
        pytest.param(
            "Allies Announce a Deterrence Strategy\n\nThe two allies would set up a new deterrence strategy, "
            "according to a Pentagon release. Minister Roe said through an interpreter that the plan was ready.\n",
            "news",
            id="according-to-a-release",
        ),
        pytest.param(
            "Joint Communique of the 63rd Security Consultative Meeting\n\n1. The 63rd SCM was held in Seoul. "
            "The Minister and the Secretary reviewed the plan according to the agreed schedule.\n",
            "communique",
            id="communique-stays",
        ),
    ],
)
def test_a_news_brief_without_dateline_is_news(text: str, kind: str) -> None:
    assert title_and_kind(text)[1] == kind


# -- "agreed during the meeting to ...": where they agreed, then their will -----------------------------------


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        pytest.param(
            "The Minister and the Secretary agreed during the meeting to expand the combined exercises next year.",
            {"CombinedExercises"},
            id="during-the-meeting",
        ),
        pytest.param(
            "The two sides agreed during their talks to develop the alliance into a comprehensive strategic alliance.",
            {"AllianceCooperation"},
            id="during-their-talks",
        ),
    ],
)
def test_agreed_during_the_meeting_to_is_a_pledge(sentence: str, types: set[str]) -> None:
    assert read(sentence) == {(frozenset(types), "KOR+USA")}


def test_a_resolve_confirmed_during_the_meeting_is_still_gapped() -> None:
    # the verb's object is the noun before it: no pledge of its own
    assert read("The resolve they confirmed during the meeting was noted by the press of both countries.") == set()


# -- a DoD News page: its section and topic labels, and a byline after the date --------------------------------


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        pytest.param(
            " date 2032-05-04 News   Partnerships\n\nAllies Reaffirm Their Defense Ties\n\n"
            "May 4, 2032 | BY Pat Examplar , DOD News\n\n",
            "Allies Reaffirm Their Defense Ties",
            id="date-label-news-topic",
        ),
        pytest.param(
            "News Readiness\n\nMinisters Review the Combined Posture\n\n"
            "May 4, 2032 | By Sam Writer, Defense News Desk\n\n",
            "Ministers Review the Combined Posture",
            id="news-topic-alone",
        ),
    ],
)
def test_a_dod_news_page_is_news_titled_by_its_headline(opening: str, title: str) -> None:
    text = opening + (
        "The defense secretary welcomed the visiting minister at the Pentagon today, and the two discussed the "
        "alliance and the threats it faces.\n"
    )
    assert title_and_kind(text) == (title, "news")


def test_the_i_of_a_turn_that_spoke_for_both_nations_is_still_its_speaker() -> None:
    # review of the x24-stmt merge: "our two nations" clears the turn's "we", but the "I" stays the turn's
    # speaker, never the first person named in a "Remarks by ..." title
    title = "Remarks by Secretary Hagel and Minister Kim Kwan-jin at a Joint Press Conference"
    text = (
        title + "\n\nKIM KWAN-JIN (through translator): Our two nations have stood together for sixty years. "
        "Secretary Hagel and I agreed to expand the scale of our combined exercises next year.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2013, 10, 2), "other", title))
    assert {party for _, party, _ in pledges(graph)} == {"KOR+USA"}
