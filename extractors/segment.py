"""Segmentation of normalised text into paragraphs and sentences.

Paragraphs
    Blank lines always separate paragraphs. Inside a block of consecutive
    lines, the block is either *hard-wrapped* prose (most lines reach close to
    the block's widest line, as in e-mailed or typed communiqués and in PDF
    text layers) or a list of one-line paragraphs (headings, a date line, a
    place line). Wrapped lines are joined into one paragraph; a short line, a
    numbered line ("3.", "3)") or a bulleted line starts a new one.

    A paragraph that opens with a number ("1.", "12)") in increasing order is
    a *numbered* communiqué paragraph: :attr:`Paragraph.number` is that
    number and :attr:`Paragraph.numbered` is True. Other paragraphs are
    numbered by their position in the document.

Sentences
    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis, after optional
    closing quotes or brackets, followed by white space and a character that
    is not a lower-case letter. The period of an abbreviation does not end a
    sentence: titles ("Gen.", "Amb.", "Dr."), dotted acronyms ("U.S.", "D.C.",
    "R.O.K."), initials ("John F. Kennedy"), "No. 5", "Art. 3", month names
    before a day ("Oct. 30"). A dotted acronym does end a sentence when the next
    word is a common sentence opener ("... with the U.S. The Minister ...").

Everything is regular-expression driven and linear in the text size.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from extractors.document import Paragraph, SourceDocument, Span
from extractors.metadata import FULL_DATE


def _words(text: str) -> list[str]:
    """The space-separated words of a word list."""
    return text.split()


_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
_NUMBERED = re.compile(r"(\d{1,3})[.)](?:\s+|$)(?=\S|$)")
_BULLET = re.compile(r"(?:[-*\u2022\u2023\u25aa\u25cf\u2013\u2014]|\(?[a-z]\)|\(\d{1,3}\))\s")
_NUMBER_PREFIX = re.compile(r"\(?\d{1,3}[.)]\s+")

WRAP_MAX_WIDTH = 110
"""Widest line (characters) a hard-wrapped block may have."""

DATE_LINE_MAX = 70
"""Longest line treated as a heading's date line (a paragraph of its own)."""

WRAP_SHORT_RATIO = 0.7
"""A line shorter than this share of the block's widest line ends a paragraph."""

_CANDIDATE = re.compile(r"(?:\.\.\.|\u2026|[.!?]+)[\"')\]\u201d\u2019]*(?=\s+\S)")
_FOLLOW = re.compile(r"\s+([\"'(\[\u201c\u2018]*)(\S)")
_NEXT_WORD = re.compile(r"\s+[\"'(\[]*([A-Za-z]+)")

TITLE_ABBREVIATIONS = frozenset(
    _words(
        "mr mrs ms messrs dr prof gen lt col maj capt cpt adm amb sen rep gov pres sgt cmdr cdr brig hon rev "
        "st vs cf approx dept univ e.g i.e sec secs gens adms lt.gen lt.col maj.gen rear mt ft jr sr"
    )
)
"""Abbreviations that never end a sentence."""

NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "vols", "art", "arts", "para", "paras", "fig", "p", "pp", "ch"})
"""Abbreviations that do not end a sentence when a number follows ("No. 5")."""

MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
"""Month abbreviations: no sentence end before a day number ("Oct. 30")."""

SENTENCE_OPENERS = frozenset(
    _words(
        "the this these that those it its they we he she both in on at as but however meanwhile also a an "
        "there such while after since moreover furthermore additionally i our their his her during when"
    )
)
"""Words that, capitalised after a dotted acronym, start a new sentence."""

