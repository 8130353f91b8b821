"""Sniffing what a file is, and decoding its bytes without guessing silently.

The format comes from the content first (``%PDF-`` magic, HTML markup, known
binary signatures, NUL bytes) and from the file name's extension second. Text
is decoded as follows:

1. a byte-order mark decides (UTF-8, UTF-16 or UTF-32);
2. otherwise a declared charset (HTML ``<meta charset>``) is used if it
   decodes the bytes cleanly;
3. otherwise valid UTF-8 is UTF-8;
4. bytes that are *mostly* UTF-8 but contain invalid sequences are reported as
   invalid UTF-8 (a damaged file, not a legacy encoding);
5. otherwise ``charset-normalizer`` proposes encodings. The reader accepts its
   answer when the plausible candidates (mess ratio close to the best) agree
   on the decoded text, or when they disagree but one of them reads it as
   Windows-1252 does (see :data:`PREFERRED_WESTERN`); otherwise it raises
   :class:`~graph.errors.ExtractionError` naming the best guesses, so
   that the user can pass ``encoding=``. The encoding used is recorded on the
   document.
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum
from typing import NamedTuple

from graph.errors import ExtractionError

SNIFF_BYTES = 8192
"""How much of the start of a file the sniffers look at."""

DETECT_SAMPLE_BYTES = 256 * 1024
"""How much of a legacy-encoded file the encoding detector reads."""

UTF8_DAMAGE_SHARE = 0.4
"""Bytes that are mostly valid UTF-8 (at most this share of non-ASCII bytes invalid) are damaged UTF-8.

Legacy multi-byte encodings (EUC-KR, Shift-JIS, GB18030) leave about two thirds
of their non-ASCII bytes invalid as UTF-8, single-byte ones nearly all."""

MAX_CHAOS = 0.2
"""Highest charset-normalizer mess ratio accepted for a detected encoding."""

CANDIDATE_MARGIN = 0.05
"""Candidates whose mess ratio is this close to the best one count as plausible."""

MIN_EVIDENCE_BYTES = 16
"""With fewer non-ASCII bytes than this, only the Windows-1252 reading is trusted."""

PREFERRED_WESTERN = "cp1252"
"""When plausible candidates disagree and one of them reads the text exactly as
Windows-1252 does, Windows-1252 is chosen: it is by far the most common legacy
encoding of English-language documents. The choice is recorded (the document's
``encoding``), never made when Windows-1252 cannot decode the bytes or reads
them differently from every plausible candidate."""


class Format(StrEnum):
    """What a reader can read."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"


MEDIA_TYPES: dict[Format, str] = {
    Format.TEXT: "text/plain",
    Format.HTML: "text/html",
    Format.PDF: "application/pdf",
}

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document such as .docx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (.doc/.xls)"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 file"),
)

_HTML_SNIFF = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|p|div|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:p|div|h[1-6]|br|article|section|span|a\s)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL_BYTES = bytes(sorted(set(range(0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x1B)) | set(range(0x1C, 0x20))))


class BinaryFileError(ExtractionError):
    """The file is not text, HTML or PDF."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a byte-order mark and the mark's length, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the sample looks like BOM-less UTF-16 ASCII text."""
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = min(len(even), len(odd))
    if odd[:n].count(0) >= 0.9 * n and even[:n].count(0) <= 0.05 * n:
        return "utf-16-le"
    if even[:n].count(0) >= 0.9 * n and odd[:n].count(0) <= 0.05 * n:
        return "utf-16-be"
    return None


def sniff_format(data: bytes, suffix: str = "") -> Format:
    """Decide which reader handles ``data``.

    Args:
        data: the file's bytes (or at least its first :data:`SNIFF_BYTES`).
        suffix: the file name's extension, lower case, with the dot.

    Raises:
        ExtractionError: the file is empty, binary, or claims to be a PDF
            without being one.
    """
    if not data:
        raise ExtractionError("empty file")
    head = data[:SNIFF_BYTES]
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return Format.PDF
    if suffix in PDF_SUFFIXES:
        raise ExtractionError("corrupt PDF: the file has a .pdf name but no %PDF header")
    bom = bom_encoding(head)
    if bom is None:
        for magic, what in _MAGIC:
            if head.startswith(magic):
                msg = f"binary file, not text/HTML/PDF (it looks like {what})"
                raise BinaryFileError(msg)
        if b"\x00" in head and _utf16_without_bom(head) is None:
            raise BinaryFileError("binary file, not text/HTML/PDF (it contains NUL bytes)")
        if b"\x00" not in head:
            controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
            if controls > 0.05 * len(head):
                raise BinaryFileError("binary file, not text/HTML/PDF (too many control bytes)")
    text_head = head
    if bom is not None or b"\x00" in head:
        encoding = bom[0] if bom else (_utf16_without_bom(head) or "utf-16-le")
        text_head = head.decode(encoding, errors="ignore").encode("utf-8", errors="ignore")
    text_head = text_head.removeprefix(codecs.BOM_UTF8)
    if _HTML_SNIFF.match(text_head):
        return Format.HTML
    if suffix in HTML_SUFFIXES and _HTML_TAGS.search(text_head):
        return Format.HTML
    return Format.TEXT


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first bytes, if any."""
    head = data[:SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="ignore").strip().lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class Decoded(NamedTuple):
    """Decoded text, the encoding used and how it was chosen."""

    text: str
    encoding: str
    how: str
    """``user``, ``byte-order mark``, ``declared``, ``utf-8``, ``utf-16 pattern``, ``detected`` or
    ``detected: windows-1252 preferred over ...``."""


def decode_bytes(data: bytes, *, declared: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes; return ``(text, encoding)`` (see :func:`decode`)."""
    decoded = decode(data, declared=declared, encoding=encoding)
    return decoded.text, decoded.encoding


