"""Round twelve (issue 15, items 5-7): a fear told with a modal, a document named with a wire's bare date and
hosting guests for a meeting are no pledges; a "They" after a list of other states names no ally. Texts are our
own, in the shapes of the news pages where the rules went wrong."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.lexicon import GAZETTEER_PATH, SCHEMES_PATH, Lexicon, build_lexicon
from graph.model import GraphData
from graph.schema import Kind, Prop, Rel

HEAD = "SEOUL, March 3, 1995 -- South Korean and U.S. defense officials met in Seoul on Friday.\n\n"
DATE = dt.date(1995, 3, 3)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return build_lexicon(SCHEMES_PATH, GAZETTEER_PATH)


def pledges(text: str, lexicon: Lexicon) -> list[tuple[str, frozenset[str]]]:
    """(evidence sentence's start, parties) of every commitment of HEAD + text read as news."""
    full = HEAD + text + "\n"
    doc = SourceDocument(text=full, sha256=hashlib.sha256(full.encode()).hexdigest(), date=DATE, kind="news")
    graph: GraphData = extract_document(doc, lexicon=lexicon)
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        parties = frozenset(str(nodes[r.target].props[Prop.NOTATION.value]) for r in rels if r.type == Rel.COMMITTED_BY)
        out.append((str(n.props.get(Prop.DESCRIPTION.value, "")), parties))
    return out


@pytest.mark.parametrize(
    "sentence",
    [
        "But Seoul has been reluctant to accept the batteries, fearing that doing so would provoke the North.",
        "Tokyo is worried that the deployment would anger Beijing.",
        "Washington fears that a drawdown would leave the South exposed.",
        "The allies are deeply concerned that the North will conduct another nuclear test.",
    ],
)
def test_a_fear_with_a_modal_is_no_pledge(lexicon: Lexicon, sentence: str) -> None:
    assert pledges(sentence, lexicon) == []


def test_a_fear_closed_by_a_comma_leaves_the_pledge_after_it(lexicon: Lexicon) -> None:
    found = pledges(
        "Despite fears that the talks would stall, the two sides will continue to consult closely.", lexicon
    )
    assert [p for _d, p in found] == [frozenset({"KOR", "USA"})]


@pytest.mark.parametrize(
    "sentence",
    [
        "They referred to the Basic Agreement signed Dec. 13 and the joint declaration initialed Dec. 31.",
        "They mentioned the arrangement signed Sept. 19, 2018 in Pyongyang.",
        "They cited the accord adopted March 2 by the two Koreas.",
    ],
)
def test_a_document_named_with_its_bare_date_is_no_pledge(lexicon: Lexicon, sentence: str) -> None:
    assert pledges(sentence, lexicon) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The two ministers signed Dec. 13 a new arrangement to strengthen combined defense.",
        "The two sides signed the arrangement on combined defense Dec. 13.",
    ],
)
def test_a_signing_with_its_subject_still_pledges(lexicon: Lexicon, sentence: str) -> None:
    assert [p for _d, p in pledges(sentence, lexicon)] == [frozenset({"KOR", "USA"})]


@pytest.mark.parametrize(
    "sentence",
    [
        "Blinken will host host the Japanese and ROK foreign ministers for a trilateral meeting on Feb. 12.",
        "The Secretary will host his Japanese and South Korean counterparts for a Trilateral Ministerial Meeting.",
        "The President will host President Yoon for a state visit to strengthen the alliance next month.",
    ],
)
def test_hosting_guests_for_a_meeting_is_no_pledge(lexicon: Lexicon, sentence: str) -> None:
    assert pledges(sentence, lexicon) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States will host a combined exercise to strengthen readiness.",
        "The two sides will host regular consultations for the alliance.",
    ],
)
def test_hosting_an_activity_still_pledges(lexicon: Lexicon, sentence: str) -> None:
    assert pledges(sentence, lexicon) != []


@pytest.mark.parametrize(
    "text",
    [
        "Officials of China, Russia and the DPRK met in Moscow on Tuesday. They pledged to deepen their cooperation "
        "against sanctions. They also agreed to strengthen coordination at the United Nations.",
        "Diplomats from China and Russia met in Beijing. They agreed to strengthen coordination on the peninsula.",
    ],
)
def test_they_after_a_list_of_other_states_names_no_ally(lexicon: Lexicon, text: str) -> None:
    assert pledges(text, lexicon) == []


@pytest.mark.parametrize(
    "text",
    [
        "The defense chiefs of the two allies met in Seoul. They pledged to strengthen extended deterrence.",
        "Officials of the ROK and the United States met Chinese and Russian envoys in Beijing. They pledged to "
        "strengthen coordination on sanctions.",
    ],
)
def test_they_after_the_allies_is_still_the_allies(lexicon: Lexicon, text: str) -> None:
    assert [p for _d, p in pledges(text, lexicon)] == [frozenset({"KOR", "USA"})]
