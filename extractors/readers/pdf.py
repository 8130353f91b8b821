"""PDF reader: the text layer, page by page.

The document's text as read is the PDF's *text layer*: each page's text as
pypdf extracts it, pages joined by form feeds (``metadata["offset_source"]``
says so); Mention spans are offsets into it. A page that fails is noted in
``metadata["failed_pages"]`` and left empty; if no page yields text the
document is rejected as having no text layer (a scanned PDF).

Everything else is the layout repair every format goes through
(:mod:`extractors.readers.layout`): page numbers and running headers
dropped, wrapped lines joined into paragraphs, hyphenated words rejoined,
split ordinal suffixes put back, a paragraph cut by a page break continued.

Encrypted PDFs are opened with the empty password when that works (files
that only restrict printing or copying); otherwise they are rejected.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from extractors.metadata import parse_date
from extractors.readers.base import RawText
from graph.errors import ExtractionError

MIN_TEXT_CHARS = 20
"""Fewer letters or digits than this in the whole text layer means no text layer."""

_JUNK_TITLE = re.compile(r"^(?:microsoft word|untitled|document\d*|\S+\.(?:docx?|pdf|indd|tex))", re.IGNORECASE)


def read_pdf(data: bytes) -> RawText:
    """Read a PDF's text layer (see the module notes).

    Raises:
        ExtractionError: the PDF is encrypted with a password, corrupt, or
            has no text layer.
    """
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        page_count = len(reader.pages)
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError) as e:
        msg = f"corrupt PDF: {_reason(e)}"
        raise ExtractionError(msg) from e
    if page_count == 0:
        raise ExtractionError("corrupt PDF: it has no pages")

    raw_pages: list[str] = []
    failed: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            raw_pages.append(page.extract_text() or "")
        except (
            PyPdfError,
            ValueError,
            TypeError,
            KeyError,
            AttributeError,
            IndexError,
            OSError,
            ZeroDivisionError,
        ) as e:
            raw_pages.append("")
            failed.append(f"{number} ({_reason(e)})")
    if sum(ch.isalnum() for page in raw_pages for ch in page) < MIN_TEXT_CHARS:
        if failed and len(failed) == page_count:
            msg = f"corrupt PDF: no page could be read ({failed[0]})"
            raise ExtractionError(msg)
        raise ExtractionError("no text layer (scanned?): the PDF holds no extractable text; run OCR first")

    raw = RawText(text="\f".join(raw_pages), media_type="application/pdf")
    raw.metadata["page_count"] = str(page_count)
    raw.metadata["offset_source"] = "PDF text layer, pages joined by form feeds"
    if failed:
        raw.metadata["failed_pages"] = "; ".join(failed)
    _info(reader, raw)
    return raw


def _reason(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text[:200]


def _decrypt(reader: PdfReader) -> None:
    try:
        opened = reader.decrypt("")
    except DependencyError as e:
        msg = f"encrypted PDF: decrypting it needs a crypto library ({_reason(e)})"
        raise ExtractionError(msg) from e
    except (PyPdfError, ValueError, NotImplementedError) as e:
        msg = f"encrypted PDF: it cannot be decrypted ({_reason(e)})"
        raise ExtractionError(msg) from e
    if not opened:
        raise ExtractionError("encrypted PDF: a password is needed to read it")


def _info(reader: PdfReader, raw: RawText) -> None:
    try:
        info = reader.metadata
    except (PyPdfError, ValueError, TypeError, KeyError) as e:
        raw.metadata["info_error"] = _reason(e)
        return
    if info is None:
        return
    title = info.title
    if isinstance(title, str) and title.strip() and not _JUNK_TITLE.match(title.strip()):
        raw.title = " ".join(title.split())
    author = info.author
    if isinstance(author, str) and author.strip():
        raw.metadata["author"] = " ".join(author.split())
    try:
        created = info.creation_date
    except (ValueError, TypeError):
        created = None
    if created is not None:
        raw.metadata["pdf_created"] = created.date().isoformat()
    subject = info.subject
    if isinstance(subject, str) and (found := parse_date(subject)) is not None:
        raw.metadata["pdf_subject_date"] = found.isoformat()
