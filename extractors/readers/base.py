"""What a format reader returns before normalisation and segmentation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from extractors.document import OffsetMap


@dataclass
class RawText:
    """A reader's output.

    Attributes:
        text: the text before normalisation (paragraphs separated by blank
            lines where the format says so).
        offset_map: maps offsets of ``text`` to offsets of the source (the
            decoded file for text and HTML, the PDF text layer for PDF).
        media_type: ``text/plain``, ``text/html`` or ``application/pdf``.
        encoding: the source encoding (None for PDF).
        pages: start offset in ``text`` of each PDF page.
        title, date, source: hints from the format's own metadata.
        article: the page presents itself as an article (HTML).
        metadata: anything else worth keeping (``str`` values).
    """

    text: str
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    media_type: str = "text/plain"
    encoding: str | None = None
    pages: list[int] = field(default_factory=list)
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    article: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
