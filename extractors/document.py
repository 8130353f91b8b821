"""What a reader hands to the extractors: a normalised document.

Readers (:mod:`extractors.readers`) turn a file into a :class:`SourceDocument`;
segmentation fills :attr:`SourceDocument.paragraphs`; the semantic extractors
turn it into :class:`graph.model.GraphData`. Character offsets everywhere are
offsets into :attr:`SourceDocument.text` (the normalised text); the
:class:`OffsetMap` maps them back to the source.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the normalised text.

    Attributes:
        number: the paragraph's own number in a numbered communique ("3."),
            otherwise its 1-based position in the document.
        start, end: its span in the normalised text.
        page: 1-based PDF page where it starts (None for other formats).
        numbered: True when ``number`` was read from the text.
    """

    number: int
    start: int
    end: int
    page: int | None = None
    numbered: bool = False


@dataclass
class OffsetMap:
    """Maps offsets of the normalised text back to offsets of the source.

    Stored as anchor pairs: normalised offset ``norm[i]`` corresponds to source
    offset ``src[i]``, and offsets between anchors advance together.
    """

    norm: list[int] = field(default_factory=lambda: [0])
    src: list[int] = field(default_factory=lambda: [0])

    def add(self, norm_offset: int, src_offset: int) -> None:
        """Record that ``norm_offset`` corresponds to ``src_offset``."""
        if self.norm and norm_offset == self.norm[-1]:
            self.src[-1] = src_offset
            return
        self.norm.append(norm_offset)
        self.src.append(src_offset)

    def to_source(self, offset: int) -> int:
        """Source offset of a normalised-text offset."""
        i = bisect.bisect_right(self.norm, offset) - 1
        i = max(i, 0)
        return self.src[i] + (offset - self.norm[i])


@dataclass
class SourceDocument:
    """A document ready for extraction.

    Attributes:
        text: the normalised text (NFC, unified newlines and quotes as the
            reader documents); every span refers to it.
        sha256: hex digest of ``text``; the document's identity.
        kind: one of :data:`graph.schema.DOC_KINDS`.
        media_type: ``text/plain``, ``text/html`` or ``application/pdf``.
        encoding: the detected source encoding (None for PDF).
        pages: for PDFs, the start offset of each page in ``text``.
        source: where the text was published (a URL when it was fetched).
        retrieved: when it was fetched from ``source`` (ISO 8601 date-time),
            from the fetch's sidecar (:mod:`extractors.readers.sidecar`).
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