_ENUMERATOR = re.compile(r"\(?(?:\d+|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
_TOKEN_TAIL = re.compile(r"[-/\u2013\u2014\"'(\[\u201c\u2018]")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL = re.compile(r"[A-Z]")


def split_paragraphs(text: str, pages: list[int] | None = None) -> list[Paragraph]:
    """Paragraphs of a normalised text (see the module notes).

    Args:
        text: normalised text (lines without edge spaces, blank lines ``\\n\\n``).
        pages: start offsets of PDF pages, to set :attr:`Paragraph.page`.

    >>> [(p.number, p.numbered) for p in split_paragraphs("JOINT COMMUNIQUE\\n\\n1. One.\\n\\n2. Two.")]
    [(1, False), (1, True), (2, True)]
    """
    spans: list[tuple[int, int]] = []
    pending: int | None = None
    for block in _BLOCK.finditer(text):
        for start, end in _split_block(text, block.start(), block.end()):
            if pending is not None:
                start, pending = pending, None
            if _ENUMERATOR.fullmatch(text, start, end):
                pending = start  # a number alone: it belongs to the next paragraph
                continue
            spans.append((start, end))
    if pending is not None:
        spans.append((pending, len(text.rstrip())))
    paragraphs: list[Paragraph] = []
    last_number: int | None = None
    for position, (start, end) in enumerate(spans, start=1):
        number, numbered = position, False
        match = _NUMBERED.match(text, start, end)
        if match is not None:
            value = int(match.group(1))
            if value > 0 and (last_number is None or value > last_number):
                number, numbered, last_number = value, True, value
        page = bisect.bisect_right(pages, start) if pages else None
        paragraphs.append(Paragraph(number=number, start=start, end=end, page=page, numbered=numbered))
    return paragraphs


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if text.find("\n", start, end) < 0:
        return [(start, end)]
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    breaks = line_breaks([text[s:e] for s, e in lines])
    out: list[tuple[int, int]] = []
    para_start = lines[0][0]
    for i, brk in enumerate(breaks):
        if brk:
            out.append((para_start, lines[i][1]))
            para_start = lines[i + 1][0]
    out.append((para_start, lines[-1][1]))
    return out


def line_breaks(lines: Sequence[str]) -> list[bool]:
    """For consecutive non-empty lines, whether a paragraph ends after each line but the last.

    Readers use it to join the wrapped lines of PDF text layers.

    >>> line_breaks(["JOINT COMMUNIQUE", "1. The Minister and the Secretary met in Seoul on",
    ...              "October 28 and reviewed the security situation on", "the Peninsula."])
    [True, False, False]
    """
    if len(lines) < 2:
        return []
    widths = [len(line) for line in lines]
    widest = max(widths)
    body = widths[:-1]
    wrapped = widest <= WRAP_MAX_WIDTH and sum(1 for w in body if w >= WRAP_SHORT_RATIO * widest) >= 0.6 * len(body)
    out: list[bool] = []
    for i in range(len(lines) - 1):
        line, following = lines[i], lines[i + 1]
        if _ENUMERATOR.fullmatch(line):
            out.append(False)  # "3." alone on its line opens the paragraph below it
        elif _starts_paragraph(following) or _is_date_line(line):
            out.append(True)
        elif following[:1].islower() or line[-1:] in ("-", ","):
            out.append(False)
        elif not wrapped:
            out.append(True)
        elif len(line) >= WRAP_SHORT_RATIO * widest:
            out.append(False)
        else:
            out.append(line[-1:] != ";")
    return out


def join_wrapped_lines(text: str, paragraphs: list[Paragraph]) -> str:
    """``text`` with the line breaks inside each paragraph turned into spaces.

    Offsets do not change (one character for one), so the paragraphs stay valid.

    >>> t = "Title\\n\\nThe Minister\\nand the Secretary met."
    >>> join_wrapped_lines(t, split_paragraphs(t))
    'Title\\n\\nThe Minister and the Secretary met.'
    """
    pieces: list[str] = []
    last = 0
    for paragraph in paragraphs:
        if text.find("\n", paragraph.start, paragraph.end) < 0:
            continue
        pieces.append(text[last : paragraph.start])
        pieces.append(text[paragraph.start : paragraph.end].replace("\n", " "))
        last = paragraph.end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _starts_paragraph(line: str) -> bool:
    """A numbered, bulleted or date line always opens a paragraph."""
    return bool(_NUMBERED.match(line) or _BULLET.match(line)) or _is_date_line(line)


def _is_date_line(line: str) -> bool:
    """A short line that carries a full date: a dateline of a heading ("Seoul, May 28, 1968")."""
    return len(line) <= DATE_LINE_MAX and not line.endswith(".") and FULL_DATE.search(line) is not None


def paragraph_body(text: str, paragraph: Paragraph) -> Span:
    """The paragraph's span without its leading number ("3. ")."""
    start = paragraph.start
    if paragraph.numbered:
        match = _NUMBER_PREFIX.match(text, start, paragraph.end)
        if match is not None:
            start = match.end()
    return Span(start, paragraph.end)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` as spans of ``text`` (see the module notes).

    >>> t = "Gen. Kim met the U.S. delegation in Washington, D.C. on Oct. 30. The talks went well."
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Gen. Kim met the U.S. delegation in Washington, D.C. on Oct. 30.', 'The talks went well.']
    """
    stop = len(text) if end is None else end
    spans: list[Span] = []
    sentence_start = _skip_space(text, start, stop)
    for match in _CANDIDATE.finditer(text, sentence_start, stop):
        boundary = match.end()
        if boundary <= sentence_start or not _ends_sentence(text, match.start(), boundary, stop):
            continue
        if _ENUMERATOR.fullmatch(text, sentence_start, boundary):
            continue  # "1." or "(a)" opening a paragraph is not a sentence
        spans.append(Span(sentence_start, boundary))
        sentence_start = _skip_space(text, boundary, stop)
    if sentence_start < stop:
        tail_end = stop
        while tail_end > sentence_start and text[tail_end - 1].isspace():
            tail_end -= 1
        if tail_end > sentence_start:
            spans.append(Span(sentence_start, tail_end))
    return spans


def _skip_space(text: str, pos: int, stop: int) -> int:
    while pos < stop and text[pos].isspace():
        pos += 1
    return pos


def _ends_sentence(text: str, punct_start: int, boundary: int, stop: int) -> bool:
    follow = _FOLLOW.match(text, boundary, stop)
    if follow is None:
        return False
    first = follow.group(2)
    if first.islower() or first in ",;:)]}":
        return False
    if text[punct_start] != ".":
        return True
    if text.startswith("..", punct_start):
        return True
    lo = max(0, punct_start - 40)
    cut = max(text.rfind(" ", lo, punct_start), text.rfind("\n", lo, punct_start))
    token = text[cut + 1 if cut >= 0 else lo : punct_start]
    if not token:
        return True
    if not token.isalpha():
        token = _TOKEN_TAIL.split(token)[-1]
    lower = token.lower()
    next_is_digit = first.isdigit()
    if lower in TITLE_ABBREVIATIONS:
        return False
    if next_is_digit and (lower in NUMBER_ABBREVIATIONS or lower in MONTH_ABBREVIATIONS):
        return False
    if _ACRONYM.fullmatch(token) or _INITIAL.fullmatch(token):
        word = _NEXT_WORD.match(text, boundary, stop)
        return word is not None and word.group(1).lower() in SENTENCE_OPENERS
    return True


def segment(doc: SourceDocument) -> SourceDocument:
    """Fill ``doc.paragraphs`` from its text and pages; return the document."""
    doc.paragraphs = split_paragraphs(doc.text, doc.pages or None)
    return doc


def iter_sentences(doc: SourceDocument) -> Iterator[tuple[Paragraph, Span]]:
    """Every sentence of the document with its paragraph, in text order.

    A numbered paragraph's number ("3.") is not part of its first sentence.
    """
    for paragraph in doc.paragraphs:
        body = paragraph_body(doc.text, paragraph)
        for span in split_sentences(doc.text, body.start, body.end):
            yield paragraph, span
