"""Trilateral meetings named by their three states or by the officials who met, without the word "trilateral".

Texts written here in the shapes of trilateral statements: a title joining the three states' names before the
office ("Japan-Republic of Korea-United States Vice Foreign Ministerial Meeting"), and a statement that opens by
saying the three allies' ministers met. Two of the allies, or any other list, name no trilateral meeting.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, meeting_props, recorded_label

BODY = (
    "The three sides condemned North Korea's nuclear test of September 9, 2016, and reaffirmed their "
    "commitment to the complete denuclearization of the Korean Peninsula.\n"
)
DAY = dt.date(2016, 10, 14)


@pytest.mark.parametrize(
    ("title", "label"),
    [
        (
            "Joint Statement of the Japan-Republic of Korea-United States Vice Foreign Ministerial Meeting",
            "Trilateral vice foreign ministers' meeting, 2016-10-14",
        ),
        (
            "U.S.-Japan-ROK Foreign Ministers' Meeting Joint Statement",
            "Trilateral foreign ministers' meeting, 2016-10-14",
        ),
    ],
)
def test_a_title_joining_the_three_states_names_the_trilateral_meeting(title: str, label: str) -> None:
    graph = extract_text(f"{title}\n\nOctober 14, 2016\n\n{BODY}", DAY, kind="joint_statement")
    assert recorded_label(graph) == label


def test_two_states_foreign_ministers_name_no_meeting_of_a_series() -> None:
    graph = extract_text(
        f"Joint Statement of the ROK-U.S. Foreign Ministers' Meeting\n\nOctober 14, 2016\n\n{BODY}", DAY,
        kind="joint_statement",
    )  # fmt: skip
    assert recorded_label(graph) is None
    assert meeting_props(graph) == {}


@pytest.mark.parametrize(
    ("opening", "label", "place"),
    [
        (
            "The Vice Foreign Ministers of Japan, the Republic of Korea and the United States met in Seoul on "
            "October 14, 2016.",
            "Trilateral vice foreign ministers' meeting, 2016-10-14",
            "Seoul",
        ),
        (
            "The Defense Ministers of the United States, Japan, and the Republic of Korea met in Singapore.",
            "Trilateral defense ministers' meeting, 2016-10-14",
            "Singapore",
        ),
        (
            "The Chiefs of Defense of Japan, the ROK and the U.S. convened virtually to discuss the threat.",
            "Trilateral chiefs of defense meeting, 2016-10-14",
            None,
        ),
    ],
)
def test_the_three_allies_officials_who_met_record_their_meeting(opening: str, label: str, place: str | None) -> None:
    graph = extract_text(f"Joint Statement\n\nOctober 14, 2016\n\n{opening}\n\n{BODY}", DAY, kind="joint_statement")
    assert recorded_label(graph) == label
    assert meeting_props(graph)[label].get("location") == place


@pytest.mark.parametrize(
    "opening",
    [
        # two of the allies: an SCM or some other meeting, which the sentence does not say
        "The Defense Ministers of the Republic of Korea and the United States met in Seoul on October 14, 2016.",
        # a list naming others too
        "The Foreign Ministers of Australia, Japan, the Republic of Korea and the United States met in Lima.",
    ],
)
def test_officials_of_other_lists_record_no_trilateral_meeting(opening: str) -> None:
    graph = extract_text(f"Joint Statement\n\nOctober 14, 2016\n\n{opening}\n\n{BODY}", DAY, kind="joint_statement")
    assert not any(label.startswith("Trilateral") for label in meeting_props(graph))
