"""Pledges of the 1990s record typed by their field, not the broadest concept (issue 15, item 7).

The communiqués of the 1990s pledge to stop the North's weapons programme and to back Seoul's
policy toward the North in words no scheme phrase matched ("to prevent North Korea from developing
nuclear weapons", "support for the ROK's engagement policy"); the broad cue words of the scheme
(`skos:hiddenLabel`) now type them. Sentences written for the tests in that shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.schema import Kind, Rel, is_a


def _types(sentence: str) -> set[str]:
    text = "The 31st Security Consultative Meeting was held in Seoul on November 3, 2031.\n\n" + sentence
    doc = SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=dt.date(2031, 11, 3), kind="communique"
    )
    graph = extract_document(doc)
    nodes = graph.node_map()
    commitments = {n.iri for n in graph.nodes if is_a(n.kind, Kind.COMMITMENT)}
    return {
        str(nodes[r.target].props.get("notation"))
        for r in graph.relationships
        if r.type == Rel.COMMITMENT_TYPE and r.source in commitments
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Both sides pledged to work together so that the North gives up developing nuclear weapons.",
            "Denuclearization",
        ),
        (
            "The two delegations pledged close cooperation until the North halts its nuclear weapons program.",
            "Denuclearization",
        ),
        ("The Secretary pledged continued U.S. support for the ROK's engagement policy.", "PeaceAndUnification"),
    ],
)
def test_a_pledge_is_typed_by_the_field_its_words_name(sentence: str, expected: str) -> None:
    assert _types(sentence) == {expected}
