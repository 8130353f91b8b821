"""Paragraphs and sentences for the rules.

The reader normally fills :attr:`SourceDocument.paragraphs`; when it did not,
blank lines separate paragraphs. Sentences are split inside paragraphs with
one compiled pattern that knows the abbreviations of the genre ("U.S.",
"D.C.", "Gen.", "Amb."), so "the U.S. commitment" stays one sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from extractors.document import Paragraph, SourceDocument

_PARAGRAPH_NUMBER = re.compile(r"(\d{1,3})[.)]\s")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREV_TAIL = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}[A-Z]?|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Adm|Amb|Sen|Rep|Gov|Prof|St|No|Nos|Vol|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|Jr|Sr|vs|etc|e\.g|i\.e|approx|Art)\.)$"
)
_LEAD_NUMBER = re.compile(r"\s*(?:\(?\d{1,3}[.)]|[IVXL]{1,6}\.|[a-z]\.|\([a-z]\))\s+")
_SENTENCE_STARTERS = re.compile(r"(?:The|This|These|Both|In|On|At|He|She|They|It|Its|We|Since|As|While)\b")


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span and the index of its paragraph in :func:`paragraphs` order."""

    start: int
    end: int
    paragraph: int


def paragraphs(doc: SourceDocument) -> list[Paragraph]:
    """The document's paragraphs; blank-line paragraphs when the reader gave none.

    A fallback paragraph that opens with "3." takes that number, as a
    numbered communiqué paragraph does.
    """
    if doc.paragraphs:
        return sorted(doc.paragraphs, key=lambda p: p.start)
    out: list[Paragraph] = []
    text = doc.text
    pos = 0
    for m in [*_BLANK_LINES.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            numbered = _PARAGRAPH_NUMBER.match(stripped)
            number = int(numbered.group(1)) if numbered else len(out) + 1
            out.append(Paragraph(number, start, start + len(stripped), numbered=numbered is not None))
        if m is not None:
            pos = m.end()
    return out


def _is_abbreviation(text: str, period: int) -> bool:
    head = text[max(0, period - 8) : period + 1]
    if not _ABBREV_TAIL.search(head):
        return False
    # "... with the U.S. The Minister ..." ends a sentence despite the abbreviation.
    return not _SENTENCE_STARTERS.match(text, period + 1 + (len(text[period + 1 :]) - len(text[period + 1 :].lstrip())))


def sentences(text: str, pars: list[Paragraph]) -> list[Sentence]:
    """Split each paragraph into sentences (spans trimmed of surrounding space).

    >>> from extractors.document import Paragraph
    >>> t = "The U.S. side agreed. Both sides met in Washington, D.C. on Monday."
    >>> [t[s.start:s.end] for s in sentences(t, [Paragraph(1, 0, len(t))])]
    ['The U.S. side agreed.', 'Both sides met in Washington, D.C. on Monday.']
    """
    out: list[Sentence] = []
    for index, par in enumerate(pars):
        start = par.start
        for m in _BOUNDARY.finditer(text, par.start, par.end):
            period = m.start()
            if text[period] == "." and (_is_abbreviation(text, period) or _LEAD_NUMBER.fullmatch(text, start, m.end())):
                continue
            end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
            _add(out, text, start, end, index)
            start = m.end()
        _add(out, text, start, par.end, index)
    return out


MAX_SENTENCE = 1500
"""Longer "sentences" (lists, tables, text without punctuation) are cut at a
semicolon or a space so that per-sentence rules stay linear in the text."""


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(";", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut < 0:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut >= 0 else start + MAX_SENTENCE
        _add_one(out, text, start, cut, paragraph)
        start = cut
    _add_one(out, text, start, end, paragraph)


def _add_one(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    lead = _LEAD_NUMBER.match(text, start, end)
    if lead and (not out or out[-1].paragraph != paragraph):
        start = lead.end()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph))


class SentenceIndex:
    """Finds the sentence containing an offset (bisect over sentence starts)."""

    def __init__(self, items: list[Sentence]) -> None:
        self.items = items
        self._starts = [s.start for s in items]

    def at(self, offset: int) -> int | None:
        """Index of the sentence containing ``offset``, or None between sentences."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.items[i].end:
            return i
        return None
