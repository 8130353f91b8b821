"""News articles and studies (issue 15, pattern 10): their dated meetings, exercises and agreements.

Both documents are written for the tests in the shape of the sample corpus's news
article and study (a dateline and a lead; an abstract and numbered sections).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel, is_a

NEWS = """Allies plan larger drills after talks in Seoul

By a staff reporter · Dec. 5, 2031

SEOUL — South Korea and the United States will stage a larger Freedom Shield exercise in March 2032, officials said \
on Friday, after the defense chiefs of the two countries and Japan met at the September 22 trilateral ministerial \
meeting in Tokyo.

The plan follows the presidential summit in Washington on May 21, where the two leaders agreed to expand combined \
training. The allies also held the Ulchi Freedom Shield exercise in August and the Vigilant Defense air exercise \
from October 30 to November 3.

Analysts compared the moment with the nuclear framework accord that Washington and Pyongyang signed in Geneva on \
October 21, 1994, after which the Team Spirit exercise was suspended.
"""

STUDY = """Deterrence in Practice: Exercises and Meetings of the Alliance

Abstract

This study reads the alliance record from the first defense ministers' meeting to the present.

1. Origins

The first defense ministers' meeting, held in Washington in May 1968, followed the raid on the Blue House. The 38th \
SCM, held in Washington on October 20, 2006, answered the first nuclear test.

2. Exercises

Key Resolve ran in March 2013 after the third nuclear test, and the Agreed Framework of October 1994 had earlier \
led the allies to suspend Team Spirit.
"""


def make_doc(text: str, date: dt.date, kind: str) -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def by_kind(graph: GraphData) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for n in graph.nodes:
        if is_a(n.kind, Kind.MEETING) or n.kind in (Kind.EXERCISE, Kind.AGREEMENT):
            out[n.label] = {"kind": n.kind, **n.props}
    return out


def test_a_news_article_extracts_its_dated_meetings_exercises_and_agreements() -> None:
    graph = extract_document(make_doc(NEWS, dt.date(2031, 12, 5), "news"))
    found = by_kind(graph)
    # a partial date takes the article's year; a "trilateral ministerial meeting" of the defense chiefs is no summit
    assert found["Trilateral defense ministers' meeting, 2031-09-22"]["date"] == dt.date(2031, 9, 22)
    assert found["ROK-U.S. summit, 2031-05-21"]["series"] == "Summit"  # "presidential summit"
    assert found["Freedom Shield 2032"]["kind"] == Kind.EXERCISE
    assert found["Ulchi Freedom Shield 2031"]["date"] == dt.date(2031, 8, 1)
    assert found["Vigilant Defense 2031"]["date"] == dt.date(2031, 10, 30)
    assert found["Team Spirit"]["kind"] == Kind.EXERCISE
    assert found["Agreed Framework between the United States and North Korea"]["notation"] == "agreed-framework-1994"
    assert not any(r.type == Rel.ISSUED_AT for r in graph.relationships)  # news records no meeting


def test_exercises_are_held_by_their_allies() -> None:
    graph = extract_document(make_doc(NEWS, dt.date(2031, 12, 5), "news"))
    nodes = graph.node_map()
    exercise = next(n for n in graph.nodes if n.label == "Freedom Shield 2032")
    held_by = {
        nodes[r.target].props.get(Prop.NOTATION.value)
        for r in graph.relationships
        if r.type == Rel.PARTICIPANT and r.source == exercise.iri
    }
    assert held_by == {"KOR", "USA"}


def test_a_study_extracts_its_dated_meetings_exercises_and_agreements() -> None:
    found = by_kind(extract_document(make_doc(STUDY, dt.date(2025, 3, 3), "study")))
    assert found["1st SCM"]["ordinal"] == 1
    assert found["38th SCM"]["date"] == dt.date(2006, 10, 20)
    assert found["Key Resolve 2013"]["date"] == dt.date(2013, 3, 1)
    assert "Team Spirit" in found
    assert "Agreed Framework between the United States and North Korea" in found
