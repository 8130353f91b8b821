"""What a reader hands to the extractors: a document with two texts.

* :attr:`SourceDocument.source_text` is **the document's text as read**: the
  decoded file for plain text (byte-order mark excluded), the extracted text
  for HTML (the main text's blocks, separated by blank lines) and the PDF
  text layer (each page's text as pypdf gives it, pages joined by form
  feeds). Every Mention's ``charStart``/``charEnd`` are offsets into it and
  its ``text`` is ``source_text[charStart:charEnd]``, character for
  character.
* :attr:`SourceDocument.text` is the *view* the rules read: the same text
  normalised (spaces, quotes, Unicode form) and repaired from its layout
  (wrapped lines joined into paragraphs, page furniture dropped, split
  ordinal suffixes rejoined, damaged capitals restored). Paragraphs,
  sentences, pages and every rule offset refer to it;
  :attr:`SourceDocument.offset_map` maps its spans back to the source text.

A document made directly (tests, other front ends) has one text: the view is
the source.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the view (:attr:`SourceDocument.text`)."""

    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the view (:attr:`SourceDocument.text`).

    Attributes:
        number: the paragraph's own number in a numbered communique ("3."),
            otherwise its 1-based position in the document.
        start, end: its span in the view.
        page: 1-based PDF page where it starts (None for other formats).
        numbered: True when ``number`` was read from the text.
    """

    number: int
    start: int
    end: int
    page: int | None = None
    numbered: bool = False


class OffsetMap:
    """Maps offsets of a derived text (the *view* the rules read) to the text it was made from.

    The map is a list of anchor pairs ``(norm[i], src[i])`` cutting both texts
    into aligned segments. A segment whose two sides have the same length is a
    *copy* (character ``k`` of one side is character ``k`` of the other; a
    one-for-one replacement such as a straightened quote or a line break read
    as a space is a copy too); a segment whose sides differ in length is a
    *replacement* (a run of spaces made one, a page header deleted, a split
    ordinal suffix moved next to its number): none of its view characters has
    a source character of its own, so a span that starts inside it starts at
    the replacement's source start and a span that ends inside it ends at the
    replacement's source end. Past the last anchor the texts run together.

    :meth:`span` is what evidence uses: the source range that produced exactly
    the view characters ``[start, end)``, so a span next to a deleted page
    header never swallows the header, and one across it keeps it.

    ``then`` chains a further map (view -> intermediate -> source).
    """

    __slots__ = ("norm", "src", "then")

    def __init__(
        self, norm: list[int] | None = None, src: list[int] | None = None, then: OffsetMap | None = None
    ) -> None:
        self.norm: list[int] = norm if norm is not None else [0]
        self.src: list[int] = src if src is not None else [0]
        self.then = then

    def __repr__(self) -> str:
        return f"OffsetMap(anchors={len(self.norm)}, chained={self.then is not None})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, OffsetMap)
            and self.norm == other.norm
            and self.src == other.src
            and self.then == other.then
        )

    @property
    def identity(self) -> bool:
        """True when every offset maps to itself."""
        own = len(self.norm) == 1 and self.norm[0] == self.src[0]
        return own and (self.then is None or self.then.identity)

    def add(self, norm_offset: int, src_offset: int) -> None:
        """Append the anchor ``(norm_offset, src_offset)`` (both never decrease)."""
        if norm_offset == self.norm[-1] and src_offset == self.src[-1]:
            return
        if len(self.norm) == 1 and self.norm[0] == 0 and self.src[0] == 0 and norm_offset == 0:
            self.src[0] = src_offset  # the view starts further into the source
            return
        self.norm.append(norm_offset)
        self.src.append(src_offset)

    def replace(self, norm_start: int, src_start: int, norm_len: int, src_len: int) -> None:
        """Record that view ``[norm_start, +norm_len)`` replaces source ``[src_start, +src_len)``.

        Calls must come in text order. A replacement of equal lengths is a copy
        and records nothing.
        """
        if norm_len == src_len:
            return
        self.add(norm_start, src_start)
        self.add(norm_start + norm_len, src_start + src_len)

    def _start(self, offset: int) -> int:
        norm, src = self.norm, self.src
        i = bisect.bisect_right(norm, offset) - 1
        if i < 0:
            return src[0]
        if i + 1 < len(norm) and norm[i + 1] - norm[i] != src[i + 1] - src[i]:
            return src[i]
        return src[i] + (offset - norm[i])

    def _end(self, offset: int) -> int:
        if offset <= 0:
            return self._start(0)
        norm, src = self.norm, self.src
        i = bisect.bisect_right(norm, offset - 1) - 1
        if i < 0:
            return src[0]
        if i + 1 < len(norm) and norm[i + 1] - norm[i] != src[i + 1] - src[i]:
            return src[i + 1]
        return src[i] + (offset - norm[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source range that produced the view characters ``[start, end)``."""
        s = self._start(start)
        e = self._end(end) if end > start else s
        if e < s:
            e = s
        if self.then is not None:
            return self.then.span(s, e)
        return s, e

    def to_source(self, offset: int) -> int:
        """Source offset of a view offset (where the character at ``offset`` comes from)."""
        return self.span(offset, offset)[0]

    def from_source(self, offset: int) -> int:
        """The first view offset at or after source ``offset`` (inverse of :meth:`to_source`)."""
        if self.then is not None:
            offset = self.then.from_source(offset)
        norm, src = self.norm, self.src
        i = bisect.bisect_right(src, offset) - 1
        if i < 0:
            return norm[0]
        if i + 1 < len(src) and norm[i + 1] - norm[i] != src[i + 1] - src[i]:
            return norm[i + 1] if offset > src[i] else norm[i]
        value = norm[i] + (offset - src[i])
        if i + 1 < len(norm):
            value = min(value, norm[i + 1])
        return value

    def chained(self, inner: OffsetMap | None) -> OffsetMap:
        """This map followed by ``inner`` (this view -> its source -> ``inner``'s source)."""
        if inner is None or inner.identity:
            return self
        if self.identity:
            return inner
        tail = self
        while tail.then is not None:
            tail = tail.then
        out = OffsetMap(list(self.norm), list(self.src), self.then)
        copy = out
        while copy.then is not None:
            copy.then = OffsetMap(list(copy.then.norm), list(copy.then.src), copy.then.then)
            copy = copy.then
        copy.then = inner
        return out


