"""PDF reader: the text layer, page by page, with wrapped lines joined.

The offset map points into the PDF's *text layer*: the pages' extracted text
joined by form feeds (``metadata["offset_source"]`` says so). Processing:

* each page's text comes from pypdf; a page that fails is noted in
  ``metadata["failed_pages"]`` and left empty; if no page yields text the
  document is rejected as having no text layer (a scanned PDF);
* page furniture is dropped: lines that are only a page number ("7",
  "- 7 -", "Page 7 of 12") and running headers or footers (the same first or
  last line, digits aside, on at least half of three or more pages);
* a word hyphenated at a line end is joined ("cooper-\\nation" ->
  "cooperation") when the next line starts in lower case;
* wrapped lines are joined into paragraphs with
  :func:`extractors.segment.line_breaks`; paragraphs are separated by a blank
  line; a paragraph cut by a page break continues when the page ends without
  closing punctuation and the next page starts in lower case.

Encrypted PDFs are opened with the empty password when that works (files
that only restrict printing or copying); otherwise they are rejected.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from extractors.document import OffsetMap
from extractors.metadata import parse_date
from extractors.readers.base import RawText
from extractors.segment import line_breaks
from graph.errors import ExtractionError

MIN_TEXT_CHARS = 20
"""Fewer letters or digits than this in the whole text layer means no text layer."""

FURNITURE_MAX_CHARS = 60
"""Longest line that can be a running header or footer."""

_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")
_JUNK_TITLE = re.compile(r"^(?:microsoft word|untitled|document\d*|\S+\.(?:docx?|pdf|indd|tex))", re.IGNORECASE)
_CLOSING = tuple(".!?:;\"')]\u201d")


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
    # NotImplementedError: pypdf's answer to a stream filter it does not know ("Unsupported filter")
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, OSError, NotImplementedError) as e:
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
            NotImplementedError,
        ) as e:
            raw_pages.append("")
            failed.append(f"{number} ({_reason(e)})")
    if sum(ch.isalnum() for page in raw_pages for ch in page) < MIN_TEXT_CHARS:
        if failed and len(failed) == page_count:
            msg = f"corrupt PDF: no page could be read ({failed[0]})"
            raise ExtractionError(msg)
        raise ExtractionError("no text layer (scanned?): the PDF holds no extractable text; run OCR first")

    raw = _join_pages(raw_pages)
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
    except (PyPdfError, ValueError, TypeError, KeyError, NotImplementedError) as e:
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


def _furniture_lines(pages: list[list[tuple[str, int]]]) -> set[str]:
    """Running headers/footers: first/last lines repeated (digits aside) on half the pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        if len(lines) < 3:
            continue
        edges = {_DIGITS.sub("#", line) for line, _ in (lines[0], lines[-1]) if len(line) <= FURNITURE_MAX_CHARS}
        counts.update(edges)
    return {line for line, n in counts.items() if n >= max(2, len(pages) / 2)}


def _join_pages(raw_pages: list[str]) -> RawText:
    pages: list[list[tuple[str, int]]] = []
    base = 0
    for page_text in raw_pages:
        lines: list[tuple[str, int]] = []
        for match in re.finditer(r"[^\n\r]+", page_text):
            line = match.group()
            stripped = line.strip()
            if not stripped or _PAGE_NUMBER.fullmatch(stripped):
                continue
            lines.append((stripped, base + match.start() + (len(line) - len(line.lstrip()))))
        pages.append(lines)
        base += len(page_text) + 1  # the form feed between pages
    furniture = _furniture_lines(pages)

    out: list[str] = []
    omap = OffsetMap()
    out_len = 0
    page_starts: list[int] = []
    for lines in pages:
        kept = [(text, src) for text, src in lines if _DIGITS.sub("#", text) not in furniture]
        if out and kept:
            previous = out[-1]
            if previous.endswith(_CLOSING) or not kept[0][0][:1].islower():
                out.append("\n\n")
                out_len += 2
            else:
                out.append(" ")
                out_len += 1
        page_starts.append(out_len)
        breaks = line_breaks([text for text, _ in kept]) + [False]
        for i, (text, src) in enumerate(kept):
            omap.add(out_len, src)
            if i + 1 < len(kept) and not breaks[i] and _hyphenated(text, kept[i + 1][0]):
                text = text[:-1]
                out.append(text)
                out_len += len(text)
                continue
            out.append(text)
            out_len += len(text)
            if i + 1 < len(kept):
                sep = "\n\n" if breaks[i] else " "
                out.append(sep)
                out_len += len(sep)
    return RawText(text="".join(out), offset_map=omap, media_type="application/pdf", pages=page_starts)


def _hyphenated(line: str, following: str) -> bool:
    return len(line) > 2 and line.endswith("-") and line[-2].isalpha() and following[:1].islower()
