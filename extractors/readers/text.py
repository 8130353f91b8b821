"""Plain-text reader: decoding only; normalisation is shared (:mod:`.normalize`)."""

from __future__ import annotations

from extractors.readers.base import RawText
from extractors.readers.detect import decode


def read_text(data: bytes, *, encoding: str | None = None) -> RawText:
    """Decode a plain-text file (see :func:`extractors.readers.detect.decode`).

    Offsets of the result are character offsets of the decoded file, the
    byte-order mark excluded.

    Raises:
        ExtractionError: the encoding cannot be determined with confidence.
    """
    decoded = decode(data, encoding=encoding)
    return RawText(
        text=decoded.text,
        media_type="text/plain",
        encoding=decoded.encoding,
        metadata={"encoding_source": decoded.how},
    )
