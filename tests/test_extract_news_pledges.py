"""News shapes of pledges and non-pledges: forecasts, open questions, quoted speakers.

Patterns found failing on stored public copies of real news items (issue 15, lead's round-2
probe P1, P3, P5). The sentences are written for the tests in the shapes of those texts;
none is copied from one.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, pledges

from graph.model import GraphData


def extract(text: str, date: dt.date = dt.date(2024, 6, 2)) -> GraphData:
    return extract_text(text, date)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The two defence chiefs are also expected to discuss whether an inter-Korean military pact "
            "agreed in 2018 should be suspended, a local paper reported.",
            id="expected-to-discuss-whether",
        ),
        pytest.param(
            "The ministers will consider whether the combined drills should be resumed next spring.",
            id="will-consider-whether",
        ),
        pytest.param(
            "Officials from both countries will discuss the missile threat at the talks in Seoul next week.",
            id="will-discuss",
        ),
        pytest.param(
            "The two allies are set to sign a new arrangement on cost sharing when the envoys meet.",
            id="set-to-sign-forecast",
        ),
    ],
)
def test_a_forecast_or_an_open_question_is_no_pledge(text: str) -> None:
    assert pledges(extract(text)) == []


@pytest.mark.parametrize(
    ("text", "party"),
    [
        pytest.param(
            "Regardless of whether Pyongyang tests again, the United States will keep its commitment to "
            "the defense of the ROK.",
            "USA",
            id="regardless-of-whether",
        ),
        pytest.param(
            "The two sides agreed that, whether in armistice or in crisis, the ROK and the United States "
            "will strengthen combined readiness.",
            "KOR+USA",
            id="whether-in-armistice-or-crisis",
        ),
    ],
)
def test_a_whether_that_asks_nothing_keeps_the_pledge(text: str, party: str) -> None:
    assert [found_party for _types, found_party, _text in pledges(extract(text))] == [party]


def test_a_decision_on_a_question_is_still_a_pledge() -> None:
    found = pledges(extract("The two sides agreed that the combined drills will be resumed next spring."))
    assert [party for _types, party, _text in found] == ["KOR+USA"]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        pytest.param(
            '"The waste balloons are a grave breach of the Armistice," Minister Shin stressed. '
            '"We will provide every support for an inquiry by the United Nations Command."',
            "KOR",
            id="quote-after-an-attributed-quote",
        ),
        pytest.param(
            '"We will stand by our ally," Secretary Austin said after the talks with Minister Shin.',
            "USA",
            id="speaker-right-after-the-quote",
        ),
        pytest.param(
            'The two ministers met in Singapore. "We will keep working together on this," they said.',
            "KOR+USA",
            id="quote-of-both",
        ),
    ],
)
def test_a_quoted_we_is_its_speakers(text: str, party: str) -> None:
    found = pledges(extract(text))
    assert [p for _types, p, evidence in found if evidence.startswith('"We will')] == [party]


def test_a_perfect_after_its_subject_is_the_sentences_pledge() -> None:
    found = pledges(
        extract(
            "South Korea and the United States have agreed to regularize their talks on extended deterrence "
            "to better answer the North's growing threats, the ministry said on Monday.",
            dt.date(2017, 9, 4),
        )
    )
    assert [(types, party) for types, party, _text in found] == [
        (frozenset({"ConsultationMechanism", "ExtendedDeterrence"}), "KOR+USA")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The allies said that they will hold the next EDSCG meeting in the near future.", id="said-that"),
        pytest.param("The two sides will hold the next meeting of the group early next year.", id="top-modal"),
    ],
)
def test_setting_the_next_meeting_is_no_pledge(text: str) -> None:
    assert pledges(extract(text, dt.date(2017, 9, 4))) == []
