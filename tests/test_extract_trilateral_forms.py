"""Trilateral meetings named by their three states or by the officials who met, without the word "trilateral".

Texts written here in the shapes of trilateral statements: a title joining the three states' names before the
office ("Japan-Republic of Korea-United States Vice Foreign Ministerial Meeting"), and a statement that opens by
saying the three allies' ministers met. Two of the allies, or any other list, name no trilateral meeting.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, meeting_props, recorded_label, recorded_node

from graph.model import GraphData

BODY = (
    "The three sides condemned North Korea's nuclear test of September 9, 2016, and reaffirmed their "
    "commitment to the complete denuclearization of the Korean Peninsula.\n"
)
DAY = dt.date(2016, 10, 14)


def trilateral_meetings(graph: GraphData) -> list[str]:
    """The labels of the trilateral meetings a graph holds."""
    return [label for label in meeting_props(graph) if label.startswith("Trilateral")]


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
    assert not trilateral_meetings(graph)


@pytest.mark.parametrize(
    "sentence",
    [
        # a bilateral statement telling of the three allies' meeting inside a view: no filing under it
        "The two sides noted that the Chiefs of Defense of the U.S., the ROK and Japan met in Hawaii on "
        "July 18, 2016.",
        "They recalled that the Defense Ministers of Japan, the Republic of Korea and the United States met in "
        "Tokyo on October 14, 2016.",
    ],
)
def test_officials_met_inside_a_clause_is_no_meeting_of_the_statement(sentence: str) -> None:
    text = (
        "Joint Statement\n\nOctober 14, 2016\n\nThe Minister and the Secretary held their annual talks in Seoul.\n\n"
        f"{sentence}\n\nThe two sides pledged to keep extended deterrence strong.\n"
    )
    graph = extract_text(text, DAY, kind="joint_statement")
    assert recorded_label(graph) is None
    assert not trilateral_meetings(graph)


@pytest.mark.parametrize(
    "opening",
    [
        "The Foreign Ministers of Japan, the ROK and the U.S. met last year at Camp David, and the three act on it.",
        "The Vice Foreign Ministers of Japan, the Republic of Korea and the United States have met regularly since "
        "2015.",
        "The Defense Ministers of the United States, Japan, and the Republic of Korea met in Tokyo in March 2016.",
    ],
)
def test_officials_who_met_at_another_time_are_not_dated_by_the_statement(opening: str) -> None:
    # the date line above the statement dates a meeting its opening tells of only when nothing puts it elsewhere
    graph = extract_text(f"Joint Statement\n\nOctober 14, 2016\n\n{opening}\n\n{BODY}", DAY, kind="joint_statement")
    assert recorded_label(graph) is None
    assert "2016-10-14" not in " ".join(meeting_props(graph))


FM_DAY = dt.date(2022, 8, 4)


@pytest.mark.parametrize(
    "sentence",
    [
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin met today in Phnom Penh to reaffirm their commitment to trilateral cooperation.",
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin met in Phnom Penh on August 4, 2022.",
    ],
)
def test_the_three_allies_ministers_who_met_record_their_meeting_with_them_as_heads(sentence: str) -> None:
    graph = extract_text(f"Joint Statement\n\nAugust 4, 2022\n\n{sentence}\n\n{BODY}", FM_DAY, kind="joint_statement")
    label = "Trilateral foreign ministers' meeting, 2022-08-04"
    assert recorded_label(graph) == label
    assert meeting_props(graph)[label].get("location") == "Phnom Penh"
    node = recorded_node(graph)
    assert node is not None
    assert heads(graph, node) == {"Antony Blinken", "Yoshimasa Hayashi", "Park Jin"}


@pytest.mark.parametrize(
    "sentence",
    [
        # two allies' ministers: an SCM, a 2+2 or talks on a forum's sidelines; the sentence does not say which
        "Secretary of Defense Lloyd J. Austin III met with Republic of Korea Minister of National Defense Lee "
        "Jong-sup in Phnom Penh on August 4, 2022.",
        # a fourth state's minister: a wider meeting, not the allies' trilateral one
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa, Republic of Korea "
        "Foreign Minister Park Jin and Australian Foreign Minister Penny Wong met in Phnom Penh on August 4, 2022.",
        # the three named, but no meeting said
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin condemned the launches of August 4, 2022.",
    ],
)
def test_other_officials_sentences_record_no_trilateral_meeting(sentence: str) -> None:
    graph = extract_text(f"Joint Statement\n\nAugust 4, 2022\n\n{sentence}\n", FM_DAY, kind="joint_statement")
    assert not trilateral_meetings(graph)


@pytest.mark.parametrize(
    "sentence",
    [
        # told inside another clause of a bilateral statement: a meeting the text tells of, not its own
        "They recalled that Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and "
        "Republic of Korea Foreign Minister Park Jin met in Phnom Penh on August 4, 2022.",
        # put at another time than the statement's day
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin met last year in Phnom Penh, and the three continue that work.",
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin have met regularly since 2021.",
    ],
)
def test_three_allies_ministers_told_of_or_met_at_another_time_file_nothing(sentence: str) -> None:
    text = (
        "Joint Statement\n\nSeptember 20, 2022\n\nThe Minister and the Secretary held their annual talks in Seoul.\n\n"
        f"{sentence}\n\nThe two sides pledged to keep extended deterrence strong.\n"
    )
    graph = extract_text(text, dt.date(2022, 9, 20), kind="joint_statement")
    assert recorded_label(graph) is None
    assert "2022-09-20" not in " ".join(meeting_props(graph))


def test_met_today_on_a_page_without_a_date_line_records_no_meeting() -> None:
    """A repost whose only date is in the site's headline ticker: "met today" cannot be dated by that date (it is
    another text's), so no meeting is recorded rather than one on the wrong day."""
    text = (
        "Breaking News\n\n"
        "Markets rally in Asia - Department Press Briefing - October 6, 2022 - Agency - Storm warnings for the coast "
        "- Local elections ahead - Sports results of the week - More headlines from around the world today\n\n"
        "Secretary of State Antony J. Blinken, Japanese Foreign Minister Hayashi Yoshimasa and Republic of Korea "
        "Foreign Minister Park Jin met today in New York to reaffirm their commitment to trilateral cooperation.\n"
    )
    graph = extract_text(text, dt.date(2022, 10, 6), kind="joint_statement")
    assert not trilateral_meetings(graph)
