"""SCM communiqués and their copies as a tenth probe of public texts showed failing (issue 15).

The probe read Defense White Paper flip-book pages from the middle of the 49th-52nd communiqués, a mobile
agency page that opens at paragraph 3 of the 54th, a news page that lost the space after every sentence, a
joint statement issued before the 50th SCM and a 1976 embassy cable carrying a proposed communiqué. Every
text below is written for these tests in those shapes (offices, ordinals and dates are public facts or
invented), none is copied from a copy. Each rule has a guard that keeps what it must not change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from extraction_probe import extract_text, meeting_props, pledges

from extractors.readers import read_document
from extractors.segment import split_sentences

DAY = dt.date(2031, 10, 9)
OPENING = (
    "1. The 63rd Security Consultative Meeting (SCM) was held in Seoul on October 9, 2031. "
    "ROK Minister of National Defense Kim Min-soo and U.S. Secretary of Defense Pat Smith led their delegations.\n\n"
)


def read(sentence: str, kind: str = "communique") -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(OPENING + "2. " + sentence + "\n", DAY, kind))}


def types_of(sentence: str) -> set[str]:
    found = read(sentence)
    assert len(found) == 1, found
    return set(next(iter(found))[0])


# -- fields the later communiqués name in their own words --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Secretary and the Minister decided to keep widening their work in new areas, including space and "
            "cyber, to meet emerging threats.",
            {"SpaceCooperation", "CyberCooperation"},
            id="space-and-cyber",
        ),
        pytest.param(
            "The Minister reaffirmed the ROK's commitment to see that the military agreement with the North "
            "serves the establishment of peace on the peninsula.",
            {"PeaceAndUnification"},
            id="establishment-of-peace",
        ),
        pytest.param(
            "Both sides pledged to keep the military accord with the North working toward easing military tension.",
            {"PeaceAndUnification"},
            id="easing-military-tension",
        ),
        pytest.param(
            "The two sides committed to implement the Comprehensive Military Agreement in full.",
            {"PeaceAndUnification"},
            id="comprehensive-military-agreement",
        ),
        pytest.param(
            "The Secretary and the Minister reaffirmed their commitment to deepen cooperation on capability "
            "acquisition and sustainment through the standing consultative bodies.",
            {"DefenseIndustryCooperation", "ConsultationMechanism"},
            id="acquisition-and-sustainment",
        ),
        pytest.param(
            "They pledged to further strengthen information sharing, the consultation process, and joint planning "
            "and execution to deter the North's nuclear threats.",
            {"ExtendedDeterrence"},
            id="joint-planning-and-execution",
        ),
    ],
)
def test_a_field_the_communiques_name_in_their_own_words(sentence: str, expected: set[str]) -> None:
    assert types_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The two sides pledged to work together for peace and stability in the region.",
            {"RegionalCooperation"},
            id="peace-and-stability-stays-regional",
        ),
        pytest.param(
            "The Minister and the Secretary agreed to expand the space policy dialogue next year.",
            {"SpaceCooperation"},
            id="space-alone-stays-space",
        ),
    ],
)
def test_nearby_wording_keeps_its_own_field(sentence: str, expected: set[str]) -> None:
    assert types_of(sentence) == expected


# -- hosting the meeting the statement commemorates is no pledge -------------------------------------------------


def test_co_hosting_a_numbered_meeting_is_no_pledge() -> None:
    assert read("On October 30, 2032, the Minister and the Secretary will co-host the 64th SCM in Washington.") == set()


def test_hosting_an_event_of_a_field_still_pledges() -> None:
    found = read("The Secretary will host a tabletop exercise on extended deterrence for both delegations next spring.")
    assert found and all("ExtendedDeterrence" in types for types, _ in found)


@pytest.mark.parametrize(
    ("sentence", "field"),
    [
        (
            "The Minister and the Secretary agreed to co-host the first combined space exercise next year.",
            "SpaceCooperation",
        ),
        (
            "The two sides pledged to co-host the next trilateral exercise with Japan in the East Sea.",
            "TrilateralCooperation",
        ),
    ],
)
def test_co_hosting_the_first_or_next_exercise_still_pledges(sentence: str, field: str) -> None:
    # an ordinal after "co-host" names a meeting's number only when no exercise follows it
    found = read(sentence)
    assert found and all(field in types for types, _ in found), found


# -- a web copy that lost the space after every sentence ---------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_a_sentence_glued_to_the_next_ends_at_its_period() -> None:
    text = (
        'The ministers met in Seoul.Secretary Smith warned that the answer would be "the end of the regime."'
        "The two chiefs then left.”Both flew home."
    )
    assert _sentences(text) == [
        "The ministers met in Seoul.",
        'Secretary Smith warned that the answer would be "the end of the regime."',
        "The two chiefs then left.”",
        "Both flew home.",
    ]


def test_a_year_glued_to_the_next_sentence_ends_it() -> None:
    text = "They met at the Pentagon on November 3, 2022.The two agreed to meet again."
    assert _sentences(text) == ["They met at the Pentagon on November 3, 2022.", "The two agreed to meet again."]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("He met the U.S.Forces commander in Seoul.", id="acronym"),
        pytest.param("Article 12.5 of the 1953 accord stands.", id="decimal"),
        pytest.param("Pat Smith Jr.Gave the speech in Seoul.", id="suffix"),
        pytest.param("They flew to St.Louis for the talks.", id="saint"),
        pytest.param("The list covered ships, aircraft, etc.Then it closed.", id="soft-abbreviation-glued"),
        pytest.param("They met in the 1990s.Nothing followed.", id="digits"),
    ],
)
def test_a_period_inside_a_name_or_after_a_capital_joins(text: str) -> None:
    assert _sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The full text is at www.Defense.gov for all readers.", id="www"),
        pytest.param("The ministry posted it on www.Korea.net on the same day.", id="www-country"),
        pytest.param("Copies went out from Press.Office@Example.org that night.", id="e-mail"),
    ],
)
def test_a_glued_period_of_a_web_address_ends_no_sentence(text: str) -> None:
    assert _sentences(text) == [text]


def test_a_soft_abbreviation_glued_to_a_sentence_opener_ends_it() -> None:
    # as with a space ("etc. The ..."): the opener after it starts the next sentence
    text = "The list covered ships, aircraft, etc.The two sides then closed the talks."
    assert _sentences(text) == ["The list covered ships, aircraft, etc.", "The two sides then closed the talks."]


def test_a_news_page_without_spaces_keeps_each_pledge_its_own() -> None:
    text = (
        "SEOUL, Oct. 9 (Agency) -- Defense Minister Kim Min-soo and U.S. Secretary of Defense Pat Smith held the "
        "63rd Security Consultative Meeting on Thursday.Secretary Smith warned that any nuclear attack on the ally "
        'is unacceptable and will result in the "end of the Kim Jong-un regime."The defense chiefs pledged to '
        "further strengthen joint planning and execution to deter the North's nuclear threats."
    )
    found = {(types, party) for types, party, _ in pledges(extract_text(text, DAY, "news"))}
    assert found == {
        (frozenset({"DeclaratoryPolicy"}), "USA"),
        (frozenset({"ExtendedDeterrence"}), "KOR+USA"),
    }


# -- who commits: "the defense chiefs" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    ["The defense chiefs", "The defence chiefs", "The defense ministers"],
    ids=["chiefs", "defence", "ministers"],
)
def test_the_defense_chiefs_are_both_parties(subject: str) -> None:
    text = (
        "SEOUL, Oct. 9 (Agency) -- Defense Minister Kim Min-soo and U.S. Secretary of Defense Pat Smith held their "
        "annual security talks in Seoul on Thursday. " + subject + " pledged to keep refining the Tailored "
        "Deterrence Strategy."
    )
    found = {(types, party) for types, party, _ in pledges(extract_text(text, DAY, "news"))}
    assert found == {(frozenset({"ExtendedDeterrence"}), "KOR+USA")}


# -- the declaratory formula with its answer quoted --------------------------------------------------------------


def test_a_quoted_end_of_the_regime_is_the_declaratory_answer() -> None:
    found = read(
        'Secretary Smith said that any nuclear attack on the ROK is unacceptable and will result in the "end of '
        'the Kim Jong-un regime."'
    )
    assert found == {(frozenset({"DeclaratoryPolicy"}), "USA")}


def test_a_thing_resulting_in_something_else_stays_a_forecast() -> None:
    assert read('The two sides noted that the new rules will result in "lower costs" for the bases.') == set()


# -- a cable's routing header is never its title -----------------------------------------------------------------

CABLE = """CONFIDENTIAL
PAGE 01 SEOUL 04321 01 OF 02 120230Z
ACTION EA-09
INFO OCT-01 ISO-00 PM-04 NSC-05 SP-02 SS-15 CIAE-00 INR-07
NSAE-00 H-02 L-03 /051 W
--------------------- 012345
P R 120200Z JUN 79
FM AMEMBASSY SEOUL
TO SECSTATE WASHDC PRIORITY 1234
SUBJECT: DRAFT SCM STATEMENT
FOLLOWING IS THE TEXT THE MINISTRY HANDED OVER ON JUNE 11 FOR
OUR COMMENTS BEFORE THE MEETING. OUR COMMENTS FOLLOW BY SEPTEL.
BEGIN QUOTE.
JOINT STATEMENT TWELFTH ANNUAL ROK-U.S. SECURITY CONSULTATIVE
MEETING JULY 3, 1979
1. THE TWELFTH ANNUAL SECURITY CONSULTATIVE MEETING WAS HELD IN
SEOUL ON JULY 2 AND 3, 1979.
"""


def _title(text: str, tmp_path: Path) -> str | None:
    path = tmp_path / "cable.txt"
    path.write_text(text, encoding="utf-8")
    return read_document(path).title


def test_a_cable_header_run_into_its_body_gives_the_quoted_heading_as_title(tmp_path: Path) -> None:
    title = _title(CABLE, tmp_path)
    assert title is not None and title.lower().startswith("joint statement twelfth annual"), title


def test_a_cable_with_a_subject_line_of_its_own_keeps_it_as_title(tmp_path: Path) -> None:
    text = CABLE.replace("SUBJECT: DRAFT SCM STATEMENT\n", "SUBJECT: DRAFT SCM STATEMENT\n\n").replace(
        "BEGIN QUOTE.\nJOINT STATEMENT TWELFTH ANNUAL ROK-U.S. SECURITY CONSULTATIVE\nMEETING JULY 3, 1979\n", ""
    )
    title = _title(text, tmp_path)
    assert title is not None and title.lower() == "draft scm statement", title


# -- an ICBM launch named with its abbreviation in brackets ------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["intercontinental ballistic missile (ICBM) launch", "intercontinental ballistic missile(ICBM) launch"],
    ids=["spaced", "glued"],
)
def test_a_launch_named_with_its_bracketed_abbreviation_is_the_launch(name: str) -> None:
    text = (
        "SEOUL, Nov. 1, 2024 (Agency) -- The three foreign ministers strongly condemned the latest " + name + " by "
        "North Korea.They pledged to keep working together toward the complete denuclearization of North Korea."
    )
    graph = extract_text(text, dt.date(2024, 11, 1), "news")
    assert "hwasong-19-launch-2024" in {n.props.get("notation") for n in graph.nodes}


# -- the earlier meeting a 1970s communiqué names with its days, under a heading that numbers its own -------------


def test_an_earlier_scm_named_with_its_days_is_its_own_meeting_under_a_numbered_heading() -> None:
    text = (
        "Joint Statement Eleventh Annual ROK-U.S. Security Consultative Meeting\n\n"
        "1. The Annual Security Consultative Meeting of the two governments was held in San Diego on July 26 and 27, "
        "1978, as agreed at the Annual Security Consultative Meeting in Seoul on July 25 and 26, 1977. Minister of "
        "National Defense Ro Jae-hyun and Secretary of Defense Harold Brown took part.\n"
    )
    meetings = meeting_props(extract_text(text, dt.date(1978, 7, 27), "communique"))
    assert meetings["11th SCM"]["date"] == dt.date(1978, 7, 26)
    assert meetings["10th SCM"]["date"] == dt.date(1977, 7, 25)


def test_the_numbered_meeting_held_on_its_days_stays_one_meeting() -> None:
    text = (
        "Joint Statement Eleventh Annual ROK-U.S. Security Consultative Meeting\n\n"
        "1. The Annual Security Consultative Meeting of the two governments was held in San Diego on July 26 and 27, "
        "1978. Minister of National Defense Ro Jae-hyun and Secretary of Defense Harold Brown took part.\n"
    )
    meetings = meeting_props(extract_text(text, dt.date(1978, 7, 27), "communique"))
    assert list(meetings) == ["11th SCM"]
    assert meetings["11th SCM"]["date"] == dt.date(1978, 7, 26)


def test_a_family_name_opening_a_glued_sentence_is_its_speaker() -> None:
    text = (
        "SEOUL, Nov. 4 (Agency) -- Lee Jong-sup and Lloyd Austin held the 54th Security Consultative Meeting at the "
        "Pentagon on Thursday.Austin warned that any nuclear attack on the allies is unacceptable and will result "
        "in the end of the Kim regime."
    )
    found = {(types, party) for types, party, _ in pledges(extract_text(text, dt.date(2022, 11, 4), "news"))}
    assert found == {(frozenset({"DeclaratoryPolicy"}), "USA")}
