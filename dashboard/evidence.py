"""Evidence shaping and rendering: a source sentence with its span highlighted.

Source text is only ever rendered as text: :func:`render_evidence` splits the
sentence into before / span / after and puts each part in its own
``html.Span`` / ``html.Mark`` child, so markup in a document (``<script>``)
shows as characters. Nothing here uses raw HTML or Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dash import html

from dashboard import styles
from graph.model import Evidence, Node, NodeDetail
from graph.schema import Kind, Prop, Rel
from graph.store import GraphStore

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")
SHORT_MENTION = 80
"""Mentions longer than this are sentences already: no enclosing sentence is looked up."""
CONTEXT_LIMIT = 600
"""Longest sentence shown; longer context is cut around the span."""


@dataclass(frozen=True)
class EvidenceView:
    """One piece of evidence, ready to render.

    Attributes:
        segments: the sentence as ``(text, highlighted)`` pieces, in order.
        document: the document's title (or IRI); document_iri its IRI.
        date: the document's date (ISO) if known.
        paragraph, page: where in the document.
        confidence: the extractor's confidence, if given.
        char_start, char_end: the mention's offsets in the document.
        mention_iri: the mention's IRI.
    """

    segments: tuple[tuple[str, bool], ...]
    document: str
    document_iri: str | None
    date: str | None
    paragraph: int | None
    page: int | None
    confidence: float | None
    char_start: int | None
    char_end: int | None
    mention_iri: str

    @property
    def text(self) -> str:
        """The whole sentence."""
        return "".join(t for t, _ in self.segments)

    @property
    def spans(self) -> list[str]:
        """The highlighted parts."""
        return [t for t, marked in self.segments if marked]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, int | float) else None


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence(s) of ``text`` that contain ``[start, end)``."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    newline = text.rfind("\n\n", 0, start)
    if newline >= 0:
        left = max(left, newline + 2)
    right = len(text)
    following = _SENTENCE_END.search(text, end)
    if following:
        right = following.start()
    para = text.find("\n\n", end)
    if para >= 0:
        right = min(right, para)
    if right - left > CONTEXT_LIMIT:
        half = max(0, (CONTEXT_LIMIT - (end - start)) // 2)
        left = max(left, start - half)
        right = min(right, end + half)
    return left, right


def highlight(text: str, ranges: list[tuple[int, int]]) -> tuple[tuple[str, bool], ...]:
    """``text`` as pieces, the (clamped, merged) ``ranges`` marked."""
    clean = sorted((max(0, a), min(len(text), b)) for a, b in ranges if b > a)
    merged: list[tuple[int, int]] = []
    for a, b in clean:
        if a >= len(text):
            continue
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    pieces: list[tuple[str, bool]] = []
    at = 0
    for a, b in merged:
        if a > at:
            pieces.append((text[at:a], False))
        pieces.append((text[a:b], True))
        at = b
    if at < len(text):
        pieces.append((text[at:], False))
    return tuple(pieces) or ((text, True),)


@dataclass(frozen=True)
class _Mention:
    evidence: Evidence
    text: str
    start: int | None
    end: int | None
    doc: str | None

    def contains(self, other: _Mention) -> bool:
        if self is other or self.doc != other.doc or None in (self.start, self.end, other.start, other.end):
            return False
        return (
            self.start <= other.start  # type: ignore[operator]
            and other.end <= self.end  # type: ignore[operator]
            and (self.start, self.end) != (other.start, other.end)
        )


def _mention(ev: Evidence) -> _Mention:
    props = ev.mention.props
    return _Mention(
        evidence=ev,
        text=str(props.get(Prop.TEXT.value, "") or ev.mention.label or ""),
        start=_int(props.get(Prop.CHAR_START.value)),
        end=_int(props.get(Prop.CHAR_END.value)),
        doc=ev.document.iri if ev.document is not None else None,
    )


def _enclosing(store: GraphStore | None, m: _Mention) -> tuple[str, int] | None:
    """Text and start of the shortest other mention of the same document that contains ``m``.

    Commitments are evidenced by whole sentences, so a short mention (an
    incident's name) usually lies inside one: its sentence is the context.
    """
    if store is None or m.doc is None or m.start is None or m.end is None or len(m.text) > SHORT_MENTION:
        return None
    around = store.neighbours(m.doc, hops=1, kinds=[Kind.MENTION], rel_types=[Rel.WAS_DERIVED_FROM])
    best: tuple[str, int] | None = None
    for node in around.nodes:
        if node.kind != Kind.MENTION or node.iri == m.evidence.mention.iri:
            continue
        start = _int(node.props.get(Prop.CHAR_START.value))
        end = _int(node.props.get(Prop.CHAR_END.value))
        text = node.props.get(Prop.TEXT.value)
        if start is None or end is None or not isinstance(text, str) or len(text) > CONTEXT_LIMIT:
            continue
        if start <= m.start and m.end <= end and (end - start) > (m.end - m.start):
            if text[m.start - start : m.end - start] != m.text:
                continue
            if best is None or len(text) < len(best[0]):
                best = (text, start)
    return best


def _segments(
    m: _Mention, inner: list[_Mention], subject: Node | None, store: GraphStore | None = None
) -> tuple[tuple[str, bool], ...]:
    """Context and highlights for one mention.

    The sentence is taken, in order of preference, from the document's text
    when the store keeps it (cut at sentence bounds around the mention's
    offsets); from the mention's own text with the mentions inside it
    highlighted; from the subject's own ``text`` (a commitment's sentence)
    when the mention lies in it; from the sentence of another mention of the
    document that contains it (with ``store``); otherwise the mention's text
    is the sentence and is highlighted whole.
    """
    doc = m.evidence.document
    doc_text = doc.props.get(Prop.TEXT.value) if doc is not None else None
    if (
        isinstance(doc_text, str)
        and m.start is not None
        and m.end is not None
        and 0 <= m.start < m.end <= len(doc_text)
    ):
        left, right = sentence_bounds(doc_text, m.start, m.end)
        return highlight(doc_text[left:right], [(m.start - left, m.end - left)])
    if inner and m.start is not None:
        ranges = []
        for sub in inner:
            rel = (sub.start or 0) - m.start
            if m.text[rel : rel + len(sub.text)] == sub.text:
                ranges.append((rel, rel + len(sub.text)))
            elif sub.text and sub.text in m.text:
                at = m.text.index(sub.text)
                ranges.append((at, at + len(sub.text)))
        if ranges:
            return highlight(m.text, ranges)
    for prop in (Prop.TEXT, Prop.DESCRIPTION):
        context = subject.props.get(prop.value) if subject is not None else None
        if isinstance(context, str) and m.text and m.text in context and context != m.text:
            at = context.index(m.text)
            return highlight(context, [(at, at + len(m.text))])
    found = _enclosing(store, m)
    if found is not None and m.start is not None:
        text, start = found
        return highlight(text, [(m.start - start, m.start - start + len(m.text))])
    return ((m.text, True),)


def _view(m: _Mention, segments: tuple[tuple[str, bool], ...]) -> EvidenceView:
    doc = m.evidence.document
    props = m.evidence.mention.props
    doc_props = doc.props if doc is not None else {}
    date = doc_props.get(Prop.DATE.value)
    title = doc_props.get(Prop.TITLE.value)
    document = str(title) if title else (doc.label if doc is not None and doc.label else "")
    return EvidenceView(
        segments=segments,
        document=document or (doc.iri if doc is not None else "(document not recorded)"),
        document_iri=doc.iri if doc is not None else None,
        date=date.isoformat() if isinstance(date, dt.date) else None,
        paragraph=_int(props.get(Prop.PARAGRAPH.value)),
        page=_int(props.get(Prop.PAGE.value)),
        confidence=_float(props.get(Prop.CONFIDENCE.value)),
        char_start=m.start,
        char_end=m.end,
        mention_iri=m.evidence.mention.iri,
    )


def evidence_views(detail: NodeDetail, limit: int = 20, store: GraphStore | None = None) -> list[EvidenceView]:
    """Evidence of a node, strongest first (confidence, then document order).

    A mention that lies inside another mention of the same node in the same
    document (a cue word inside its sentence) is not listed on its own: it is
    highlighted inside the enclosing mention's text. With ``store``, a short
    mention is shown inside the sentence of another mention of its document
    that contains it (see :func:`_enclosing`).
    """
    mentions = [_mention(ev) for ev in detail.evidence]
    outer: list[tuple[_Mention, list[_Mention]]] = []
    for m in mentions:
        if any(other.contains(m) for other in mentions):
            continue
        outer.append((m, [o for o in mentions if m.contains(o)]))
    outer.sort(
        key=lambda p: (-(_float(p[0].evidence.mention.props.get(Prop.CONFIDENCE.value)) or 0.0), p[0].start or 0)
    )
    views = [_view(m, _segments(m, inner, detail.node, store)) for m, inner in outer[:limit]]
    views.sort(key=lambda v: (-(v.confidence or 0.0), v.document, v.char_start or 0))
    return views


def render_sentence(view: EvidenceView) -> html.Blockquote:
    """The sentence as text children, each highlighted span in a ``<mark>``."""
    whole = len(view.segments) == 1
    mark_style = styles.WHOLE_MARK_STYLE if whole else styles.MARK_STYLE
    children: list[Any] = [
        html.Mark(text, className="ev-span", style=mark_style) if marked else html.Span(text, className="ev-text")
        for text, marked in view.segments
    ]
    return html.Blockquote(
        children,
        className="evidence-sentence",
        style={"margin": "4px 0", "padding": "4px 8px", "borderLeft": "3px solid #bf9000", "background": "#fff"},
    )


def render_evidence(view: EvidenceView) -> html.Div:
    """A sentence with its source line: document, date, paragraph, confidence."""
    where: list[str] = [view.document]
    if view.date:
        where.append(view.date)
    if view.paragraph is not None:
        where.append(f"paragraph {view.paragraph}")
    if view.page is not None:
        where.append(f"page {view.page}")
    if view.confidence is not None:
        where.append(f"confidence {view.confidence:.2f}")
    if view.char_start is not None and view.char_end is not None:
        where.append(f"chars {view.char_start}\u2013{view.char_end}")
    return html.Div(
        [
            render_sentence(view),
            html.Div(" \u00b7 ".join(where), className="evidence-source", style={"fontSize": 12, "color": "#595959"}),
        ],
        className="evidence",
        style={"marginBottom": "8px"},
    )


def render_evidence_list(views: list[EvidenceView], empty: str = "No evidence recorded.") -> html.Div:
    """Evidence items, or a note when there are none."""
    if not views:
        return html.Div(empty, className="evidence-empty", style={"color": "#7f7f7f"})
    return html.Div([render_evidence(v) for v in views], className="evidence-list")
