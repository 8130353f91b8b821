"""PDF reader: the text layer, page by page, read with PDFium.

The document's text as read is the PDF's *text layer*: each page's text as
PDFium (``pypdfium2``) extracts it, pages joined by form feeds
(``metadata["offset_source"]`` says so); Mention spans are offsets into it.
PDFium marks a word hyphenated at a line's end with U+FFFE, which the layout
step reads. A page that fails is noted in ``metadata["failed_pages"]`` and
left empty; if no page yields text the document is rejected as having no text
layer (a scanned PDF).

Everything else is the layout repair every format goes through
(:mod:`extractors.readers.layout`): page numbers and running headers
dropped, wrapped lines joined into paragraphs, hyphenated words rejoined,
split ordinal suffixes put back, a paragraph cut by a page break continued.

Encrypted PDFs are opened with the empty password when that works (files
that only restrict printing or copying); otherwise they are rejected.

PDFium reads a text layer five to six times faster than pypdf did (about 2
instead of 9-16 ms for a page of the sample corpus), which was a third of
the whole extraction time (BENCHMARKS.md, "Extraction").
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import pypdfium2 as pdfium

from extractors.metadata import parse_date
from extractors.readers.base import RawText
from graph.errors import ExtractionError

MIN_TEXT_CHARS = 20
"""Fewer letters or digits than this in the whole text layer means no text layer."""


@functools.cache
def _junk_title() -> re.Pattern[str]:
    """A PDF Title field that is no title (``junk_pdf_title`` in ``metadata.yaml``)."""
    # imported here: the rule files live in the rules package, which imports the readers' modules
    from extractors.rules.patterns import load_rules

    return load_rules("metadata").regex("junk_pdf_title")


_PASSWORD_ERROR = 4
"""PDFium's error code for a document that needs a password."""
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?")


def read_pdf(data: bytes) -> RawText:
    """Read a PDF's text layer (see the module notes).

    Raises:
        ExtractionError: the PDF is encrypted with a password, corrupt, or
            has no text layer.
    """
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == _PASSWORD_ERROR:
            raise ExtractionError("encrypted PDF: a password is needed to read it") from e
        msg = f"corrupt PDF: {_reason(e)}"
        raise ExtractionError(msg) from e
    except (ValueError, TypeError, OSError) as e:
        msg = f"corrupt PDF: {_reason(e)}"
        raise ExtractionError(msg) from e
    try:
        return _read(doc)
    finally:
        doc.close()


def _read(doc: pdfium.PdfDocument) -> RawText:
    page_count = len(doc)
    if page_count == 0:
        raise ExtractionError("corrupt PDF: it has no pages")
    raw_pages: list[str] = []
    failed: list[str] = []
    for number in range(1, page_count + 1):
        try:
            page = doc[number - 1]
            textpage = page.get_textpage()
            raw_pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        except (pdfium.PdfiumError, ValueError, TypeError, OSError, MemoryError) as e:
            raw_pages.append("")
            failed.append(f"{number} ({_reason(e)})")
    if sum(ch.isalnum() for page_text in raw_pages for ch in page_text) < MIN_TEXT_CHARS:
        if failed and len(failed) == page_count:
            msg = f"corrupt PDF: no page could be read ({failed[0]})"
            raise ExtractionError(msg)
        raise ExtractionError("no text layer (scanned?): the PDF holds no extractable text; run OCR first")

    raw = RawText(text="\f".join(raw_pages), media_type="application/pdf")
    raw.metadata["page_count"] = str(page_count)
    raw.metadata["offset_source"] = "PDF text layer (PDFium), pages joined by form feeds"
    if failed:
        raw.metadata["failed_pages"] = "; ".join(failed)
    _info(doc, raw)
    return raw


def _reason(e: BaseException) -> str:
    text = str(e).strip() or type(e).__name__
    return text[:200]


def _info(doc: pdfium.PdfDocument, raw: RawText) -> None:
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except (pdfium.PdfiumError, ValueError, TypeError, UnicodeDecodeError) as e:
        raw.metadata["info_error"] = _reason(e)
        return
    title = info.get("Title")
    if isinstance(title, str) and title.strip() and not _junk_title().match(title.strip()):
        raw.title = " ".join(title.split())
    author = info.get("Author")
    if isinstance(author, str) and author.strip():
        raw.metadata["author"] = " ".join(author.split())
    created = _pdf_date(info.get("CreationDate"))
    if created is not None:
        raw.metadata["pdf_created"] = created.isoformat()
    subject = info.get("Subject")
    if isinstance(subject, str) and (found := parse_date(subject)) is not None:
        raw.metadata["pdf_subject_date"] = found.isoformat()


def _pdf_date(value: object) -> dt.date | None:
    """A PDF date string ("D:20240131120000Z") as a date."""
    if not isinstance(value, str):
        return None
    m = _PDF_DATE.match(value.strip())
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None
