"""Text normalisation shared by every reader, with an exact offset map.

What the normaliser changes (and nothing else):

* line breaks: ``\\r\\n``, ``\\r``, vertical tab, NEL, U+2028 and U+2029
  become ``\\n``; a run of line breaks with only spaces between them becomes
  one blank line (``\\n\\n``); a run holding form feeds (page breaks)
  becomes those form feeds alone, which the layout step reads as page
  boundaries (:mod:`extractors.readers.layout`);
* spaces: spaces and tabs at the start and end of lines are removed; a run
  of spaces, tabs or other Unicode spaces (no-break, thin, ideographic ...)
  inside a line becomes one ordinary space;
* control characters (C0 and C1, such as a BEL after a paragraph number)
  count as spaces; invisible characters (zero-width spaces and joiners, word
  joiners, soft hyphens, stray byte-order marks) are removed; U+FFFE, with
  which PDFium marks a word hyphenated at a line's end, is left for the layout
  step, which knows compound words;
* Unicode is put in NFC form (composed accents);
* curly single and double quotes (and primes) become ``'`` and ``"``, so that
  patterns need one spelling of "Leaders' statement". Dashes, ellipses and
  every other character stay as they are.

The result's :class:`~extractors.document.OffsetMap` maps every span of the
normalised text to the span of the input that produced it (see
:meth:`~extractors.document.OffsetMap.span`). The work is a handful of
regular-expression passes: linear in the input size.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.document import OffsetMap

_SPACES = " \\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_OTHER_SPACES = "\\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_BREAK_CHARS = "\\n\\r\\x0b\\x0c\\x85\u2028\u2029"
_CONTROL = "\\x00-\\x08\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f"
_ZERO_WIDTH = "\u00ad\u200b-\u200d\u2060\ufeff"
_INVISIBLE = _CONTROL + _ZERO_WIDTH
_RUN = re.compile(
    f"[{_SPACES}{_BREAK_CHARS}{_INVISIBLE}](?:[{_SPACES}{_BREAK_CHARS}{_INVISIBLE}]+|(?<=[{_OTHER_SPACES}{_BREAK_CHARS}{_INVISIBLE}]))"
)
"""Runs of white space and invisible characters (a lone ordinary space is never touched): two or
more of them, or one that is not an ordinary space. Written to open with one character class
(rather than as an alternation of the two cases), which lets the regex engine skip to the next
candidate character in C: the scan of a text takes half the time."""
_BREAKS = re.compile(f"\\r\\n|[{_BREAK_CHARS}]")
_SPACE_LIKE = re.compile(f"[{_SPACES}{_CONTROL}]")
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

    >>> text, omap = normalise("  Hello,\\r\\n\\r\\n\\r\\n\u201cworld\u201d\\u00a0\\u00a0again ")
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
        if "\f" in found:
            replacement = "\f" * found.count("\f")
        elif start == 0 or end == size:
            replacement = ""
        elif "\n" in found or _BREAKS.search(found):
            replacement = "\n\n" if len(_BREAKS.findall(found)) > 1 else "\n"
        elif _SPACE_LIKE.search(found):
            replacement = " "
        else:
            replacement = ""
        if replacement == found:
            continue
        if start > last:
            out_len = _copy(raw, last, start, pieces, omap, out_len, check_nfc)
        pieces.append(replacement)
        omap.replace(out_len, start, len(replacement), end - start)
        out_len += len(replacement)
        last = end
    if last < size:
        out_len = _copy(raw, last, size, pieces, omap, out_len, check_nfc)
    text = _CURLY.sub(_straight, "".join(pieces))
    if text.startswith(" ") or text.endswith(" "):
        # a lone space at either end is not a run; trim it
        lead = len(text) - len(text.lstrip(" "))
        if lead:
            omap = _shift(omap, lead)
        text = text.strip(" ")
    return text, omap


def _shift(omap: OffsetMap, lead: int) -> OffsetMap:
    """The map of a text whose first ``lead`` characters were removed."""
    shifted = OffsetMap(src=[omap.to_source(lead)])
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
        omap.replace(out_len, start + match.start(), len(composed), len(run))
        out_len += len(composed)
        last = match.end()
    if last < len(segment):
        pieces.append(segment[last:])
        out_len += len(segment) - last
    return out_len
