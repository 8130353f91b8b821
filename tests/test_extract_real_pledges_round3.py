"""Pledges, views and incidents in the shapes found failing on a third probe of public texts.

Shapes of stored public copies of KIDD and MCM statements, White House statements on an armed
provocation, a trilateral leaders' statement and news-agency launch reports (issue 15, items 5-9).
The sentences are written for the tests; none is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, incidents, pledges

DAY = dt.date(2031, 3, 4)


def read(text: str, date: dt.date = DAY, kind: str = "statement") -> set[tuple[frozenset[str], str]]:
    return {(types, party) for types, party, _ in pledges(extract_text(text, date, kind))}


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "The two delegations agreed that the North Korean rocket launch was a grave provocation that "
            "breaks North Korea's obligations under the resolutions and contravenes its commitments under "
            "the 2005 Joint Statement.",
            id="a-broken-pledge-of-the-adversary",
        ),
        pytest.param(
            "The President condemned the shelling. He told the Prime Minister that Pyongyang has to cease its "
            "provocations and abide by its obligations under the Armistice Agreement.",
            id="a-pledge-demanded-of-the-adversary",
        ),
        pytest.param(
            "The delegations underscored the importance of improving the combined readiness posture of the "
            "Alliance against the evolving threat.",
            id="the-importance-of-a-readiness-posture",
        ),
        pytest.param(
            "The Ministers affirmed that the combined strength of the two allies will contribute to the "
            "stability of the region.",
            id="a-forecast-of-a-thing-not-a-party",
        ),
    ],
)
def test_views_and_other_parties_pledges_are_not_pledges(sentence: str) -> None:
    assert read(sentence) == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "The Minister echoed the Republic of Korea's commitment to strengthen its missile defense.",
            {(frozenset({"MissileDefense"}), "KOR")},
            id="echoed-a-commitment",
        ),
        pytest.param(
            "The Republic of Korea, Japan and the United States are determined to align their collective efforts.",
            {(frozenset({"TrilateralCooperation"}), "JPN+KOR+USA")},
            id="are-determined-to",
        ),
        pytest.param(
            "The Minister and the Secretary of State pledged to strengthen missile defense cooperation.",
            {(frozenset({"MissileDefense"}), "KOR+USA")},
            id="the-secretary-of-state-is-american",
        ),
        pytest.param(
            "The two foreign ministers condemned the launch, pledging serious consequences for any further test.",
            {(frozenset({"DeclaratoryPolicy"}), "KOR+USA")},
            id="pledging-serious-consequences",
        ),
        pytest.param(
            "The Secretary denounced the test, pledging a swift response to any further provocation.",
            {(frozenset({"DeclaratoryPolicy"}), "USA")},
            id="pledging-a-swift-response",
        ),
        pytest.param(
            "The United States stands firmly committed to the defense of our ally, the Republic of Korea.",
            {(frozenset({"MutualDefense"}), "USA")},
            id="defense-of-our-ally",
        ),
        pytest.param(
            "The Minister stated that, whatever the budget strain, the ROK will continue to contribute to the "
            "costs of the stationed forces.",
            {(frozenset({"CostSharing"}), "KOR")},
            id="a-party-that-will-contribute-still-pledges",
        ),
    ],
)
def test_pledges_the_phrase_list_missed(sentence: str, expected: set[tuple[frozenset[str], str]]) -> None:
    assert read(sentence) == expected


def test_a_spelling_of_the_island_of_the_record() -> None:
    text = "The shelling by North Korean batteries of Yeongpyeong Island shocked the nation."
    assert incidents(text, dt.date(2010, 12, 1)) == {"yeonpyeong-shelling-2010"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "On Nov. 3, Pyongyang fired the same kind of ICBM, and that flight ended in failure.",
            {"hwasong-17-launch-2022-11-03"},
            id="a-day-that-opens-the-sentence",
        ),
        pytest.param(
            "On Nov. 3, the ministers said that any ICBM launch would draw a firm answer.",
            set(),
            id="a-hypothetical-launch-takes-no-day",
        ),
    ],
)
def test_a_fronted_day_dates_the_launch_of_its_clause(text: str, expected: set[str]) -> None:
    assert incidents(text, dt.date(2022, 11, 20)) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            'Minister Shin took questions after the drill. "We will back a full inquiry by the United Nations '
            "Command. We will also raise the readiness of our deterrence. We will never tolerate such a "
            'provocation," he said.',
            id="a-pronoun-says-the-quotation",
        ),
        pytest.param(
            "Minister Shin took questions after the drill.\n\n"
            '"We will back a full inquiry by the United Nations Command. We will also raise the readiness of our '
            'deterrence," Minister Shin said.',
            id="the-speaker-named-after-the-quotation",
        ),
    ],
)
def test_a_quoted_we_over_several_sentences_is_the_speakers(text: str) -> None:
    found = pledges(extract_text(text, dt.date(2024, 6, 2), "news"))
    assert len(found) >= 2
    assert {party for _, party, _ in found} == {"KOR"}


def test_a_short_line_that_ends_a_sentence_inside_a_numbered_paragraph_does_not_end_it() -> None:
    from extractors.readers.layout import line_breaks

    lines = [
        "3. The Minister and the Secretary reviewed the situation on and around the Peninsula and agreed to",
        "deepen their coordination against the threat over the coming year and to keep the alliance ready",
        "at all times. They welcomed the review.",
        "The Secretary also restated the firm commitment of the United States to the defense of the ROK by",
        "using the full range of its military capabilities, including its extended deterrence, and the two",
        "sides agreed to meet again.",
        "4. The Minister and the Secretary noted the progress of the joint working groups over the past",
        "year and the work ahead.",
        "ANNEX ON THE WORKING GROUPS",
    ]
    assert line_breaks(lines) == [False, False, False, False, False, True, False, True]


def test_will_also_continue_is_one_pledge_not_an_empty_one() -> None:
    found = pledges(extract_text("We will also continue to press the DPRK to honor the UNSC resolutions.", DAY, "news"))
    assert len(found) == 1
    assert not found[0][2].rstrip().endswith("also")


def test_a_declaratory_sentence_of_a_speech_is_said_by_the_party_before_it() -> None:
    text = (
        "The American commitment to the ROK is steadfast and ironclad. Any nuclear attack by the DPRK on the "
        "allies is unacceptable and will result in the end of that regime."
    )
    assert read(text, kind="news") == {
        (frozenset({"MutualDefense"}), "USA"),
        (frozenset({"DeclaratoryPolicy"}), "USA"),
    }


def test_a_declaratory_sentence_no_one_says_is_no_pledge_of_a_news_text() -> None:
    text = "Any nuclear attack by the DPRK on the allies would result in the end of that regime, analysts wrote."
    assert read(text, kind="news") == set()


def test_there_should_be_no_doubt_that_a_party_will() -> None:
    text = (
        "There should be no doubt that the United States will do whatever it takes to honor the security "
        "commitments it has made to its allies, including the Republic of Korea."
    )
    assert {party for _, party in read(text, kind="news")} == {"USA"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Joint Chiefs added that the South Korean military will keep a firm readiness posture against "
            "any provocation by the North.",
            "KOR",
            id="the-national-military",
        ),
        pytest.param(
            "The Secretary said that U.S. forces will remain on the Peninsula at their present level.",
            "USA",
            id="the-national-forces",
        ),
    ],
)
def test_a_partys_own_arm_is_the_party(text: str, expected: str) -> None:
    assert {party for _, party in read(text, kind="news")} == {expected}


def test_an_intention_that_names_no_field_is_no_pledge() -> None:
    text = "This is an hour that calls for unity among true partners, and it is an hour we intend to meet, together."
    assert read(text, kind="statement") == set()


def test_two_chairpersons_agreeing_to_a_quoted_infinitive_pledge() -> None:
    text = 'The two chairpersons agreed to "work for an alliance that looks ahead."'
    assert read(text, kind="news") == {(frozenset({"AllianceCooperation"}), "KOR+USA")}
