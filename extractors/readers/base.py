"""What a format reader returns before normalisation and segmentation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class RawText:
    """A reader's output.

    Attributes:
        text: the document's text as read, which every Mention span refers
            to: the decoded file (plain text), the main text's blocks separated
            by blank lines (HTML), the pages' text layers joined by form feeds
            (PDF).
        media_type: ``text/plain``, ``text/html`` or ``application/pdf``.
        encoding: the source encoding (None for PDF).
        title, date, source: hints from the format's own metadata.
        article: the page presents itself as an article (HTML).
        metadata: anything else worth keeping (``str`` values).
    """

    text: str
    media_type: str = "text/plain"
    encoding: str | None = None
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    article: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
