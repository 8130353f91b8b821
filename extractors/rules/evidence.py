"""Collects the nodes and relationships of one document, with their evidence.

Every node the rules assert gets, for each span that supports it, a Mention
node linked from the node by ``EVIDENCE`` and to the Document by
``WAS_DERIVED_FROM``; the Document ``MENTIONS`` the node. The rules find
spans in the document's view (:attr:`SourceDocument.text`); a Mention
records the span of the document's text as read that produced it
(:meth:`SourceDocument.source_span`): ``charStart``/``charEnd`` are offsets
into :attr:`SourceDocument.original` and ``text`` is exactly
``original[charStart:charEnd]``, whatever the layout repair changed (a line
break read as a space, a page header dropped inside the span, a curly quote
straightened). Its paragraph and page are those of the view. A Mention's IRI
and a commitment's IRI are keyed by source offsets, so they do not move when
the layout repair improves.

Nodes are built with ``model_construct``: the builder only ever writes values
of the types :class:`graph.model.Node` accepts, and skipping re-validation of
hundreds of records per document keeps extraction fast.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from extractors.document import SourceDocument
from extractors.rules.lexicon import EXTRACTOR, Concept
from graph.model import GraphData, Node, Relationship, document_iri, make_iri, span_iri_factory
from graph.schema import DEFAULT_BASE, Kind, Prop, Rel, concept_iri

_TEXT = Prop.TEXT.value
_CHAR_START = Prop.CHAR_START.value
_CHAR_END = Prop.CHAR_END.value
_PARAGRAPH = Prop.PARAGRAPH.value
_PAGE = Prop.PAGE.value
_EXTRACTOR = Prop.EXTRACTOR.value
_CONFIDENCE = Prop.CONFIDENCE.value
_MENTION = Kind.MENTION
_DERIVED = Rel.WAS_DERIVED_FROM
_EVIDENCE = Rel.EVIDENCE
_MENTIONS = Rel.MENTIONS
_NODE_FIELDS = frozenset({"iri", "kind", "label", "props"})
_REL_FIELDS = frozenset({"type", "source", "target", "props"})


_set = object.__setattr__
_NODE_FIELDS_SET = set(_NODE_FIELDS)
_REL_FIELDS_SET = set(_REL_FIELDS)
"""One fields-set per record type, shared: every record sets all its fields, so pydantic's
additions on assignment never change it, and a set per record was a fifth of extraction's memory."""

# the setters of a pydantic model's slots, called directly: a third cheaper than ``object.__setattr__``
# by name (the records are the builder's most numerous objects: four or so per recognised fact)
_SET_FIELDS = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_NEW_NODE = Node.__new__
_NEW_RELATIONSHIP = Relationship.__new__


def _new_node(iri: str, kind: Kind, label: str, props: dict[str, Any]) -> Node:
    """A Node built the way ``Node.model_construct`` builds it, without its generic overhead.

    The builder only passes values of the types a Node accepts (checked by
    the tests, which re-validate every extracted record).
    """
    node = _NEW_NODE(Node)
    _set(node, "__dict__", {"iri": iri, "kind": kind, "label": label, "props": props})
    _SET_FIELDS(node, _NODE_FIELDS_SET)
    _SET_EXTRA(node, None)
    _SET_PRIVATE(node, None)
    return node


def _new_relationship(rel: Rel, source: str, target: str, props: dict[str, Any]) -> Relationship:
    """A Relationship built like :func:`_new_node`."""
    out = _NEW_RELATIONSHIP(Relationship)
    _set(out, "__dict__", {"type": rel, "source": source, "target": target, "props": props})
    _SET_FIELDS(out, _REL_FIELDS_SET)
    _SET_EXTRA(out, None)
    _SET_PRIVATE(out, None)
    return out


@lru_cache(maxsize=65536)
def _shared_iri(kind: Kind, key: tuple[str | int | None, ...], base: str) -> str:
    return make_iri(kind, *key, base=base)


