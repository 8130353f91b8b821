"""Press conferences and remarks of a meeting's own day record that meeting (issue 15, item 3).

Shapes of stored public transcripts of SCM press conferences: a titled press conference whose first
speaker says "Through the 53rd SCM, Secretary X and I ...", and a flattened copy with no date line
whose speaker label runs on after the page's first sentence and speaks of "today's meeting". Written
for the tests; nothing is copied from a source.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, recorded_label

TITLED = """Joint Press Conference by Minister Example and Secretary Sample

December 2, 2021

MINISTER EXAMPLE: Through the 53rd SCM, Secretary Sample and I reviewed the security situation and agreed to \
update the strategic planning guidance. We thank the delegations.
"""

FLATTENED = (
    "Secretary of Defense Pat Sample; Kim Example, Defense Minister. DEFENSE MINISTER KIM EXAMPLE (THROUGH "
    "TRANSLATOR): Through the 53rd ROK-U.S. Security Consultative Meeting, Secretary Sample and I exchanged "
    "views on the security landscape. Today's meeting was an opportunity to reaffirm the alliance."
)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param(TITLED, dt.date(2021, 12, 2), id="titled-press-conference-of-the-day"),
        pytest.param(FLATTENED, None, id="flattened-transcript-says-today"),
    ],
)
def test_a_spoken_record_of_the_meetings_day_records_it(text: str, date: dt.date | None) -> None:
    assert recorded_label(extract_text(text, date, "other")) == "53rd SCM"


def test_a_press_conference_of_another_day_records_no_earlier_meeting() -> None:
    # a week later the 53rd SCM is a meeting recalled, not the one the remarks were given at
    later = TITLED.replace("December 2", "December 9")
    assert recorded_label(extract_text(later, dt.date(2021, 12, 9), "other")) is None


def test_a_report_about_the_meeting_is_no_spoken_record() -> None:
    # an embassy summary dated by the meeting it reports, without a speaker or a spoken heading: filed under none
    summary = (
        "Summary of the week\n\nTHE 53RD SCM HELD DECEMBER 2, 2021 REAFFIRMED THE ALLIANCE. THE SECRETARY GAVE "
        "FIRM ASSURANCES ON THE U.S. COMMITMENT.\n"
    )
    assert recorded_label(extract_text(summary, dt.date(2021, 12, 2), "other")) is None


def test_an_undated_briefing_that_recalls_a_meeting_records_none() -> None:
    # "today" in a spokesperson's briefing does not make an earlier meeting it recalls the one it records
    briefing = (
        "Press Briefing by the Spokesperson\n\nMR. SPOKESMAN: Good afternoon. Today the Secretary is traveling. "
        "The 53rd SCM in Seoul last year produced a joint communique that we continue to implement.\n"
    )
    assert recorded_label(extract_text(briefing, None, "other")) is None
