"""Meetings and dates that round twelve's unseen measurement found missed (texts of our own in their shapes).

A trilateral meeting told as "held a trilateral secure video-teleconference on <day>" is the meeting the joint
statement records; "the 7th of November" is a date; a day called "last" ("held last January 19, 2006") never
dates the document.
"""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_probe import extract_text, heads, meeting_props, recorded_label, recorded_node

from extractors.metadata import infer_date
from extractors.rules.dates import find_dates
from graph.model import GraphData
from graph.schema import Kind, Rel


@pytest.mark.parametrize(
    ("text", "day", "label"),
    [
        pytest.param(
            "Australia, the United States, and Japan held a trilateral secure video-teleconference on June 4 to "
            "exchange views on recent maritime incidents.\n\nThe officials agreed to keep in close contact.\n",
            dt.date(2019, 6, 4),
            "Trilateral meeting, 2019-06-04",
            id="secure-hyphenated",
        ),
        pytest.param(
            "The Republic of Korea, Japan and the United States held a trilateral video teleconference on "
            "October 2 to discuss the launch of the previous day.\n\nThe three sides will stay in touch.\n",
            dt.date(2022, 10, 2),
            "Trilateral meeting, 2022-10-02",
            id="plain",
        ),
        pytest.param(
            "Japan, the ROK and the United States held a trilateral secure video conference on May 9 on the "
            "situation in the region.\n\nThey will meet again in the autumn.\n",
            dt.date(2021, 5, 9),
            "Trilateral meeting, 2021-05-09",
            id="video-conference",
        ),
    ],
)
def test_trilateral_secure_video_teleconference_is_the_recorded_meeting(text: str, day: dt.date, label: str) -> None:
    graph = extract_text(text, day, "joint_statement")
    assert recorded_label(graph) == label
    assert meeting_props(graph)[label]["date"] == day


def test_a_secure_line_or_a_bilateral_teleconference_is_no_trilateral_meeting() -> None:
    # "secure" alone, or a teleconference not called trilateral, names no trilateral meeting
    for text in (
        "The two ministers spoke over a secure line on June 4 about the launches.\n",
        "Seoul and Washington held a secure video-teleconference on June 4 about the launches.\n",
    ):
        graph = extract_text(text, dt.date(2019, 6, 4), "joint_statement")
        assert not any(label.startswith("Trilateral") for label in meeting_props(graph)), text


@pytest.mark.parametrize(
    ("text", "ref", "day"),
    [
        (
            "The session was held in Seoul on the 7th of November, with both deputies present.",
            dt.date(2006, 11, 8),
            dt.date(2006, 11, 7),
        ),
        ("They met again on the 2nd of March 2019 in Hanoi.", dt.date(2019, 3, 5), dt.date(2019, 3, 2)),
        ("The talks ended on the 21st of June.", dt.date(2010, 6, 30), dt.date(2010, 6, 21)),
    ],
)
def test_an_ordinal_day_of_a_month_is_a_date(text: str, ref: dt.date, day: dt.date) -> None:
    found = [(d.date, d.precision) for d in find_dates(text, ref)]
    assert (day, "day") in found


@pytest.mark.parametrize(
    "text",
    ["One of March's drills was cancelled.", "the 7 of November", "on the 15th of the month"],
)
def test_a_number_of_a_month_without_an_ordinal_day_is_no_date(text: str) -> None:
    assert [d for d in find_dates(text, dt.date(2010, 6, 30)) if d.precision == "day"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Joint Press Release\n\nThe second round, a follow-up of the talks held last May 2, 2008, took place in "
        "Washington on the 9th of October.\n",
        "Press Release\n\nBoth sides recalled the dialogue of last March 14, 2011 and agreed to meet again.\n",
    ],
)
def test_a_day_called_last_never_dates_the_document(text: str) -> None:
    # the earlier meeting's day is not the document's; with no other full date the document stays undated
    assert infer_date(text)[0] is None


def test_a_dateline_still_dates_a_document_that_recalls_a_last_day() -> None:
    text = "Joint Press Release\n\nSeoul, March 3, 2007 -- The talks held last January 19, 2006 were followed up.\n"
    assert infer_date(text)[0] == dt.date(2007, 3, 3)
    # a full date not called "last" still dates the document
    assert infer_date("Press Release\n\nIssued on May 2, 2008 after the talks.\n")[0] == dt.date(2008, 5, 2)


def _persons(graph: GraphData) -> dict[str, tuple[str | None, str | None]]:
    """Each person of a graph: its role and the label of the state it is affiliated with."""
    nodes = graph.node_map()
    states = {r.source: nodes[r.target].label for r in graph.relationships if r.type == Rel.AFFILIATION}
    return {n.label: (n.props.get("role"), states.get(n.iri)) for n in graph.nodes if n.kind == Kind.PERSON}


LISTED = [
    pytest.param(
        "Japan, the United States and the ROK held a trilateral video teleconference on June 4 on the launches.\n\n"
        "Kenji Tanaka, Director General for Defense Policy, Japan Ministry of Defense; Mark Stone, Acting Deputy "
        "Assistant Secretary of Defense for East Asia, U.S. Department of Defense; and Kim Dong-hyun, Deputy "
        "Minister for Policy, ROK Ministry of National Defense, led their respective interagency delegations.\n",
        {
            "Kenji Tanaka": ("Director General for Defense Policy", "Japan"),
            "Mark Stone": ("Acting Deputy Assistant Secretary of Defense for East Asia", "United States"),
        },
        id="three-clauses",
    ),
    pytest.param(
        "The United States and Japan held a trilateral meeting on June 4 with the ROK on maritime security.\n\n"
        "Laura Field, Principal Deputy Under Secretary for Policy, U.S. Department of Defense; and Hiroshi Ono, "
        "Director General for Policy, Japan Ministry of Defense, led their delegations.\n",
        {
            "Laura Field": ("Principal Deputy Under Secretary for Policy", "United States"),
            "Hiroshi Ono": ("Director General for Policy", "Japan"),
        },
        id="two-clauses",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTED)
def test_heads_listed_name_first_are_persons_of_their_ministrys_state(
    text: str, expected: dict[str, tuple[str, str]]
) -> None:
    graph = extract_text(text, dt.date(2019, 6, 4), "joint_statement")
    persons = _persons(graph)
    for name, (role, state) in expected.items():
        assert persons.get(name) == (role, state), (name, persons)
    recorded = recorded_node(graph)
    assert recorded is not None
    assert set(expected) <= heads(graph, recorded)


def test_a_name_and_apposition_without_the_delegation_clause_is_no_person() -> None:
    # a name first with an office after a comma, but the sentence does not say they led delegations
    text = (
        "The seminar was held in Tokyo on June 4.\n\n"
        "Kenji Tanaka, Director General for Defense Policy, Japan Ministry of Defense; and Mark Stone, Acting "
        "Deputy Assistant Secretary of Defense, U.S. Department of Defense, spoke at the opening.\n"
    )
    persons = _persons(extract_text(text, dt.date(2019, 6, 4), "other"))
    assert "Kenji Tanaka" not in persons
    assert "Mark Stone" not in persons
