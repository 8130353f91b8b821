"""Short texts through the rule extractor, for the tests written in the shapes of real texts.

One way to make a document of a text, and one way to read its pledges and incidents back.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.metadata import infer_kind, infer_title
from extractors.rules import extract_document
from extractors.rules.text import paragraphs
from graph.model import GraphData, Node
from graph.schema import Kind, Rel, concept_local_name, is_a


def make_doc(text: str, date: dt.date | None, kind: str, title: str | None = None) -> SourceDocument:
    """A document of ``text`` as a reader would give it (its digest, date, kind and title)."""
    return SourceDocument(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind, title=title
    )


def extract_text(text: str, date: dt.date | None, kind: str = "news") -> GraphData:
    """The graph the rule extractor makes of ``text`` as a document of ``kind`` dated ``date``."""
    return extract_document(make_doc(text, date, kind))


def meeting_nodes(graph: GraphData) -> dict[str, Node]:
    """The meetings of a graph by label."""
    return {n.label: n for n in graph.nodes if is_a(n.kind, Kind.MEETING)}


def meeting_props(graph: GraphData) -> dict[str, dict[str, object]]:
    """The properties of each meeting of a graph, by label."""
    return {label: dict(n.props) for label, n in meeting_nodes(graph).items()}


def recorded_node(graph: GraphData) -> Node | None:
    """The meeting the document is filed under (``ISSUED_AT``), if any."""
    nodes = graph.node_map()
    return next((nodes[r.target] for r in graph.relationships if r.type == Rel.ISSUED_AT), None)


def recorded_label(graph: GraphData) -> str | None:
    """The label of the meeting the document is filed under, if any."""
    node = recorded_node(graph)
    return node.label if node is not None else None


def heads(graph: GraphData, meeting: Node) -> set[str]:
    """The labels of a meeting's heads of delegation."""
    nodes = graph.node_map()
    return {
        nodes[r.target].label
        for r in graph.relationships
        if r.type == Rel.HEAD_OF_DELEGATION and r.source == meeting.iri
    }


def links(graph: GraphData) -> dict[str, set[str]]:
    """What each commitment (by its first four words) responds to: incident ids and ``threat:<type>``."""
    nodes = graph.node_map()
    out: dict[str, set[str]] = {}
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        answered: set[str] = set()
        for r in graph.relationships:
            if r.source != n.iri or r.type != Rel.RESPONDS_TO:
                continue
            target = nodes[r.target]
            if target.kind == Kind.THREAT:
                answered |= {
                    "threat:" + concept_local_name(t.target)
                    for t in graph.relationships
                    if t.source == target.iri and t.type == Rel.THREAT_TYPE
                }
            else:
                answered.add(str(target.props.get("notation")))
        out[" ".join(str(n.props.get("description", "")).split()[:4])] = answered
    return out


def pledges(graph: GraphData) -> list[tuple[frozenset[str], str, str]]:
    """(types, party, evidence text) per commitment."""
    nodes = graph.node_map()
    out = []
    for n in graph.nodes:
        if n.kind != Kind.COMMITMENT:
            continue
        rels = [r for r in graph.relationships if r.source == n.iri]
        types = frozenset(concept_local_name(r.target) for r in rels if r.type == Rel.COMMITMENT_TYPE)
        party = "+".join(sorted(str(nodes[r.target].props.get("notation")) for r in rels if r.type == Rel.COMMITTED_BY))
        out.append((types, party, str(n.props.get("description", ""))))
    return out


def incidents(text: str, date: dt.date) -> set[str]:
    """Catalogue ids of the incidents a news text of ``date`` names."""
    graph = extract_text(text, date)
    return {str(n.props.get("notation")) for n in graph.nodes if is_a(n.kind, Kind.INCIDENT)}


SCM_DAY = dt.date(2031, 10, 9)
SCM_OPENING = (
    "1. The 63rd Security Consultative Meeting (SCM) was held in Seoul on October 9, 2031. "
    "ROK Minister of National Defense Kim Min-soo and U.S. Secretary of Defense Pat Smith led their delegations.\n\n"
)
"""Paragraph 1 of an invented communique: its meeting and heads of delegation, before a sentence under test."""


def scm_pledges(sentence: str, kind: str = "communique") -> set[tuple[frozenset[str], str]]:
    """(types, party) of each pledge of ``sentence`` read as paragraph 2 of the invented communique."""
    text = SCM_OPENING + "2. " + sentence + "\n"
    return {(types, party) for types, party, _ in pledges(extract_text(text, SCM_DAY, kind))}


def title_and_kind(text: str) -> tuple[str | None, str]:
    """The title and kind the reader infers for ``text`` (no hint given)."""
    doc = make_doc(text, None, "other")
    title = infer_title(text, paragraphs(doc))
    return title, infer_kind(text, title, numbered=sum(1 for p in paragraphs(doc) if p.numbered))[0]