class GraphBuilder:
    """Accumulates one document's graph; nodes and relationships are deduplicated.

    Args:
        doc: the document being extracted.
        base: base IRI of instance nodes.
        paragraph_starts, paragraph_numbers: the document's paragraphs, for
            the paragraph number of a mention.
    """

    def __init__(
        self, doc: SourceDocument, base: str, paragraph_starts: list[int], paragraph_numbers: list[int]
    ) -> None:
        self.doc = doc
        self.base = base or DEFAULT_BASE
        self.nodes: dict[str, Node] = {}
        self.rels: dict[tuple[str, Rel, str], Relationship] = {}
        self._par_starts = paragraph_starts
        self._par_numbers = paragraph_numbers
        self._paged = bool(doc.pages)
        self._source = doc.original
        self._span = None if doc.source_text is None or doc.offset_map.identity else doc.offset_map.span
        self.doc_iri = document_iri(doc.sha256, self.base)
        self._mention_iri = span_iri_factory(Kind.MENTION, self.doc_iri, self.base)
        self._commitment_iri = span_iri_factory(Kind.COMMITMENT, self.doc_iri, self.base)
        self._mentioned: set[str] = set()
        props: dict[str, Any] = {
            Prop.TITLE.value: doc.title,
            Prop.DATE.value: doc.date,
            Prop.DOC_KIND.value: doc.kind,
            Prop.SOURCE.value: doc.source or doc.path,
            Prop.RETRIEVED.value: doc.retrieved,
        }
        self.node(self.doc_iri, Kind.DOCUMENT, doc.title or doc.path or doc.sha256[:12], props)

    def iri(self, kind: Kind, *key: object) -> str:
        """Content-derived IRI under this builder's base."""
        return make_iri(kind, *key, base=self.base)

    def commitment_iri(self, start: int) -> str:
        """IRI of the commitment read from the sentence (or clause) starting at view offset ``start``:
        ``make_iri(Kind.COMMITMENT, doc_iri, source_start)`` with the per-document parts computed once."""
        if self._span is not None:
            start = self._span(start, start)[0]
        return self._commitment_iri(start)

    def shared_iri(self, kind: Kind, *key: str | int | None) -> str:
        """IRI of a node that recurs across documents (actor, meeting, threat, catalogue incident), memoised."""
        return _shared_iri(kind, key, self.base)

    def mention_iri(self, start: int, end: int) -> str:
        """IRI of the Mention of view ``[start, end)``: the same value as
        ``make_iri(Kind.MENTION, doc_iri, source_start, source_end)``, with the
        parts that do not depend on the span computed once per document."""
        if self._span is not None:
            start, end = self._span(start, end)
        return self._mention_iri(start, end)

    def node(self, iri: str, kind: Kind, label: str, props: dict[str, Any] | None = None) -> str:
        """Add or update a node; None-valued properties are left out. Returns its IRI."""
        clean = {k: v for k, v in (props or {}).items() if v is not None}
        seen = self.nodes.get(iri)
        if seen is None:
            self.nodes[iri] = _new_node(iri, kind, label, clean)
        else:
            for key, value in clean.items():
                seen.props.setdefault(key, value)
            if not seen.label:
                seen.label = label
        return iri

    def rel(self, rel: Rel, source: str, target: str, props: dict[str, Any] | None = None) -> None:
        """Add a relationship (once per source, type and target)."""
        key = (source, rel, target)
        if key not in self.rels:
            clean = {k: v for k, v in props.items() if v is not None} if props else {}
            self.rels[key] = _new_relationship(rel, source, target, clean)

    def paragraph_number(self, offset: int) -> int | None:
        """Number of the paragraph containing ``offset``."""
        i = bisect.bisect_right(self._par_starts, offset) - 1
        return self._par_numbers[i] if i >= 0 else None

    def evidence(self, subject: str, start: int, end: int, confidence: float) -> str:
        """Record that the view's ``[start, end)`` supports ``subject``; returns the Mention IRI.

        The Mention holds the source span and text that produced it (see the module notes).
        """
        # the hottest path of the builder (a Mention and two or three relationships per recognised fact):
        # the records are built inline, and a new Mention's own relationships are added without a
        # lookup (their key holds the new Mention's IRI, so none can be there yet)
        src_start, src_end = (start, end) if self._span is None else self._span(start, end)
        iri = self._mention_iri(src_start, src_end)
        rels = self.rels
        existing = self.nodes.get(iri)
        if existing is None:
            text = self._source[src_start:src_end]
            props: dict[str, Any] = {
                _TEXT: text,
                _CHAR_START: src_start,
                _CHAR_END: src_end,
                _EXTRACTOR: EXTRACTOR,
                _CONFIDENCE: round(confidence, 3),
            }
            i = bisect.bisect_right(self._par_starts, start) - 1
            if i >= 0:
                props[_PARAGRAPH] = self._par_numbers[i]
            if self._paged:
                props[_PAGE] = self.doc.page_at(start)
            node = _NEW_NODE(Node)
            _set(
                node,
                "__dict__",
                {"iri": iri, "kind": _MENTION, "label": text if len(text) <= 80 else text[:77] + "...", "props": props},
            )
            _SET_FIELDS(node, _NODE_FIELDS_SET)
            _SET_EXTRA(node, None)
            _SET_PRIVATE(node, None)
            self.nodes[iri] = node
            rels[(iri, _DERIVED, self.doc_iri)] = _new_relationship(_DERIVED, iri, self.doc_iri, {})
            rels[(subject, _EVIDENCE, iri)] = _new_relationship(_EVIDENCE, subject, iri, {})
        else:
            old = existing.props.get(_CONFIDENCE)
            if isinstance(old, float) and confidence > old:
                existing.props[_CONFIDENCE] = round(confidence, 3)
            key = (subject, _EVIDENCE, iri)
            if key not in rels:
                rels[key] = _new_relationship(_EVIDENCE, subject, iri, {})
        if subject not in self._mentioned and subject != self.doc_iri:
            # the Document MENTIONS each evidenced node once (only this method writes MENTIONS)
            self._mentioned.add(subject)
            key = (self.doc_iri, _MENTIONS, subject)
            if key not in rels:
                rels[key] = _new_relationship(_MENTIONS, self.doc_iri, subject, {})
        return iri

    def concept(self, name: str, concepts: dict[str, Concept]) -> str:
        """The Concept node of a commitment or threat type, linked to its broader concepts."""
        iri = concept_iri(name)
        if iri not in self.nodes:
            concept = concepts[name]
            props: dict[str, Any] = {
                Prop.SCHEME.value: concept.scheme,
                Prop.NOTATION.value: concept.name,
                Prop.DESCRIPTION.value: concept.definition,
            }
            self.node(iri, Kind.CONCEPT, concept.pref_label, props)
            for broader in concept.broader:
                self.rel(Rel.BROADER, iri, self.concept(broader, concepts))
        return iri

    def build(self) -> GraphData:
        """The collected graph."""
        return GraphData.model_construct(nodes=list(self.nodes.values()), relationships=list(self.rels.values()))
