"""Short texts through the rule extractor, for the tests written in the shapes of real texts.

One way to make a document of a text, and one way to read its pledges and incidents back.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from extractors.document import SourceDocument
from extractors.rules import extract_document
from graph.model import GraphData
from graph.schema import Kind, Rel, concept_local_name, is_a


def extract_text(text: str, date: dt.date, kind: str = "news") -> GraphData:
    """The graph the rule extractor makes of ``text`` as a document of ``kind`` dated ``date``."""
    doc = SourceDocument(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), date=date, kind=kind)
    return extract_document(doc)


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
