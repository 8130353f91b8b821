"""Readers: files (plain text, HTML, PDF) to :class:`~extractors.document.SourceDocument`.

:func:`read_document` is the entry point. It checks the size limit, sniffs
the format from the content (and the extension), runs the format's reader
(which gives the document's text as read: the decoded file, the extracted
HTML text, the PDF text layer), normalises it
(:mod:`extractors.readers.normalize`), repairs its layout into the view the
rules read, with its paragraphs and pages (:mod:`extractors.readers.layout`),
and infers the title, issuing date and kind (:mod:`extractors.metadata`).
The view's offset map leads every span back to the text as read
(:class:`~extractors.document.SourceDocument`). A file saved by ``alliancekg fetch``
has a sidecar (:mod:`extractors.readers.sidecar`) that gives its source URL, its
retrieval time and the encoding checked when it was retrieved. Every failure is an
:class:`~graph.errors.ExtractionError` with a reason a user can act on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from extractors.document import SourceDocument
from extractors.metadata import infer
from extractors.readers.base import RawText
from extractors.readers.detect import MEDIA_TYPES, Format, sniff_format
from extractors.readers.layout import repair
from extractors.readers.normalize import normalise
from extractors.readers.sidecar import Sidecar, read_sidecar
from extractors.readers.text import read_text
from graph.errors import ExtractionError

__all__ = ["DEFAULT_MAX_BYTES", "Format", "apply_sidecar", "max_bytes_from_env", "read_bytes", "read_document"]

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""Largest file read by default (100 MB); ``ALLIANCEKG_MAX_FILE_MB`` changes it."""

MAX_SIZE_ENV = "ALLIANCEKG_MAX_FILE_MB"


def max_bytes_from_env() -> int:
    """The size limit: ``ALLIANCEKG_MAX_FILE_MB`` megabytes, else :data:`DEFAULT_MAX_BYTES`.

    Raises:
        ExtractionError: the variable is not a positive number.
    """
    value = os.environ.get(MAX_SIZE_ENV)
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(value)
    except ValueError as e:
        msg = f"{MAX_SIZE_ENV}={value!r} is not a number of megabytes"
        raise ExtractionError(msg) from e
    if megabytes <= 0:
        msg = f"{MAX_SIZE_ENV} must be positive, got {value!r}"
        raise ExtractionError(msg)
    return int(megabytes * 1024 * 1024)


def read_document(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int | None = None
) -> SourceDocument:
    """Read, normalise and segment one file.

    Args:
        path: a ``.txt``/``.html``/``.pdf`` file (the content decides the format).
        encoding: force a text encoding instead of detecting it.
        max_bytes: refuse larger files (default :func:`max_bytes_from_env`).

    Raises:
        ExtractionError: the file is missing, too large, empty, binary,
            undecodable, a corrupt/encrypted/scanned PDF.
    """
    file = Path(path)
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise ExtractionError("not a regular file")
        if size > limit:
            msg = (
                f"file too large: {size / 1048576:.1f} MB exceeds the {limit / 1048576:.0f} MB limit "
                f"(raise it with {MAX_SIZE_ENV})"
            )
            raise ExtractionError(msg)
        data = file.read_bytes()
    except FileNotFoundError as e:
        raise ExtractionError("no such file") from e
    except PermissionError as e:
        raise ExtractionError("permission denied") from e
    except IsADirectoryError as e:
        raise ExtractionError("not a regular file") from e
    except OSError as e:  # a symlink loop, an I/O error, a name too long ...
        msg = f"cannot read the file: {e.strerror or e}"
        raise ExtractionError(msg) from e
    meta = read_sidecar(file)
    if meta is not None and meta.sha256 and meta.sha256 != hashlib.sha256(data).hexdigest():
        meta = None  # it describes another version of the file
    if meta is None:
        return read_bytes(data, suffix=file.suffix.lower(), path=str(file), encoding=encoding)
    doc = read_bytes(
        data, suffix=file.suffix.lower(), path=str(file), encoding=encoding or meta.encoding, url=meta.url
    )
    return apply_sidecar(doc, meta)


def apply_sidecar(doc: SourceDocument, meta: Sidecar) -> SourceDocument:
    """Give a document what its fetch recorded: source URL, retrieval time, and title/date when it shows none."""
    if doc.source and doc.source != meta.url and doc.source != doc.path:
        doc.metadata.setdefault("canonical_url", doc.source)
    doc.source = meta.url
    doc.retrieved = meta.retrieved
    if doc.title is None and meta.title:
        doc.title = meta.title
    if doc.date is None and meta.date is not None:
        doc.date = meta.date
        doc.metadata["date_source"] = "fetch manifest"
    for key in ("source_id", "document", "language", "final_url"):
        value = getattr(meta, key)
        if value:
            doc.metadata[key] = str(value)
    return doc


def read_bytes(
    data: bytes,
    *,
    suffix: str = "",
    path: str | None = None,
    encoding: str | None = None,
    url: str | None = None,
) -> SourceDocument:
    """Like :func:`read_document` for bytes already in memory.

    Args:
        data: the file's bytes.
        suffix: the file name's extension (``.html``), a hint after the content.
        path: recorded as :attr:`SourceDocument.path` and default source.
        encoding: force a text encoding.
        url: where the bytes were fetched from (selects an HTML page's publisher rules).
    """
    fmt = sniff_format(data, suffix)
    raw: RawText
    if fmt is Format.PDF:
        from extractors.readers.pdf import read_pdf  # pypdfium2 is loaded for PDFs only

        raw = read_pdf(data)
    elif fmt is Format.HTML:
        from extractors.readers.html import read_html  # lxml, BeautifulSoup and the site rules for HTML only

        raw = read_html(data, encoding=encoding, url=url)
    else:
        raw = read_text(data, encoding=encoding)
    raw.media_type = MEDIA_TYPES[fmt]
    return build_document(raw, path=path, size=len(data))


def build_document(raw: RawText, *, path: str | None = None, size: int | None = None) -> SourceDocument:
    """Normalise and repair a reader's output into its view; infer its metadata.

    Raises:
        ExtractionError: no text is left after normalisation.
    """
    normal, nmap = normalise(raw.text)
    if not normal.strip():
        raise ExtractionError(
            "empty: the file holds no text" if raw.text.strip() == "" else "empty after normalisation"
        )
    layout = repair(normal)
    text = layout.text
    paragraphs = layout.paragraphs
    inferred = infer(text, paragraphs, title_hint=raw.title, date_hint=raw.date, html_article=raw.article)
    metadata = dict(raw.metadata)
    for key, value in inferred.notes.items():
        metadata.setdefault(key, value)
    for key, count in layout.notes.items():
        metadata[f"layout_{key}"] = str(count)
    metadata["reader"] = raw.media_type
    if size is not None:
        metadata["size_bytes"] = str(size)
    return SourceDocument(
        text=text,
        sha256=hashlib.sha256(normal.encode("utf-8", errors="surrogatepass")).hexdigest(),
        path=path,
        title=inferred.title,
        date=inferred.date,
        source=raw.source or path,
        kind=inferred.kind,
        media_type=raw.media_type,
        encoding=raw.encoding,
        paragraphs=paragraphs,
        offset_map=layout.omap.chained(nmap),
        pages=layout.pages,
        metadata=metadata,
        source_text=raw.text,
    )