def decode(data: bytes, *, declared: str | None = None, encoding: str | None = None) -> Decoded:
    """Decode a text or HTML file's bytes; return ``(text, encoding)``.

    The byte-order mark, if any, is not part of the returned text.

    Args:
        data: the bytes.
        declared: a charset the document declares (used if it decodes cleanly).
        encoding: an encoding the user insists on (no detection).

    Raises:
        ExtractionError: the user's encoding fails, the bytes are damaged
            UTF-8, or the encoding cannot be detected with confidence.
    """
    if encoding:
        try:
            return Decoded(data.decode(encoding), codecs.lookup(encoding).name, "user")
        except LookupError as e:
            msg = f"unknown encoding {encoding!r}"
            raise ExtractionError(msg) from e
        except UnicodeDecodeError as e:
            msg = f"the file is not valid {encoding}: {e.reason} at byte {e.start}"
            raise ExtractionError(msg) from e
    bom = bom_encoding(data)
    if bom is not None:
        name, size = bom
        try:
            return Decoded(data[size:].decode(name), name, "byte-order mark")
        except UnicodeDecodeError as e:
            msg = f"the file starts with a {name} byte-order mark but is not valid {name} at byte {e.start + size}"
            raise ExtractionError(msg) from e
    if b"\x00" in data[:SNIFF_BYTES]:
        guess = _utf16_without_bom(data[:SNIFF_BYTES])
        if guess is not None:
            try:
                return Decoded(data.decode(guess), guess, "utf-16 pattern")
            except UnicodeDecodeError as e:
                msg = f"the file looks like {guess} without a byte-order mark but does not decode"
                raise ExtractionError(msg) from e
    if declared:
        try:
            return Decoded(data.decode(declared), declared, "declared")
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    if _has_valid_utf8_multibyte(data):
        msg = (
            f"invalid UTF-8 at byte {utf8_error.start} ({utf8_error.reason}); the file mixes UTF-8 with other "
            "bytes, so it is damaged or mixes encodings (pass an explicit encoding to read it anyway)"
        )
        raise ExtractionError(msg) from utf8_error
    return _detect(data)


def _has_valid_utf8_multibyte(data: bytes) -> bool:
    """True when most non-ASCII bytes form well-formed UTF-8: damaged UTF-8, not a legacy encoding."""
    sample = data[:DETECT_SAMPLE_BYTES]
    high = sum(1 for b in sample if b >= 0x80)
    if high == 0:
        return False
    decoded = sample.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - sample.decode("utf-8", errors="ignore").count("\ufffd")
    valid_chars = sum(1 for ch in decoded if ord(ch) >= 0x80 and ch != "\ufffd")
    return valid_chars >= 2 and bad <= UTF8_DAMAGE_SHARE * high


def _detect(data: bytes) -> Decoded:
    import charset_normalizer  # only text that is not UTF-8 needs it (0.04 s to import): not at start-up

    sample = data[:DETECT_SAMPLE_BYTES]
    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        raise ExtractionError("unknown encoding: the bytes are not UTF-8 and no known encoding fits them")
    best = matches[0]
    guesses = ", ".join(m.encoding for m in matches[:4])
    if best.chaos > MAX_CHAOS:
        msg = f"encoding not detected with confidence (not UTF-8; best guesses: {guesses}); pass an explicit encoding"
        raise ExtractionError(msg)
    plausible = [m for m in matches if m.chaos <= best.chaos + CANDIDATE_MARGIN][:8]
    readings = {_decode_or_none(sample, m.encoding) for m in plausible}
    readings.discard(None)
    name = codecs.lookup(best.encoding).name
    how = "detected"
    scarce = sum(1 for b in sample if b >= 0x80) < MIN_EVIDENCE_BYTES
    if len(readings) > 1 or scarce:
        western = _decode_or_none(sample, PREFERRED_WESTERN, strict=True)
        if western is None or western not in readings:
            names = ", ".join(m.encoding for m in plausible[:4])
            why = "too few non-ASCII bytes to tell" if scarce else "the likely encodings read the text differently"
            msg = f"encoding not detected with confidence: {why} (best guesses: {names}); pass an explicit encoding"
            raise ExtractionError(msg)
        name = PREFERRED_WESTERN
        how = "detected: windows-1252 preferred over " + ", ".join(
            m.encoding for m in plausible if _decode_or_none(sample, m.encoding) != western
        )
    try:
        return Decoded(data.decode(name), name, how)
    except UnicodeDecodeError as e:
        msg = (
            f"encoding detected as {name} on the start of the file, but byte {e.start} does not fit it; "
            "pass an explicit encoding"
        )
        raise ExtractionError(msg) from e


def _decode_or_none(sample: bytes, encoding: str, *, strict: bool = False) -> str | None:
    try:
        # A multi-byte encoding may cut the sample's last character.
        return sample.decode(encoding, errors="strict" if strict else "ignore")[:-2]
    except (LookupError, UnicodeDecodeError):
        return None
