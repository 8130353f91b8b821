"""Actors (gazetteer, venues, titles) and meetings (series, ordinals, dates, places, delegations)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.lexicon import default_lexicon
from extractors.rules.meetings import find_meeting_mentions, ordinal_value
from graph.model import GraphData, Node
from graph.schema import WD, Kind, Prop, Rel, is_a


def make_doc(text: str, date: dt.date = dt.date(2024, 11, 2), kind: str = "communique") -> SourceDocument:
    return SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)


def actor_ids(text: str, year: int = 2024) -> list[str]:
    return [a.actor.id for a in find_actors(text, default_lexicon(), year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The ROK, South Korea and the Republic of Korea", ["KOR", "KOR", "KOR"], id="kor-names"),
        pytest.param("DPRK, North Korea and Pyongyang", ["PRK", "PRK", "PRK"], id="prk-names"),
        pytest.param("the U.S., the United States and Washington", ["USA", "USA", "USA"], id="usa-names"),
        pytest.param("Seoul and Washington agreed", ["KOR", "USA"], id="capitals-as-governments"),
        pytest.param("the meeting was held in Seoul", [], id="venue-in"),
        pytest.param("at the Pentagon in Washington, D.C., on Monday", [], id="venue-dc"),
        pytest.param("Washington, D.C., October 30, 2024", [], id="dateline"),
        pytest.param("U.S. Forces Korea and the UN Security Council", ["USFK", "UNSC"], id="longest-name"),
        pytest.param("a missile launched over Japan", [], id="state-as-place"),
        pytest.param("the Washington Declaration", [], id="capital-in-a-name"),
    ],
)
def test_actor_recognition(text: str, expected: list[str]) -> None:
    assert actor_ids(text) == expected


def test_titles_resolve_by_office_year() -> None:
    assert actor_ids("Secretary Austin and Minister Shin met.", 2023) == ["person:Lloyd Austin", "person:Shin Won-sik"]
    assert actor_ids("President Bush spoke.", 2002) == ["person:George W. Bush"]
    assert actor_ids("President Bush spoke.", 1990) == ["person:George H. W. Bush"]


def test_unknown_officials_get_a_person_with_the_country_of_their_title() -> None:
    found = find_actors("ROK Minister of National Defense Hong Gil-dong met the press.", default_lexicon(), 2031)
    person = next(a.actor for a in found if a.actor.kind == Kind.PERSON)
    assert (person.label, person.country) == ("Hong Gil-dong", "KOR")
    found = find_actors("General Pat Example, Chairman of the U.S. Joint Chiefs of Staff", default_lexicon(), 2031)
    person = next(a.actor for a in found if a.actor.kind == Kind.PERSON)
    assert (person.label, person.country, person.role) == ("Pat Example", "USA", "General")


def test_one_node_per_actor_with_wikidata_identity() -> None:
    graph = extract_document(make_doc("South Korea and the ROK. The Republic of Korea again."))
    states = [n for n in graph.nodes if n.kind == Kind.STATE]
    assert len(states) == 1
    assert states[0].props[Prop.SAME_AS.value] == WD + "Q884"
    assert states[0].props[Prop.NOTATION.value] == "KOR"
    evidence = [r for r in graph.relationships if r.type == Rel.EVIDENCE and r.source == states[0].iri]
    assert len(evidence) == 3


@pytest.mark.parametrize(
    ("text", "series", "ordinal"),
    [
        pytest.param("the 49th Security Consultative Meeting", "SCM", 49, id="digits"),
        pytest.param("the Forty-Ninth Security Consultative Meeting", "SCM", 49, id="words"),
        pytest.param("the XXXVIII Security Consultative Meeting", "SCM", 38, id="roman"),
        pytest.param("the tenth annual Security Consultative Meeting", "SCM", 10, id="annual"),
        pytest.param("the 42nd ROK-U.S. Military Committee Meeting", "MCM", 42, id="mcm"),
        pytest.param("the fourth U.S.-ROK Foreign and Defense Ministers' (2+2) Meeting", "2+2", 4, id="two-plus-two"),
        pytest.param("the first annual defense ministers' meeting", "SCM", 1, id="early-name"),
        pytest.param("the Camp David Trilateral Summit", "Trilateral", None, id="trilateral"),
        pytest.param("its first meeting", "Other", 1, id="other-body"),
    ],
)
def test_meeting_mentions(text: str, series: str, ordinal: int | None) -> None:
    [m] = [x for x in find_meeting_mentions(text) if x.ordinal is not None or ordinal is None][:1]
    assert (m.series, m.ordinal) == (series, ordinal)


def test_ordinal_values() -> None:
    assert [ordinal_value(t) for t in ("56th", "Fifty-Sixth", "fifty sixth", "LVI")] == [56, 56, 56, 56]


COMMUNIQUE = """JOINT COMMUNIQUE

1. The 56th United States (U.S.) - Republic of Korea (ROK) Security Consultative Meeting (SCM) was held in \
Washington, D.C., on October 30, 2024. U.S. Secretary of Defense Lloyd Austin and ROK Minister of National \
Defense Kim Yong-hyun led their respective delegations.

2. On October 17, 2024, the Chairmen of the Joint Chiefs of Staff presided over the 49th ROK-U.S. Military \
Committee Meeting (MCM). The SCM welcomed the results of the MCM.
"""


def meetings(graph: GraphData) -> dict[str, Node]:
    return {n.label: n for n in graph.nodes if is_a(n.kind, Kind.MEETING)}


def test_recorded_meeting_with_date_place_and_delegations() -> None:
    graph = extract_document(make_doc(COMMUNIQUE))
    found = meetings(graph)
    assert set(found) == {"56th SCM", "49th MCM"}
    scm = found["56th SCM"]
    assert scm.kind == Kind.SCM
    assert scm.props[Prop.DATE.value] == dt.date(2024, 10, 30)
    assert scm.props[Prop.LOCATION.value] == "Washington, D.C."
    mcm = found["49th MCM"]
    assert mcm.kind == Kind.MEETING and mcm.props[Prop.SERIES.value] == "MCM"
    assert mcm.props[Prop.DATE.value] == dt.date(2024, 10, 17)
    nodes = graph.node_map()
    heads = {nodes[r.target].label: r.props.get(Prop.ROLE.value) for r in graph.relationships
             if r.type == Rel.HEAD_OF_DELEGATION and r.source == scm.iri}  # fmt: skip
    assert heads == {"Lloyd Austin": "Secretary of Defense", "Kim Yong-hyun": "Minister of National Defense"}
    affiliations = {(nodes[r.source].label, nodes[r.target].props[Prop.NOTATION.value])
                    for r in graph.relationships if r.type == Rel.AFFILIATION}  # fmt: skip
    assert {("Lloyd Austin", "USA"), ("Kim Yong-hyun", "KOR")} <= affiliations
    [issued] = [r.target for r in graph.relationships if r.type == Rel.ISSUED_AT]
    assert issued == scm.iri


def test_news_meetings_resolve_relative_dates_and_summits() -> None:
    text = (
        "President Yoon Suk Yeol and President Joe Biden met at the White House on April 26 "
        "and adopted a declaration.\n\n"
        "The defense chiefs will hold the next SCM in the autumn."
    )
    graph = extract_document(make_doc(text, date=dt.date(2023, 5, 2), kind="news"))
    found = meetings(graph)
    assert set(found) == {"Summit 2023-04-26"}
    assert not [r for r in graph.relationships if r.type == Rel.ISSUED_AT]