@dataclass
class SourceDocument:
    """A document ready for extraction.

    Attributes:
        text: the view the rules read (normalised and repaired, see the module
            notes); paragraphs, pages and rule offsets refer to it.
        sha256: hex digest (UTF-8) of the source text normalised (line endings, spaces,
            quotes and Unicode form unified, before any layout repair): the document's
            identity, the same for copies that differ only in those.
        kind: one of :data:`graph.schema.DOC_KINDS`.
        media_type: ``text/plain``, ``text/html`` or ``application/pdf``.
        encoding: the detected source encoding (None for PDF).
        pages: for PDFs, the start offset of each page in ``text``.
        source: where the text was published (a URL when it was fetched).
        retrieved: when it was fetched from ``source`` (ISO 8601 date-time),
            from the fetch's sidecar (:mod:`extractors.readers.sidecar`).
        offset_map: maps spans of ``text`` to spans of ``source_text``.
        pages: for paged texts (PDF, or text with form feeds), the start
            offset of each page in ``text``.
        source_text: the document's text as read (None: the same as ``text``).
    """

    text: str
    sha256: str
    path: str | None = None
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    kind: str = "other"
    media_type: str = "text/plain"
    encoding: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    pages: list[int] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    retrieved: str | None = None
    source_text: str | None = None

    @property
    def original(self) -> str:
        """The document's text as read (see the module notes): what Mention spans refer to."""
        return self.text if self.source_text is None else self.source_text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the source text that produced the view's ``[start, end)``."""
        if self.source_text is None:
            return start, end
        return self.offset_map.span(start, end)

    def page_at(self, offset: int) -> int | None:
        """1-based page containing ``offset`` (PDF only)."""
        if not self.pages:
            return None
        return bisect.bisect_right(self.pages, offset)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset``."""
        starts = [p.start for p in self.paragraphs]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < max(self.paragraphs[i].end, self.paragraphs[i].start + 1):
            return self.paragraphs[i]
        return None
