"""Persons a news story names once in full and then by the family name alone (issue 15, patterns 4-5).

Wire stories name "Defense Secretary Pat Example" in the lead and then write "Example said ...";
Korean names are cut to the family name that comes first ("Hong" for Hong Gil-dong). The texts are
written for the tests in that shape.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.rules import extract_document
from extractors.rules.actors import find_actors
from extractors.rules.lexicon import default_lexicon
from graph.model import GraphData
from graph.schema import Kind, Rel, is_a


def _doc(text: str, kind: str = "news") -> SourceDocument:
    return SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=dt.date(2031, 11, 4), kind=kind
    )


def _pledges(graph: GraphData) -> list[tuple[str, ...]]:
    """The parties of each commitment, sorted."""
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if is_a(n.kind, Kind.COMMITMENT):
            parties = sorted(
                str(nodes[r.target].props.get("notation"))
                for r in graph.relationships
                if r.source == n.iri and r.type == Rel.COMMITTED_BY
            )
            out.append(tuple(parties))
    return out


def test_a_family_name_alone_is_the_person_named_before() -> None:
    text = (
        "U.S. Defense Secretary Pat Example met South Korean Defense Minister Hong Gil-dong in Seoul on Monday.\n\n"
        "Example reaffirmed Washington's commitment to provide extended deterrence to the South. Hong said the "
        "talks were useful."
    )
    found = {text[a.start : a.end]: a.actor.label for a in find_actors(text, default_lexicon(), 2031)}
    assert found.get("Example") == "Pat Example"
    assert found.get("Hong") == "Hong Gil-dong"
    assert _pledges(extract_document(_doc(text))) == [("USA",)]


def test_a_family_name_two_persons_share_is_nobody() -> None:
    text = (
        "Minister Kim Gil-dong and Chairman Kim Chul-soo of the ROK Joint Chiefs of Staff met the press.\n\n"
        "Kim said the allies would keep training together."
    )
    found = {text[a.start : a.end] for a in find_actors(text, default_lexicon(), 2031)}
    assert "Kim" not in found


def test_the_object_of_an_opening_phrase_is_not_a_subject_of_the_pledge() -> None:
    text = (
        "President Hong Gil-dong spoke by telephone on Monday.\n\n"
        "In a call with Mr. Hong, President Pat Example reaffirmed that the United States remains committed to "
        "the defense of South Korea."
    )
    assert _pledges(extract_document(_doc(text))) == [("USA",)]


def test_a_list_of_subjects_after_a_comma_stays_one_group() -> None:
    text = "Japan, the ROK and the United States agreed to hold a trilateral exercise every year."
    assert _pledges(extract_document(_doc(text, kind="communique"))) == [("JPN", "KOR", "USA")]
