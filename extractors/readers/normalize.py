"""Text normalisation shared by every reader, with an exact offset map.

What the normaliser changes (and nothing else):

* line breaks: ``\\r\\n``, ``\\r``, vertical tab, form feed, NEL, U+2028 and
  U+2029 become ``\\n``; a run of line breaks with only spaces between them
  becomes one blank line (``\\n\\n``);
* spaces: spaces and tabs at the start and end of lines are removed; a run
  of spaces, tabs or other Unicode spaces (no-break, thin, ideographic ...)
  inside a line becomes one ordinary space;
* invisible characters are removed: C0/C1 control characters other than the
  line breaks above, zero-width spaces and joiners, word joiners, soft
  hyphens and stray byte-order marks;
* Unicode is put in NFC form (composed accents);
* curly single and double quotes (and primes) become ``'`` and ``"``, so that
  patterns need one spelling of "Leaders' statement". Dashes, ellipses and
  every other character stay as they are.

After segmentation, :func:`extractors.segment.join_wrapped_lines` turns the
line breaks inside a paragraph into spaces (wrapped lines joined), so that a
phrase cut by a line end reads as one; that too keeps every offset.

The result's :class:`~extractors.document.OffsetMap` maps each offset of the
normalised text to the offset of the same character in the input string. The
work is a handful of regular-expression passes: linear in the input size.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from extractors.document import OffsetMap

_SPACES = " \\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_OTHER_SPACES = "\\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BREAK_CHARS = "\\n\\r\\x0b\\x0c\\x85\u2028\u2029"
_INVISIBLE = "\\x00-\\x08\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f\u00ad\u200b-\u200d\u2060\ufeff\ufffe"
_RUN = re.compile(f"[{_SPACES}{_BREAK_CHARS}{_INVISIBLE}]{{2,}}|[{_OTHER_SPACES}{_BREAK_CHARS}{_INVISIBLE}]")
"""Runs of white space and invisible characters (a lone ordinary space is never touched)."""
_BREAKS = re.compile(f"\\r\\n|[{_BREAK_CHARS}]")
_VISIBLE_SPACE = re.compile(f"[{_SPACES}]")
_NON_ASCII_RUN = re.compile(r".?[^\x00-\x7f]+", re.DOTALL)

QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
"""One-to-one quote replacements (they never change offsets)."""

_CURLY = re.compile("[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033]")


def _straight(match: re.Match[str]) -> str:
    return match.group().translate(QUOTES)


def normalise(raw: str) -> tuple[str, OffsetMap]:
    """Normalise ``raw`` (see the module notes); return the text and its offset map.

    >>> text, omap = normalise("  Hello,\\r\\n\\r\\n\\r\\n“world”\\u00a0\\u00a0again ")
    >>> text
    'Hello,\\n\\n"world" again'
    >>> omap.to_source(text.index("world"))
    15
    """
    check_nfc = not unicodedata.is_normalized("NFC", raw)
    pieces: list[str] = []
    omap = OffsetMap()
    out_len = 0
    last = 0
    size = len(raw)
    for match in _RUN.finditer(raw):
        found = match.group()
        start, end = match.span()
        if "\n" in found or _BREAKS.search(found):
            replacement = "\n\n" if len(_BREAKS.findall(found)) > 1 else "\n"
        elif _VISIBLE_SPACE.search(found):
            replacement = " "
        else:
            replacement = ""
        if start == 0 or end == size:
            replacement = ""
        if replacement == found:
            continue
        if start > last:
            out_len = _copy(raw, last, start, pieces, omap, out_len, check_nfc)
        pieces.append(replacement)
        out_len += len(replacement)
        omap.add(out_len, end)
        last = end
    if last < size:
        out_len = _copy(raw, last, size, pieces, omap, out_len, check_nfc)
    text = _CURLY.sub(_straight, "".join(pieces))
    if text.startswith(" ") or text.endswith(" "):
        # a lone space at either end is not a run; trim it (offsets shift at the start only)
        lead = len(text) - len(text.lstrip(" "))
        if lead:
            omap = _shift(omap, lead)
        text = text.strip(" ")
    return text, omap


def _shift(omap: OffsetMap, lead: int) -> OffsetMap:
    """The map of a text whose first ``lead`` characters were removed."""
    shifted = OffsetMap()
    shifted.src[0] = omap.to_source(lead)
    for norm, src in zip(omap.norm, omap.src, strict=True):
        if norm > lead:
            shifted.add(norm - lead, src)
    return shifted


def _copy(raw: str, start: int, end: int, pieces: list[str], omap: OffsetMap, out_len: int, check_nfc: bool) -> int:
    """Append ``raw[start:end]`` (NFC-composed if needed); return the new output length."""
    segment = raw[start:end]
    if not check_nfc or unicodedata.is_normalized("NFC", segment):
        pieces.append(segment)
        return out_len + len(segment)
    last = 0
    for match in _NON_ASCII_RUN.finditer(segment):
        run = match.group()
        composed = unicodedata.normalize("NFC", run)
        if composed == run:
            continue
        if match.start() > last:
            pieces.append(segment[last : match.start()])
            out_len += match.start() - last
        pieces.append(composed)
        out_len += len(composed)
        omap.add(out_len, start + match.end())
        last = match.end()
    if last < len(segment):
        pieces.append(segment[last:])
        out_len += len(segment) - last
    return out_len


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map of ``inner.to_source(outer.to_source(x))`` as one :class:`OffsetMap`.

    ``outer`` maps the final text to an intermediate text and ``inner`` maps
    the intermediate text to the source.
    """
    points = set(outer.norm)
    for mid in inner.norm:
        i = max(bisect.bisect_right(outer.src, mid) - 1, 0)
        points.add(outer.norm[i] + (mid - outer.src[i]))
    result = OffsetMap()
    for point in sorted(points):
        if point >= 0:
            result.add(point, inner.to_source(outer.to_source(point)))
    return result


def to_normalised(omap: OffsetMap, src_offset: int) -> int:
    """The normalised offset whose source is ``src_offset`` (the first one if several)."""
    i = max(bisect.bisect_right(omap.src, src_offset) - 1, 0)
    value = omap.norm[i] + (src_offset - omap.src[i])
    if i + 1 < len(omap.norm):
        value = min(value, omap.norm[i + 1])
    return max(value, 0)
