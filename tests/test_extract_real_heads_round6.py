"""Heads of delegation in shapes a sixth probe of public copies showed missed (issue 15).

News reports of working-level dialogues name a side's head by a bare full name after the side ("The U.S. side was
led by <name>, ...", "As for the American side, <name> is in charge"), often in the sentence after the other side's
head. Every text below is written for these tests in those shapes (names and offices are invented or public
facts), none is copied from a copy. Each shape has at least two variants and a guard.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.model import GraphData, Node
from graph.schema import Kind, Rel


def make_doc(text: str, date: dt.date | None) -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind="other")


def recorded(graph: GraphData) -> Node | None:
    nodes = graph.node_map()
    targets = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    return nodes[targets[0]] if targets else None


def heads(graph: GraphData, meeting: Node) -> dict[str, tuple[str | None, str | None]]:
    nodes = graph.node_map()
    out = {}
    for r in graph.relationships:
        if r.type == Rel.HEAD_OF_DELEGATION and r.source == meeting.iri:
            person = nodes[r.target]
            country = next(
                (
                    nodes[x.target].label
                    for x in graph.relationships
                    if x.source == person.iri and x.type == Rel.AFFILIATION
                ),
                None,
            )
            out[person.label] = (person.props.get("role"), country)
    return out


def persons(graph: GraphData) -> set[str]:
    return {n.label for n in graph.nodes if n.kind == Kind.PERSON}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The two defense ministries convened the 30th Korea-U.S. Integrated Defense Dialogue in Seoul on "
            "March 3, 2026.\n\nThe Republic of Korea delegation was led by Deputy Minister for National Defense "
            "Policy Hong Gil-dong. The U.S. side was led by Pat Examplar, described by the ministry as the "
            "Pentagon's senior official for East Asia, with other officials also taking part.\n",
            {"Hong Gil-dong": "Deputy Minister for National Defense Policy", "Pat Examplar": None},
            id="us-side-was-led-by",
        ),
        pytest.param(
            "The 30th Korea-U.S. Integrated Defense Dialogue opened in Seoul on March 3, 2026.\n"
            "Officials of both sides took part in the two-day talks.\n"
            "They will discuss the alliance and deterrence.\n"
            "Korea's delegation is led by the Deputy Minister for Defense Policy Hong Gil-dong.\n"
            "As for the American side, Jordan Q. Examplar is in charge.\n"
            "She is the Acting Deputy Assistant Secretary of Defense for East Asia.\n",
            {
                "Hong Gil-dong": "Deputy Minister for Defense Policy",
                "Jordan Examplar": "Deputy Assistant Secretary of Defense for East Asia",
            },
            id="american-side-in-charge-next-line",
        ),
        pytest.param(
            "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on March 3, 2026.\n\n"
            "The Korean delegation was headed by Hong Gil-dong, Deputy Minister for National Defense Policy, and "
            "the American delegation was headed by Casey Examplar, Deputy Assistant Secretary of Defense for "
            "East Asia.\n",
            {
                "Hong Gil-dong": "Deputy Minister for National Defense Policy",
                "Casey Examplar": "Deputy Assistant Secretary of Defense for East Asia",
            },
            id="both-delegations-headed-by-bare-names",
        ),
    ],
)
def test_a_side_head_named_without_a_title(text: str, expected: dict[str, str | None]) -> None:
    graph = extract_document(make_doc(text, dt.date(2026, 3, 3)))
    rec = recorded(graph)
    assert rec is not None
    found = heads(graph, rec)
    assert {name: role for name, (role, _c) in found.items()} == expected


def test_a_side_head_gets_the_sides_country() -> None:
    text = (
        "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on March 3, 2026.\n\n"
        "The ROK side was led by Hong Gil-dong and the U.S. side was led by Pat Examplar.\n"
    )
    graph = extract_document(make_doc(text, dt.date(2026, 3, 3)))
    rec = recorded(graph)
    assert rec is not None
    countries = {name: c for name, (_r, c) in heads(graph, rec).items()}
    assert set(countries) == {"Hong Gil-dong", "Pat Examplar"}
    assert countries["Hong Gil-dong"] != countries["Pat Examplar"]


@pytest.mark.parametrize(
    "text",
    [
        # no side before "led by": a bare name is not taken for a person
        "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on March 3, 2026.\n\n"
        "The discussion was led by Seoul Metro and Busan Harbor officials.\n",
        # a side led by a body, not a person
        "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on March 3, 2026.\n\n"
        "The U.S. side was led by Indo-Pacific Command, and the ROK side was led by Joint Staff officers.\n",
        # "in charge" of a task, not of a side
        "The 30th Korea-U.S. Integrated Defense Dialogue was held in Seoul on March 3, 2026.\n\n"
        "Pat Examplar is in charge of the logistics for the talks.\n",
    ],
    ids=["no-side", "side-led-by-a-body", "in-charge-of-a-task"],
)
def test_no_head_from_a_bare_name_without_its_side(text: str) -> None:
    graph = extract_document(make_doc(text, dt.date(2026, 3, 3)))
    rec = recorded(graph)
    assert rec is not None
    assert heads(graph, rec) == {}
    assert not persons(graph) & {"Seoul Metro", "Busan Harbor", "Pat Examplar", "Indo-Pacific Command"}


# -- a press conference records the meeting its speaker says "X and I" held ----------------------------------


@pytest.mark.parametrize(
    ("text", "date", "ordinal", "expected"),
    [
        pytest.param(
            "Press conference after the Security Consultative Meeting\n\n"
            "MINISTER OF NATIONAL DEFENSE JEONG KYEONG-DOO (THROUGH INTERPRETER):\n"
            "Good afternoon. At today's 50th ROK-U.S. Security Consultative Meeting, Secretary Mattis and I "
            "reviewed the security situation on the peninsula and our combined posture.\n",
            dt.date(2018, 10, 31),
            50,
            {"Jeong Kyeong-doo", "James Mattis"},
            id="label-on-its-own-line-at-todays",
        ),
        pytest.param(
            "Secretary of Defense Mark Esper; Suh Wook, Minister of National Defense. DEFENSE MINISTER SUH WOOK "
            "(THROUGH TRANSLATOR): Through the 52nd ROK-U.S. Security Consultative Meeting, Secretary Esper and I "
            "shared frank views on the alliance agenda.\n",
            dt.date(2020, 10, 14),
            52,
            {"Suh Wook", "Mark Esper"},
            id="inline-label-through-the",
        ),
    ],
)
def test_a_press_conference_records_the_meeting_its_speaker_held(
    text: str, date: dt.date, ordinal: int, expected: set[str]
) -> None:
    graph = extract_document(make_doc(text, date))
    rec = recorded(graph)
    assert rec is not None
    assert rec.props.get("ordinal") == ordinal
    assert set(heads(graph, rec)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a meeting the speaker looks back on
        "DEFENSE MINISTER SUH WOOK (THROUGH TRANSLATOR): Since the 52nd ROK-U.S. Security Consultative Meeting, "
        "Secretary Austin and I have talked often about the alliance.\n",
        # one the speaker looks forward to
        "DEFENSE MINISTER SUH WOOK (THROUGH TRANSLATOR): At the 54th ROK-U.S. Security Consultative Meeting, "
        "Secretary Austin and I will review the alliance again.\n",
    ],
    ids=["since-the-meeting", "future-meeting"],
)
def test_no_record_from_a_meeting_the_speaker_did_not_just_hold(text: str) -> None:
    graph = extract_document(make_doc(text, dt.date(2021, 12, 2)))
    assert recorded(graph) is None
